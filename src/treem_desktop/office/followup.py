"""What the office's follow-up window needs, without Qt: filters over a period's communes,
the communes that have not sent with their contacts, the periods to choose from, the
resubmissions waiting, and an import's tally."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from treem_desktop.office import packet_store as store
from treem_desktop.office.folder import OfficeFolder
from treem_desktop.office.intake import (
    ACCEPTED,
    KNOWN,
    OLDER,
    REFUSED,
    RESUBMISSION,
    ImportOutcome,
    import_one,
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
    progress: Callable[[int, int, str], None],
    stop_asked: Callable[[], bool],
) -> tuple[list[ImportOutcome], bool]:
    """Import ``sources`` one by one (each its own transaction), telling ``progress`` after
    each; stops between packets once ``stop_asked()``. Returns (outcomes, stopped). What was
    stored stays stored: importing the same sources again finishes the job, counting nothing
    twice (a packet already stored is ``known``)."""
    profile = office.require_profile()
    outcomes: list[ImportOutcome] = []
    for done, source in enumerate(sources, start=1):
        if stop_asked():
            return outcomes, True
        outcomes.append(import_one(office, profile, source))
        progress(done, len(sources), source.name)
    return outcomes, False
