"""Driving modal dialogs and the application's event loop from a test."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

WATCHDOG_MS = 30_000


def later(action: Callable[[], None], delay_ms: int = 0) -> None:
    """Run ``action`` from the event loop (also from inside a dialog's exec())."""
    QTimer.singleShot(delay_ms, action)


def when(condition: Callable[[], object], action: Callable[[], None], every_ms: int = 20) -> None:
    """Poll ``condition`` from the event loop and run ``action`` once it holds."""

    def poll() -> None:
        if condition():
            action()
        else:
            QTimer.singleShot(every_ms, poll)

    QTimer.singleShot(every_ms, poll)


def watchdog(app: QApplication) -> QTimer:
    """Ends a test that would otherwise hang: closes any dialog and leaves the event loop."""

    def bark() -> None:
        modal = QApplication.activeModalWidget()
        if isinstance(modal, QDialog):
            modal.done(0)  # not close(): a dialog may ask before it closes
        elif modal is not None:
            modal.close()
        app.exit(99)

    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(bark)
    timer.start(WATCHDOG_MS)
    return timer


def top_level(kind: type[QWidget]) -> QWidget | None:
    return next(
        (w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()),
        None,
    )


def answer_message_box(record: list[str], button: QMessageBox.StandardButton | None = None) -> None:
    """Wait for the next message box, note its text, and close it."""

    def close() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        record.append(box.text() + "\n" + box.informativeText())
        if button is None:
            box.close()
        else:
            clicked = box.button(button)
            assert clicked is not None
            clicked.click()

    when(lambda: isinstance(QApplication.activeModalWidget(), QMessageBox), close)


def type_into(widget: QWidget, text: str) -> None:
    """Type ``text`` as a keyboard with a Vietnamese input method does: one composed
    character per key event (QTest.keyClicks handles ASCII only)."""
    for char in text:
        if char.isascii():
            QTest.keyClicks(widget, char)
            continue
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char)
            QApplication.sendEvent(widget, event)


def wait_built(qtbot: QtBot, dialog: object, timeout_ms: int = 30_000) -> None:
    """Until the packet dialog's build (off the window's thread) has finished."""
    qtbot.waitUntil(lambda: not getattr(dialog, "building", False), timeout=timeout_ms)


def mnemonic(text: str) -> str | None:
    """The letter after a single ``&`` in a caption (Alt+letter), lower-cased; None if none."""
    index = 0
    while index < len(text) - 1:
        if text[index] == "&":
            if text[index + 1] != "&":
                return text[index + 1].lower()
            index += 1
        index += 1
    return None


def mnemonic_clashes(root: QWidget, also: list[str] | None = None) -> dict[str, list[str]]:
    """The Alt+letter keys that two visible captions of ``root`` share (buttons, labels with a
    buddy, tabs, the menu bar's titles, and the captions ``also`` given): pressing one of them
    then only moves the focus between those captions."""
    from PySide6.QtWidgets import QAbstractButton, QLabel, QMainWindow, QTabWidget

    captions: list[str] = list(also or [])
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root):
            continue
        if isinstance(widget, QAbstractButton):
            captions.append(widget.text())
        elif isinstance(widget, QLabel) and widget.buddy() is not None:
            captions.append(widget.text())
        elif isinstance(widget, QTabWidget):
            captions += [widget.tabText(i) for i in range(widget.count())]
    if isinstance(root, QMainWindow):
        captions += [action.text() for action in root.menuBar().actions()]
    found: dict[str, list[str]] = {}
    for caption in captions:
        letter = mnemonic(caption)
        if letter is not None:
            found.setdefault(letter, []).append(caption)
    return {letter: texts for letter, texts in found.items() if len(texts) > 1}
