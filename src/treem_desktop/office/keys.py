"""The office's own signing key and self-signed certificate (for receipts and what it sends).

The certificate names the office (commonName and organizationName) and its province
(stateOrProvinceName, localityName); it carries no commune code, so it can never be read as a
commune's certificate (:func:`treem_desktop.signing.keys.identity_from_certificate` gives None).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from treem_desktop.office.profile import OfficeProfile

if TYPE_CHECKING:
    from cryptography import x509

    from treem_desktop.signing.keys import PrivateKey

KEY_FILE = "office-key.pem"
CERT_FILE = "office-cert.pem"
VALID_DAYS = 3650


@dataclass(frozen=True)
class OfficeKeyFiles:
    key: Path
    certificate: Path

    @classmethod
    def in_folder(cls, folder: Path) -> OfficeKeyFiles:
        return cls(folder / KEY_FILE, folder / CERT_FILE)

    def exist(self) -> bool:
        return self.key.is_file() and self.certificate.is_file()


def office_certificate(key: PrivateKey, profile: OfficeProfile) -> x509.Certificate:
    """A self-signed end-entity certificate naming the office, valid ten years."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.x509.oid import NameOID

    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.STATE_OR_PROVINCE_NAME, profile.province_name),
            x509.NameAttribute(NameOID.LOCALITY_NAME, profile.province_name),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, profile.name),
            x509.NameAttribute(NameOID.COMMON_NAME, profile.name),
        ]
    )
    start = dt.datetime.now(dt.UTC) - dt.timedelta(days=1)
    public = key.public_key()
    usage = x509.KeyUsage(True, True, False, False, False, False, False, False, False)
    return (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(public)
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + dt.timedelta(days=VALID_DAYS + 1))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(usage, critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public), critical=False)
        .sign(key, hashes.SHA256())
    )


def ensure_office_key(
    files: OfficeKeyFiles, profile: OfficeProfile, passphrase: bytes | None
) -> tuple[x509.Certificate, bool]:
    """The office's certificate, with a key and certificate made when there are none yet."""
    from cryptography.hazmat.primitives import serialization

    from treem_desktop.files import write_atomically
    from treem_desktop.signing.keys import generate_key, save_key

    if files.exist():
        return load_office_certificate(files), False
    files.key.parent.mkdir(parents=True, exist_ok=True)
    key = generate_key()
    certificate = office_certificate(key, profile)
    save_key(files.key, key, passphrase)
    write_atomically(files.certificate, certificate.public_bytes(serialization.Encoding.PEM))
    return certificate, True


def load_office_certificate(files: OfficeKeyFiles) -> x509.Certificate:
    from cryptography import x509

    from treem_desktop.errors import TreemError

    try:
        return x509.load_pem_x509_certificate(files.certificate.read_bytes())
    except (OSError, ValueError) as exc:
        raise TreemError("OFFICE_KEY_MISSING", path=str(files.certificate)) from exc


def unlock_office_key(files: OfficeKeyFiles, passphrase: bytes | None) -> PrivateKey:
    """The office's private key (``SigningError`` when the passphrase is wrong)."""
    from treem_desktop.errors import TreemError
    from treem_desktop.signing import SigningError
    from treem_desktop.signing.keys import is_encrypted_pem, load_key

    try:
        encrypted = is_encrypted_pem(files.key.read_bytes())
    except OSError as exc:
        raise TreemError("OFFICE_KEY_MISSING", path=str(files.key)) from exc
    try:
        return load_key(files.key, passphrase if encrypted else None)
    except SigningError as exc:
        raise TreemError(exc.code, path=str(files.key)) from exc
