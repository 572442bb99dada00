# mypy: disable-error-code="union-attr, attr-defined, arg-type"
"""The office's window as a provincial officer reads it on a 1024×600 laptop: the missing
signer said before any document is written, communes' names never cut, times as dd/mm/yyyy
HH:MM, refused packets by commune name, and a resubmission's changes in words."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.office_support import communes_of, evaluation_data, opened_office, trust
from tests.ui.helpers import type_into, watchdog, when
from treem_desktop.office.folder import OfficeFolder
from treem_desktop.office.followup import ALL, MISSING
from treem_desktop.office.intake import import_packets
from treem_desktop.office.resubmission import value_changes
from treem_desktop.office.sources import packet_sources
from treem_desktop.ui.office.quarantine import QuarantineDialog
from treem_desktop.ui.office.resubmission_rows import shown_rows
from treem_desktop.ui.office.setup_dialog import OfficeSetupDialog
from treem_desktop.ui.office.widgets import moment_text
from treem_desktop.ui.office.window import OfficeWindow
from treem_desktop.ui.window_fit import FRAME

SMALL_SCREEN = QRect(0, 0, 1024, 560)  # 1024×600 less the taskbar


@pytest.fixture
def office(tmp_path: Path) -> Iterator[OfficeFolder]:
    with opened_office(tmp_path) as opened:
        yield opened


def small_window(qtbot: QtBot, office: OfficeFolder) -> OfficeWindow:
    window = OfficeWindow(office)
    qtbot.addWidget(window)
    window.setGeometry(FRAME.inside(SMALL_SCREEN))
    window.show()
    qtbot.waitExposed(window)
    return window


def test_the_dashboard_says_the_signer_is_missing_and_its_button_enters_it(
    qtbot: QtBot, qapp: QApplication, office: OfficeFolder
) -> None:
    window = small_window(qtbot, office)
    notice = window.dashboard.signer_notice
    assert notice.isVisible()
    assert "Chưa có người ký" in notice.text.text()
    assert notice.button.text().replace("&", "") == "Thông tin cơ quan…"

    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        dialog.signer.name.setFocus()
        type_into(dialog.signer.name, "Nguyễn Văn An")
        qtbot.keyClick(dialog.signer.name, Qt.Key.Key_Return)  # saves and closes

    dog = watchdog(qapp)
    when(lambda: isinstance(QApplication.activeModalWidget(), OfficeSetupDialog), fill)
    qtbot.mouseClick(notice.button, Qt.MouseButton.LeftButton)
    dog.stop()

    assert office.require_profile().signer.name == "Nguyễn Văn An"
    assert not notice.isVisible()


def test_every_column_is_whole_at_1024_px(
    qtbot: QtBot, office: OfficeFolder, tmp_path: Path
) -> None:
    sent = tmp_path / "usb"
    for number, commune in enumerate(communes_of(3)):
        trust(office, commune)
        verdict = "recognised" if number else "not-recognised"
        commune.packet(sent, evaluation_data(790.5 + number, verdict, c6_points=0))
    import_packets(office, packet_sources([sent]))
    window = small_window(qtbot, office)
    for chosen in (MISSING, ALL):  # the columns follow the rows shown
        window.dashboard.show_filter(chosen)
        qtbot.wait(1)
    table = window.dashboard.table
    rows = window.dashboard.rows
    assert rows.rowCount() == 45  # Điện Biên's communes, expected whether they sent or not
    metrics = table.fontMetrics()
    for column in range(rows.columnCount()):
        texts = [str(rows.index(r, column).data() or "") for r in range(rows.rowCount())]
        widest = max(metrics.horizontalAdvance(t) for t in texts)
        assert table.columnWidth(column) >= widest, rows.headerData(
            column, Qt.Orientation.Horizontal
        )


def test_times_read_as_day_month_year_in_vietnam_time() -> None:
    assert moment_text("2026-12-07T15:02:22+07:00") == "07/12/2026 15:02"
    assert moment_text("2026-12-07T08:02:22+00:00") == "07/12/2026 15:02"
    assert moment_text("") == ""


def test_a_refused_packet_shows_its_commune_by_name_and_when_it_was_refused(
    qtbot: QtBot, office: OfficeFolder, tmp_path: Path
) -> None:
    (stranger,) = communes_of(1)  # never trusted: its packet is refused
    packet = stranger.packet(tmp_path / "usb", evaluation_data(80.0, "recognised"))
    import_packets(office, packet_sources([packet]))
    dialog = QuarantineDialog(office)
    qtbot.addWidget(dialog)
    commune, period, refused_at, _reason = (dialog.table.item(0, c).text() for c in range(4))
    assert commune == stranger.identity.commune_name
    assert period == "2026"
    day, clock = refused_at.split(" ")
    assert len(day.split("/")) == 3 and len(day) == 10 and len(clock) == 5
    assert "T" not in refused_at and "+07" not in refused_at
    detail = dialog.detail.text().replace("\u200b", "")
    assert packet.name in detail
    fingerprint = str(dialog.entries[0].params.get("fingerprint", ""))
    assert fingerprint and fingerprint in detail  # whole, where the table cuts it


def test_a_resubmissions_changes_are_words_in_decision_06s_order() -> None:
    before = {
        "inputs": {"c1.c.has": False, "c10.x.numerator": 4075, "c10.x.points": 61},
        "score": {
            "total": 804.0,
            "criteria": [
                {"id": "c10", "points": 61.0, "known_points": 61.0},
                {"id": "c1", "points": 70.0, "known_points": 70.0},
            ],
        },
        "evidence": [{"criterion": "c6", "file": "bien-ban-c6.pdf", "size": 65536,
                      "sha256": "4e853d2d35913c531e50702ca299fe22d4489a8"}],
    }  # fmt: skip
    after = {
        "inputs": {"c1.c.has": True, "c10.x.numerator": 3308, "c10.x.points": 67},
        "score": {
            "total": 800.0,
            "criteria": [
                {"id": "c10", "points": 67.0, "known_points": 67.0},
                {"id": "c1", "points": 85.0, "known_points": 85.0},
            ],
        },
        "evidence": [{"criterion": "c6", "file": "bien-ban-c6.pdf", "size": 65536,
                      "sha256": "e5db2510c5bf06a58ffd6b4d1f33257b0d4aa5d"}],
    }  # fmt: skip
    rows = shown_rows(value_changes(before, after), before, after)
    labels = [label for label, _old, _new in rows]
    assert labels == [
        "Tổng điểm",
        "Tiêu chí 1, điểm",
        "Tiêu chí 10, điểm",
        "Số liệu nhập của chỉ số 1c (đạt hay không)",
        "Số liệu nhập của chỉ số 10x (tử số)",
        "Tệp minh chứng tiêu chí 6",
    ]
    assert rows[0][1:] == ("804", "800")
    assert rows[3][1:] == ("không", "có")
    assert rows[-1][1:] == ("bien-ban-c6.pdf (64 KB)", "bien-ban-c6.pdf (64 KB), nội dung khác")
    shown = " ".join(" ".join(row) for row in rows)
    assert "4e853d" not in shown and "known" not in shown and "c10" not in shown
