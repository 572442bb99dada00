"""Showing errors: TreemErrors as plain messages, bugs through the last-resort handler.

Qt classes are looked up when an error is shown, not at import: this module is on the
start-up path and most runs never show an error.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from treem_desktop.errors import TreemError
from treem_desktop.i18n import _
from treem_desktop.ui import qt

if TYPE_CHECKING:
    from treem_desktop.ui.qt import QWidget

log = logging.getLogger(__name__)


def show_error(parent: QWidget | None, error: TreemError) -> None:
    """A dialog with the error's message in the user's language (a full disk told as such)."""
    from treem_desktop.disk_full import disk_full_instead

    message = disk_full_instead(error).message()
    box = qt.QMessageBox(qt.QMessageBox.Icon.Warning, _("Treem"), message, parent=parent)
    box.setObjectName("error_dialog")
    box.exec()


def install_excepthook(log_dir: Path) -> None:
    """Catch what nothing else caught: write a crash log and tell the user where it is."""

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if isinstance(exc, TreemError):
            show_error(qt.QApplication.activeWindow(), exc)
            return
        from treem_desktop.logs import try_write_crash_log

        show_crash_dialog(try_write_crash_log(log_dir, exc_type, exc, tb), exc)

    sys.excepthook = hook


def show_crash_dialog(written: Path | str, error: BaseException | None = None) -> None:
    """The last-resort dialog: where the crash log is, or (when it could not be written, say
    on a full disk) the one line saying so, with the error itself."""
    if isinstance(written, Path):
        text = _(
            "Something went wrong inside Treem. Your saved data is safe. Please send the "
            "file below to your support person."
        )
        details = str(written)
    else:
        text = _(
            "Something went wrong inside Treem. Your saved data is safe. Please tell your "
            "support person the lines below."
        )
        details = f"{written}\n{type(error).__name__}: {error}" if error else written
    box = qt.QMessageBox(
        qt.QMessageBox.Icon.Critical, _("Treem"), text, parent=qt.QApplication.activeWindow()
    )
    box.setObjectName("crash_dialog")
    box.setInformativeText(details)
    box.setTextInteractionFlags(qt.Qt.TextInteractionFlag.TextSelectableByMouse)
    box.exec()
