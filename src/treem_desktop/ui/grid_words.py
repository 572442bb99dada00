"""Why a cell was refused, in words an officer reads: the row by its label, never an id."""

from __future__ import annotations

from treem_desktop.errors import MESSAGES, TreemError
from treem_desktop.i18n import N_, _

REASONS = {
    "INPUT_NOT_NUMBER": N_("it must be a number."),
    "INPUT_NEGATIVE": N_("it cannot be negative."),
    "INPUT_NOT_WHOLE": N_("it must be a whole number."),
    "INPUT_PERCENT_RANGE": N_("it is a percentage: from 0 to 100."),
    "INPUT_NOT_DATE": N_("it must be a date, such as 17/07/2020."),
    "INPUT_NOT_YES_NO": N_("it must be yes or no (có / không)."),
    "DENOMINATOR_ZERO": N_("the denominator must be greater than 0."),
    "NUMERATOR_ABOVE_DENOMINATOR": N_("the numerator cannot be larger than the denominator."),
    "RATE_FROM_PARTS": N_(
        "it is computed from the numerator and denominator: change those, or clear them to "
        "type the rate itself."
    ),
}


def reason(where: str, error: TreemError) -> str:
    """The reason alone when it is a known one, else the whole message about ``where``."""
    known = REASONS.get(error.code)
    if known is not None:
        return _(known)
    params = {**error.params, "input": where, "label": where}
    try:
        return _(MESSAGES[error.code]).format(**params)
    except (KeyError, IndexError):
        return error.message()


def refusal(where: str, typed: str, error: TreemError, saved: str) -> str:
    """``11a. Tỷ suất…: “abc” was not saved: it must be a number. Saved value: 15.``"""
    kept = (
        _("The saved value is still {value}.").format(value=saved)
        if saved.strip()
        else _("Nothing is saved in this cell.")
    )
    return _("{where}: “{typed}” was not saved: {reason} {kept}").format(
        where=where, typed=typed.strip(), reason=reason(where, error), kept=kept
    )
