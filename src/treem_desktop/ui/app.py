"""Starting the window: open the data folder, run the first-run wizard if needed, show."""

from __future__ import annotations

import sys
import time

from treem_desktop.errors import EXIT_USER, TreemError
from treem_desktop.i18n import set_language
from treem_desktop.paths import DataDirChoice
from treem_desktop.services.preferences import store_language, stored_language
from treem_desktop.services.workspace import Workspace, open_workspace
from treem_desktop.ui.errors import install_excepthook, show_error
from treem_desktop.ui.main_window import PAGES, MainWindow
from treem_desktop.ui.qt import QApplication, QThreadPool, QTimer

BACKGROUND_WAIT_MS = 60_000


def run_gui(data_dir: DataDirChoice, language: str | None, startup_probe: bool = False) -> int:
    """Run the application until its window closes; returns the exit code."""
    app = _make_application()
    try:
        workspace = open_workspace(data_dir, create=True, start_log=False)
    except TreemError as error:
        show_error(None, error)
        return EXIT_USER
    install_excepthook(data_dir.log_dir)
    set_language(language or stored_language(workspace) or "vi")
    try:
        if workspace.profile() is None and not run_first_setup(workspace):
            return 0
        controller = WindowController(workspace)
        controller.open()
        if startup_probe:
            QTimer.singleShot(0, _report_shown_and_quit)
        QTimer.singleShot(0, lambda: _start_log(data_dir))  # after the window is shown
        return app.exec()
    finally:
        # A packet being sent in the background finishes (and is recorded) before the
        # database closes; a send is at most a few seconds.
        QThreadPool.globalInstance().waitForDone(BACKGROUND_WAIT_MS)
        workspace.close()


def _make_application() -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    # Qt 6 scales for high-DPI screens by itself (fractional factors pass through).
    app = QApplication(sys.argv[:1])
    app.setApplicationName("Treem")
    app.setOrganizationName("Treem")
    app.setApplicationDisplayName("Treem")
    return app


def run_first_setup(workspace: Workspace) -> bool:
    """The first-run wizard; returns False when the officer cancelled it."""
    from treem_desktop.services.commune_key import KeyFiles, ensure_commune_key
    from treem_desktop.services.demo import set_up_demo
    from treem_desktop.services.setup import save_commune
    from treem_desktop.ui.wizard import SetupWizard

    while True:
        wizard = SetupWizard()
        chosen: list[str] = []
        wizard.language_chosen.connect(chosen.append)
        wizard.language_chosen.connect(wizard.close)
        accepted = wizard.exec() == SetupWizard.DialogCode.Accepted
        if chosen:  # rebuild the wizard in the chosen language
            set_language(chosen[-1])
            store_language(workspace, chosen[-1])
            continue
        if not accepted:
            return False
        try:
            if wizard.use_demo:
                set_up_demo(workspace)
            else:
                profile = save_commune(workspace, wizard.profile())
                files = KeyFiles.in_data_dir(workspace.data_dir.path)
                ensure_commune_key(files, profile, wizard.key.passphrase())
        except TreemError as error:
            show_error(None, error)
            continue
        return True


class WindowController:
    """Owns the main window; rebuilds it when the language changes."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self.window: MainWindow | None = None

    def open(self, page: int = 0) -> None:
        window = MainWindow(self.workspace)
        window.language_changed.connect(self._language_changed)
        if self.window is not None:
            window.setGeometry(self.window.geometry())
            self.window.hide()
            self.window.deleteLater()
        self.window = window
        window.show_page(page)
        window.show()

    def _language_changed(self, language: str) -> None:
        set_language(language)
        QTimer.singleShot(0, lambda: self.open(page=PAGES.index("settings")))


def _start_log(data_dir: DataDirChoice) -> None:
    from treem_desktop.logs import start_file_log

    start_file_log(data_dir.log_dir)


def _report_shown_and_quit() -> None:
    print(f"shown {time.time():.6f}", flush=True)
    app = QApplication.instance()
    if app is not None:
        app.quit()
