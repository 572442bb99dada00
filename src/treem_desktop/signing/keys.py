"""The commune's own signing key and self-signed certificate.

The certificate's subject names the commune so that a receiving office can read who signed:

========================  ==============================================  ==================
attribute (OID)           value                                           example
========================  ==============================================  ==================
commonName (2.5.4.3)      ``UBND <commune name>``                         UBND Xã Mường Phăng
organizationName (2.5.4.10)  the commune's name                           Xã Mường Phăng
localityName (2.5.4.7)    the province's name                             Tỉnh Điện Biên
stateOrProvinceName (2.5.4.8)  the province's name                        Tỉnh Điện Biên
countryName (2.5.4.6)     ``VN``                                          VN
serialNumber (2.5.4.5)    the commune's code (official list)              03199
userId, UID (0.9.2342.19200300.100.1.1)  the province's code              11
========================  ==============================================  ==================

The demo commune's key is marked in its name: its common name begins with :data:`DEMO_MARK`
and its organizationalUnitName (2.5.4.11) is :data:`DEMO_MARK`, so any tool that shows the
signer says it is a demo (:func:`is_demo_certificate`).

The codes go in attributes of their own (not in free text such as OU) so that
:func:`identity_from_certificate` can read them back exactly. The certificate is an end-entity
certificate (``CA:FALSE``, key usage digitalSignature + nonRepudiation): it cannot issue
certificates for anyone else, which :func:`treem_desktop.signing.cms.verify_detached` relies on.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import NameOID

from treem_desktop.files import write_atomically
from treem_desktop.signing import KEY_PASSPHRASE_WRONG, KEY_UNREADABLE, SigningError

PrivateKey = ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey
"""The private keys Treem signs with: EC P-256 (made at setup) or RSA (from elsewhere)."""

DEMO_MARK = "DEMO – không có giá trị"
"""Written into the demo key's certificate: a packet it signs is worth nothing."""

_BACKDATE = dt.timedelta(days=1)  # tolerate a PC clock a little behind when the cert is used


@dataclass(frozen=True)
class CommuneIdentity:
    """Who signs: the commune and its province, with their official codes."""

    commune_code: str
    commune_name: str
    province_code: str
    province_name: str


def generate_key() -> ec.EllipticCurvePrivateKey:
    """A fresh EC P-256 (secp256r1) private key."""
    return ec.generate_private_key(ec.SECP256R1())


def commune_subject(identity: CommuneIdentity, *, demo: bool = False) -> x509.Name:
    """The X.509 name of the commune (see the module's table); marked when ``demo``."""
    common_name = f"UBND {identity.commune_name}"
    marks = []
    if demo:
        common_name = f"{DEMO_MARK} – {common_name}"
        marks = [x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, DEMO_MARK)]
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.STATE_OR_PROVINCE_NAME, identity.province_name),
            x509.NameAttribute(NameOID.LOCALITY_NAME, identity.province_name),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, identity.commune_name),
            *marks,
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
            x509.NameAttribute(NameOID.SERIAL_NUMBER, identity.commune_code),
            x509.NameAttribute(NameOID.USER_ID, identity.province_code),
        ]
    )


def is_demo_certificate(cert: x509.Certificate) -> bool:
    """Whether ``cert`` is a demo key's certificate (marked by :func:`commune_subject`)."""
    for oid in (NameOID.ORGANIZATIONAL_UNIT_NAME, NameOID.COMMON_NAME):
        for attribute in cert.subject.get_attributes_for_oid(oid):
            if str(attribute.value).startswith(DEMO_MARK):
                return True
    return False


def self_signed_certificate(
    key: PrivateKey,
    identity: CommuneIdentity,
    days: int = 3650,
    *,
    now: dt.datetime | None = None,
    demo: bool = False,
) -> x509.Certificate:
    """A self-signed end-entity certificate for ``key`` naming the commune, valid ``days`` days
    (marked as a demo key's when ``demo``).

    Valid from one day before ``now`` (default: the current UTC time) to tolerate a slow clock.
    """
    if days <= 0:
        raise ValueError("days must be positive")
    start = (now or dt.datetime.now(dt.UTC)) - _BACKDATE
    name = commune_subject(identity, demo=demo)
    public = key.public_key()
    return (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(public)
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + _BACKDATE + dt.timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(public), critical=False)
        .sign(key, hashes.SHA256())
    )


def identity_from_certificate(cert: x509.Certificate) -> CommuneIdentity | None:
    """The commune named by a certificate made by :func:`self_signed_certificate`.

    None when the subject lacks one of the commune's attributes (e.g. a CA-issued certificate).
    """

    def one(oid: x509.ObjectIdentifier) -> str | None:
        values = cert.subject.get_attributes_for_oid(oid)
        if len(values) != 1 or not isinstance(values[0].value, str):
            return None
        return values[0].value

    commune_code = one(NameOID.SERIAL_NUMBER)
    commune_name = one(NameOID.ORGANIZATION_NAME)
    province_code = one(NameOID.USER_ID)
    province_name = one(NameOID.STATE_OR_PROVINCE_NAME)
    if commune_code is None or commune_name is None:
        return None
    if province_code is None or province_name is None:
        return None
    return CommuneIdentity(commune_code, commune_name, province_code, province_name)


def fingerprint(cert: x509.Certificate) -> str:
    """The certificate's SHA-256 fingerprint as upper-case hex pairs: ``"AB:CD:…"`` (95 chars)."""
    return cert.fingerprint(hashes.SHA256()).hex(":").upper()


def holder_name(name: x509.Name, oids: tuple[x509.ObjectIdentifier, ...] = ()) -> str:
    """The first of ``oids`` (default: the common name) found in ``name``, else the whole
    name as RFC 4514 text: the words to show for a certificate's subject or issuer."""
    for oid in oids or (NameOID.COMMON_NAME,):
        values = name.get_attributes_for_oid(oid)
        if values:
            return str(values[0].value)
    return name.rfc4514_string()


def save_key(path: Path | str, key: PrivateKey, passphrase: bytes | None) -> None:
    """Write ``key`` as PKCS#8 PEM, encrypted with ``passphrase`` when one is given
    (PBKDF2 at :data:`treem_desktop.signing.pkcs8.KDF_ITERATIONS` rounds).

    The write is atomic (a temporary file in the same folder, then a rename), and the file is
    readable by its owner only (0o600) on POSIX. OSError (disk full, read-only) propagates.
    """
    if passphrase is not None and not passphrase:
        raise ValueError("the passphrase must not be empty; pass None for no encryption")
    write_atomically(Path(path), key_pem(key, passphrase), mode=0o600)


def key_pem(key: PrivateKey, passphrase: bytes | None) -> bytes:
    """``key`` as PKCS#8 PEM: encrypted with a current KDF (:mod:`.pkcs8`) when a passphrase
    is given, else in clear (the demo key, a key not yet protected)."""
    from treem_desktop.signing.pkcs8 import encrypted_pem

    if passphrase is not None:
        return encrypted_pem(key, passphrase)
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def is_encrypted_pem(data: bytes) -> bool:
    return b"-----BEGIN ENCRYPTED PRIVATE KEY-----" in data or b"Proc-Type: 4,ENCRYPTED" in data


def load_key(path: Path | str, passphrase: bytes | None) -> PrivateKey:
    """Read a PEM private key written by :func:`save_key` (or any PEM EC/RSA key).

    Raises:
        SigningError: ``KEY_PASSPHRASE_WRONG`` when the key is encrypted and the passphrase is
            wrong or missing; ``KEY_UNREADABLE`` when the file cannot be read, is not a PEM
            private key, is not EC or RSA, or is unencrypted although a passphrase was given
            (a key expected to be protected that is not is refused, not silently used).
    """
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise SigningError(KEY_UNREADABLE, f"{path}: {exc.strerror or exc}") from exc
    encrypted = is_encrypted_pem(data)
    if encrypted and not passphrase:
        raise SigningError(KEY_PASSPHRASE_WRONG, "the key is encrypted; no passphrase given")
    if not encrypted and passphrase is not None:
        raise SigningError(KEY_UNREADABLE, "a passphrase was given but the key is not encrypted")
    try:
        key = serialization.load_pem_private_key(data, password=passphrase)
    except (ValueError, TypeError, UnsupportedAlgorithm) as exc:
        if encrypted:
            # OpenSSL cannot tell a wrong passphrase from a damaged encrypted body.
            raise SigningError(KEY_PASSPHRASE_WRONG, str(exc)) from exc
        raise SigningError(KEY_UNREADABLE, str(exc)) from exc
    if not isinstance(key, ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey):
        raise SigningError(KEY_UNREADABLE, f"unsupported key type {type(key).__name__}")
    return key
