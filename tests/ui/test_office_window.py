# mypy: disable-error-code="union-attr"
"""The receiving office's window: imported packets of three communes show in the follow-up,
the missing filter, the resubmission diff, and a cancelled import finished by a re-run."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.office_support import communes_of, evaluation_data, opened_office, trust
from treem_desktop.office import packet_store as store
from treem_desktop.office.folder import OfficeFolder, is_office_folder
from treem_desktop.office.followup import MISSING, waiting_resubmissions
from treem_desktop.office.status import ON_TIME
from treem_desktop.ui.office.resubmission import ResubmissionDialog
from treem_desktop.ui.office.window import OfficeWindow
from treem_desktop.ui.qt import QMessageBox, QPushButton


@pytest.fixture
def office(tmp_path: Path) -> Iterator[OfficeFolder]:
    with opened_office(tmp_path) as opened:
        yield opened


def import_and_wait(qtbot: QtBot, window: OfficeWindow, paths: list[Path]) -> None:
    window.import_paths(paths)
    qtbot.waitUntil(lambda: window.import_progress is None, timeout=30_000)


def test_a_folder_is_told_an_office_by_its_database(office: OfficeFolder, data_dir) -> None:
    assert is_office_folder(office.data_dir)
    assert not is_office_folder(data_dir)


def test_three_communes_imported_show_in_counts_filter_and_missing_list(
    qtbot: QtBot, office: OfficeFolder, tmp_path: Path
) -> None:
    sent = tmp_path / "USB"
    communes = communes_of(3)
    for number, commune in enumerate(communes):
        trust(office, commune)
        verdict = "recognised" if number < 2 else "not-recognised"
        commune.packet(sent, evaluation_data(80.0 + number, verdict))
    window = OfficeWindow(office)
    qtbot.addWidget(window)
    import_and_wait(qtbot, window, [sent])

    dashboard = window.dashboard
    assert "Accepted: 3" in window.last_summary or "3" in window.last_summary
    assert dashboard.current_period() == "2026"
    status = dashboard.status
    assert status is not None
    expected = status.counts["expected"]
    assert expected > 3
    assert status.counts[ON_TIME] == 3
    assert status.counts[MISSING] == expected - 3
    assert status.recognised == 2
    assert dashboard.rows.rowCount() == expected
    dashboard.show_filter(MISSING)
    assert dashboard.rows.rowCount() == expected - 3
    shown = {dashboard.rows.index(r, 0).data() for r in range(dashboard.rows.rowCount())}
    sent_codes = {c.identity.commune_code for c in communes}
    assert not shown & sent_codes
    assert dashboard.missing_list.count() == expected - 3
    reminder = dashboard.reminder_text()
    assert status.communes[-1].name in reminder or any(
        m.name in reminder for m in dashboard.missing
    )
    assert communes[0].identity.commune_name not in reminder


def test_the_diff_shows_a_changed_value_and_accepting_makes_it_counted(
    qtbot: QtBot, office: OfficeFolder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (commune,) = communes_of(1)
    trust(office, commune)
    commune.packet(tmp_path / "first", evaluation_data(70.0, "not-recognised", c6_points=5))
    commune.packet(tmp_path / "again", evaluation_data(75.0, "recognised", c6_points=10))
    window = OfficeWindow(office)
    qtbot.addWidget(window)
    import_and_wait(qtbot, window, [tmp_path / "first"])
    import_and_wait(qtbot, window, [tmp_path / "again"])
    assert window.dashboard.waiting.isEnabled()
    (pending,) = waiting_resubmissions(office.conn, "2026")

    dialog = ResubmissionDialog(office, pending, window)
    qtbot.addWidget(dialog)
    rows = {
        dialog.table.item(r, 0).text(): (
            dialog.table.item(r, 1).text(),
            dialog.table.item(r, 2).text(),
        )
        for r in range(dialog.table.rowCount())
    }
    assert rows["Tiêu chí 6, điểm"] == ("5", "10")
    assert rows["Tổng điểm"] == ("70", "75")
    assert not any("c6" in text or "score." in text for text in rows)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    dialog.accept_button.click()
    assert dialog.accepted_new
    current = store.current_in_slot(office.conn, pending.commune_code, "evaluation", "2026")
    assert current is not None and current.sequence == 2
    window.dashboard.refresh()
    assert window.dashboard.status is not None
    assert window.dashboard.status.communes[0].total == 75.0 or any(
        c.total == 75.0 for c in window.dashboard.status.communes
    )


def test_cancel_stops_an_import_and_a_rerun_finishes_it(
    qtbot: QtBot, office: OfficeFolder, tmp_path: Path
) -> None:
    sent = tmp_path / "USB"
    communes = communes_of(8)
    for commune in communes:
        trust(office, commune)
        commune.packet(sent, evaluation_data(80.0, "recognised"))
    window = OfficeWindow(office)
    qtbot.addWidget(window)
    window.import_paths([sent])
    assert window.import_progress is not None
    window.import_progress.findChild(QPushButton).click()  # the dialog's Cancel
    qtbot.waitUntil(lambda: window.import_progress is None, timeout=30_000)
    assert window.last_summary.startswith("Đã dừng")
    first = len(store.received_where(office.conn, "1 = 1"))
    assert first < 8

    import_and_wait(qtbot, window, [sent])
    assert not window.last_summary.startswith("Đã dừng")
    assert len(store.received_where(office.conn, "1 = 1")) == 8
    assert window.dashboard.status is not None
    assert window.dashboard.status.counts[ON_TIME] == 8
