"""The receipt (giấy báo nhận): the receiving office's signed word that a packet arrived.

Format (docs/packet-format.md, "The receipt"): a ZIP in the packets' canonical layout holding
``receipt.json``, its detached CMS signature ``receipt.json.p7s`` and the office's
certificate ``signer.pem``. :func:`make_receipt` is what the receiving mode calls;
:func:`verify_receipt` checks one against the office's registered certificate. Each refusal
is a :class:`ReceiptRejected` with a stable code (exit status 3 on the command line).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from treem_desktop.errors import EXIT_VERIFY, TreemError

if TYPE_CHECKING:
    from cryptography import x509

    from treem_desktop.signing.keys import PrivateKey

FORMAT = "treem-receipt"
FORMAT_VERSION = 1
RECEIPT = "receipt.json"
SIGNATURE = "receipt.json.p7s"
SIGNER = "signer.pem"
SUFFIX = ".receipt.zip"
MAX_RECEIPT_BYTES = 1024 * 1024
VIETNAM = dt.timezone(dt.timedelta(hours=7))
_HEX64 = re.compile(r"^[0-9a-f]{64}$")
_PACKET_ID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_PACKET_FILE = re.compile(r"^TREEM_[0-9A-Za-z_-]{1,120}\.zip$")
_COMMUNE_CODE = re.compile(r"^[0-9]{5}$")
MAX_SEQUENCE = 999_999
MAX_OFFICE_CHARS = 200
_FIELDS = {
    "format": str,
    "format_version": int,
    "packet_id": str,
    "packet_sha256": str,
    "packet_file_name": str,
    "commune_code": str,
    "sequence": int,
    "received": str,
    "office": str,
}


class ReceiptRejected(TreemError):
    """A receipt refused; ``code`` says why."""

    exit_code = EXIT_VERIFY


@dataclass(frozen=True)
class Receipt:
    packet_id: str
    packet_sha256: str
    packet_file_name: str
    commune_code: str
    sequence: int
    received: str
    office: str


def receipt_file_name(packet_file_name: str) -> str:
    """``TREEM_03325_evaluation_2026_0001.receipt.zip`` for that packet."""
    return packet_file_name.removesuffix(".zip") + SUFFIX


def receipt_json(receipt: Receipt) -> bytes:
    """The exact bytes that are signed: UTF-8 JSON, two-space indent, one final newline."""
    document = {"format": FORMAT, "format_version": FORMAT_VERSION, **receipt.__dict__}
    text = json.dumps(document, ensure_ascii=False, indent=2, allow_nan=False)
    return (text + "\n").encode("utf-8")


def make_receipt(receipt: Receipt, certificate: x509.Certificate, key: PrivateKey) -> bytes:
    """The signed receipt file's bytes (the receiving mode writes them under
    :func:`receipt_file_name`)."""
    from cryptography.hazmat.primitives import serialization

    from treem_desktop.packets.build import archive_bytes
    from treem_desktop.packets.zip_layout import dos_time
    from treem_desktop.signing.cms import sign_detached

    signed = receipt_json(receipt)
    members = [
        (RECEIPT, signed),
        (SIGNATURE, sign_detached(signed, certificate, key)),
        (SIGNER, certificate.public_bytes(serialization.Encoding.PEM)),
    ]
    stamp = dos_time(dt.datetime.fromisoformat(receipt.received).astimezone(VIETNAM))
    return archive_bytes(members, stamp)


def received_now() -> str:
    return dt.datetime.now(VIETNAM).replace(microsecond=0).isoformat()


def verify_receipt(data: bytes, path: str, office: x509.Certificate) -> Receipt:
    """The receipt ``data`` (read from ``path``) once its layout, content and signature by
    ``office`` are checked.

    Raises:
        ReceiptRejected: ``RECEIPT_UNREADABLE``, ``RECEIPT_DAMAGED``, ``RECEIPT_INVALID``,
            ``RECEIPT_SIGNATURE_INVALID`` or ``RECEIPT_UNTRUSTED`` (signed by another key).
    """
    members = _members(data, path)
    receipt = _parse(members[RECEIPT], path)
    _check_signature(members, office, path)
    return receipt


def read_receipt_file(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            return handle.read(MAX_RECEIPT_BYTES + 1)
    except OSError as exc:
        raise ReceiptRejected("RECEIPT_UNREADABLE", path=str(path), detail=exc.strerror) from exc


def _members(data: bytes, path: str) -> dict[str, bytes]:
    from treem_desktop.packets.zip_layout import ArchiveDamaged, read_canonical

    if len(data) > MAX_RECEIPT_BYTES:
        raise ReceiptRejected("RECEIPT_DAMAGED", path=path, detail="too large")
    try:
        contents = read_canonical(data)
    except ArchiveDamaged as exc:
        raise ReceiptRejected("RECEIPT_DAMAGED", path=path, detail=exc.detail) from exc
    if list(contents) != [RECEIPT, SIGNATURE, SIGNER]:
        detail = "members " + ", ".join(contents)
        raise ReceiptRejected("RECEIPT_DAMAGED", path=path, detail=detail)
    return contents


def _parse(data: bytes, path: str) -> Receipt:
    from treem_desktop.core.outside_json import OutsideDataError, load_json

    try:
        document: Any = load_json(data, limit=MAX_RECEIPT_BYTES)
    except OutsideDataError as exc:
        raise ReceiptRejected("RECEIPT_INVALID", path=path, detail=exc.detail) from exc
    if not isinstance(document, dict) or set(document) != set(_FIELDS):
        raise ReceiptRejected("RECEIPT_INVALID", path=path, detail="fields")
    for name, kind in _FIELDS.items():
        if type(document[name]) is not kind:
            raise ReceiptRejected("RECEIPT_INVALID", path=path, detail=name)
    if document["format"] != FORMAT or document["format_version"] != FORMAT_VERSION:
        raise ReceiptRejected("RECEIPT_INVALID", path=path, detail="format")
    for name, valid in _VALID.items():
        if not valid(document[name]):
            raise ReceiptRejected("RECEIPT_INVALID", path=path, detail=name)
    del document["format"], document["format_version"]
    return Receipt(**document)


def _moment(text: str) -> bool:
    """An ISO date and time with its offset, such as 2026-03-02T09:15:00+07:00."""
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        return False
    return moment.tzinfo is not None and 2000 <= moment.year <= 2200


def _office(text: str) -> bool:
    return bool(text.strip()) and text.isprintable() and len(text) <= MAX_OFFICE_CHARS


_VALID: dict[str, Callable[[Any], bool]] = {
    "packet_sha256": lambda v: bool(_HEX64.match(v)),
    "packet_id": lambda v: bool(_PACKET_ID.match(v)),
    "packet_file_name": lambda v: bool(_PACKET_FILE.match(v)),
    "commune_code": lambda v: bool(_COMMUNE_CODE.match(v)),
    "sequence": lambda v: 1 <= v <= MAX_SEQUENCE,
    "received": _moment,
    "office": _office,
}
"""What each field may hold, before it is compared with the packet it acknowledges."""


def _check_signature(members: dict[str, bytes], office: x509.Certificate, path: str) -> None:
    from cryptography import x509

    from treem_desktop.signing import CMS_UNTRUSTED, SigningError
    from treem_desktop.signing.cms import verify_detached

    try:
        verified = verify_detached(members[RECEIPT], members[SIGNATURE], [office])
    except SigningError as exc:
        code = "RECEIPT_UNTRUSTED" if exc.code == CMS_UNTRUSTED else "RECEIPT_SIGNATURE_INVALID"
        raise ReceiptRejected(code, path=path, detail=exc.code) from exc
    try:
        carried = x509.load_pem_x509_certificates(members[SIGNER])
    except ValueError as exc:
        raise ReceiptRejected("RECEIPT_DAMAGED", path=path, detail=SIGNER) from exc
    if carried[:1] != [verified.signer]:
        raise ReceiptRejected("RECEIPT_DAMAGED", path=path, detail=SIGNER)
