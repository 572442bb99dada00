"""A SoftHSM2 token standing in for an officer's USB token from a licensed CA.

SoftHSM reads its configuration once, when the library is first loaded in a process, so the
token folder is made once per test session (``SOFTHSM2_CONF`` is set before anything loads the
library, and subprocesses inherit it). The token holds what a CA's token holds: an EC P-256 and
an RSA-2048 key pair generated on the token (not extractable), a certificate for each issued by
a test "sub-CA", and that sub-CA's certificate. The sub-CA is issued by a test root: the trust
anchor a receiving office would keep. SoftHSM2 and OpenSSL are required: the tests fail without.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

LIBRARY = Path("/usr/lib/softhsm/libsofthsm2.so")
LABEL = "VGCA-TOKEN"
PIN = "123456"
SO_PIN = "12345678"
EC_ID = bytes.fromhex("01")
RSA_ID = bytes.fromhex("02")


@dataclass(frozen=True)
class SoftToken:
    library: Path
    label: str
    pin: str
    root: x509.Certificate  # the trust anchor (not on the token)
    sub_ca: x509.Certificate  # on the token, carried in signatures
    ec_certificate: x509.Certificate
    rsa_certificate: x509.Certificate


def _name(common: str, organisation: str, province: str | None = None) -> x509.Name:
    attributes = [
        x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation),
        x509.NameAttribute(NameOID.COMMON_NAME, common),
    ]
    if province:
        attributes.insert(1, x509.NameAttribute(NameOID.STATE_OR_PROVINCE_NAME, province))
    return x509.Name(attributes)


def _certificate(
    subject: x509.Name,
    public: object,
    issuer: x509.Name,
    issuer_key: ec.EllipticCurvePrivateKey,
    *,
    ca: bool,
) -> x509.Certificate:
    now = dt.datetime.now(dt.UTC)
    usage = x509.KeyUsage(
        digital_signature=not ca,
        content_commitment=not ca,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=ca,
        crl_sign=ca,
        encipher_only=False,
        decipher_only=False,
    )
    return (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(public)  # type: ignore[arg-type]
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=365))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .add_extension(usage, critical=True)
        .sign(issuer_key, hashes.SHA256())
    )


def make_test_token(folder: Path) -> SoftToken:
    """Initialise a token in ``folder`` and fill it (see the module). Sets SOFTHSM2_CONF."""
    import pkcs11
    from pkcs11 import Attribute, CertificateType, KeyType, ObjectClass
    from pkcs11.util.ec import encode_ec_public_key, encode_named_curve_parameters
    from pkcs11.util.rsa import encode_rsa_public_key

    assert LIBRARY.is_file(), "SoftHSM2 (Debian package softhsm2) is required for these tests"
    tokens = folder / "tokens"
    tokens.mkdir(parents=True)
    conf = folder / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {tokens}\nobjectstore.backend = file\n")
    os.environ["SOFTHSM2_CONF"] = str(conf)
    util = shutil.which("softhsm2-util")
    assert util is not None, "softhsm2-util is required for these tests"
    subprocess.run(
        [util, "--init-token", "--free", "--label", LABEL, "--pin", PIN, "--so-pin", SO_PIN],
        check=True,
        capture_output=True,
    )
    root_key = ec.generate_private_key(ec.SECP256R1())
    root_name = _name("Test Root CA (không dùng thật)", "Treem test")
    root = _certificate(root_name, root_key.public_key(), root_name, root_key, ca=True)
    sub_key = ec.generate_private_key(ec.SECP256R1())
    sub_name = _name("Test Sub CA (không dùng thật)", "Treem test")
    sub_ca = _certificate(sub_name, sub_key.public_key(), root_name, root_key, ca=True)

    token = pkcs11.lib(str(LIBRARY)).get_token(token_label=LABEL)
    with token.open(user_pin=PIN, rw=True) as session:
        parameters = session.create_domain_parameters(
            KeyType.EC,
            {Attribute.EC_PARAMS: encode_named_curve_parameters("secp256r1")},
            local=True,
        )
        ec_public, _ = parameters.generate_keypair(store=True, label="ky-so-ec", id=EC_ID)
        rsa_public, _ = session.generate_keypair(
            KeyType.RSA, 2048, store=True, label="ky-so-rsa", id=RSA_ID
        )
        person = _name("Lò Văn Tâm", "UBND xã Mường Phăng", "Tỉnh Điện Biên")
        ec_certificate = _certificate(
            person,
            serialization.load_der_public_key(encode_ec_public_key(ec_public)),
            sub_name,
            sub_key,
            ca=False,
        )
        rsa_certificate = _certificate(
            person,
            serialization.load_der_public_key(_spki_from_pkcs1(encode_rsa_public_key(rsa_public))),
            sub_name,
            sub_key,
            ca=False,
        )
        for key_id, cert in ((EC_ID, ec_certificate), (RSA_ID, rsa_certificate), (b"", sub_ca)):
            template = {
                Attribute.CLASS: ObjectClass.CERTIFICATE,
                Attribute.CERTIFICATE_TYPE: CertificateType.X_509,
                Attribute.TOKEN: True,
                Attribute.VALUE: cert.public_bytes(serialization.Encoding.DER),
                Attribute.SUBJECT: cert.subject.public_bytes(),
                Attribute.LABEL: "sub-ca" if not key_id else f"cert-{key_id.hex()}",
            }
            if key_id:
                template[Attribute.ID] = key_id
            session.create_object(template)
    return SoftToken(LIBRARY, LABEL, PIN, root, sub_ca, ec_certificate, rsa_certificate)


def _spki_from_pkcs1(pkcs1: bytes) -> bytes:
    """A SubjectPublicKeyInfo around a PKCS#1 RSAPublicKey (what python-pkcs11 encodes)."""
    from asn1crypto import keys  # type: ignore[import-untyped]

    info = keys.PublicKeyInfo(
        {
            "algorithm": {"algorithm": "rsa"},
            "public_key": keys.RSAPublicKey.load(pkcs1),
        }
    )
    return bytes(info.dump())
