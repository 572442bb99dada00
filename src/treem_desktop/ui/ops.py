"""Slow work off the window's thread (Anki's CollectionOp/QueryOp, in small).

``run_op(parent, label, work, on_done)`` runs ``work()`` in Qt's thread pool while the window
stays responsive and shows a busy indicator; ``on_done(result)`` runs back on the window's
thread. A TreemError is shown as its message; anything else goes to the crash handler.
``work`` must not touch widgets.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from treem_desktop.errors import TreemError
from treem_desktop.ui.errors import show_error
from treem_desktop.ui.qt import (
    QObject,
    QProgressDialog,
    QRunnable,
    Qt,
    QThreadPool,
    QWidget,
    Signal,
)

if TYPE_CHECKING:
    from treem_desktop.services.workspace import Workspace

T = TypeVar("T")


class _Relay(QObject):
    done = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
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
    work: Callable[[], Any],
    on_done: Callable[[Any], None],
) -> None:
    """Run ``work`` off the window's thread with a busy dialog; then ``on_done(result)``."""
    progress = QProgressDialog(label, "", 0, 0, parent)
    progress.setObjectName("op_progress")
    progress.setCancelButton(None)
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(300)
    relay = _Relay()
    _running.add(relay)

    def finish() -> None:
        progress.close()
        _running.discard(relay)

    def succeeded(result: object) -> None:
        finish()
        on_done(result)

    def failed(error: BaseException) -> None:
        finish()
        if isinstance(error, TreemError):
            show_error(parent, error)
        else:
            sys.excepthook(type(error), error, error.__traceback__)

    relay.done.connect(succeeded)
    relay.failed.connect(failed)
    QThreadPool.globalInstance().start(_Job(work, relay))


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
    QThreadPool.globalInstance().start(_Job(work, relay))


def in_own_connection(workspace: Workspace, work: Callable[[Workspace], T]) -> T:
    """Run ``work`` with a second connection to the workspace's database (for a worker
    thread: the window keeps using its own connection meanwhile)."""
    with workspace.own_connection() as own:
        return work(own)
