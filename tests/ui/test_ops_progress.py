# mypy: disable-error-code="union-attr"
"""Long jobs in the window: the progress dialog shows real progress (maximum, value, what is
being done) and its Cancel (or Esc) stops the job; a stop is a short note, not an error."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.office_support import communes_of, evaluation_data, opened_office, trust
from treem_desktop.core.jobs import Job, Step
from treem_desktop.office import packet_store as store
from treem_desktop.office.folder import OfficeFolder
from treem_desktop.office.followup import ImportTally
from treem_desktop.ui.office.import_run import run_import
from treem_desktop.ui.ops import run_op
from treem_desktop.ui.qt import QMessageBox, QPushButton, Qt, QWidget


@pytest.fixture
def office(tmp_path: Path) -> Iterator[OfficeFolder]:
    with opened_office(tmp_path) as opened:
        yield opened


def held_at(done: int, arrived: threading.Event, gate: threading.Event) -> Job:
    """A job whose worker, at step ``done``, says it ``arrived`` and waits until ``gate``
    opens (before the window is told of that step)."""

    def wait(step: Step) -> None:
        if step.done == done:
            arrived.set()
            gate.wait(30)

    return Job(wait)


def test_an_office_import_shows_its_packets_counted_and_cancel_stops_it(
    qtbot: QtBot, office: OfficeFolder, tmp_path: Path
) -> None:
    folder = tmp_path / "USB"
    for commune in communes_of(5):
        trust(office, commune)
        commune.packet(folder, evaluation_data(850, "recognised"))
    parent = QWidget()
    qtbot.addWidget(parent)
    finished: list[tuple[ImportTally, bool]] = []
    arrived, gate = threading.Event(), threading.Event()
    try:
        dialog = run_import(
            parent,
            office,
            [folder],
            lambda *result: finished.append(result),
            held_at(3, arrived, gate),
        )
        qtbot.waitUntil(arrived.is_set, timeout=30_000)
        qtbot.waitUntil(lambda: dialog.value() == 2, timeout=30_000)
        assert dialog.maximum() == 5
        assert dialog.labelText().startswith("Đã kiểm tra 2 trên 5 gói\nTREEM_")
        cancel = dialog.findChild(QPushButton)
        assert cancel.text() == "&Hủy"
        cancel.click()
        assert dialog.labelText().startswith("Đang dừng")
        assert dialog.isVisible() and not cancel.isEnabled()  # until the work has stopped
    finally:
        gate.set()
    qtbot.waitUntil(lambda: bool(finished), timeout=30_000)
    [(result, stopped)] = finished
    assert stopped and result.accepted == 3
    assert len(store.received_where(office.conn, "1 = 1")) == 3
    assert not dialog.isVisible()


def test_escape_stops_a_job_and_the_stop_is_a_note_not_an_error(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    done: list[object] = []
    arrived, gate = threading.Event(), threading.Event()

    def work(job: Job) -> str:
        for i in range(1, 100):
            job.check()
            job.step(i, 99, f"phần {i}")
            if i == 3:
                arrived.set()
                gate.wait(30)
        return "finished"

    try:
        dialog = run_op(parent, "Đang làm", work, done.append)
        dialog.show()
        qtbot.waitUntil(arrived.is_set, timeout=30_000)
        qtbot.waitUntil(lambda: dialog.value() == 3, timeout=30_000)
        assert (dialog.maximum(), dialog.labelText()) == (99, "Đang làm\nphần 3")
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    finally:
        gate.set()
    qtbot.waitUntil(lambda: parent.findChild(QMessageBox, "op_cancelled") is not None)
    note = parent.findChild(QMessageBox, "op_cancelled")
    assert note.icon() == QMessageBox.Icon.Information
    assert note.text().startswith("Đã dừng theo yêu cầu")
    assert parent.findChild(QMessageBox, "error_dialog") is None
    assert done == []
    note.close()
