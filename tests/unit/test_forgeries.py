"""Forgeries found in review, kept as tests: each must be refused, none may crash the verifier."""

from __future__ import annotations

import datetime as dt

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs7

from treem_desktop.packets import PacketRejected, continuity
from treem_desktop.packets.build import PacketContent, packet_bytes
from treem_desktop.packets.verify import verify_packet_bytes
from treem_desktop.signing.key_change import (
    KeyChangeRejected,
    sign_key_change,
    statement_bytes,
    verify_key_change,
)
from treem_desktop.signing.keys import (
    CommuneIdentity,
    commune_subject,
    generate_key,
    self_signed_certificate,
)
from treem_desktop.signing.signers import KeySigner

MUONG_PHANG = CommuneIdentity("03325", "Xã Mường Phăng", "11", "Điện Biên")
THANH_MINH = CommuneIdentity("03199", "Xã Thanh Minh", "11", "Điện Biên")
NOW = dt.datetime.now(dt.UTC)
VIETNAM = dt.timezone(dt.timedelta(hours=7))


def certificate(
    subject: x509.Name,
    public: ec.EllipticCurvePublicKey,
    issuer: x509.Name,
    issuer_key: ec.EllipticCurvePrivateKey,
    *,
    ca: bool,
) -> x509.Certificate:
    return (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(public)
        .serial_number(x509.random_serial_number())
        .not_valid_before(NOW - dt.timedelta(days=1))
        .not_valid_after(NOW + dt.timedelta(days=900))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .sign(issuer_key, hashes.SHA256())
    )


def test_a_key_change_to_a_ca_certificate_cannot_vouch_for_another_commune() -> None:
    """Whoever holds a commune's old key names a CA certificate with its codes as the "new
    key", issues a certificate for another commune with it and forges that commune's packet."""
    old_key = generate_key()
    old = self_signed_certificate(old_key, MUONG_PHANG)
    rogue_key = generate_key()
    name = commune_subject(MUONG_PHANG)
    rogue = certificate(name, rogue_key.public_key(), name, rogue_key, ca=True)
    statement = statement_bytes(old, rogue, MUONG_PHANG, dt.datetime.now(VIETNAM), "")
    signature = sign_key_change(statement, old, old_key)
    with pytest.raises(KeyChangeRejected) as refused:
        verify_key_change(statement, signature, old)
    assert refused.value.code == "KEY_CHANGE_MALFORMED"

    victim_key = generate_key()
    victim = certificate(
        commune_subject(THANH_MINH), victim_key.public_key(), name, rogue_key, ca=False
    )
    files = {"data.json": b"{}\n", **continuity.packet_members([(statement, signature)])}
    forged, _ = packet_bytes(
        PacketContent(THANH_MINH, "evaluation", "2026", 1, files), KeySigner(victim, victim_key)
    )
    real_thanh_minh = self_signed_certificate(generate_key(), THANH_MINH)
    with pytest.raises(PacketRejected) as untrusted:
        verify_packet_bytes(forged, [old, real_thanh_minh])
    assert untrusted.value.code == "CMS_UNTRUSTED"


class _Carrying:
    """Signs with ``key`` and carries ``extra`` in the signature and signer.pem."""

    def __init__(
        self, signer: x509.Certificate, key: ec.EllipticCurvePrivateKey, extra: x509.Certificate
    ) -> None:
        self.certificates = (signer, extra)
        self.signer, self.key, self.extra = signer, key, extra

    def sign(self, content: bytes) -> bytes:
        return (
            pkcs7.PKCS7SignatureBuilder()
            .set_data(content)
            .add_signer(self.signer, self.key, hashes.SHA256())
            .add_certificate(self.extra)
            .sign(
                serialization.Encoding.DER,
                [pkcs7.PKCS7Options.DetachedSignature, pkcs7.PKCS7Options.Binary],
            )
        )


def test_a_carried_ca_with_an_unknown_key_type_is_a_refusal_not_a_crash() -> None:
    ca_name = x509.Name([x509.NameAttribute(x509.NameOID.COMMON_NAME, "Fake CA")])
    ca_key = generate_key()
    der = certificate(ca_name, ca_key.public_key(), ca_name, ca_key, ca=True).public_bytes(
        serialization.Encoding.DER
    )
    ec_public_key = bytes.fromhex("06072a8648ce3d0201")  # id-ecPublicKey
    assert der.count(ec_public_key) == 1
    weird = x509.load_der_x509_certificate(
        der.replace(ec_public_key, bytes.fromhex("06072a8648ce3d0209"))  # not a key type
    )
    key = generate_key()
    leaf = certificate(commune_subject(THANH_MINH), key.public_key(), ca_name, ca_key, ca=False)
    packet, _ = packet_bytes(
        PacketContent(THANH_MINH, "evaluation", "2026", 1, {"data.json": b"{}\n"}),
        _Carrying(leaf, key, weird),
    )
    with pytest.raises(PacketRejected) as refused:
        verify_packet_bytes(packet, [self_signed_certificate(generate_key(), THANH_MINH)])
    assert refused.value.code == "CMS_UNTRUSTED"


@pytest.mark.parametrize(
    ("organisation", "claimed"),
    [
        # A UBND certificate of another commune claiming Mường Phăng's code under its own name.
        ("UBND xã Tân Lập", CommuneIdentity("03325", "Xã Tân Lập", "11", "Lai Châu")),
        # A cooperative of the same name is not the commune's People's Committee.
        ("Hợp tác xã Mường Phăng", CommuneIdentity("03325", "Xã Mường Phăng", "11", "Điện Biên")),
    ],
)
def test_a_ca_issued_certificate_must_name_the_committee_of_the_official_commune(
    organisation: str, claimed: CommuneIdentity
) -> None:
    root_name = x509.Name([x509.NameAttribute(x509.NameOID.COMMON_NAME, "Test Root CA")])
    root_key = generate_key()
    root = certificate(root_name, root_key.public_key(), root_name, root_key, ca=True)
    subject = x509.Name(
        [
            x509.NameAttribute(x509.NameOID.COMMON_NAME, "Nguyễn Văn A"),
            x509.NameAttribute(x509.NameOID.ORGANIZATION_NAME, organisation),
            x509.NameAttribute(x509.NameOID.STATE_OR_PROVINCE_NAME, claimed.province_name),
        ]
    )
    key = generate_key()
    leaf = certificate(subject, key.public_key(), root_name, root_key, ca=False)
    packet, _ = packet_bytes(
        PacketContent(claimed, "evaluation", "2026", 1, {"data.json": b"{}\n"}),
        KeySigner(leaf, key),
    )
    with pytest.raises(PacketRejected) as refused:
        verify_packet_bytes(packet, [root])
    assert refused.value.code == "PACKET_SIGNER_COMMUNE_MISMATCH"
