"""The main window: a sidebar of pages (keyboard: Ctrl+1…) and the page shown beside it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from treem_desktop._version import __version__
from treem_desktop.commune.preferences import is_demo
from treem_desktop.commune.workspace import Workspace
from treem_desktop.core.commune import CommuneProfile
from treem_desktop.i18n import _
from treem_desktop.ui.home_page import HomePage
from treem_desktop.ui.looks import set_font
from treem_desktop.ui.qt import (
    QAction,
    QApplication,
    QHBoxLayout,
    QKeySequence,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSize,
    QStackedWidget,
    QTimer,
    QWidget,
    Signal,
)
from treem_desktop.ui.window_fit import place_on_its_screen

if TYPE_CHECKING:
    from treem_desktop.commune.score_cache import YearScore
    from treem_desktop.standards.scoring import Score
    from treem_desktop.ui.backup_schedule import BackupSchedule
    from treem_desktop.ui.qt import QCloseEvent

PAGES = (
    "home",
    "evaluation",
    "indicators",
    "tables",
    "documents",
    "deadlines",
    "outbox",
    "settings",
    "backups",
)
SIDEBAR_WIDTH = 190
SUMMARY_DELAY_MS = 0
"""The home page's lines are read at the first turn of the event loop, after the window's
first paint (posted events go before timers): no fixed wait before the page is filled."""
WHEEL_GUARD_DELAY_MS = 500
"""The wheel guard goes on this long after the home page is filled, not before its paint."""
SIDEBAR_ROW_HEIGHT = 36
RETRY_QUEUED_MS = 10 * 60 * 1000
FIRST_RETRY_MS = 60_000  # a minute after start-up, once
"""How often queued packets are tried again (one TCP check per route, only when some wait)."""


class MainWindow(QMainWindow):
    """The application's window over one open :class:`Workspace`.

    Pages other than Home are built the first time they are opened, so the window shows
    quickly on old laptops.

    Signals:
        language_changed: the officer picked another language in Settings.
    """

    language_changed = Signal(str)

    def __init__(self, workspace: Workspace, today: dt.date | None = None) -> None:
        super().__init__()
        # The wheel never changes an answer, on every page: the guard is installed once the
        # home page (which has no input) is filled, or before the first other page is built.
        self.workspace = workspace
        self._today = today or dt.date.today()
        self._home_score: YearScore | None = None  # the year's score, once the evaluation is open
        self._home_score_stale = False  # a value was saved since the home page last showed it
        self.setObjectName("main_window")
        # Shown maximised by show_fitted() where the default size does not fit the screen.
        self.opens_maximised = not place_on_its_screen(self)
        self.sidebar = QListWidget()
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setFixedWidth(SIDEBAR_WIDTH)
        set_font(self.sidebar, point_size=self.sidebar.font().pointSizeF() * 1.15)
        self.stack = QStackedWidget()
        self.home = HomePage()
        self.home.open_outbox.connect(lambda: self.show_page(PAGES.index("outbox")))
        self._factories: list[Callable[[], QWidget] | None] = []
        self._add_page(_("Home"), self.home)
        self._add_page(_("Evaluation"), None, self._make_evaluation)
        self._add_page(_("Indicators"), None, self._make_indicators)
        self._add_page(_("Report tables"), None, self._make_tables)
        self._add_page(_("Documents"), None, self._make_documents)
        self._add_page(_("Deadlines"), None, self._make_deadlines)
        self._add_page(_("Outbox"), None, self._make_outbox)
        self._add_page(_("Settings"), None, self._make_settings)
        self._add_page(_("Backups"), None, self._make_backups)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.sidebar)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.sidebar.currentRowChanged.connect(self.show_page)
        self._build_menu()
        self.refresh()
        self.sidebar.setCurrentRow(0)
        self.sidebar.setFocus()
        self.statusBar().showMessage(_("Data folder: {path}").format(path=workspace.data_dir.path))
        # The round, the deadlines and the outbox (~20 ms): after the window has painted.
        self._summary_timer = QTimer(self)
        self._summary_timer.setSingleShot(True)
        self._summary_timer.timeout.connect(self.show_evaluation_summary)
        self._summary_timer.start(SUMMARY_DELAY_MS)
        self._retry_timer = QTimer(self)
        self._retry_timer.timeout.connect(self.send_queued_when_online)
        self._retry_timer.start(RETRY_QUEUED_MS)
        # Once soon after start-up too: packets queued yesterday go when today's line is up.
        self._first_retry = QTimer(self)
        self._first_retry.setSingleShot(True)
        self._first_retry.timeout.connect(self.send_queued_when_online)
        self._first_retry.start(FIRST_RETRY_MS)
        self._backup_schedule = _backup_schedule(self)

    def show_fitted(self) -> None:
        """Show the window, maximised on a screen too small for its default size
        (``showMaximized()`` builds none of Qt's enums, ~15 ms at start-up)."""
        if self.opens_maximised:
            self.showMaximized()
        else:
            self.show()

    def show_evaluation_summary(self) -> None:
        from treem_desktop.commune.score_cache import year_score

        # Kept from the last start-up while nothing it depends on changed (score_cache.py).
        self._show_year_score(year_score(self.workspace, self._today.year))
        self.show_deadlines()
        # The home page has no input: the guard (~40 ms: Qt's enums built, every event filtered
        # from then on) once the officer reads the painted page; a page or the guide opened
        # before then installs it itself (_show_page, open_guide).
        QTimer.singleShot(WHEEL_GUARD_DELAY_MS, _install_wheel_guard)

    def _show_year_score(self, score: YearScore | None) -> None:
        from treem_desktop.ui.evaluation.summary import evaluation_summary

        self._home_score_stale = False
        self.home.evaluation_text.setText(evaluation_summary(self._today.year, score))

    def _score_changed(self, year: int, score: Score) -> None:
        """A value saved on the evaluation page: only the home page's evaluation line changes,
        written when the home page is shown again (never on each saved value)."""
        if year != self._today.year:
            return
        from treem_desktop.commune.score_cache import YearScore

        self._home_score, self._home_score_stale = YearScore.of(score), True
        if self.stack.currentWidget() is self.home:
            self._show_year_score(self._home_score)

    def show_deadlines(self) -> None:
        from treem_desktop.commune.deadlines import deadlines
        from treem_desktop.ui.evaluation.summary import deadline_summary

        self.home.due_text.setText(deadline_summary(deadlines(self.workspace, self._today)))
        self.show_outbox_summary()

    def show_outbox_summary(self) -> None:
        from treem_desktop.commune.outbox_line import home_line

        self.home.show_outbox(*home_line(self.workspace))

    def send_queued_when_online(self) -> None:
        """Send the queued packets if their server answers; say so in the status bar."""
        from treem_desktop.commune.outbox import send_queued_if_online
        from treem_desktop.ui.ops import in_own_connection, run_in_background

        if not self.isVisible():
            return

        workspace = self.workspace
        run_in_background(
            lambda: in_own_connection(workspace, send_queued_if_online),
            self._queued_sent,
            self._queued_failed,
        )

    def _queued_failed(self, error: BaseException) -> None:
        """A background send that failed as a whole: logged, said in the status bar."""
        import logging

        from treem_desktop.errors import TreemError

        logging.getLogger(__name__).warning("sending queued packets failed: %r", error)
        if isinstance(error, TreemError):
            self.statusBar().showMessage(error.message(), 15000)
        self._outbox_changed()

    def _queued_sent(self, outcomes: list[object]) -> None:
        sent = [o for o in outcomes if getattr(o, "state", "") == "sent"]
        if sent:
            self.statusBar().showMessage(
                _("The connection is back: {count} queued packet(s) were sent.").format(
                    count=len(sent)
                ),
                15000,
            )
        self._outbox_changed()

    def _outbox_changed(self) -> None:
        if not self.isVisible():  # closed while a send ran: its database may be closed too
            return
        self.show_outbox_summary()
        page = getattr(self, "outbox_page", None)
        if page is not None:
            page.reload()

    def _add_page(
        self, title: str, page: QWidget | None, factory: Callable[[], QWidget] | None = None
    ) -> None:
        index = len(self._factories)
        item = QListWidgetItem(title)
        item.setToolTip(f"Ctrl+{index + 1}")
        # Narrower than the list, so that no horizontal scroll bar appears.
        item.setSizeHint(QSize(SIDEBAR_WIDTH - 8, SIDEBAR_ROW_HEIGHT))
        self.sidebar.addItem(item)
        self.stack.addWidget(page if page is not None else QWidget())
        self._factories.append(factory)

    def _build_menu(self) -> None:
        file_menu = self.menuBar().addMenu(_("&File"))
        quit_action = _action(_("&Quit"), self)
        # setShortcuts(): setShortcut()'s overload resolution costs 16 ms on first use.
        quit_action.setShortcuts([QKeySequence("Ctrl+Q")])
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        go_menu = self.menuBar().addMenu(_("&Go"))
        for index in range(self.sidebar.count()):
            action = _action(self.sidebar.item(index).text(), self)
            action.setShortcuts([QKeySequence(f"Ctrl+{index + 1}")])
            action.triggered.connect(lambda _checked=False, i=index: self.sidebar.setCurrentRow(i))
            go_menu.addAction(action)
        help_menu = self.menuBar().addMenu(_("&Help"))
        guide = _action(_("&User guide"), self)
        guide.setShortcuts([QKeySequence("F1")])
        guide.triggered.connect(self.open_guide)
        help_menu.addAction(guide)
        about = _action(_("&About Treem"), self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)

    def show_page(self, index: int) -> None:
        old_page = self.stack.currentWidget()
        focused = QApplication.focusWidget()
        was_in_page = (
            old_page is not None and focused is not None and old_page.isAncestorOf(focused)
        )
        self._show_page(index)
        if was_in_page:  # the keyboard was in the page left behind: back to the sidebar
            self.sidebar.setFocus()

    def _show_page(self, index: int) -> None:
        factory = self._factories[index]
        if factory is not None:
            _install_wheel_guard()
            empty = self.stack.widget(index)
            assert empty is not None
            self.stack.insertWidget(index, factory())
            self.stack.removeWidget(empty)
            empty.deleteLater()
            self._factories[index] = None
        self.stack.setCurrentIndex(index)
        if self.sidebar.currentRow() != index:  # without showing the page a second time
            self.sidebar.blockSignals(True)
            self.sidebar.setCurrentRow(index)
            self.sidebar.blockSignals(False)
        self._refresh_outbox_views(index)

    def _make_evaluation(self) -> QWidget:
        from treem_desktop.ui.evaluation.page import EvaluationPage

        page = EvaluationPage(self.workspace, year=self._today.year)
        page.score_changed.connect(lambda score: self._score_changed(page.selected_year(), score))
        page.document_requested.connect(self.open_document)
        self.evaluation_page = page
        return page

    def _make_indicators(self) -> QWidget:
        from treem_desktop.ui.indicators.indicators_page import IndicatorsPage

        self.indicators_page = IndicatorsPage(self.workspace, year=self._today.year)
        return self.indicators_page

    def _make_tables(self) -> QWidget:
        from treem_desktop.ui.indicators.tables_page import TablesPage

        self.tables_page = TablesPage(self.workspace)
        return self.tables_page

    def open_document(self, register_id: int) -> None:
        """The documents page, with the document ``register_id`` selected (0: none)."""
        self.show_page(PAGES.index("documents"))
        if register_id:
            self.documents_page.show_document(f"document:{register_id}")

    def _make_documents(self) -> QWidget:
        from treem_desktop.ui.documents.page import DocumentsPage

        self.documents_page = DocumentsPage(self.workspace, today=self._today)
        self.documents_page.tasks_changed.connect(self._tasks_changed)
        return self.documents_page

    def _make_deadlines(self) -> QWidget:
        from treem_desktop.ui.documents.deadlines_page import DeadlinesPage

        self.deadlines_page = DeadlinesPage(self.workspace, today=self._today)
        return self.deadlines_page

    def _refresh_outbox_views(self, index: int) -> None:
        """Packets are built on other pages: the outbox and the home page's line are read again
        when shown (one small query)."""
        if index == PAGES.index("home"):
            started = getattr(self, "_summary_timer", None)  # not on the start-up path
            if started is not None and not started.isActive():
                if self._home_score_stale:  # a value was saved while it was hidden
                    self._show_year_score(self._home_score)
                self.show_outbox_summary()
        elif index == PAGES.index("outbox"):
            self.outbox_page.reload()

    def _make_outbox(self) -> QWidget:
        from treem_desktop.ui.outbox_page import OutboxPage

        self.outbox_page = OutboxPage(self.workspace)
        self.outbox_page.changed.connect(self.show_outbox_summary)
        self.outbox_page.open_page.connect(lambda name: self.show_page(PAGES.index(name)))
        return self.outbox_page

    def _tasks_changed(self) -> None:
        self.show_deadlines()
        page = getattr(self, "deadlines_page", None)
        if page is not None:
            page.reload()

    def page_index(self, name: str) -> int:
        """The sidebar row of a page: "home", "evaluation" or "settings"."""
        return PAGES.index(name)

    def _make_backups(self) -> QWidget:
        from treem_desktop.i18n import current_language
        from treem_desktop.ui.backup_page import BackupPage

        page = BackupPage(self.workspace)
        # the data were replaced: the window is built again over them (like a new language)
        page.restored.connect(lambda: self.language_changed.emit(current_language()))
        return page

    def _make_settings(self) -> QWidget:
        from treem_desktop.ui.pack_refresh import refresh_after_pack
        from treem_desktop.ui.settings_page import SettingsPage

        page = SettingsPage(self.workspace)
        page.profile_saved.connect(self._profile_saved)
        page.pack_imported.connect(lambda: refresh_after_pack(self))
        page.status_changed.connect(lambda text: self.statusBar().showMessage(text, 8000))
        page.language_changed.connect(self.language_changed.emit)
        self.settings_page = page
        return page

    def refresh(self) -> None:
        profile = self.workspace.require_profile()
        self._profile_saved(profile)

    def _profile_saved(self, profile: CommuneProfile) -> None:
        self.setWindowTitle(f"Treem — {profile.commune.name}, {profile.province_name}")
        self.home.show_profile(profile, is_demo(self.workspace), self._today)

    def open_guide(self) -> None:
        """The user guide (F1), at the section of the page shown."""
        from treem_desktop.ui.guide import GuideDialog

        _install_wheel_guard()
        dialog = getattr(self, "guide_dialog", None)
        if dialog is None:
            dialog = self.guide_dialog = GuideDialog(self)
        dialog.show()
        dialog.activateWindow()
        dialog.show_section(PAGES[self.stack.currentIndex()])

    def _about(self) -> None:
        from treem_desktop.ui.qt import QMessageBox  # ~1.5 ms of Qt types, off the start path

        QMessageBox.about(
            self,
            _("About Treem"),
            _("Treem Desktop {version}\nChild protection and care work of the commune.").format(
                version=__version__
            ),
        )

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API
        self._summary_timer.stop()
        self._retry_timer.stop()
        self._first_retry.stop()
        self._backup_schedule.stop()
        page = getattr(self, "settings_page", None)
        if page is not None:
            page.flush()
        super().closeEvent(event)


def _backup_schedule(window: MainWindow) -> BackupSchedule:
    """Automatic backups (at start when something changed, then every 30 minutes)."""
    from treem_desktop.ui.backup_schedule import BackupSchedule

    schedule = BackupSchedule(window.workspace, window)
    schedule.failed.connect(lambda text: window.statusBar().showMessage(text, 15_000))
    return schedule


def _action(text: str, parent: QWidget) -> QAction:
    """``QAction(text, parent)`` without its overload resolution, which builds the QIcon type
    (its 151 theme icons made into a Python enum, ~1.3 ms at start-up)."""
    action = QAction(parent)
    action.setText(text)
    return action


def _install_wheel_guard() -> None:
    """:func:`treem_desktop.ui.wheel_guard.install_wheel_guard`, its Qt classes loaded then."""
    from treem_desktop.ui.wheel_guard import install_wheel_guard

    install_wheel_guard()
