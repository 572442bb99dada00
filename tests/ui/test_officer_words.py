"""Every word the window shows an officer is an officer's word: no input ids (c6.a.numerator), no
command lines (treem settings set …), no English decimal points (15.0 điểm), on every page, in
the dialogs the pages open and in the message boxes they raise."""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QAbstractItemModel, QAbstractListModel, QModelIndex, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTabWidget,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from treem_desktop.commune import documents as docs
from treem_desktop.commune import evaluation as ev
from treem_desktop.commune import indicators as ind
from treem_desktop.commune.commune_key import KeyFiles, ensure_commune_key
from treem_desktop.commune.workspace import Workspace
from treem_desktop.ui.main_window import PAGES, MainWindow

TODAY = dt.date(2026, 11, 23)

INPUT_ID = re.compile(r"\bc\d+\.[a-z]\.|\bc\d+\.[a-z]\b")
COMMAND_LINE = re.compile(r"(?<![\w/.-])treem \w")
# 15.0, 8.5, 98.4: an English decimal point. Not 1.234 (Vietnamese thousands), not 0.1.0 (a
# version), not 31.12 (a day and month), not "Biểu 2.1" or "Mục 3.2" (a numbered part).
DECIMAL = re.compile(r"(?<![\d.])(\d+)\.(\d{1,2})(?![\d.])")
NUMBERED_PART = re.compile(
    r"(biểu|bảng|mục|điều|khoản|phụ lục|mẫu|phần|nội dung)\s*$", re.IGNORECASE
)
TAG = re.compile(r"<[^>]+>")


def is_english_decimal(text: str, match: re.Match[str]) -> bool:
    day, month = int(match.group(1)), match.group(2)
    if len(month) == 2 and 1 <= day <= 31 and 1 <= int(month) <= 12:
        return False
    if text[match.end() :].startswith(" – "):  # an item's number before its label: "6.1 – …"
        return False
    return not NUMBERED_PART.search(text[: match.start()])


def developer_words(text: str) -> list[str]:
    """The parts of ``text`` an officer should not see."""
    found = [m.group(0) for m in INPUT_ID.finditer(text)]
    found += [m.group(0) for m in COMMAND_LINE.finditer(text)]
    found += [m.group(0) for m in DECIMAL.finditer(text) if is_english_decimal(text, m)]
    return found


@pytest.mark.parametrize(
    ("text", "bad"),
    [
        ("c6.a.numerator (25) không được lớn hơn c6.a.denominator (20)", True),
        ("Tiêu chí c6.a chưa nhập", True),
        ("dòng lệnh: treem settings set mail.host", True),
        ("15.0 điểm", True),
        ("tỷ lệ 8.5%", True),
        ("1.234 trẻ em; 122,5 điểm; 06/QĐ-TTg; 31.12; Biểu 2.1; Treem Desktop 0.1.0", False),
        ("Treem — Xã Mường Phăng; syt.dienbien@example.com", False),
        ("Nội dung 6.1; (1.3 – Có thực hiện không?)", False),
    ],
)
def test_the_checks_tell_developer_words_apart(text: str, bad: bool) -> None:
    assert bool(developer_words(text)) is bad


# Collecting what is shown ----------------------------------------------------------------


def plain(text: str) -> str:
    return html.unescape(TAG.sub(" ", text)) if "<" in text else text


def columns(model: QAbstractItemModel, parent: QModelIndex | None = None) -> int:
    """A list's model hides its column count (it is one)."""
    if isinstance(model, QAbstractListModel):
        return 1
    return model.columnCount(parent or QModelIndex())


def model_texts(model: QAbstractItemModel, parent: QModelIndex | None = None) -> Iterator[str]:
    parent = parent or QModelIndex()
    for row in range(model.rowCount(parent)):
        for column in range(columns(model, parent)):
            index = model.index(row, column, parent)
            yield str(model.data(index, Qt.ItemDataRole.DisplayRole) or "")
            if not isinstance(model, QAbstractListModel) and model.rowCount(index):
                yield from model_texts(model, index)


def header_texts(model: QAbstractItemModel) -> Iterator[str]:
    for orientation, count in (
        (Qt.Orientation.Horizontal, columns(model)),
        (Qt.Orientation.Vertical, model.rowCount()),
    ):
        for section in range(count):
            yield str(model.headerData(section, orientation, Qt.ItemDataRole.DisplayRole) or "")


def widget_texts(widget: QWidget) -> Iterator[str]:
    yield widget.windowTitle()
    if isinstance(widget, QLabel):
        yield plain(widget.text())
    elif isinstance(widget, QAbstractButton):
        yield widget.text()
    elif isinstance(widget, QGroupBox):
        yield widget.title()
    elif isinstance(widget, QComboBox):
        yield from (widget.itemText(i) for i in range(widget.count()))
    elif isinstance(widget, QLineEdit):
        yield from (widget.text(), widget.placeholderText())
    elif isinstance(widget, QTextEdit | QPlainTextEdit):
        yield from (widget.toPlainText(), widget.placeholderText())
    elif isinstance(widget, QTabWidget):
        yield from (widget.tabText(i) for i in range(widget.count()))
    elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
        yield from model_texts(widget.model())
        yield from header_texts(widget.model())


def shown_texts(root: QWidget) -> dict[str, str]:
    """Every text shown in ``root`` and its children, with the widget showing it."""
    texts: dict[str, str] = {}
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisibleTo(root) and widget is not root:
            continue
        for text in widget_texts(widget):
            if text.strip():
                texts.setdefault(text, f"{type(widget).__name__} {widget.objectName()}")
    return texts


class MessageBoxes:
    """Notes and closes every message box raised while it watches."""

    def __init__(self) -> None:
        self.seen: list[str] = []
        self._timer = QTimer()
        self._timer.timeout.connect(self._close)
        self._timer.start(50)

    def _close(self) -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            self.seen += [box.windowTitle(), box.text(), box.informativeText()]
            box.close()

    def stop(self) -> None:
        self._timer.stop()


# The commune and its data -------------------------------------------------------------------


SAMPLE_ROUND = {
    "c1.a.has": True,
    "c1.b.has": False,
    "c2.x": {"numerator": 118, "denominator": 120, "points": 80},
    "c6.a": {"numerator": 19, "denominator": 20},
    "c6.b": {"numerator": 2, "denominator": 3},
    "c13.x": {"percent": 86.5, "points": 40},
}


def with_data(workspace: Workspace) -> Workspace:
    """A year of a commune's work: a round with values (and last year's), indicator values of
    two periods, an issued plan and a draft report, and the commune's key."""
    ensure_commune_key(
        KeyFiles.in_data_dir(workspace.data_dir.path), workspace.require_profile(), None
    )
    ev.import_values(workspace, 2025, {"c6.a": {"numerator": 15, "denominator": 18}})
    ev.import_values(workspace, 2026, SAMPLE_ROUND)
    ind.import_values(workspace, "2025", {"ct05a": 96.1, "ct03a": 11.2, "ct01": 55})
    ind.import_values(workspace, "2026", {"ct05a": 97.5, "ct03a": 9.8, "ct04a": 8.2})
    plan = docs.new_document(workspace, "ke-hoach-danh-gia-xa-phu-hop-tre-em", 2026)
    docs.issue(workspace, plan, dt.date(2026, 2, 20))
    docs.new_document(workspace, "bao-cao-tu-danh-gia", 2026)
    return workspace


@pytest.fixture
def window(qtbot: QtBot, workspace: Workspace) -> Iterator[MainWindow]:
    shown = MainWindow(with_data(workspace), today=TODAY)
    qtbot.addWidget(shown)
    shown.show()
    shown.show_evaluation_summary()
    yield shown


def visit(window: MainWindow, page: str) -> dict[str, str]:
    """The texts of ``page`` once shown (for the evaluation page: of every criterion)."""
    window.show_page(window.page_index(page))
    QApplication.processEvents()
    texts = shown_texts(window)
    texts[window.statusBar().currentMessage()] = "status bar"
    if page == "evaluation":
        round_ = window.evaluation_page.evaluation
        assert round_ is not None
        for criterion in round_.standard.criteria:
            window.evaluation_page.show_criterion(criterion.id)
            QApplication.processEvents()
            texts.update(shown_texts(window))
    return texts


def opened_settings(window: MainWindow) -> QDialog:
    window.outbox_page.open_settings()
    return window.outbox_page.settings_dialog


def dialog_of(window: MainWindow, page: str) -> QDialog | None:
    openers: dict[str, Callable[[], object]] = {
        "evaluation": lambda: window.evaluation_page.open_packet_dialog(),
        "indicators": lambda: window.indicators_page.open_packet_dialog(),
        "documents": lambda: window.documents_page.open_packet_dialog(),
        "outbox": lambda: opened_settings(window),
    }
    opener = openers.get(page)
    dialog = opener() if opener is not None else None
    return dialog if isinstance(dialog, QDialog) else None


def bad_words(texts: dict[str, str]) -> list[str]:
    return [
        f"{where}: {text!r} ({', '.join(developer_words(text))})"
        for text, where in texts.items()
        if developer_words(text)
    ]


# Pages whose words are being fixed by others (issue 12 item 8): the lead tightens these.


@pytest.mark.parametrize("page", PAGES)
def test_a_page_and_its_dialog_show_officer_words_only(
    qtbot: QtBot, window: MainWindow, page: str
) -> None:
    boxes = MessageBoxes()
    try:
        texts = visit(window, page)
        dialog = dialog_of(window, page)
        if dialog is not None:
            qtbot.waitUntil(dialog.isVisible)
            texts.update(shown_texts(dialog))
            dialog.done(0)
        qtbot.wait(60)  # a message box raised by the page has been noted and closed
    finally:
        boxes.stop()
    texts.update(dict.fromkeys(boxes.seen, "message box"))
    sidebar_item = window.sidebar.currentItem()
    assert sidebar_item is not None and sidebar_item.text() in texts  # the page was read
    assert len(texts) > 20
    assert bad_words(texts) == []
