"""CA-issued certificates: do they name the commune, does a chain reach an anchor, anchors kept."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from treem_desktop.commune.trust_anchors import add_anchor, load_anchors
from treem_desktop.errors import TreemError
from treem_desktop.signing import CMS_CERT_EXPIRED, CMS_UNTRUSTED, SigningError
from treem_desktop.signing.cms import verify_detached
from treem_desktop.signing.cms_external import sign_detached_external
from treem_desktop.signing.commune_names import certificate_names_commune
from treem_desktop.signing.keys import fingerprint

NOW = dt.datetime.now(dt.UTC)


def name(**parts: str) -> x509.Name:
    oids = {"cn": NameOID.COMMON_NAME, "o": NameOID.ORGANIZATION_NAME,
            "ou": NameOID.ORGANIZATIONAL_UNIT_NAME, "st": NameOID.STATE_OR_PROVINCE_NAME,
            "l": NameOID.LOCALITY_NAME}  # fmt: skip
    return x509.Name([x509.NameAttribute(oids[k], v) for k, v in parts.items()])


def issue(
    subject: x509.Name,
    issuer: tuple[x509.Name, ec.EllipticCurvePrivateKey] | None = None,
    *,
    ca: bool = False,
    days: tuple[int, int] = (-1, 365),
) -> tuple[x509.Certificate, ec.EllipticCurvePrivateKey]:
    key = ec.generate_private_key(ec.SECP256R1())
    issuer_name, issuer_key = issuer or (subject, key)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(NOW + dt.timedelta(days=days[0]))
        .not_valid_after(NOW + dt.timedelta(days=days[1]))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .sign(issuer_key, hashes.SHA256())
    )
    return cert, key


@pytest.mark.parametrize(
    ("subject", "expected"),
    [
        (name(cn="Lò Văn Tâm", o="UBND xã Mường Phăng", st="Điện Biên"), True),
        (name(cn="UBND XÃ MƯỜNG PHĂNG", st="Tỉnh Điện Biên"), True),
        (name(cn="Lò Văn Tâm", ou="UBND xã Mường Phăng", l="Điện Biên"), True),
        (name(cn="Lò Văn Tâm", o="UBND xã Mương Phăng", st="Điện Biên"), False),  # diacritics
        (name(cn="Lò Văn Tâm", o="UBND xã Mường Phăng Mới", st="Điện Biên"), False),
        (name(cn="Lò Văn Tâm", o="UBND xã Mường Phăng", st="Lai Châu"), False),
        (name(cn="Lò Văn Tâm", st="Điện Biên"), False),
        (name(cn="UBND xã Mường Phăng, tỉnh Điện Biên"), True),
        (name(cn="Lò Văn Tâm", o="UBND xã Mường Phăng", l="TP. Điện Biên Phủ"), False),
        (name(cn="Lò Văn Tâm", o="UBND xã Bắc Mường Phăng", st="Điện Biên"), False),
        (name(cn="Lò Văn Tâm", o="Ủy ban nhân dân xã Mường Phăng", st="Điện Biên"), True),
        (name(cn="Lò Văn Tâm", o="Uỷ ban nhân dân xã Mường Phăng", st="Điện Biên"), True),
        # Found in review: other bodies of the same commune are not its People's Committee.
        (name(cn="Lò Văn Tâm", o="Hợp tác xã Mường Phăng", st="Điện Biên"), False),
        (name(cn="Trạm Y tế xã Mường Phăng", o="Trạm Y tế xã Mường Phăng", st="Điện Biên"), False),
        (name(cn="Trường THCS xã Mường Phăng", st="Điện Biên"), False),
        (name(cn="Công ty TNHH - Mường Phăng", l="Điện Biên"), False),
        (name(cn="Lò Văn Tâm", o="UBND xã Mường Phăng, tỉnh Sơn La", st="Sơn La"), False),
    ],
)
def test_a_ca_certificate_names_the_commune_by_its_words(
    subject: x509.Name, expected: bool
) -> None:
    cert, _ = issue(subject)
    assert certificate_names_commune(cert, "Xã Mường Phăng", "Tỉnh Điện Biên") is expected


def chain(depth: int) -> tuple[list[x509.Certificate], ec.EllipticCurvePrivateKey]:
    """root → depth-1 sub-CAs → signer; returns [signer, sub-CAs…, root] and the signer's key."""
    root_name = name(cn="Root")
    root, root_key = issue(root_name, ca=True)
    certificates = [root]
    issuer = (root_name, root_key)
    for level in range(depth - 1):
        sub_name = name(cn=f"Sub {level}")
        sub, sub_key = issue(sub_name, issuer, ca=True)
        certificates.insert(0, sub)
        issuer = (sub_name, sub_key)
    signer, signer_key = issue(name(cn="Lò Văn Tâm", o="UBND xã Mường Phăng"), issuer)
    return [signer, *certificates], signer_key


def sign(certificates: list[x509.Certificate], key: ec.EllipticCurvePrivateKey) -> bytes:
    return sign_detached_external(
        b"manifest",
        certificates,
        lambda attributes: key.sign(attributes, ec.ECDSA(hashes.SHA256())),
    )


@pytest.mark.parametrize("depth", [1, 2, 3])
def test_a_chain_through_carried_sub_cas_reaches_the_root(depth: int) -> None:
    certificates, key = chain(depth)
    root = certificates[-1]
    signature = sign(certificates[:-1], key)  # the root is not carried
    verified = verify_detached(b"manifest", signature, [root])
    assert verified.anchor == root and verified.signer == certificates[0]


def test_without_the_sub_ca_the_root_is_not_reached() -> None:
    certificates, key = chain(2)
    signature = sign(certificates[:1], key)
    with pytest.raises(SigningError) as refused:
        verify_detached(b"manifest", signature, [certificates[-1]])
    assert refused.value.code == CMS_UNTRUSTED
    verified = verify_detached(b"manifest", signature, [certificates[-1]], [certificates[1]])
    assert verified.anchor == certificates[-1]  # given apart (signer.pem), it is found


def test_an_end_entity_cannot_vouch_for_another() -> None:
    issuer_name = name(cn="Not a CA")
    fake_ca, fake_key = issue(issuer_name, ca=False)
    signer, key = issue(name(cn="Lò Văn Tâm"), (issuer_name, fake_key))
    with pytest.raises(SigningError) as refused:
        verify_detached(b"manifest", sign([signer], key), [fake_ca])
    assert refused.value.code == CMS_UNTRUSTED


def test_an_expired_sub_ca_fails_the_chain() -> None:
    root_name = name(cn="Root")
    root, root_key = issue(root_name, ca=True)
    sub_name = name(cn="Old sub")
    sub, sub_key = issue(sub_name, (root_name, root_key), ca=True, days=(-400, -10))
    signer, key = issue(name(cn="Lò Văn Tâm"), (sub_name, sub_key))
    with pytest.raises(SigningError) as refused:
        verify_detached(b"manifest", sign([signer, sub], key), [root])
    assert refused.value.code == CMS_CERT_EXPIRED


def pem(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(serialization.Encoding.PEM)


def test_an_anchor_is_kept_only_with_its_fingerprint_and_only_if_a_ca(tmp_path: Path) -> None:
    root, _ = issue(name(cn="Root"), ca=True)
    leaf, _ = issue(name(cn="Leaf"))
    data = tmp_path / "data"
    (tmp_path / "root.pem").write_bytes(pem(root))
    (tmp_path / "leaf.der").write_bytes(leaf.public_bytes(serialization.Encoding.DER))
    (tmp_path / "two.pem").write_bytes(pem(root) + pem(leaf))
    (tmp_path / "junk.pem").write_bytes(b"-----BEGIN CERTIFICATE-----\nxx\n")
    cases = [
        ("root.pem", "00:11", "FINGERPRINT_MISMATCH"),
        ("leaf.der", fingerprint(leaf), "TRUST_NOT_CA"),
        ("two.pem", fingerprint(root), "TRUST_ONE_CERTIFICATE"),
        ("junk.pem", fingerprint(root), "KEY_CERT_UNREADABLE"),
        ("missing.pem", fingerprint(root), "FILE_UNREADABLE"),
    ]
    for file, expected, code in cases:
        with pytest.raises(TreemError) as refused:
            add_anchor(data, tmp_path / file, expected)
        assert refused.value.code == code, file
    assert not (data / "trust").exists()
    anchor = add_anchor(data, tmp_path / "root.pem", fingerprint(root).replace(":", "").lower())
    assert anchor.path.parent == data / "trust"
    (data / "trust" / "broken.pem").write_bytes(b"not a certificate")
    assert [a.certificate for a in load_anchors(data) if not a.shipped] == [root]
