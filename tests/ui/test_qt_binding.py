"""The Qt binding keeps Python's reference counts right (PySide6 6.12.0 did not)."""

from __future__ import annotations

import sys

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QTableWidgetItem
from pytestqt.qtbot import QtBot


def test_void_methods_do_not_eat_references_to_none(qtbot: QtBot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    item = QTableWidgetItem()
    before = sys.getrefcount(None)
    for _ in range(500):
        label.setText("x")
        item.setText("y")
        QFont().setBold(True)
    # 6.12.0 lost 1,500 references here; a few may come and go with unrelated objects.
    assert sys.getrefcount(None) - before > -50
