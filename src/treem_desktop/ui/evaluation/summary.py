"""The lines about the year's evaluation and the deadlines shown on the home page."""

from __future__ import annotations

from treem_desktop.commune.deadlines import Deadlines
from treem_desktop.commune.score_cache import YearScore
from treem_desktop.formatting import format_number
from treem_desktop.i18n import _

INCOMPLETE = "incomplete"  # standards.scoring.Verdict.INCOMPLETE, without importing the scorer


def evaluation_summary(year: int, score: YearScore | None) -> str:
    """One line on the year's evaluation for the home page."""
    if score is None:
        return _("No evaluation has been started for {year}. Open Evaluation to start it.").format(
            year=year
        )
    text = _("{year}: {total} points, {scored} of {count} criteria scored — {verdict}").format(
        year=year,
        total=format_number(score.total, 0),
        scored=score.scored,
        count=score.count,
        verdict=score.verdict_text,
    )
    if score.provisional and score.verdict != INCOMPLETE:
        text += " (" + _("provisional") + ")"
    return text


HOME_TASK_LINES = 2  # what a 1024×600 screen has room for beside the rest of the home page


def deadline_summary(found: Deadlines, limit: int = HOME_TASK_LINES) -> str:
    """Late tasks first, then those due within 7 days: date, task, lead office; at most
    ``limit`` of them, then how many more the Deadlines page lists."""
    if not found.overdue and not found.due_soon:
        return _("Nothing is due in the next 7 days, nothing is late.")
    lines = [
        _("LATE {date}: {task} ({office})").format(
            date=t.due_on.strftime("%d/%m/%Y") if t.due_on else "",
            task=t.content,
            office=t.lead_office,
        )
        for t in found.overdue
    ]
    lines += [
        _("{date}: {task} ({office})").format(
            date=t.due_on.strftime("%d/%m/%Y") if t.due_on else "",
            task=t.content,
            office=t.lead_office,
        )
        for t in found.due_soon
    ]
    if len(lines) > limit:
        more = len(lines) - limit
        lines = lines[:limit] + [
            _("… and {count} more: see the Deadlines page (Ctrl+6).").format(count=more)
        ]
    return "\n".join(lines)
