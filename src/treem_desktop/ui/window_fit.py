"""Opening the main window inside the space the taskbar leaves on the screen.

Commune laptops have 1366×768 or 1024×600 screens with a 40 px taskbar; Qt reports what is
left as ``QScreen.availableGeometry()``. The window is sized here before it is first shown.
"""

from __future__ import annotations

from dataclasses import dataclass

from treem_desktop.ui import qt
from treem_desktop.ui.qt import QPoint, QRect, QSize, QWidget

DEFAULT_SIZE = QSize(1100, 720)
MINIMUM_SIZE = QSize(760, 460)


@dataclass(frozen=True)
class Frame:
    """What the window manager adds around the window: title bar and borders (Windows 10:
    a 31 px title bar and 8 px invisible borders), so that the whole frame fits too."""

    left: int = 8
    top: int = 32
    right: int = 8
    bottom: int = 8

    def inside(self, available: QRect) -> QRect:
        """The room left for the window's contents inside ``available``."""
        return available.adjusted(self.left, self.top, -self.right, -self.bottom)

    def around(self, contents: QRect) -> QRect:
        """The frame's outer rectangle around the window's contents."""
        return contents.adjusted(-self.left, -self.top, self.right, self.bottom)


FRAME = Frame()


def fit_window(window: QWidget, available: QRect) -> None:
    """Size ``window`` for the screen space ``available``.

    The default size, centred, where it fits with its frame; otherwise all the room there is,
    maximised (a 1024×600 or 1366×768 laptop). Never larger than ``available``.
    """
    if not place_window(window, available):
        # qt.Qt only here: its first use builds all of Qt's enums (~15 ms at start-up)
        window.setWindowState(window.windowState() | qt.Qt.WindowState.WindowMaximized)


def place_window(window: QWidget, available: QRect) -> bool:
    """:func:`fit_window` without maximising: the default size, centred, bounded by
    ``available``. Returns False when the default size does not fit with its frame, that is
    when the window is to be shown maximised (``showMaximized()``, which builds no enums)."""
    room = FRAME.inside(available)
    window.setMinimumSize(MINIMUM_SIZE.boundedTo(room.size()))
    fits = DEFAULT_SIZE.width() <= room.width() and DEFAULT_SIZE.height() <= room.height()
    size = DEFAULT_SIZE.boundedTo(room.size())
    corner = QPoint(
        room.x() + (room.width() - size.width()) // 2,
        room.y() + (room.height() - size.height()) // 2,
    )
    window.setGeometry(QRect(corner, size))
    return fits


def place_on_its_screen(window: QWidget) -> bool:
    """:func:`place_window` for the screen the window is on (the primary one before it
    shows); True when the window fits unmaximised (or has no screen)."""
    screen = window.screen()
    return screen is None or place_window(window, screen.availableGeometry())
