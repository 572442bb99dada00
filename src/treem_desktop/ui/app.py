"""Starting the window: open the data folder, run the first-run wizard if needed, show."""

from __future__ import annotations

import gc
import sys
import time
from typing import TYPE_CHECKING

from treem_desktop.errors import EXIT_USER, TreemError
from treem_desktop.i18n import set_language
from treem_desktop.paths import DataDirChoice
from treem_desktop.ui.errors import install_excepthook, show_error
from treem_desktop.ui.looks import show_keyboard_focus
from treem_desktop.ui.qt import QApplication, QThreadPool, QTimer
from treem_desktop.ui.qt_catalogue import use_qt_catalogue

if TYPE_CHECKING:
    from treem_desktop.commune.workspace import Workspace
    from treem_desktop.ui.main_window import MainWindow

# The data folder's and the window's modules (~15 ms) are imported in run_gui, while a second
# thread checks the folder's database (commune/opening_check.py).

BACKGROUND_WAIT_MS = 60_000
LOG_START_DELAY_MS = 300
"""The log file and the crash log open once the home page is filled (~15 ms of imports the
officer need not wait for); errors before that still reach the excepthook's crash file."""


def run_gui(data_dir: DataDirChoice, language: str | None, startup_probe: bool = False) -> int:
    """Run the application until its window closes; returns the exit code."""
    app = _make_application()
    from treem_desktop.office.role import is_office_folder

    if is_office_folder(data_dir):  # receiving mode: the office's window
        resume_collection()
        from treem_desktop.ui.office.start import run_office
        from treem_desktop.ui.wheel_guard import install_wheel_guard

        install_wheel_guard()
        return run_office(app, data_dir, language)
    from treem_desktop.commune.opening_check import begin_database_check

    begin_database_check(data_dir)  # beside the imports below; taken where the opening checks
    from treem_desktop.commune.preferences import stored_language
    from treem_desktop.ui.backup_recovery import open_or_offer_restore

    workspace = open_or_offer_restore(data_dir)  # a damaged database: the newest backup offered
    if workspace is None:
        resume_collection()
        return EXIT_USER
    install_excepthook(data_dir.log_dir)
    switch_language(language or stored_language(workspace) or "vi")
    try:
        if workspace.profile() is None:
            resume_collection()  # the first run: the wizard, not a timed start
            from treem_desktop.ui.wheel_guard import install_wheel_guard

            install_wheel_guard()
            show_keyboard_focus(app)
            from treem_desktop.ui.first_run_choice import OFFICE, first_choice

            role = first_choice(workspace)  # a commune (the default) or a receiving office
            if role == OFFICE:
                from treem_desktop.ui.office.start import run_office

                return run_office(app, data_dir, language)
            if role is None or not run_first_setup(workspace):
                return 0
        # The style sheet before the window's widgets exist: each is polished once with it, not
        # polished, then re-polished when a sheet comes after them (~1.5 ms at start-up).
        show_keyboard_focus(app)
        controller = WindowController(workspace)
        controller.open()
        if startup_probe:
            QTimer.singleShot(0, _report_shown_and_quit)
        QTimer.singleShot(LOG_START_DELAY_MS, lambda: _start_log(data_dir))  # home page first
        QTimer.singleShot(LOG_START_DELAY_MS, resume_collection)
        return app.exec()
    finally:
        resume_collection()
        # A packet being sent in the background finishes (and is recorded) before the
        # database closes; a send is at most a few seconds.
        QThreadPool.globalInstance().waitForDone(BACKGROUND_WAIT_MS)
        workspace.close()


def _make_application() -> QApplication:
    """The application. The wheel guard comes before the first input exists: here for the
    first run and the office, from the main window once its home page is filled (every
    event of the first paint would go through the guard, ~45 ms)."""
    existing = QApplication.instance()
    return existing if isinstance(existing, QApplication) else _new_application()


def _new_application() -> QApplication:
    # Qt 6 scales for high-DPI screens by itself (fractional factors pass through).
    app = QApplication(sys.argv[:1])
    app.setApplicationName("Treem")
    app.setOrganizationName("Treem")
    app.setApplicationDisplayName("Treem")
    return app


def run_first_setup(workspace: Workspace) -> bool:
    """The first-run wizard; returns False when the officer cancelled it."""
    from treem_desktop.commune.commune_key import KeyFiles, ensure_commune_key
    from treem_desktop.commune.demo import set_up_demo
    from treem_desktop.commune.preferences import store_language
    from treem_desktop.commune.setup import save_commune
    from treem_desktop.ui.wizard import SetupWizard

    while True:
        wizard = SetupWizard()
        chosen: list[str] = []
        wizard.language_chosen.connect(chosen.append)
        wizard.language_chosen.connect(wizard.close)
        accepted = wizard.exec() == SetupWizard.DialogCode.Accepted
        if chosen:  # rebuild the wizard in the chosen language
            switch_language(chosen[-1])
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
        if not wizard.use_demo:  # a real key: offer, once, to back it up and print its card
            from treem_desktop.ui.key_care_prompt import offer_key_care

            offer_key_care(workspace)
        return True


class WindowController:
    """Owns the main window; rebuilds it when the language changes."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self.window: MainWindow | None = None

    def open(self, page: int = 0) -> None:
        from treem_desktop.ui.main_window import MainWindow

        window = MainWindow(self.workspace)
        window.language_changed.connect(self._language_changed)
        if self.window is not None:
            window.setGeometry(self.window.geometry())
            self.window.hide()
            self.window.deleteLater()
        self.window = window
        window.show_page(page)
        window.show_fitted()

    def _language_changed(self, language: str) -> None:
        from treem_desktop.ui.main_window import PAGES

        switch_language(language)
        QTimer.singleShot(0, lambda: self.open(page=PAGES.index("settings")))


def switch_language(language: str) -> None:
    """The app's words and Qt's own (buttons, menus, dialogs) in ``language``."""
    set_language(language)
    use_qt_catalogue(language)


def resume_collection() -> None:
    """Cyclic garbage collection back on: ``main`` pauses it while the window is built (the
    28 passes over the objects the imports and widgets just made, ~2 ms of the start-up);
    the officer reads the filled home page meanwhile."""
    gc.enable()


def _start_log(data_dir: DataDirChoice) -> None:
    from treem_desktop.logs import enable_fault_log, start_file_log
    from treem_desktop.ui.qt_log import install_qt_log

    start_file_log(data_dir.log_dir)
    enable_fault_log(data_dir.log_dir)
    install_qt_log()


def _report_shown_and_quit() -> None:
    print(f"shown {time.time():.6f}", flush=True)
    app = QApplication.instance()
    if app is not None:
        app.quit()
