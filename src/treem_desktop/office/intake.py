"""Importing packets at the office: verify each, store the good, quarantine the refused.

Each packet is checked against the trusted certificates of the commune its manifest names
(:mod:`.trust`), then stored in one transaction of its own: copied into ``goi-nhan/<commune>/``
and indexed by commune, kind, period, sequence and SHA-256. A refused packet is copied into
``cach-ly/`` with its reason and never deleted. The same bytes twice change nothing; a newer
packet for the same commune, kind and period waits as a resubmission (:mod:`.resubmission`);
an older one is kept and flagged. The file is written before its record, and a record is only
written whole, so a killed import run again finishes the job and counts nothing twice; so does
one stopped by its :class:`~treem_desktop.core.jobs.Job` (Cancel, Ctrl+C), between packets.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import io
import json
import re
import sqlite3
import zipfile
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from treem_desktop.core.jobs import Job, job_or_none
from treem_desktop.errors import TreemError
from treem_desktop.files import write_atomically
from treem_desktop.office import packet_store as store
from treem_desktop.office.folder import QUARANTINE_DIR, RECEIVED_DIR, OfficeFolder
from treem_desktop.office.profile import VIETNAM, OfficeProfile, now_text
from treem_desktop.office.sources import PacketSource
from treem_desktop.office.trust import trust_key_change, trusted_certificates
from treem_desktop.packets.layout import DATA, MANIFEST, MAX_MANIFEST_BYTES
from treem_desktop.storage.database import transaction

if TYPE_CHECKING:
    from treem_desktop.packets.verify import VerifiedPacket

ACCEPTED = "accepted"
RESUBMISSION = "resubmission"
OLDER = "older"
KNOWN = "known"
REFUSED = "refused"
_SAFE = re.compile(r"[^A-Za-z0-9._-]")
WRITERS = 4  # files flushed to disk at once (each waits for the disk, not the processor)
IN_FLIGHT = 16  # accepted packets verified but not yet recorded, at most
IN_FLIGHT_BYTES = 64 * 1024 * 1024  # and their bytes held in memory, at most


@dataclass(frozen=True)
class ImportOutcome:
    """What happened to one packet found by the import."""

    name: str
    origin: str
    result: str
    packet: store.ReceivedPacket | None = None
    error: TreemError | None = None

    def as_json(self) -> dict[str, Any]:
        document: dict[str, Any] = {"file": self.name, "source": self.origin, "result": self.result}
        if self.packet is not None:
            p = self.packet
            document.update(
                id=p.id, packet_id=p.packet_id, commune_code=p.commune_code, kind=p.kind,
                period=p.period, sequence=p.sequence, sha256=p.sha256, state=p.state,
            )  # fmt: skip
        if self.error is not None:
            document["error"] = {**self.error.as_json(), **_member(self.error)}
        return document


def import_packets(
    office: OfficeFolder, sources: list[PacketSource], job: Job | None = None
) -> list[ImportOutcome]:
    """Import every packet of ``sources``, one transaction each; ``job`` is told a step
    (done, total, file name) per packet and, once cancelled, the import stops between
    packets and returns the outcomes so far (what was stored stays; a re-run finishes).

    While accepted packets' files are written (and flushed to disk) on other threads, the next
    packets are read and verified; each record is committed, in order, only once its file is
    on disk. The commits themselves are flushed at the end (:func:`_synced_at_end`)."""
    job = job_or_none(job)
    profile = office.require_profile()
    outcomes: list[ImportOutcome] = []

    def told(outcome: ImportOutcome) -> None:
        outcomes.append(outcome)
        job.step(len(outcomes), len(sources), outcome.name)

    job.step(0, len(sources))
    with _synced_at_end(office.conn), _Writes(office, told, job) as writes:
        for source in sources:
            if job.cancelled:
                break
            checked = _check(office, profile, source)
            if isinstance(checked, ImportOutcome):
                writes.drain()  # outcomes keep the sources' order
                if job.cancelled:
                    break
                told(checked)
            else:
                writes.submit(checked)
            writes.record_written()
    return outcomes


class _Writes:
    """Accepted packets whose files are being written, recorded in order once on disk."""

    def __init__(
        self, office: OfficeFolder, told: Callable[[ImportOutcome], None], job: Job
    ) -> None:
        self._office = office
        self._told = told
        self._job = job  # once cancelled, nothing more is recorded (files on disk are kept)
        self._pool = ThreadPoolExecutor(WRITERS, "treem-intake")
        self._queue: deque[tuple[_Checked, Path, Future[Path]]] = deque()

    def __enter__(self) -> _Writes:
        return self

    def __exit__(self, kind: type[BaseException] | None, *rest: object) -> None:
        try:
            if kind is None:
                self.drain()
        finally:
            self._pool.shutdown(wait=True)

    def submit(self, checked: _Checked) -> None:
        folder, name = _place(self._office, checked)
        target = folder / name
        held = sum(len(c.data) for c, _t, _f in self._queue) + len(checked.data)
        full = len(self._queue) >= IN_FLIGHT or held > IN_FLIGHT_BYTES
        if full or any(t == target for _c, t, _f in self._queue):
            self.drain()  # never two writes of one name at once
        if self._job.cancelled:  # stopped: the next import reads this packet again
            return
        self._queue.append((checked, target, self._pool.submit(_write, folder, name, checked.data)))
        if checked.verified.through_key_change:  # the next packets may need the new key
            self.drain()

    def record_written(self) -> None:
        """Record the packets at the head of the queue whose files are on disk."""
        while self._queue and self._queue[0][2].done() and not self._job.cancelled:
            self._record_first()

    def drain(self) -> None:
        while self._queue and not self._job.cancelled:
            self._record_first()

    def _record_first(self) -> None:
        checked, _target, written = self._queue.popleft()
        self._told(_record(self._office, checked, written.result()))


@contextlib.contextmanager
def _synced_at_end(conn: sqlite3.Connection) -> Iterator[None]:
    """Each record is still one transaction, but its commit does not wait for the disk; the
    log is flushed once at the end. A packet's file is flushed before its record is written,
    so a power cut can at worst forget the last records, which the next import writes again."""
    conn.execute("PRAGMA synchronous = NORMAL")
    try:
        yield
    finally:
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA wal_checkpoint(PASSIVE)")


@dataclass(frozen=True)
class _Checked:
    """A packet that passed every check, its file and record still to write."""

    source: PacketSource
    data: bytes
    verified: VerifiedPacket


def import_one(office: OfficeFolder, profile: OfficeProfile, source: PacketSource) -> ImportOutcome:
    checked = _check(office, profile, source)
    if isinstance(checked, ImportOutcome):
        return checked
    return _record(office, checked, _write(*_place(office, checked), checked.data))


def _check(
    office: OfficeFolder, profile: OfficeProfile, source: PacketSource
) -> ImportOutcome | _Checked:
    """The packet's outcome when known or refused (quarantined), else the verified packet."""
    try:
        data = source.read()
    except TreemError as error:
        return ImportOutcome(source.name, source.origin, REFUSED, error=error)
    sha256 = hashlib.sha256(data).hexdigest()
    known = store.received_by_sha256(office.conn, sha256)
    if known is not None:
        return ImportOutcome(source.name, source.origin, KNOWN, known)
    try:
        verified = _verify(office, profile, data, source.name)
    except TreemError as error:
        _quarantine(office, source, data, sha256, error)
        return ImportOutcome(source.name, source.origin, REFUSED, error=error)
    return _Checked(source, data, verified)


def _verify(office: OfficeFolder, profile: OfficeProfile, data: bytes, name: str) -> VerifiedPacket:
    """The packet checked against its commune's trusted certificates; refusals raise."""
    from treem_desktop.packets.receiving import refuse_demo
    from treem_desktop.packets.verify import verify_packet_bytes

    code = _claimed_commune(data)
    trusted = trusted_certificates(office.conn, code) if code else []
    if not trusted:
        intact = refuse_demo(verify_packet_bytes(data, None, name=name), name)
        commune = intact.manifest["commune"]
        if commune["province_code"] != profile.province_code:
            raise TreemError(
                "OFFICE_COMMUNE_OTHER_PROVINCE",
                code=commune["code"],
                province=profile.province_name,
            )
        from treem_desktop.signing.keys import fingerprint

        raise TreemError(
            "OFFICE_COMMUNE_NOT_TRUSTED",
            commune=commune["name"],
            code=commune["code"],
            fingerprint=fingerprint(intact.signer),
        )
    return refuse_demo(verify_packet_bytes(data, trusted, name=name), name)


def _claimed_commune(data: bytes) -> str:
    """The commune code the manifest claims (unchecked: only to pick the certificates)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            info = archive.getinfo(MANIFEST)
            if info.file_size > MAX_MANIFEST_BYTES:
                return ""
            manifest = json.loads(archive.read(info))
        code = manifest["commune"]["code"]
    except Exception:  # noqa: BLE001 - anything unreadable: the full check says why
        return ""
    return code if isinstance(code, str) else ""


def _place(office: OfficeFolder, checked: _Checked) -> tuple[Path, str]:
    """(folder, file name) where an accepted packet is kept."""
    code = checked.verified.manifest["commune"]["code"]
    return office.folder(RECEIVED_DIR) / code, _file_name(checked.verified)


def _record(office: OfficeFolder, checked: _Checked, stored: Path) -> ImportOutcome:
    """The packet's record, in one transaction, once its file ``stored`` is on disk."""
    source, verified = checked.source, checked.verified
    manifest = verified.manifest
    commune = manifest["commune"]
    with transaction(office.conn):
        known = store.received_by_sha256(office.conn, verified.sha256)
        if known is not None:  # the same bytes met earlier in this import
            return ImportOutcome(source.name, source.origin, KNOWN, known)
        current = store.current_in_slot(
            office.conn, commune["code"], manifest["kind"], manifest["period"]
        )
        state, replaces, result = _placed(manifest["sequence"], current)
        packet = store.ReceivedPacket(
            0, manifest["packet_id"], verified.sha256, commune["code"], commune["name"],
            manifest["kind"], manifest["period"], manifest["sequence"], manifest["created"],
            source.name, f"{RECEIVED_DIR}/{commune['code']}/{stored.name}", source.origin,
            received_time(source, manifest["created"]), state, replaces,
            verified.through_key_change, manifest,
            _data_json(verified), None,
        )  # fmt: skip
        row_id = store.insert_received(office.conn, packet)
        if verified.through_key_change:
            trust_key_change(office.conn, commune["code"], commune["name"], verified.signer)
        store.resolve_quarantined(office.conn, verified.sha256, row_id)
    return ImportOutcome(source.name, source.origin, result, replace(packet, id=row_id))


def received_time(source: PacketSource, created: str) -> str:
    """When the packet reached the office: its e-mail's arrival, else now; never earlier than
    the packet's own signed creation time nor later than now (a mail clock can be wrong)."""
    now = dt.datetime.fromisoformat(now_text())
    if source.arrived is None:
        return now.isoformat()
    moment = source.arrived
    try:
        made = dt.datetime.fromisoformat(created)
    except ValueError:
        made = None
    if made is not None and made.tzinfo is not None:
        moment = max(moment, made)
    return min(moment, now).astimezone(VIETNAM).replace(microsecond=0).isoformat()


def _placed(sequence: int, current: store.ReceivedPacket | None) -> tuple[str, int | None, str]:
    """(state, the packet it would replace, result) for a packet of a slot."""
    if current is None:
        return store.CURRENT, None, ACCEPTED
    if sequence > current.sequence:
        return store.PENDING, current.id, RESUBMISSION
    return store.OLDER, current.id, OLDER


def _file_name(verified: VerifiedPacket) -> str:
    from treem_desktop.packets.layout import packet_file_name

    m = verified.manifest
    return packet_file_name(m["commune"]["code"], m["kind"], m["period"], m["sequence"])


def _data_json(verified: VerifiedPacket) -> dict[str, Any]:
    raw = verified.files.get(DATA)
    if raw is None:
        return {}
    try:
        parsed = json.loads(raw)
    except ValueError:
        return {}
    return parsed if isinstance(parsed, dict) else {}


def _quarantine(
    office: OfficeFolder, source: PacketSource, data: bytes, sha256: str, error: TreemError
) -> None:
    name = _SAFE.sub("_", Path(source.name).name)[:100] or "goi"
    stored = _write(office.folder(QUARANTINE_DIR), f"{sha256[:12]}-{name}", data)
    claimed = _claimed_slot(data)
    entry = store.QuarantinedPacket(
        0, sha256, source.name, f"{QUARANTINE_DIR}/{stored.name}", source.origin, error.code,
        str(getattr(error, "member", "")), _params(error), *claimed, now_text(), None,
    )  # fmt: skip
    with transaction(office.conn):
        store.upsert_quarantined(office.conn, entry)


def _claimed_slot(data: bytes) -> tuple[str, str, str]:
    """(commune code, kind, period) the manifest claims, "" where unreadable."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            info = archive.getinfo(MANIFEST)
            manifest = (
                json.loads(archive.read(info)) if info.file_size <= MAX_MANIFEST_BYTES else {}
            )
        values = (manifest["commune"]["code"], manifest["kind"], manifest["period"])
    except Exception:  # noqa: BLE001 - a refused packet may be anything
        return "", "", ""
    return tuple(v if isinstance(v, str) else "" for v in values)  # type: ignore[return-value]


def _params(error: TreemError) -> dict[str, Any]:
    return {
        k: v if isinstance(v, str | int | float | bool) else str(v) for k, v in error.params.items()
    }


def _member(error: TreemError) -> dict[str, Any]:
    member = getattr(error, "member", None)
    return {"member": member} if member else {}


def _write(folder: Path, name: str, data: bytes) -> Path:
    """``data`` kept as ``folder/name`` (written whole); the same bytes already there are kept."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    if target.is_file():
        if target.stat().st_size == len(data) and target.read_bytes() == data:
            return target
        target = folder / f"{hashlib.sha256(data).hexdigest()[:12]}-{name}"
    try:
        write_atomically(target, data, mode=0o600)
    except OSError as exc:
        raise TreemError("FILE_UNWRITABLE", path=str(target), detail=exc.strerror) from exc
    return target
