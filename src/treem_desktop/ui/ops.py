"""Slow work off the window's thread (Anki's CollectionOp/QueryOp, in small).

``run_op(parent, label, work, on_done)`` runs ``work(job)`` in Qt's thread pool while the window
stays responsive; ``on_done(result)`` runs back on the window's thread. The dialog shows real
progress (maximum, value, what is being done) as the :class:`~treem_desktop.core.jobs.Job`
reports steps, and its Cancel (Esc) asks the job to stop: the work stops at its next check and
a short note says so (JOB_CANCELLED is not an error). Another TreemError is shown as its
message; anything else goes to the crash handler. ``work`` must not touch widgets.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from treem_desktop.core.jobs import Job, JobCancelled, Step
from treem_desktop.errors import TreemError
from treem_desktop.i18n import _
from treem_desktop.ui.errors import show_error
from treem_desktop.ui.qt import (
    QMessageBox,
    QObject,
    QProgressDialog,
    QPushButton,
    QRunnable,
    Qt,
    QThreadPool,
    QWidget,
    Signal,
)

if TYPE_CHECKING:
    from treem_desktop.commune.workspace import Workspace

T = TypeVar("T")


class _Relay(QObject):
    progressed = Signal(object)
    done = Signal(object)
    failed = Signal(object)


class _Worker(QRunnable):
    def __init__(self, work: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.work = work
        self.relay = relay

    def run(self) -> None:
        try:
            result = self.work()
        except BaseException as error:  # noqa: BLE001 - handed to the window's thread
            self.relay.failed.emit(error)
            return
        self.relay.done.emit(result)


_running: set[_Relay] = set()


def run_op(
    parent: QWidget,
    label: str,
    work: Callable[..., Any],
    on_done: Callable[[Any], None],
    *,
    job: bool | Job = True,
    describe: Callable[[Step], str] | None = None,
    on_cancelled: Callable[[], None] | None = None,
) -> QProgressDialog:
    """Run ``work(job)`` (``work()`` when ``job`` is False) off the window's thread with a
    progress dialog and a Cancel; then ``on_done(result)``. ``job`` may be the caller's own
    :class:`Job` (to listen too). ``describe`` words a step for the dialog (default: ``label``
    and the step's own label); ``on_cancelled`` replaces the short note shown when the job
    stopped as asked."""
    watched = job if isinstance(job, Job) else Job()
    progress = _progress_dialog(parent, label, watched)
    relay = _Relay()
    _running.add(relay)
    watched.listen(relay.progressed.emit)  # from the worker; drawn on the window's thread

    def progressed(step: Step) -> None:
        if step.total > 0:
            progress.setMaximum(step.total)
            progress.setValue(min(step.done, step.total))
        if not watched.cancelled:
            progress.setLabelText(describe(step) if describe else _step_text(label, step))

    def finish() -> None:
        progress.reset()  # stops the timer that would show it after a quick job had ended
        progress.close()
        _running.discard(relay)

    def succeeded(result: object) -> None:
        finish()
        on_done(result)

    def failed(error: BaseException) -> None:
        finish()
        if isinstance(error, JobCancelled):
            (on_cancelled or (lambda: _cancelled_note(parent, error)))()
        elif isinstance(error, TreemError):
            show_error(parent, error)
        else:
            sys.excepthook(type(error), error, error.__traceback__)

    relay.progressed.connect(progressed)
    relay.done.connect(succeeded)
    relay.failed.connect(failed)
    QThreadPool.globalInstance().start(
        _Worker(work if job is False else (lambda: work(watched)), relay)
    )
    return progress


def _progress_dialog(parent: QWidget, label: str, job: Job) -> QProgressDialog:
    """A window-modal dialog, busy until steps come; Cancel (Esc) asks ``job`` to stop and
    the dialog stays, saying so, until the work has stopped."""
    progress = QProgressDialog(label, _("&Cancel"), 0, 0, parent)
    progress.setObjectName("op_progress")
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setAutoClose(False)
    progress.setAutoReset(False)
    progress.setMinimumDuration(300)
    progress.canceled.disconnect(progress.cancel)  # kept open until the work has stopped

    def stopping() -> None:
        job.cancel()
        progress.setLabelText(_("Stopping after the current step…"))
        button = progress.findChild(QPushButton)
        if button is not None:
            button.setEnabled(False)

    progress.canceled.connect(stopping)
    return progress


def _step_text(label: str, step: Step) -> str:
    return f"{label}\n{step.label}" if step.label else label


def _cancelled_note(parent: QWidget, error: JobCancelled) -> None:
    box = QMessageBox(QMessageBox.Icon.Information, _("Stopped"), error.message(), parent=parent)
    box.setObjectName("op_cancelled")
    box.open()


def run_in_background(
    work: Callable[[], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[BaseException], None],
) -> None:
    """Run ``work`` off the window's thread with no dialog (checks the officer did not ask
    for, such as sending queued packets when the connection returns)."""
    relay = _Relay()
    _running.add(relay)

    def succeeded(result: object) -> None:
        _running.discard(relay)
        on_done(result)

    def failed(error: BaseException) -> None:
        _running.discard(relay)
        on_error(error)

    relay.done.connect(succeeded)
    relay.failed.connect(failed)
    QThreadPool.globalInstance().start(_Worker(work, relay))


def in_own_connection(workspace: Workspace, work: Callable[[Workspace], T]) -> T:
    """Run ``work`` with a second connection to the workspace's database (for a worker
    thread: the window keeps using its own connection meanwhile)."""
    with workspace.own_connection() as own:
        return work(own)
