"""The indicator packet's pre-flight names the rates typed without their numerator and
denominator: a note that does not block, whose “Fix” opens the first one in the grid."""

from __future__ import annotations

import json
import zipfile

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from tests.ui.helpers import answer_message_box, wait_built
from tests.ui.test_packet_pages import keyed, lines
from treem_desktop.commune import indicators as ind
from treem_desktop.commune.workspace import Workspace
from treem_desktop.indicators.rates import NUMERATOR, has_parts
from treem_desktop.ui.indicators.indicators_page import IndicatorsPage
from treem_desktop.ui.packets.packet_dialog import PacketDialog

TYPED_ALONE = {"ct05a": 97.5, "ct14": 90}


def fill_every_own_indicator(workspace: Workspace) -> None:
    """Every indicator the commune reports has a value: the rates as their parts, but two."""
    indicator_set = ind.active_set(workspace)
    document: dict[str, object] = {}
    for indicator in ind.own_set(workspace).indicators:
        if indicator.id in TYPED_ALONE:
            document[indicator.id] = TYPED_ALONE[indicator.id]
        elif has_parts(indicator_set, indicator):
            document[indicator.id] = {"numerator": 1, "denominator": 2}
        else:
            document[indicator.id] = 1
    ind.import_values(workspace, "2026", document)


def open_dialog(qtbot: QtBot, page: IndicatorsPage) -> PacketDialog:
    qtbot.mouseClick(page.packet_button, Qt.MouseButton.LeftButton)
    dialog = page.packet_dialog
    assert isinstance(dialog, PacketDialog) and dialog.period == "2026"
    return dialog


def test_rates_typed_alone_are_a_note_that_opens_the_first_one(
    qtbot: QtBot, workspace: Workspace
) -> None:
    fill_every_own_indicator(keyed(workspace))
    page = IndicatorsPage(workspace, year=2026)
    qtbot.addWidget(page)
    page.show()
    dialog = open_dialog(qtbot, page)
    shown = lines(dialog)
    assert shown == [
        "2 chỉ tiêu tỷ lệ chỉ có kết quả, chưa có tử số và mẫu số: tỉnh không cộng được vào "
        "số liệu toàn tỉnh (5a, 14)."
    ], shown
    assert "5a – Tỷ lệ trẻ em dưới 1 tuổi" in dialog.preflight.item(0).toolTip()
    assert dialog.build_button.isEnabled() and not dialog.fix_button.isHidden()
    dialog.preflight.setCurrentRow(0)
    qtbot.mouseClick(dialog.fix_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert page.grid is not None
    ids = [r.id for r in page.source.rows()]
    columns = [c.id for c in page.source.columns()]
    assert page.grid.table.currentRow() == ids.index("ct05a")
    assert page.grid.table.currentColumn() == columns.index(NUMERATOR)  # type the parts here


def test_the_note_does_not_ask_before_signing(qtbot: QtBot, workspace: Workspace) -> None:
    fill_every_own_indicator(keyed(workspace))
    page = IndicatorsPage(workspace, year=2026)
    qtbot.addWidget(page)
    page.show()
    dialog = open_dialog(qtbot, page)
    asked: list[str] = []
    answer_message_box(asked, QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(dialog.build_button, Qt.MouseButton.LeftButton)
    wait_built(qtbot, dialog)
    assert asked == []  # nothing is missing: a note, not a question
    assert dialog.built_path is not None, dialog.problem.text()
    with zipfile.ZipFile(dialog.built_path) as archive:
        data = json.loads(archive.read("data.json"))
    assert data["preflight"] == [
        {
            "code": "RATES_WITHOUT_PARTS",
            "target": "indicator:ct05a",
            "detail": ["ct05a", "ct14"],
            "blocking": False,
        }
    ]


def test_no_note_once_the_parts_are_typed(qtbot: QtBot, workspace: Workspace) -> None:
    fill_every_own_indicator(keyed(workspace))
    parts = {"numerator": 9, "denominator": 10}
    ind.import_values(workspace, "2026", {"ct05a": parts, "ct14": parts})
    page = IndicatorsPage(workspace, year=2026)
    qtbot.addWidget(page)
    page.show()
    assert lines(open_dialog(qtbot, page)) == ["Không thiếu gì."]
