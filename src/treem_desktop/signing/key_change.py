"""The key-change statement: the old key vouches for the commune's new certificate.

When the commune replaces its key, it signs with the OLD key a short JSON statement naming the
new certificate (``docs/packet-format.md``, "Key-change statement"). A receiving office that
trusts the old certificate checks the statement with :func:`verify_key_change` and may then
trust the new certificate without a new telephone call — and still compares the new key card.

Every refusal raises :class:`KeyChangeRejected` (exit status 3 on the command line) with one of
the codes in :data:`REASONS`.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from cryptography import x509
from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization

from treem_desktop.errors import EXIT_VERIFY, TreemError
from treem_desktop.signing import (
    CMS_CERT_EXPIRED,
    CMS_UNTRUSTED,
    SigningError,
)
from treem_desktop.signing.cms import sign_detached, verify_detached
from treem_desktop.signing.keys import (
    CommuneIdentity,
    PrivateKey,
    fingerprint,
    identity_from_certificate,
)

FORMAT = "treem-key-change"
FORMAT_VERSION = 1
MAX_STATEMENT_BYTES = 64 * 1024
REASON_LIMIT = 500

MALFORMED = "KEY_CHANGE_MALFORMED"  # not a statement of this format (with the place at fault)
FORMAT_UNKNOWN = "KEY_CHANGE_FORMAT_UNKNOWN"  # a format version this Treem cannot read
SIGNATURE_INVALID = "KEY_CHANGE_SIGNATURE_INVALID"  # the signature is damaged or does not match
UNTRUSTED = "KEY_CHANGE_UNTRUSTED"  # signed, but not by the trusted old certificate
OLD_CERT_EXPIRED = "KEY_CHANGE_OLD_CERT_EXPIRED"  # the old certificate was not valid then
FINGERPRINT_MISMATCH = "KEY_CHANGE_FINGERPRINT_MISMATCH"  # a fingerprint is not its certificate's
COMMUNE_MISMATCH = "KEY_CHANGE_COMMUNE_MISMATCH"  # old and new certificates name other communes
REASONS = frozenset(
    {
        MALFORMED,
        FORMAT_UNKNOWN,
        SIGNATURE_INVALID,
        UNTRUSTED,
        OLD_CERT_EXPIRED,
        FINGERPRINT_MISMATCH,
        COMMUNE_MISMATCH,
    }
)

_FIELDS = {
    "format": str,
    "format_version": int,
    "commune": dict,
    "old_certificate_fingerprint_sha256": str,
    "new_certificate_fingerprint_sha256": str,
    "new_certificate_pem": str,
    "created": str,
    "reason": str,
}
_COMMUNE_FIELDS = ("code", "name", "province_code", "province_name")


class KeyChangeRejected(TreemError):
    """A key-change statement refused; ``code`` is one of :data:`REASONS`."""

    exit_code = EXIT_VERIFY


@dataclass(frozen=True)
class KeyChange:
    """A statement that passed :func:`check_key_change`."""

    commune: CommuneIdentity
    old_certificate: x509.Certificate
    new_certificate: x509.Certificate
    created: str
    reason: str
    signing_time: dt.datetime


def statement_bytes(
    old_certificate: x509.Certificate,
    new_certificate: x509.Certificate,
    identity: CommuneIdentity,
    created: dt.datetime,
    reason: str,
) -> bytes:
    """The statement's exact bytes: UTF-8 JSON, two-space indent, one final newline."""
    document = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "commune": {
            "code": identity.commune_code,
            "name": identity.commune_name,
            "province_code": identity.province_code,
            "province_name": identity.province_name,
        },
        "old_certificate_fingerprint_sha256": fingerprint(old_certificate),
        "new_certificate_fingerprint_sha256": fingerprint(new_certificate),
        "new_certificate_pem": new_certificate.public_bytes(serialization.Encoding.PEM).decode(),
        "created": created.isoformat(timespec="seconds"),
        "reason": reason,
    }
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def sign_key_change(
    statement: bytes, old_certificate: x509.Certificate, old_key: PrivateKey
) -> bytes:
    """The detached DER CMS signature of ``statement`` by the old key."""
    return sign_detached(statement, old_certificate, old_key)


def verify_key_change(
    statement: bytes, signature: bytes, trusted_old_certificate: x509.Certificate
) -> x509.Certificate:
    """The new certificate that ``statement`` names, once every check has passed."""
    return check_key_change(statement, signature, trusted_old_certificate).new_certificate


def check_key_change(
    statement: bytes, signature: bytes, trusted_old_certificate: x509.Certificate
) -> KeyChange:
    """Check a statement, in order: size, signature by the trusted old certificate, format,
    fingerprints, commune. Raises :class:`KeyChangeRejected` at the first failure."""
    if len(statement) > MAX_STATEMENT_BYTES:
        raise _rejected(MALFORMED, where="$", detail=f"larger than {MAX_STATEMENT_BYTES} bytes")
    signing_time = _check_signature(statement, signature, trusted_old_certificate)
    document = _parse(statement)
    new_certificate = _new_certificate(document, trusted_old_certificate)
    commune = _check_commune(document, trusted_old_certificate, new_certificate)
    return KeyChange(
        commune=commune,
        old_certificate=trusted_old_certificate,
        new_certificate=new_certificate,
        created=document["created"],
        reason=document["reason"],
        signing_time=signing_time,
    )


def _rejected(code: str, **params: Any) -> KeyChangeRejected:
    return KeyChangeRejected(code, **params)


def _check_signature(statement: bytes, signature: bytes, trusted: x509.Certificate) -> dt.datetime:
    try:
        verified = verify_detached(statement, signature, [trusted])
    except SigningError as exc:
        if exc.code == CMS_UNTRUSTED:
            raise _rejected(
                UNTRUSTED, fingerprint=_signer_fingerprint(statement, signature)
            ) from exc
        if exc.code == CMS_CERT_EXPIRED:
            raise _rejected(OLD_CERT_EXPIRED) from exc
        raise _rejected(SIGNATURE_INVALID, detail=exc.code) from exc
    if verified.signer != trusted:  # the old certificate itself, not one a CA issued
        raise _rejected(UNTRUSTED, fingerprint=fingerprint(verified.signer))
    return verified.signing_time


def _signer_fingerprint(statement: bytes, signature: bytes) -> str:
    return fingerprint(verify_detached(statement, signature).signer)


def _parse(statement: bytes) -> dict[str, Any]:
    try:
        document = json.loads(statement.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise _rejected(MALFORMED, where="$", detail="not UTF-8 JSON") from exc
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise _rejected(MALFORMED, where="$.format", detail=f"not “{FORMAT}”")
    version = document.get("format_version")
    if version != FORMAT_VERSION or isinstance(version, bool):
        raise _rejected(FORMAT_UNKNOWN, found=str(version))
    if set(document) != set(_FIELDS):
        raise _rejected(MALFORMED, where="$", detail="missing or unknown fields")
    for name, kind in _FIELDS.items():
        if not isinstance(document[name], kind):
            raise _rejected(MALFORMED, where=f"$.{name}", detail=f"not a {kind.__name__}")
    commune = document["commune"]
    if set(commune) != set(_COMMUNE_FIELDS) or not all(
        isinstance(v, str) for v in commune.values()
    ):
        raise _rejected(MALFORMED, where="$.commune", detail="code, name, province_code, …")
    return document


def _new_certificate(document: dict[str, Any], old: x509.Certificate) -> x509.Certificate:
    if document["old_certificate_fingerprint_sha256"] != fingerprint(old):
        raise _rejected(FINGERPRINT_MISMATCH, which="old_certificate_fingerprint_sha256")
    try:
        certificates = x509.load_pem_x509_certificates(document["new_certificate_pem"].encode())
    except ValueError as exc:
        raise _rejected(MALFORMED, where="$.new_certificate_pem", detail="not a PEM") from exc
    if len(certificates) != 1:
        raise _rejected(MALFORMED, where="$.new_certificate_pem", detail="not one certificate")
    new = certificates[0]
    if document["new_certificate_fingerprint_sha256"] != fingerprint(new):
        raise _rejected(FINGERPRINT_MISMATCH, which="new_certificate_fingerprint_sha256")
    try:
        same_key = new.public_key() == old.public_key()
        own = _self_signed_end_entity(new)
    except (ValueError, TypeError, UnsupportedAlgorithm, x509.InvalidVersion) as exc:
        raise _rejected(MALFORMED, where="$.new_certificate_pem", detail=str(exc)[:100]) from exc
    if same_key:
        raise _rejected(MALFORMED, where="$.new_certificate_pem", detail="the old key again")
    if not own:
        # A commune's certificate signs packets only; a CA certificate here would let whoever
        # holds the old key vouch for certificates of any commune.
        raise _rejected(MALFORMED, where="$.new_certificate_pem", detail="not a commune's own")
    return new


def _self_signed_end_entity(cert: x509.Certificate) -> bool:
    """True for a certificate like the commune's: self-signed, not a CA, cannot sign others."""
    try:
        constraints = cert.extensions.get_extension_for_class(x509.BasicConstraints).value
    except x509.ExtensionNotFound:
        return False
    if constraints.ca:
        return False
    try:
        if cert.extensions.get_extension_for_class(x509.KeyUsage).value.key_cert_sign:
            return False
    except x509.ExtensionNotFound:
        pass
    if cert.issuer != cert.subject:
        return False
    try:
        cert.verify_directly_issued_by(cert)
    except (InvalidSignature, ValueError, TypeError):
        return False
    return True


def _check_commune(
    document: dict[str, Any], old: x509.Certificate, new: x509.Certificate
) -> CommuneIdentity:
    commune = document["commune"]
    stated = CommuneIdentity(
        commune["code"], commune["name"], commune["province_code"], commune["province_name"]
    )
    old_identity, new_identity = identity_from_certificate(old), identity_from_certificate(new)
    same_codes = (
        old_identity is not None
        and new_identity == stated
        and (old_identity.commune_code, old_identity.province_code)
        == (stated.commune_code, stated.province_code)
    )
    if not same_codes:
        raise _rejected(
            COMMUNE_MISMATCH,
            old=_label(old_identity),
            new=_label(new_identity),
        )
    return stated


def _label(identity: CommuneIdentity | None) -> str:
    if identity is None:
        return "?"
    return f"{identity.commune_name} ({identity.commune_code}), {identity.province_name}"
