"""Importing packets from the office's window: off the window's thread, with real progress
and a Cancel that stops between packets (what was stored stays; a re-run finishes the job)."""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from pathlib import Path

from treem_desktop.errors import TreemError
from treem_desktop.formatting import format_number
from treem_desktop.i18n import _
from treem_desktop.office.folder import OfficeFolder
from treem_desktop.office.followup import ImportTally, import_until_stopped, tally
from treem_desktop.office.sources import packet_sources
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


class _Relay(QObject):
    progressed = Signal(int, int, str)
    done = Signal(object)
    failed = Signal(object)


class _ImportJob(QRunnable):
    def __init__(self, office: OfficeFolder, paths: list[Path], relay: _Relay) -> None:
        super().__init__()
        self.office = office
        self.paths = paths
        self.relay = relay
        self.stop = threading.Event()

    def run(self) -> None:
        try:
            sources = packet_sources(self.paths)
            self.relay.progressed.emit(0, len(sources), "")
            with self.office.own_connection() as own:
                outcomes, stopped = import_until_stopped(
                    own, sources, self.relay.progressed.emit, self.stop.is_set
                )
        except BaseException as error:  # noqa: BLE001 - handed to the window's thread
            self.relay.failed.emit(error)
            return
        self.relay.done.emit((tally(outcomes), stopped))


_running: set[_Relay] = set()


def run_import(
    parent: QWidget,
    office: OfficeFolder,
    paths: list[Path],
    on_done: Callable[[ImportTally, bool], None],
) -> QProgressDialog:
    """Start importing ``paths``; ``on_done(tally, stopped)`` runs on the window's thread."""
    progress = QProgressDialog(_("Looking for packets…"), _("Cancel"), 0, 0, parent)
    progress.setObjectName("import_progress")
    progress.setWindowTitle(_("Importing packets"))
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setAutoClose(False)
    progress.setAutoReset(False)
    progress.setMinimumDuration(0)
    relay = _Relay()
    job = _ImportJob(office, paths, relay)
    job.setAutoDelete(False)
    _running.add(relay)
    progress.canceled.connect(job.stop.set)

    def progressed(done: int, total: int, name: str) -> None:
        progress.setMaximum(max(total, 1))
        progress.setValue(done)
        progress.setLabelText(
            _("Checked {done} of {total} packets").format(
                done=format_number(done), total=format_number(total)
            )
            + (f"\n{name}" if name else "")
        )

    def finish() -> None:
        progress.close()
        _running.discard(relay)

    def succeeded(result: tuple[ImportTally, bool]) -> None:
        finish()
        on_done(*result)

    def failed(error: BaseException) -> None:
        finish()
        if isinstance(error, TreemError):
            show_error(parent, error)
        else:
            sys.excepthook(type(error), error, error.__traceback__)

    relay.progressed.connect(progressed)
    relay.done.connect(succeeded)
    relay.failed.connect(failed)
    progress.show()
    QThreadPool.globalInstance().start(job)
    progress.job = job  # type: ignore[attr-defined]  # kept alive with the dialog
    return progress


def summary_text(result: ImportTally, stopped: bool) -> str:
    """The import's summary: accepted, already known, refused with reasons, waiting."""
    lines = []
    if stopped:
        lines.append(
            _(
                "Stopped after {done} packets. Import again to finish: nothing is counted twice."
            ).format(done=format_number(result.total))
        )
    lines.append(
        _(
            "Accepted: {accepted}. Already received: {known}. Resubmissions waiting: "
            "{waiting}. Older than one received: {older}. Refused: {refused}."
        ).format(
            accepted=format_number(result.accepted),
            known=format_number(result.known),
            waiting=format_number(result.resubmissions),
            older=format_number(result.older),
            refused=format_number(len(result.refused)),
        )
    )
    for outcome in result.refused[:20]:
        reason = outcome.error.message() if outcome.error else ""
        lines.append(f"• {outcome.name}: {reason}")
    if len(result.refused) > 20:
        lines.append(_("… and {count} more.").format(count=len(result.refused) - 20))
    return "\n".join(lines)
