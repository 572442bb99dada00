"""Importing packets from the office's window: off the window's thread (``ui/ops.run_op``),
with real progress and a Cancel that stops between packets (what was stored stays; a re-run
finishes the job)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from treem_desktop.core.jobs import Job, Step
from treem_desktop.formatting import format_number
from treem_desktop.i18n import _
from treem_desktop.office.folder import OfficeFolder
from treem_desktop.office.followup import ImportTally, import_until_stopped, tally
from treem_desktop.office.sources import packet_sources
from treem_desktop.ui.ops import run_op
from treem_desktop.ui.qt import QProgressDialog, QWidget


def run_import(
    parent: QWidget,
    office: OfficeFolder,
    paths: list[Path],
    on_done: Callable[[ImportTally, bool], None],
    job: Job | None = None,
) -> QProgressDialog:
    """Start importing ``paths``; ``on_done(tally, stopped)`` runs on the window's thread.
    ``job``: the caller's own, to listen to its steps too."""

    def work(job: Job) -> tuple[ImportTally, bool]:
        sources = packet_sources(paths)
        with office.own_connection() as own:
            outcomes, stopped = import_until_stopped(own, sources, job=job)
        return tally(outcomes), stopped

    progress = run_op(
        parent,
        _("Looking for packets…"),
        work,
        lambda result: on_done(*result),
        job=job or Job(),
        describe=_checked_text,
    )
    progress.setObjectName("import_progress")
    progress.setWindowTitle(_("Importing packets"))
    progress.show()
    return progress


def _checked_text(step: Step) -> str:
    text = _("Checked {done} of {total} packets").format(
        done=format_number(step.done), total=format_number(step.total)
    )
    return text + (f"\n{step.label}" if step.label else "")


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
