"""The commune's signing key and certificate, kept in the data folder.

Files (``<data folder>/keys/``):

- ``commune-key.pem``: the private key, PKCS#8 PEM, encrypted with the passphrase when one was
  given, readable by its owner only;
- ``commune-cert.pem``: the self-signed certificate naming the commune (see
  :mod:`treem_desktop.signing.keys`).

A key is never overwritten or deleted here: setting up again keeps the key that exists. The
``cryptography`` package is imported inside the functions, so importing this module is free.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from treem_desktop.core.commune import CommuneProfile
from treem_desktop.errors import TreemError
from treem_desktop.files import write_atomically

if TYPE_CHECKING:
    from cryptography import x509

    from treem_desktop.signing.keys import CommuneIdentity, PrivateKey

log = logging.getLogger(__name__)

KEY_DIR_NAME = "keys"
KEY_FILE_NAME = "commune-key.pem"
CERT_FILE_NAME = "commune-cert.pem"
PASSPHRASE_MIN_LENGTH = 8
CERT_VALIDITY_DAYS = 3650
PUBLIC_MODE = 0o644  # a certificate is public


@dataclass(frozen=True)
class KeyFiles:
    """Where the commune's key and certificate are."""

    folder: Path

    @classmethod
    def in_data_dir(cls, data_path: Path) -> KeyFiles:
        return cls(data_path / KEY_DIR_NAME)

    @property
    def key(self) -> Path:
        return self.folder / KEY_FILE_NAME

    @property
    def certificate(self) -> Path:
        return self.folder / CERT_FILE_NAME

    def exist(self) -> bool:
        return self.key.exists() or self.certificate.exists()


@dataclass(frozen=True)
class KeySummary:
    """What the officer reads to the receiving office: who, until when, which fingerprint."""

    subject: str
    common_name: str
    commune_code: str
    province_code: str
    not_before: dt.datetime
    not_after: dt.datetime
    fingerprint: str
    protected: bool

    def as_json(self) -> dict[str, Any]:
        return {
            "subject": self.subject,
            "common_name": self.common_name,
            "commune_code": self.commune_code,
            "province_code": self.province_code,
            "not_before": self.not_before.isoformat(),
            "not_after": self.not_after.isoformat(),
            "fingerprint_sha256": self.fingerprint,
            "protected": self.protected,
        }


def fingerprint_qr_text(summary: KeySummary) -> str:
    """What the key card's QR code holds: the commune code and the certificate's fingerprint.

    ``TREEM-CERT;<commune code>;SHA256:<fingerprint hex, colons kept>``: a phone's scanner shows
    it as text the receiving office compares with the certificate it received.
    """
    return f"TREEM-CERT;{summary.commune_code};SHA256:{summary.fingerprint}"


def qr_modules(text: str) -> list[list[bool]]:
    """The dark (True) and light modules of a regular QR code for ``text``, border excluded.

    Error correction M: a card creased or smudged a little still scans.
    """
    import segno

    code = segno.make_qr(text, error="m", boost_error=False)
    return [[bool(cell) for cell in row] for row in code.matrix]


def check_passphrase(passphrase: bytes) -> None:
    """Refuse a passphrase too short to protect anything (at least 8 characters)."""
    if len(passphrase.decode("utf-8", errors="replace")) < PASSPHRASE_MIN_LENGTH:
        raise TreemError("PASSPHRASE_TOO_SHORT", limit=PASSPHRASE_MIN_LENGTH)


def ensure_commune_key(
    files: KeyFiles, profile: CommuneProfile, passphrase: bytes | None, *, demo: bool = False
) -> tuple[x509.Certificate, bool]:
    """The commune's certificate, creating a key and certificate when there are none.

    Returns the certificate and whether it was created now. An existing key is kept as it is
    (its passphrase is not asked for). A passphrase is tested at once by reading the key back.
    ``demo`` marks a new certificate as the demo commune's (worth nothing, see signing.keys).
    """
    if files.key.exists() and files.certificate.exists():
        return load_certificate(files), False
    if files.exist():
        raise TreemError("KEY_FILES_INCOMPLETE", path=str(files.folder))
    if passphrase is not None:
        check_passphrase(passphrase)
    from treem_desktop.signing.keys import generate_key, save_key, self_signed_certificate

    key = generate_key()
    certificate = self_signed_certificate(
        key, commune_identity(profile), CERT_VALIDITY_DAYS, demo=demo
    )
    try:
        files.folder.mkdir(parents=True, exist_ok=True)
        save_key(files.key, key, passphrase)
        write_atomically(files.certificate, certificate_pem(certificate), mode=PUBLIC_MODE)
    except OSError as exc:
        files.key.unlink(missing_ok=True)
        raise TreemError("FILE_UNWRITABLE", path=str(files.folder), detail=exc.strerror) from exc
    unlock_key(files, passphrase)  # tested at once: the file read back opens with it
    return certificate, True


def commune_identity(profile: CommuneProfile) -> CommuneIdentity:
    """Who the commune's certificate names, from the data folder's profile."""
    from treem_desktop.signing.keys import CommuneIdentity

    return CommuneIdentity(
        commune_code=profile.commune.code,
        commune_name=profile.commune.name,
        province_code=profile.commune.province_code,
        province_name=profile.province_name,
    )


def names_commune(certificate: x509.Certificate, profile: CommuneProfile) -> bool:
    """Whether ``certificate`` names the profile's commune and province (by their codes)."""
    from treem_desktop.signing.keys import identity_from_certificate

    identity = identity_from_certificate(certificate)
    return (
        identity is not None
        and identity.commune_code == profile.commune.code
        and identity.province_code == profile.commune.province_code
    )


def load_certificate(files: KeyFiles) -> x509.Certificate:
    """The commune's certificate; KEY_MISSING or KEY_CERT_UNREADABLE when it cannot be had."""
    from cryptography import x509

    _settle(files)
    if not files.certificate.exists():
        raise TreemError("KEY_MISSING")
    try:
        return x509.load_pem_x509_certificate(files.certificate.read_bytes())
    except (OSError, ValueError) as exc:
        raise TreemError("KEY_CERT_UNREADABLE", path=str(files.certificate)) from exc


def _settle(files: KeyFiles) -> None:
    """Finish or undo a key replacement that a power cut left half done (commune/key_settle)."""
    suffix = ".pending"
    if not (
        files.key.with_name(files.key.name + suffix).exists()
        or files.certificate.with_name(files.certificate.name + suffix).exists()
    ):
        return
    from treem_desktop.commune.key_settle import settle_replacement

    settle_replacement(files.key, files.certificate, files.folder / "history")


def key_is_protected(files: KeyFiles) -> bool:
    from treem_desktop.signing.keys import is_encrypted_pem

    _settle(files)
    try:
        return is_encrypted_pem(files.key.read_bytes())
    except OSError as exc:
        raise TreemError("KEY_MISSING") from exc


def summarize(files: KeyFiles) -> KeySummary:
    """The certificate in use, for ``treem key show`` and the key card."""
    from cryptography.x509.oid import NameOID

    from treem_desktop.signing.keys import fingerprint

    certificate = load_certificate(files)

    def attribute(oid: Any) -> str:
        values = certificate.subject.get_attributes_for_oid(oid)
        return str(values[0].value) if values else ""

    return KeySummary(
        subject=certificate.subject.rfc4514_string(),
        common_name=attribute(NameOID.COMMON_NAME),
        commune_code=attribute(NameOID.SERIAL_NUMBER),
        province_code=attribute(NameOID.USER_ID),
        not_before=certificate.not_valid_before_utc,
        not_after=certificate.not_valid_after_utc,
        fingerprint=fingerprint(certificate),
        protected=key_is_protected(files),
    )


def export_certificate(files: KeyFiles, target: Path) -> None:
    """Write the certificate (never the private key) to ``target`` as PEM."""
    data = certificate_pem(load_certificate(files))
    try:
        write_atomically(target, data, mode=PUBLIC_MODE)
    except OSError as exc:
        raise TreemError("FILE_UNWRITABLE", path=str(target), detail=exc.strerror) from exc


def unlock_key(files: KeyFiles, passphrase: bytes | None) -> PrivateKey:
    """The private key, checked against the certificate it belongs to."""
    from cryptography.hazmat.primitives import serialization

    from treem_desktop.signing import SigningError
    from treem_desktop.signing.keys import load_key

    certificate = load_certificate(files)
    if not files.key.exists():
        raise TreemError("KEY_MISSING")
    try:
        key = load_key(files.key, passphrase)
    except SigningError as exc:
        raise TreemError(exc.code, path=str(files.key)) from exc
    public = serialization.PublicFormat.SubjectPublicKeyInfo
    encoding = serialization.Encoding.DER
    if key.public_key().public_bytes(encoding, public) != certificate.public_key().public_bytes(
        encoding, public
    ):
        raise TreemError("KEY_CERT_MISMATCH", path=str(files.key))
    if passphrase:
        strengthen_key(files, key, passphrase)
    return key


def strengthen_key(files: KeyFiles, key: PrivateKey, passphrase: bytes) -> bool:
    """Encrypt again, with the current KDF, a key that an older Treem encrypted with PBKDF2 at
    2,048 rounds; the same passphrase opens it. The new file is read back in memory first and
    replaces the old one atomically, so the key is never left unreadable; when it cannot be
    written (a full disk) the old file stays and the next unlock tries again."""
    from cryptography.hazmat.primitives import serialization

    from treem_desktop.signing.keys import key_pem
    from treem_desktop.signing.pkcs8 import needs_stronger_kdf

    def clear(k: Any) -> bytes:
        return bytes(
            k.private_bytes(
                serialization.Encoding.DER,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        )

    try:
        if not needs_stronger_kdf(files.key.read_bytes()):
            return False
        data = key_pem(key, passphrase)
        again = serialization.load_pem_private_key(data, password=passphrase)
        if clear(again) != clear(key):
            return False
        write_atomically(files.key, data, mode=0o600)
    except (OSError, ValueError) as exc:
        log.warning("key not encrypted again with the current KDF: %s", exc)
        return False
    log.info("key encrypted again with the current KDF")
    return True


def protect_key(files: KeyFiles, new_passphrase: bytes) -> None:
    """Encrypt an unprotected key with ``new_passphrase``, then test it at once."""
    from treem_desktop.signing.keys import save_key

    check_passphrase(new_passphrase)
    if key_is_protected(files):
        raise TreemError("KEY_ALREADY_PROTECTED")
    key = unlock_key(files, None)
    try:
        save_key(files.key, key, new_passphrase)
    except OSError as exc:
        raise TreemError("FILE_UNWRITABLE", path=str(files.key), detail=exc.strerror) from exc
    unlock_key(files, new_passphrase)


def certificate_pem(certificate: x509.Certificate) -> bytes:
    from cryptography.hazmat.primitives import serialization

    return certificate.public_bytes(serialization.Encoding.PEM)
