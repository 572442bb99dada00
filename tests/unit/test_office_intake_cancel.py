"""An office import stopped by its job between packets keeps what it stored; run again, it
finishes the job and counts nothing twice."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.office_support import communes_of, evaluation_data, opened_office, trust
from treem_desktop.core.jobs import Job, Step
from treem_desktop.office import packet_store as store
from treem_desktop.office.folder import OfficeFolder
from treem_desktop.office.followup import import_until_stopped
from treem_desktop.office.intake import ACCEPTED, KNOWN, import_packets
from treem_desktop.office.sources import packet_sources


@pytest.fixture
def office(tmp_path: Path) -> Iterator[OfficeFolder]:
    with opened_office(tmp_path) as opened:
        yield opened


@pytest.fixture
def five_packets(office: OfficeFolder, tmp_path: Path) -> Path:
    folder = tmp_path / "USB"
    for commune in communes_of(5):
        trust(office, commune)
        commune.packet(folder, evaluation_data(850, "recognised"))
    return folder


def stored(office: OfficeFolder) -> int:
    return len(store.received_where(office.conn, "1 = 1"))


def test_cancelled_after_two_of_five_stores_two_and_a_rerun_finishes(
    office: OfficeFolder, five_packets: Path
) -> None:
    steps: list[Step] = []
    job = Job(steps.append)
    job.listen(lambda step: job.cancel() if step.done == 2 else None)
    outcomes = import_packets(office, packet_sources([five_packets]), job)
    assert [o.result for o in outcomes] == [ACCEPTED, ACCEPTED]
    assert stored(office) == 2
    assert [(s.done, s.total) for s in steps] == [(0, 5), (1, 5), (2, 5)]

    again = import_packets(office, packet_sources([five_packets]))
    assert sorted(o.result for o in again) == sorted([KNOWN, KNOWN, ACCEPTED, ACCEPTED, ACCEPTED])
    assert stored(office) == 5


def test_a_job_cancelled_before_the_start_stores_nothing_and_says_it_stopped(
    office: OfficeFolder, five_packets: Path
) -> None:
    job = Job()
    job.cancel()
    outcomes, stopped = import_until_stopped(office, packet_sources([five_packets]), job=job)
    assert (outcomes, stopped, stored(office)) == ([], True, 0)


def test_the_older_callables_still_tell_progress_and_stop(
    office: OfficeFolder, five_packets: Path
) -> None:
    told: list[int] = []
    outcomes, stopped = import_until_stopped(
        office,
        packet_sources([five_packets]),
        lambda done, total, name: told.append(done),
        lambda: len(told) >= 3,
    )
    assert (len(outcomes), stopped, told, stored(office)) == (3, True, [1, 2, 3], 3)
