"""The outbox (hộp thư đi): packets kept until the receiving office acknowledges them, and sent
by USB stick, e-mail or upload.

The outbox holds every packet in ``<data folder>/goi-di/`` (the window builds packets there;
one built elsewhere with ``treem packet build --out`` is copied in); nothing is ever deleted
from it. Each packet is sent on its own: a failure is written against that packet and
the others go on. E-mail and upload queue the packet first; when the server cannot be reached
it stays queued (the other packets for that route are not tried again in the same round) and
:func:`send_queued` sends it later. A packet already sent is re-sent only when the officer
asks, and a failed re-send leaves it "sent" (never queued for later, never "failed"): it did
reach the office once. Packets built before the outbox existed (migration 7 left them with no
history) may have been handed over by hand, so "send all" leaves them out; they go when
chosen. Receipts: :mod:`.receipts`.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from treem_desktop.commune.routes import Deliver
from treem_desktop.commune.workspace import Workspace
from treem_desktop.errors import TreemError
from treem_desktop.storage import outbox_repo as repo
from treem_desktop.storage.outbox_repo import ACKNOWLEDGED as ACKNOWLEDGED
from treem_desktop.storage.outbox_repo import FAILED as FAILED
from treem_desktop.storage.outbox_repo import QUEUED as QUEUED
from treem_desktop.storage.outbox_repo import SENT as SENT
from treem_desktop.storage.outbox_repo import Attempt, Change, OutboxEntry

log = logging.getLogger(__name__)
_SENDING = threading.Lock()
"""One send at a time in this process: the window's own retry never races the officer's send."""

OUTBOX_FOLDER = "goi-di"
"""Where the outbox keeps its packets: the folder the window builds them into."""
ROUTES = ("usb", "email", "upload")
_OFFLINE = {"MAIL_OFFLINE", "UPLOAD_OFFLINE"}
VIETNAM = dt.timezone(dt.timedelta(hours=7))


@dataclass(frozen=True)
class Route:
    """How to send: ``usb`` with the folder of the stick, ``email`` or ``upload``."""

    name: str
    folder: Path | None = None

    @classmethod
    def parse(cls, text: str) -> Route:
        if text.startswith("usb:") and len(text) > 4:
            return cls("usb", Path(text[4:]).expanduser().resolve())
        if text in ("email", "upload"):
            return cls(text)
        raise TreemError("OUTBOX_ROUTE_UNKNOWN", value=text)


@dataclass
class SendOutcome:
    """What happened to one packet: its new state, and the error when it did not go."""

    sequence: int
    file_name: str
    route: str
    state: str
    delivered: bool = False  # False when the receiver already had it
    error: TreemError | None = None
    warnings: list[str] = field(default_factory=list)


def now() -> str:
    return dt.datetime.now(VIETNAM).replace(microsecond=0).isoformat()


def outbox_folder(workspace: Workspace) -> Path:
    return workspace.data_dir.path / OUTBOX_FOLDER


def packet_file(workspace: Workspace, entry: OutboxEntry) -> Path:
    return outbox_folder(workspace) / entry.file_name


def attempts(workspace: Workspace, sequence: int) -> list[Attempt]:
    """A packet's history: each build, send, failure and acknowledgement, oldest first."""
    return repo.history(workspace.conn, sequence)


def unrecorded(workspace: Workspace) -> set[int]:
    """The packets built before the outbox kept a history."""
    return repo.without_history(workspace.conn)


def entries(workspace: Workspace) -> list[OutboxEntry]:
    return repo.entries(workspace.conn)


def keep_packet(workspace: Workspace, path: Path) -> OutboxEntry:
    """Put a copy of a packet the commune built into the outbox (state unchanged)."""
    from treem_desktop.files import write_atomically
    from treem_desktop.handoff.usb import file_sha256

    try:
        data = path.read_bytes()
        sha256 = file_sha256(path)
    except OSError as exc:
        raise TreemError("FILE_UNREADABLE", path=str(path), detail=exc.strerror) from exc
    row = workspace.conn.execute(
        "SELECT sequence FROM packet_log WHERE sha256 = ?", (sha256,)
    ).fetchone()
    if row is None:
        raise TreemError("OUTBOX_NOT_A_LOGGED_PACKET", path=str(path))
    entry = repo.entry(workspace.conn, int(row[0]))
    assert entry is not None
    target = packet_file(workspace, entry)
    if target.resolve() != path.resolve() and not _holds(target, sha256):
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(target, data, mode=0o644)
        except OSError as exc:
            raise TreemError("FILE_UNWRITABLE", path=str(target), detail=exc.strerror) from exc
    repo.record(workspace.conn, entry.sequence, Change("kept", now(), detail=str(path)))
    return entry


def _holds(target: Path, sha256: str) -> bool:
    from treem_desktop.handoff.usb import file_sha256

    try:
        return file_sha256(target) == sha256
    except OSError:
        return False


def from_before_the_outbox(workspace: Workspace) -> list[OutboxEntry]:
    """Packets not sent as far as Treem knows, built before the outbox existed: "send all"
    leaves them out (they may have gone by hand), they go when chosen."""
    unrecorded = repo.without_history(workspace.conn)
    return [e for e in entries(workspace) if e.state == repo.BUILT and e.sequence in unrecorded]


def candidates(workspace: Workspace, sequences: list[int] | None) -> list[OutboxEntry]:
    """The packets to send: those named (any but acknowledged), else all not yet sent except
    those built before the outbox existed (no history: they may have gone by hand)."""
    if not sequences:
        unrecorded = repo.without_history(workspace.conn)
        return [
            e
            for e in reversed(entries(workspace))
            if e.state in repo.WAITING and e.sequence not in unrecorded
        ]
    chosen = []
    for sequence in sequences:
        entry = repo.entry(workspace.conn, sequence)
        if entry is None:
            raise TreemError("OUTBOX_PACKET_UNKNOWN", sequence=sequence)
        chosen.append(entry)
    return chosen


def send(
    workspace: Workspace,
    route: Route,
    sequences: list[int] | None = None,
    progress: Callable[[str], None] | None = None,
) -> list[SendOutcome]:
    """Send the chosen packets by ``route``, each on its own; e-mail and upload queue first."""
    from treem_desktop.commune.routes import sender_for

    deliver = sender_for(workspace, route)
    with _SENDING:
        chosen = [e for e in candidates(workspace, sequences) if e.state != repo.ACKNOWLEDGED]
        if route.name != "usb":
            for entry in chosen:
                if entry.state != repo.SENT:  # a re-send is tried now, never left for later
                    _queue(workspace, entry, route.name)
        return _send_each(workspace, chosen, route, deliver, progress)


def send_queued(
    workspace: Workspace,
    progress: Callable[[str], None] | None = None,
    routes: tuple[str, ...] = ("email", "upload"),
) -> list[SendOutcome]:
    """Send every queued packet by the route it was queued for (when the connection is back)."""
    from treem_desktop.commune.routes import sender_for

    outcomes: list[SendOutcome] = []
    with _SENDING:
        for name in routes:
            queued = [e for e in reversed(entries(workspace)) if e.state == repo.QUEUED]
            mine = [e for e in queued if e.route == name]
            if mine:
                route = Route(name)
                deliver = sender_for(workspace, route)
                outcomes += _send_each(workspace, mine, route, deliver, progress)
    return outcomes


def _queue(workspace: Workspace, entry: OutboxEntry, route: str) -> None:
    if entry.state == repo.QUEUED and entry.route == route:
        return
    change = Change("queued", now(), state=repo.QUEUED, route=route)
    repo.record(workspace.conn, entry.sequence, change)


def _send_each(
    workspace: Workspace,
    chosen: list[OutboxEntry],
    route: Route,
    deliver: Deliver,
    progress: Callable[[str], None] | None,
) -> list[SendOutcome]:
    outcomes: list[SendOutcome] = []
    offline: TreemError | None = None
    for entry in chosen:
        if progress is not None:
            progress(entry.file_name)
        if offline is not None:  # the server is down: do not wait for it once per packet
            state = entry.state if entry.state == repo.SENT else repo.QUEUED
            error = _resend_offline(entry) if state == repo.SENT else offline
            outcomes.append(
                SendOutcome(entry.sequence, entry.file_name, route.name, state, error=error)
            )
            continue
        outcome = _send_one(workspace, entry, route, deliver)
        if outcome.error is not None:
            offline = _server_down(outcome.error)
        outcomes.append(outcome)
    return outcomes


def _send_one(
    workspace: Workspace, entry: OutboxEntry, route: Route, deliver: Deliver
) -> SendOutcome:
    path = packet_file(workspace, entry)
    warnings: list[str] = []
    try:
        delivered, destination = _deliver(entry, path, deliver, warnings)
    except TreemError as failure:
        new_state = _state_after_failure(entry, route, failure)
        state = new_state or entry.state
        error = failure
        if state == repo.SENT and failure.code in _OFFLINE:
            error = _resend_offline(entry, failure)
        detail = error.message()  # the words at the time, for the history and the list
        change = Change(
            "failed", now(), state=new_state, route=route.name, code=error.code, detail=detail
        )
        repo.record(workspace.conn, entry.sequence, change)
        log.info("packet %s not sent by %s: %s", entry.file_name, route.name, error.code)
        return SendOutcome(entry.sequence, entry.file_name, route.name, state, error=error)
    action = "sent" if delivered else "already_there"
    change = Change(action, now(), state=repo.SENT, route=route.name, destination=destination)
    repo.record(workspace.conn, entry.sequence, change)
    log.info("packet %s %s by %s to %s", entry.file_name, action, route.name, destination)
    return SendOutcome(
        entry.sequence, entry.file_name, route.name, repo.SENT, delivered, warnings=warnings
    )


def _server_down(error: TreemError) -> TreemError | None:
    """The "server cannot be reached" error behind ``error`` (also behind a re-send's own
    words), or None when the server answered."""
    for candidate in (error, error.__cause__):
        if isinstance(candidate, TreemError) and candidate.code in _OFFLINE:
            return candidate
    return None


def _resend_offline(entry: OutboxEntry, failure: TreemError | None = None) -> TreemError:
    """A re-send whose server is down: the packet stays sent, not queued for later."""
    from treem_desktop.formatting import format_datetime_short

    sent = format_datetime_short(dt.datetime.fromisoformat(entry.sent_at)) if entry.sent_at else ""
    error = TreemError("OUTBOX_RESEND_OFFLINE", name=entry.file_name, sent=sent)
    if failure is not None:
        error.__cause__ = failure
    return error


def _deliver(
    entry: OutboxEntry, path: Path, deliver: Deliver, warnings: list[str]
) -> tuple[bool, str]:
    """``deliver(...)``, with the packet's own file problems as this packet's error."""
    if not path.is_file():
        raise TreemError("OUTBOX_FILE_MISSING", name=entry.file_name, path=str(path.parent))
    try:
        return deliver(entry, path, warnings)
    except OSError as exc:  # reading the packet from the outbox folder failed
        raise TreemError("FILE_UNREADABLE", path=str(path), detail=exc.strerror) from exc


def _state_after_failure(entry: OutboxEntry, route: Route, error: TreemError) -> str | None:
    """The packet's new state, None to keep the entry as it is (only its history grows).

    A packet already sent stays sent (it reached the office once), and a stick that did not
    take a packet queued for e-mail or upload leaves it queued for that route; otherwise
    queued when the server is down, else failed.
    """
    if entry.state == repo.SENT or (route.name == "usb" and entry.state == repo.QUEUED):
        return None
    if error.code in _OFFLINE:
        return repo.QUEUED
    return repo.FAILED


def save_eml(workspace: Workspace, sequence: int, target: Path) -> Path:
    """Write the message for packet ``sequence`` as an .eml file, for officers using webmail."""
    from treem_desktop.commune.routes import packet_message
    from treem_desktop.handoff.mail import save_eml as write_eml

    entry = candidates(workspace, [sequence])[0]
    path = packet_file(workspace, entry)
    if not path.is_file():
        raise TreemError("OUTBOX_FILE_MISSING", name=entry.file_name, path=str(path.parent))
    if target.is_dir():
        target = target / (entry.file_name.removesuffix(".zip") + ".eml")
    write_eml(packet_message(workspace, entry, path), target)
    change = Change("saved_eml", now(), route="eml", destination=str(target))
    repo.record(workspace.conn, sequence, change)
    return target


def send_queued_if_online(workspace: Workspace) -> list[SendOutcome]:
    """The light check: for each route with queued packets, one TCP connection to its server;
    the queued packets of the routes that answer are sent. Nothing when nothing is queued."""
    from treem_desktop.commune.routes import route_reachable

    if _SENDING.locked():
        return []  # the officer is sending now; the next check will see what is left
    waiting = {e.route for e in entries(workspace) if e.state == repo.QUEUED}
    online = tuple(r for r in ("email", "upload") if r in waiting and route_reachable(workspace, r))
    return send_queued(workspace, routes=online) if online else []
