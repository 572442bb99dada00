"""A wait cursor over short work that must stay on the window's thread (a token, the database).

For work of a second or two that touches the database or a USB token inside one transaction:
the window shows it is busy, and the cursor comes back whatever happens.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from treem_desktop.ui.qt import QApplication, QCursor, Qt


@contextmanager
def busy_cursor() -> Iterator[None]:
    QApplication.setOverrideCursor(QCursor(Qt.CursorShape.WaitCursor))
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()
