"""At the commune: the receiving office's certificate, and the receipts it sends back.

``treem recipient trust FILE --fingerprint SHA256`` registers the office's certificate only
when its fingerprint is the one the office gave (on paper, by phone): the certificate is then
kept in the database. Each imported receipt (a file, a folder of them, or a saved e-mail
carrying them) is checked against it, then against the packet log, and marks its packet
acknowledged; one refused receipt does not stop the others.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from treem_desktop.commune.outbox import now
from treem_desktop.commune.workspace import Workspace
from treem_desktop.errors import TreemError
from treem_desktop.storage import outbox_repo as repo
from treem_desktop.storage.settings_repo import get_setting, set_setting

if TYPE_CHECKING:
    from cryptography import x509

    from treem_desktop.handoff.receipt import Receipt

RECIPIENT_CERTIFICATE = "recipient.certificate"
RECEIPT_SUFFIX = ".receipt.zip"
MAX_MAIL_BYTES = 32 * 2**20
"""A saved e-mail larger than this is not read (a receipt is a few kilobytes)."""


@dataclass(frozen=True)
class ReceiptOutcome:
    """One imported receipt: the packet it acknowledged, or why it was refused."""

    source: str
    sequence: int | None = None
    file_name: str = ""
    office: str = ""
    error: TreemError | None = None


def normalized_fingerprint(text: str) -> str:
    return "".join(c for c in text.upper() if c in "0123456789ABCDEF")


def trust_recipient(workspace: Workspace, path: Path, expected: str) -> x509.Certificate:
    """Register the office's certificate in ``path`` (PEM or DER) if its fingerprint matches."""
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization

    from treem_desktop.signing.keys import fingerprint

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise TreemError("FILE_UNREADABLE", path=str(path), detail=exc.strerror) from exc
    try:
        certificate = (
            x509.load_pem_x509_certificates(data)[0]
            if b"-----BEGIN" in data
            else x509.load_der_x509_certificate(data)
        )
    except ValueError as exc:
        raise TreemError("RECIPIENT_CERT_UNREADABLE", path=str(path)) from exc
    actual = fingerprint(certificate)
    if normalized_fingerprint(actual) != normalized_fingerprint(expected):
        raise TreemError(
            "RECIPIENT_FINGERPRINT_MISMATCH", path=str(path), actual=actual, expected=expected
        )
    pem = certificate.public_bytes(serialization.Encoding.PEM).decode("ascii")
    set_setting(workspace.conn, RECIPIENT_CERTIFICATE, pem)
    return certificate


def recipient_certificate(workspace: Workspace) -> x509.Certificate | None:
    pem = get_setting(workspace.conn, RECIPIENT_CERTIFICATE)
    if not pem:
        return None
    from cryptography import x509

    return x509.load_pem_x509_certificate(pem.encode("ascii"))


def import_receipts(workspace: Workspace, paths: list[Path]) -> list[ReceiptOutcome]:
    """Check every receipt found in ``paths`` and mark each good one's packet acknowledged."""
    office = recipient_certificate(workspace)
    if office is None:
        raise TreemError("RECIPIENT_NOT_TRUSTED")
    outcomes = []
    for data, source in _receipt_sources(paths):
        if isinstance(data, TreemError):
            outcomes.append(ReceiptOutcome(source, error=data))
        else:
            outcomes.append(_import_one(workspace, office, data, source))
    return outcomes


def _import_one(
    workspace: Workspace, office: x509.Certificate, data: bytes, source: str
) -> ReceiptOutcome:
    from treem_desktop.handoff.receipt import ReceiptRejected, verify_receipt

    try:
        receipt = verify_receipt(data, source, office)
        entry = repo.entry_by_packet_id(workspace.conn, receipt.packet_id)
        profile = workspace.require_profile()
        if receipt.commune_code != profile.commune.code:
            raise ReceiptRejected(
                "RECEIPT_COMMUNE_MISMATCH", path=source, code=receipt.commune_code
            )
        if entry is None:
            raise ReceiptRejected(
                "RECEIPT_PACKET_UNKNOWN", path=source, packet_id=receipt.packet_id
            )
        if entry.sha256 != receipt.packet_sha256:
            raise ReceiptRejected("RECEIPT_HASH_MISMATCH", path=source, name=entry.file_name)
        _check_against_packet(receipt, entry, source)
    except TreemError as error:
        return ReceiptOutcome(source, error=error)
    if entry.state == repo.ACKNOWLEDGED:  # the same receipt again: nothing new to write
        return ReceiptOutcome(source, entry.sequence, entry.file_name, entry.receipt_office)
    change = repo.Change(
        "acknowledged",
        now(),
        state=repo.ACKNOWLEDGED,
        detail=receipt.received,
        receipt_office=receipt.office,
    )
    repo.record(workspace.conn, entry.sequence, change)
    return ReceiptOutcome(source, entry.sequence, entry.file_name, receipt.office)


def _check_against_packet(receipt: Receipt, entry: repo.OutboxEntry, source: str) -> None:
    """The receipt's sequence and file name are those of the packet it acknowledges."""
    from treem_desktop.handoff.receipt import ReceiptRejected

    for field, found, expected in (
        ("sequence", receipt.sequence, entry.sequence),
        ("packet_file_name", receipt.packet_file_name, entry.file_name),
    ):
        if found != expected:
            raise ReceiptRejected(
                "RECEIPT_FIELD_MISMATCH",
                path=source,
                name=field,
                found=found,
                expected=expected,
            )


def _receipt_sources(paths: list[Path]) -> list[tuple[bytes | TreemError, str]]:
    """(bytes, where from) of every receipt: files, ``*.receipt.zip`` in folders, .eml parts;
    the error instead of the bytes for a file that cannot be read."""
    found: list[tuple[bytes | TreemError, str]] = []
    for path in paths:
        if path.is_dir():
            members = [_read(member) for member in sorted(path.glob("*" + RECEIPT_SUFFIX))]
            found += members or [(TreemError("RECEIPT_NONE_FOUND", path=str(path)), str(path))]
        elif path.suffix.lower() == ".eml":
            try:
                parts = _eml_receipts(path)
            except TreemError as error:
                parts = [(error, str(path))]
            found += parts or [(TreemError("RECEIPT_NONE_FOUND", path=str(path)), str(path))]
        else:
            found.append(_read(path))
    return found


def _read(path: Path) -> tuple[bytes | TreemError, str]:
    from treem_desktop.handoff.receipt import read_receipt_file

    try:
        return read_receipt_file(path), str(path)
    except TreemError as error:
        return error, str(path)


def _eml_receipts(path: Path) -> list[tuple[bytes | TreemError, str]]:
    from email import message_from_bytes, policy

    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_MAIL_BYTES + 1)
    except OSError as exc:
        raise TreemError("FILE_UNREADABLE", path=str(path), detail=exc.strerror) from exc
    if len(data) > MAX_MAIL_BYTES:
        raise TreemError("RECEIPT_MAIL_TOO_LARGE", path=str(path), limit=MAX_MAIL_BYTES // 2**20)
    found: list[tuple[bytes | TreemError, str]] = []
    try:
        message = message_from_bytes(data, policy=policy.default)
        for part in message.walk():
            name = part.get_filename() or ""
            if name.lower().endswith(RECEIPT_SUFFIX):
                payload = part.get_payload(decode=True)
                if isinstance(payload, bytes):
                    found.append((payload, f"{path} › {name}"))
    except (RecursionError, LookupError, ValueError, TypeError, AttributeError) as exc:
        # a message built to break the parser (nesting, broken headers): refused, not a crash
        raise TreemError("RECEIPT_UNREADABLE", path=str(path), detail=type(exc).__name__) from exc
    return found
