"""Where packets are found: files, whole folders (a USB stick), saved e-mails (.eml, .mbox).

Each packet found is a :class:`PacketSource`: its file name, where it came from (for the
report and the quarantine) and a way to read its bytes. A folder is walked whole, in name
order; in it, ``*.zip`` files other than receipts are packets and ``.eml``/``.mbox`` files are
opened for their attachments. A file named on its own is always tried as a packet (the
verifier says what it is), unless it is a saved e-mail.

A packet attached to an e-mail arrived when the message reached the office's mail server: the
time of the message's first ``Received:`` line (the last hop, written by the office's own
server), else its ``Date:`` line (written by the sender). Importing the mailbox days later does
not make the commune late.
"""

from __future__ import annotations

import datetime as dt
import mailbox
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from email import message_from_bytes, policy
from email.message import Message
from email.utils import parsedate_to_datetime
from pathlib import Path

from treem_desktop.errors import TreemError
from treem_desktop.packets.layout import MAX_PACKET_BYTES

RECEIPT_SUFFIX = ".receipt.zip"
MAIL_SUFFIXES = (".eml", ".mbox")
MAX_MAIL_BYTES = 256 * 1024 * 1024


@dataclass(frozen=True)
class PacketSource:
    """One packet to import: ``read()`` gives its bytes or raises a TreemError."""

    name: str
    origin: str
    read: Callable[[], bytes]
    arrived: dt.datetime | None = None  # when its e-mail reached the office; None: unknown


def packet_sources(paths: list[Path]) -> list[PacketSource]:
    """Every packet found in ``paths``, in the order given (folders in name order)."""
    found: list[PacketSource] = []
    for path in paths:
        if path.is_dir():
            found += _in_folder(path)
        elif path.suffix.lower() in MAIL_SUFFIXES:
            found += _in_mail(path)
        else:
            found.append(_file_source(path))
    return found


def _in_folder(folder: Path) -> list[PacketSource]:
    found: list[PacketSource] = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()):
        name = path.name.lower()
        if name.startswith("."):  # a hidden ``.name.part`` left by a copy in progress
            continue
        if name.endswith(".zip") and not name.endswith(RECEIPT_SUFFIX):
            found.append(_file_source(path))
        elif path.suffix.lower() in MAIL_SUFFIXES:
            found += _in_mail(path)
    return found


def _file_source(path: Path) -> PacketSource:
    return PacketSource(path.name, str(path), lambda: _read_file(path))


def _read_file(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            return handle.read(MAX_PACKET_BYTES + 1)
    except OSError as exc:
        raise TreemError("PACKET_UNREADABLE", path=str(path), detail=exc.strerror) from exc


def _in_mail(path: Path) -> list[PacketSource]:
    """The packets attached to a saved message (.eml) or to every message of a mailbox; a
    mail that cannot be read is one source whose reading raises why."""
    try:
        return _attachments(path)
    except TreemError as error:
        return [PacketSource(path.name, str(path), _raising(error))]


def _raising(error: TreemError) -> Callable[[], bytes]:
    def read() -> bytes:
        raise error

    return read


def _attachments(path: Path) -> list[PacketSource]:
    try:
        if path.stat().st_size > MAX_MAIL_BYTES:
            raise TreemError("OFFICE_MAIL_TOO_LARGE", path=str(path), limit=MAX_MAIL_BYTES >> 20)
        messages = list(_messages(path))
        return [s for number, m in enumerate(messages, 1) for s in _attached(m, path, number)]
    except OSError as exc:
        raise TreemError("FILE_UNREADABLE", path=str(path), detail=exc.strerror) from exc
    except (RecursionError, LookupError, ValueError, TypeError, AttributeError) as exc:
        raise TreemError("OFFICE_MAIL_UNREADABLE", path=str(path)) from exc


def _messages(path: Path) -> Iterator[Message]:
    if path.suffix.lower() == ".mbox":
        box = mailbox.mbox(path, factory=None, create=False)
        try:
            for key in box.keys():
                yield message_from_bytes(box.get_bytes(key), policy=policy.default)
        finally:
            box.close()
    else:
        yield message_from_bytes(path.read_bytes(), policy=policy.default)


def arrival_time(message: Message) -> dt.datetime | None:
    """When ``message`` reached the office (aware), from its newest ``Received:`` line or its
    ``Date:`` line; None when neither holds a readable date with its time zone."""
    received = message.get_all("Received") or []
    candidates = [str(received[0]).rpartition(";")[2]] if received else []
    candidates.append(str(message.get("Date", "")))
    for text in candidates:
        try:
            moment = parsedate_to_datetime(text.strip())
        except (TypeError, ValueError, IndexError, OverflowError):
            continue
        if moment.tzinfo is not None:
            return moment
    return None


def _attached(message: Message, path: Path, number: int) -> list[PacketSource]:
    found: list[PacketSource] = []
    arrived = arrival_time(message)
    for part in message.walk():
        name = part.get_filename() or ""
        lowered = name.lower()
        if not lowered.endswith(".zip") or lowered.endswith(RECEIPT_SUFFIX):
            continue
        payload = part.get_payload(decode=True)
        if isinstance(payload, bytes):
            origin = (
                f"{path} › {number} › {name}"
                if path.suffix.lower() == ".mbox"
                else (f"{path} › {name}")
            )
            found.append(PacketSource(Path(name).name, origin, _constant(payload), arrived))
    return found


def _constant(data: bytes) -> Callable[[], bytes]:
    return lambda: data
