"""Small helpers for the office's widgets."""

from __future__ import annotations

import datetime as dt
from typing import TypeVar

from treem_desktop.office.profile import VIETNAM
from treem_desktop.ui.qt import QLabel, QWidget

W = TypeVar("W", bound=QWidget)


def named(widget: W, name: str) -> W:
    """``widget`` with its object name set (tests and style sheets find it by it)."""
    widget.setObjectName(name)
    return widget


def wrapped(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


def moment_text(stamp: str) -> str:
    """``2026-12-07T15:02:22+07:00`` → ``07/12/2026 15:02`` (Vietnam time); "" for none, the
    stamp itself when it is not one."""
    if not stamp:
        return ""
    try:
        moment = dt.datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    if moment.tzinfo is not None:
        moment = moment.astimezone(VIETNAM)
    return moment.strftime("%d/%m/%Y %H:%M")
