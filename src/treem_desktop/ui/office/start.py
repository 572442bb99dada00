"""Starting the application on an office's data folder: the office's window, not a commune's."""

from __future__ import annotations

from treem_desktop.errors import EXIT_USER, TreemError
from treem_desktop.paths import DataDirChoice
from treem_desktop.ui.errors import install_excepthook, show_error
from treem_desktop.ui.looks import show_keyboard_focus
from treem_desktop.ui.qt import QApplication, QThreadPool, QTimer

BACKGROUND_WAIT_MS = 60_000


def run_office(app: QApplication, data_dir: DataDirChoice, language: str | None) -> int:
    """Open the office folder and run its window until it closes; returns the exit code."""
    from treem_desktop.office.folder import open_office
    from treem_desktop.ui.app import switch_language
    from treem_desktop.ui.office.window import OfficeWindow

    switch_language(language or "vi")
    try:
        office = open_office(data_dir)
        office.require_profile()
    except TreemError as error:
        show_error(None, error)
        return EXIT_USER
    install_excepthook(data_dir.log_dir)
    try:
        window = OfficeWindow(office)
        window.show()
        QTimer.singleShot(0, lambda: show_keyboard_focus(app))
        return app.exec()
    finally:
        QThreadPool.globalInstance().waitForDone(BACKGROUND_WAIT_MS)
        office.close()
