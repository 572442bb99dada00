"""What the office's follow-up window needs, without Qt: filters over a period's communes,
the communes that have not sent with their contacts, the periods to choose from, the
resubmissions waiting, and an import's tally."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from treem_desktop.core.jobs import Job, Step, job_or_none
from treem_desktop.office import packet_store as store
from treem_desktop.office.folder import OfficeFolder
from treem_desktop.office.intake import (
    ACCEPTED,
    KNOWN,
    OLDER,
    REFUSED,
    RESUBMISSION,
    ImportOutcome,
    import_packets,
)
from treem_desktop.office.profile import get_setting, set_setting
from treem_desktop.office.sources import PacketSource
from treem_desktop.office.status import LATE, MISSING, RECOGNISED, CommuneStatus, PeriodStatus

ALL = "all"
REFUSED_FILTER = "refused"
FILTERS = (ALL, MISSING, LATE, REFUSED_FILTER, RECOGNISED)
CONTACT_KEY = "contact.{code}"
MAX_CONTACT_CHARS = 300


def matches(row: CommuneStatus, chosen: str) -> bool:
    """Whether ``row`` is shown under the filter ``chosen`` (one of :data:`FILTERS`)."""
    if chosen == MISSING:
        return row.state == MISSING
    if chosen == LATE:
        return row.state == LATE
    if chosen == REFUSED_FILTER:
        return row.refused > 0
    if chosen == RECOGNISED:
        return row.verdict == RECOGNISED
    return True


@dataclass(frozen=True)
class MissingCommune:
    code: str
    name: str
    contact: str


def missing_communes(conn: sqlite3.Connection, status: PeriodStatus) -> list[MissingCommune]:
    """The expected communes with nothing counted for the period, with their contact."""
    return [
        MissingCommune(row.code, row.name, commune_contact(conn, row.code))
        for row in status.communes
        if row.state == MISSING
    ]


def commune_contact(conn: sqlite3.Connection, code: str) -> str:
    return get_setting(conn, CONTACT_KEY.format(code=code)) or ""


def set_commune_contact(conn: sqlite3.Connection, code: str, contact: str) -> None:
    """Keep who to call at a commune (an officer's name, phone, e-mail): free text."""
    text = " ".join(contact.split())[:MAX_CONTACT_CHARS]
    set_setting(conn, CONTACT_KEY.format(code=code), text)


def known_periods(conn: sqlite3.Connection, today: dt.date | None = None) -> list[str]:
    """Every period something was received or refused for, and this year; newest first."""
    found = {r[0] for r in conn.execute("SELECT DISTINCT period FROM received_packet")}
    found |= {r[0] for r in conn.execute("SELECT DISTINCT period FROM quarantined_packet")}
    found.add(str((today or dt.date.today()).year))
    return sorted((p for p in found if p), reverse=True)


def waiting_resubmissions(
    conn: sqlite3.Connection, period: str, kind: str = "evaluation"
) -> list[store.ReceivedPacket]:
    """Newer packets waiting for the user to accept them, for ``period`` and ``kind``."""
    return store.received_where(
        conn, "kind = ? AND period = ? AND state = ?", kind, period, store.PENDING
    )


@dataclass(frozen=True)
class ImportTally:
    accepted: int
    known: int
    resubmissions: int
    older: int
    refused: list[ImportOutcome]
    total: int


def tally(outcomes: list[ImportOutcome]) -> ImportTally:
    counts = Counter(o.result for o in outcomes)
    return ImportTally(
        counts[ACCEPTED],
        counts[KNOWN],
        counts[RESUBMISSION],
        counts[OLDER],
        [o for o in outcomes if o.result == REFUSED],
        len(outcomes),
    )


def import_until_stopped(
    office: OfficeFolder,
    sources: list[PacketSource],
    progress: Callable[[int, int, str], None] | None = None,
    stop_asked: Callable[[], bool] | None = None,
    *,
    job: Job | None = None,
) -> tuple[list[ImportOutcome], bool]:
    """Import ``sources`` (:func:`~.intake.import_packets`), telling ``job`` a step per packet;
    stops between packets once ``job`` is cancelled. Returns (outcomes, stopped). What was
    stored stays stored: importing the same sources again finishes the job, counting nothing
    twice (a packet already stored is ``known``). ``progress`` and ``stop_asked`` are the
    older callables, still taken (told and asked after each packet)."""
    job = job_or_none(job)
    if stop_asked is not None and stop_asked():
        return [], bool(sources)
    if progress is not None or stop_asked is not None:
        job.listen(_bridge(job, progress, stop_asked))
    outcomes = import_packets(office, sources, job)
    return outcomes, job.cancelled and len(outcomes) < len(sources)


def _bridge(
    job: Job,
    progress: Callable[[int, int, str], None] | None,
    stop_asked: Callable[[], bool] | None,
) -> Callable[[Step], None]:
    def told(step: Step) -> None:
        if progress is not None and step.done:
            progress(step.done, step.total, step.label)
        if stop_asked is not None and stop_asked():
            job.cancel()

    return told
