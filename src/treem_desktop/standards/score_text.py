"""Words for a score: the verdict, the reasons, and provenance flags, in the user's language."""

from __future__ import annotations

from treem_desktop.formatting import format_number
from treem_desktop.i18n import N_, _
from treem_desktop.standards.model import Status, Value
from treem_desktop.standards.scoring import Reason, Verdict

VERDICTS = {
    Verdict.RECOGNISED: N_("Meets the standard (Đạt)"),
    Verdict.NOT_RECOGNISED: N_("Does not meet the standard (Chưa đạt)"),
    Verdict.INCOMPLETE: N_("Not enough data yet"),
}
REASONS = {
    "CRITERION_AT_ZERO": N_("Criterion {criterion} has 0 points: no criterion may be at 0."),
    "POINTS_SHORT": N_("{short} points short of the threshold of {threshold}."),
    "CRITERIA_UNSCORED": N_("Criteria not scored yet: {criteria}."),
    "UNCONFIRMED_VALUES": N_(
        "Provisional: criteria {criteria} use values not confirmed from the official text, or "
        "points entered by hand."
    ),
}
STATUSES = {
    Status.CONFIRMED: N_("confirmed"),
    Status.SINGLE_SOURCE: N_("not confirmed (one secondary source)"),
    Status.INFERRED: N_("not confirmed (inferred)"),
    Status.UNKNOWN: N_("no official value"),
    Status.PACK: N_("confirmed by the province's scoring table (signed pack)"),
}


def verdict_text(verdict: Verdict) -> str:
    return _(VERDICTS[verdict])


def reason_text(reason: Reason) -> str:
    params = {k: _param(v) for k, v in reason.params.items()}
    return _(REASONS[reason.code]).format(**params)


def _param(value: object) -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, float):
        return format_number(value, 0 if value == int(value) else 1)
    return str(value)


def status_text(status: Status) -> str:
    return _(STATUSES[status])


def points_text(value: Value) -> str:
    """``125`` or ``?`` with nothing else; flags are shown beside it."""
    return format_number(value.number, 0) if value.known else "?"
