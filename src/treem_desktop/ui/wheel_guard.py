"""The mouse wheel never changes an answer (issue 12, item 1).

A choice box, spin box or date field takes the wheel only once the officer has clicked or
tabbed into it; otherwise the wheel scrolls the page around it. One event filter on the
application does this for every such input, on every page and dialog, Qt's own included,
so a new page cannot forget it. The filter also gives those inputs ``StrongFocus`` when Qt
polishes them, so that the wheel does not hand them the keyboard focus either.
"""

from __future__ import annotations

from treem_desktop.ui.qt import (
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QEvent,
    QObject,
    Qt,
    QWheelEvent,
    QWidget,
)

GUARD_NAME = "treem_wheel_guard"
_WHEEL = QEvent.Type.Wheel
_POLISH = QEvent.Type.Polish


def guarded_kinds() -> tuple[type[QWidget], ...]:
    """The inputs the wheel must not change (date edits are spin boxes)."""
    return (QComboBox, QAbstractSpinBox)


class WheelGuard(QObject):
    """Event filter: a wheel over an input without focus scrolls the page instead."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        kind = event.type()
        if kind == _WHEEL:
            return _redirect_wheel(watched, event)
        if kind == _POLISH and isinstance(watched, guarded_kinds()):
            watched.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        return False


def install_wheel_guard() -> None:
    """Put the guard on the running application; calling it again does nothing."""
    app = QApplication.instance()
    if app is None or app.findChild(WheelGuard, GUARD_NAME) is not None:
        return
    guard = WheelGuard(app)
    guard.setObjectName(GUARD_NAME)
    app.installEventFilter(guard)
    _strengthen_existing_inputs()


def _strengthen_existing_inputs() -> None:
    """Inputs built before the guard was installed get StrongFocus too."""
    for window in QApplication.topLevelWidgets():
        for kind in guarded_kinds():
            for box in [window, *window.findChildren(kind)]:
                if isinstance(box, kind):
                    box.setFocusPolicy(Qt.FocusPolicy.StrongFocus)


def _redirect_wheel(watched: QObject, event: QEvent) -> bool:
    """True (the input never sees it) when ``event`` is a wheel over an unfocused input."""
    box = _guarded_input(watched)
    if box is None or _has_focus(box) or not isinstance(event, QWheelEvent):
        return False
    area = _enclosing_scroll_area(box)
    if area is not None:
        _scroll(area, event)
    return True


def _guarded_input(watched: QObject) -> QWidget | None:
    """The input ``watched`` is, or whose text box it is (a spin box's line edit)."""
    if not isinstance(watched, QWidget):
        return None
    for widget in (watched, watched.parentWidget()):
        if isinstance(widget, guarded_kinds()):
            return widget
    return None


def _has_focus(box: QWidget) -> bool:
    focus = QApplication.focusWidget()
    return focus is not None and (focus is box or box.isAncestorOf(focus))


def _enclosing_scroll_area(box: QWidget) -> QAbstractScrollArea | None:
    widget = box.parentWidget()
    while widget is not None:
        if isinstance(widget, QAbstractScrollArea):
            return widget
        widget = widget.parentWidget()
    return None


def _scroll(area: QAbstractScrollArea, event: QWheelEvent) -> None:
    """Hand the wheel to the page's scroll area, as if it had been over its background."""
    viewport = area.viewport()
    forwarded = QWheelEvent(
        viewport.mapFromGlobal(event.globalPosition()),
        event.globalPosition(),
        event.pixelDelta(),
        event.angleDelta(),
        event.buttons(),
        event.modifiers(),
        event.phase(),
        event.inverted(),
    )
    QApplication.sendEvent(viewport, forwarded)
