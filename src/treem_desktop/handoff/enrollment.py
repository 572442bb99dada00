"""The enrollment file (tệp đăng ký): a commune introduces its certificate and contact to the
receiving office, signed with the key that certificate names.

Format (docs/enrollment-format.md): a ZIP in the packets' canonical layout holding
``enrollment.json`` (the commune, its officer's contact, the certificate in PEM, its SHA-256
fingerprint, when it was made) and ``enrollment.json.p7s``, its detached CMS signature made
with the commune's key. The signature proves the file is whole and made by the holder of the
key; only the fingerprint read out from the commune's key card (or its token certificate's)
proves whose key it is, so the office still confirms it (``office/enrollment.py``). The key is
the commune's own, or a USB token's whose CA-issued certificate names the commune. Each
refusal is an :class:`EnrollmentRejected` with a stable code (exit status 3 on the command
line).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import struct
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from treem_desktop.errors import EXIT_VERIFY, TreemError

if TYPE_CHECKING:
    from cryptography import x509

    from treem_desktop.signing.signers import PacketSigner

FORMAT = "treem-enrollment"
FORMAT_VERSION = 1
DOCUMENT = "enrollment.json"
SIGNATURE = "enrollment.json.p7s"
SUFFIX = ".treem-dangky"
MAX_ENROLLMENT_BYTES = 256 * 1024
MAX_NAME_CHARS = 200
MAX_OFFICER_CHARS = 100
MAX_PHONE_CHARS = 30
MAX_EMAIL_CHARS = 200
MAX_CERTIFICATE_CHARS = 16 * 1024
VIETNAM = dt.timezone(dt.timedelta(hours=7))
_COMMUNE_CODE = re.compile(r"^[0-9]{5}$")
_PROVINCE_CODE = re.compile(r"^[0-9]{2}$")
_PHONE = re.compile(r"^[0-9+() .-]*$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_FINGERPRINT = re.compile(r"^[0-9A-F]{2}(:[0-9A-F]{2}){31}$")
_PEM_CERTIFICATE = "-----BEGIN CERTIFICATE-----"


class EnrollmentRejected(TreemError):
    """An enrollment file refused; ``code`` says why."""

    exit_code = EXIT_VERIFY


@dataclass(frozen=True)
class Contact:
    """Who the office calls at the commune (each part may be empty)."""

    officer_name: str
    phone: str
    email: str

    def text(self) -> str:
        """One line to copy into a reminder: ``Nguyễn Thị Lan, 0912 345 678, lan@xa.vn``."""
        return ", ".join(part for part in (self.officer_name, self.phone, self.email) if part)


@dataclass(frozen=True)
class Enrollment:
    commune_code: str
    commune_name: str
    province_code: str
    province_name: str
    contact: Contact
    created: str
    certificate: x509.Certificate


def enrollment_file_name(commune_code: str) -> str:
    """``dang-ky-03301.treem-dangky``."""
    return f"dang-ky-{commune_code}{SUFFIX}"


def made_now() -> str:
    return dt.datetime.now(VIETNAM).replace(microsecond=0).isoformat()


def phone_valid(text: str) -> bool:
    """Digits, spaces and ``+ ( ) . -``, at most 30 characters (empty allowed)."""
    return len(text) <= MAX_PHONE_CHARS and bool(_PHONE.match(text))


def email_valid(text: str) -> bool:
    """An e-mail address, or nothing."""
    return not text or (
        len(text) <= MAX_EMAIL_CHARS and text.isprintable() and bool(_EMAIL.match(text))
    )


def officer_valid(text: str) -> bool:
    return len(text) <= MAX_OFFICER_CHARS and text.isprintable() and text == text.strip()


def enrollment_json(enrollment: Enrollment) -> bytes:
    """The exact bytes that are signed: UTF-8 JSON, two-space indent, one final newline."""
    from cryptography.hazmat.primitives import serialization

    from treem_desktop.signing.keys import fingerprint

    pem = enrollment.certificate.public_bytes(serialization.Encoding.PEM).decode("ascii")
    document = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "commune": {
            "code": enrollment.commune_code,
            "name": enrollment.commune_name,
            "province_code": enrollment.province_code,
            "province_name": enrollment.province_name,
        },
        "contact": enrollment.contact.__dict__,
        "certificate": pem,
        "certificate_sha256": fingerprint(enrollment.certificate),
        "created": enrollment.created,
    }
    text = json.dumps(document, ensure_ascii=False, indent=2, allow_nan=False)
    return (text + "\n").encode("utf-8")


def make_enrollment(enrollment: Enrollment, signer: PacketSigner) -> bytes:
    """The signed enrollment file's bytes; ``signer`` must hold the certificate's key."""
    from treem_desktop.packets.build import archive_bytes
    from treem_desktop.packets.zip_layout import dos_time
    from treem_desktop.signing import KEY_CERT_MISMATCH, SigningError

    if signer.certificates[0] != enrollment.certificate:
        raise SigningError(KEY_CERT_MISMATCH, "the signer is not the enrolled certificate")
    signed = enrollment_json(enrollment)
    members = [(DOCUMENT, signed), (SIGNATURE, signer.sign(signed))]
    stamp = dos_time(dt.datetime.fromisoformat(enrollment.created).astimezone(VIETNAM))
    return archive_bytes(members, stamp)


def looks_like_enrollment(data: bytes) -> bool:
    """Whether ``data`` starts like an enrollment file (a ZIP whose first member is
    ``enrollment.json``), to tell it from a packet before reading it whole."""
    name = DOCUMENT.encode("ascii")
    if len(data) < 30 + len(name) or not data.startswith(b"PK\x03\x04"):
        return False
    (length,) = struct.unpack("<H", data[26:28])
    return length == len(name) and data[30 : 30 + len(name)] == name


def read_enrollment(data: bytes, path: str) -> Enrollment:
    """The enrollment in ``data`` (read from ``path``) once its layout, content and signature
    (by the certificate it holds) are checked. The certificate is NOT trusted by this.

    Raises:
        EnrollmentRejected: ``ENROLLMENT_DAMAGED``, ``ENROLLMENT_INVALID``,
            ``ENROLLMENT_SIGNATURE_INVALID`` or ``ENROLLMENT_CERT_OTHER_COMMUNE``.
    """
    members = _members(data, path)
    enrollment = _parse(members[DOCUMENT], path)
    _check_signature(members, enrollment.certificate, path)
    _check_names_commune(enrollment, path)
    return enrollment


def _members(data: bytes, path: str) -> dict[str, bytes]:
    from treem_desktop.packets.zip_layout import ArchiveDamaged, read_canonical

    if len(data) > MAX_ENROLLMENT_BYTES:
        raise EnrollmentRejected("ENROLLMENT_DAMAGED", path=path, detail="too large")
    try:
        contents = read_canonical(data)
    except ArchiveDamaged as exc:
        raise EnrollmentRejected("ENROLLMENT_DAMAGED", path=path, detail=exc.detail) from exc
    if list(contents) != [DOCUMENT, SIGNATURE]:
        detail = "members " + ", ".join(contents)
        raise EnrollmentRejected("ENROLLMENT_DAMAGED", path=path, detail=detail)
    return contents


def _invalid(path: str, detail: str) -> EnrollmentRejected:
    return EnrollmentRejected("ENROLLMENT_INVALID", path=path, detail=detail)


def _parse(data: bytes, path: str) -> Enrollment:
    from treem_desktop.core.outside_json import OutsideDataError, load_json

    try:
        document: Any = load_json(data, limit=MAX_ENROLLMENT_BYTES)
    except OutsideDataError as exc:
        raise _invalid(path, exc.detail) from exc
    _check_shape(document, _SHAPE, "", path)
    if document["format"] != FORMAT or document["format_version"] != FORMAT_VERSION:
        raise _invalid(path, "format")
    for place, valid in _VALID.items():
        section, _dot, name = place.rpartition(".")
        value = document[section][name] if section else document[name]
        if not valid(value):
            raise _invalid(path, place)
    certificate = _certificate(document, path)
    commune, contact = document["commune"], document["contact"]
    return Enrollment(
        commune["code"],
        commune["name"],
        commune["province_code"],
        commune["province_name"],
        Contact(contact["officer_name"], contact["phone"], contact["email"]),
        document["created"],
        certificate,
    )


_SHAPE: dict[str, Any] = {
    "format": str,
    "format_version": int,
    "commune": {"code": str, "name": str, "province_code": str, "province_name": str},
    "contact": {"officer_name": str, "phone": str, "email": str},
    "certificate": str,
    "certificate_sha256": str,
    "created": str,
}
"""The fields, exactly these, and their JSON types (``dict`` values are nested objects)."""


def _check_shape(document: Any, shape: dict[str, Any], where: str, path: str) -> None:
    if not isinstance(document, dict) or set(document) != set(shape):
        raise _invalid(path, f"{where or 'document'}: fields")
    for name, kind in shape.items():
        if isinstance(kind, dict):
            _check_shape(document[name], kind, name, path)
        elif type(document[name]) is not kind:
            raise _invalid(path, f"{where}.{name}" if where else name)


def _moment(text: str) -> bool:
    """An ISO date and time with its offset, such as 2026-03-02T09:15:00+07:00."""
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        return False
    return moment.tzinfo is not None and 2000 <= moment.year <= 2200


def _name(text: str) -> bool:
    return bool(text.strip()) and text.isprintable() and len(text) <= MAX_NAME_CHARS


_VALID: dict[str, Callable[[Any], bool]] = {
    "commune.code": lambda v: bool(_COMMUNE_CODE.match(v)),
    "commune.name": _name,
    "commune.province_code": lambda v: bool(_PROVINCE_CODE.match(v)),
    "commune.province_name": _name,
    "contact.officer_name": officer_valid,
    "contact.phone": phone_valid,
    "contact.email": email_valid,
    "certificate": lambda v: len(v) <= MAX_CERTIFICATE_CHARS and v.startswith(_PEM_CERTIFICATE),
    "certificate_sha256": lambda v: bool(_FINGERPRINT.match(v)),
    "created": _moment,
}
"""What each field may hold, before the certificate and the signature are checked."""


def _certificate(document: dict[str, Any], path: str) -> x509.Certificate:
    from cryptography import x509

    from treem_desktop.signing.keys import fingerprint

    try:
        found = x509.load_pem_x509_certificates(document["certificate"].encode("ascii"))
    except (ValueError, UnicodeEncodeError) as exc:
        raise _invalid(path, "certificate") from exc
    if len(found) != 1:
        raise _invalid(path, "certificate")
    if fingerprint(found[0]) != document["certificate_sha256"]:
        raise _invalid(path, "certificate_sha256")
    return found[0]


def _check_signature(members: dict[str, bytes], certificate: x509.Certificate, path: str) -> None:
    from treem_desktop.signing import SigningError
    from treem_desktop.signing.cms import verify_detached

    try:
        verified = verify_detached(members[DOCUMENT], members[SIGNATURE], [certificate])
    except SigningError as exc:
        raise EnrollmentRejected(
            "ENROLLMENT_SIGNATURE_INVALID", path=path, detail=exc.code
        ) from exc
    if verified.signer != certificate:
        raise EnrollmentRejected("ENROLLMENT_SIGNATURE_INVALID", path=path, detail="signer")


def _check_names_commune(enrollment: Enrollment, path: str) -> None:
    """The certificate names the commune as a packet's signer must: the commune's own
    certificate by its codes, a CA-issued (USB token) one by its names (``packets/verify.py``)."""
    from treem_desktop.packets.verify import signer_names_commune

    commune = {
        "code": enrollment.commune_code,
        "name": enrollment.commune_name,
        "province_code": enrollment.province_code,
    }
    if not signer_names_commune(enrollment.certificate, commune):
        raise EnrollmentRejected(
            "ENROLLMENT_CERT_OTHER_COMMUNE", path=path, code=enrollment.commune_code
        )
