"""Why a typed value was refused, in the field's own words (labels, not input ids)."""

from __future__ import annotations

from treem_desktop.errors import TreemError
from treem_desktop.i18n import N_, _
from treem_desktop.ui.evaluation.fields import value_text

FIELD_MESSAGES = {
    "INPUT_NEGATIVE": N_("“{label}” cannot be negative."),
    "INPUT_NOT_WHOLE": N_("“{label}” must be a whole number."),
    "INPUT_NOT_NUMBER": N_("“{label}” must be a number, such as 12 or 95,5."),
    "INPUT_PERCENT_RANGE": N_("“{label}” is a percentage: from 0 to 100."),
    "INPUT_NOT_YES_NO": N_("“{label}” must be yes or no."),
    "NUMERATOR_ABOVE_DENOMINATOR": N_(
        "{numerator_label} ({numerator}) cannot be larger than {denominator_label} ({denominator})."
    ),
}


def field_message(error: TreemError) -> str:
    """The refusal as the officer reads it beside the field."""
    template = FIELD_MESSAGES.get(error.code)
    if template is None:
        return error.message()  # points: already worded with the item's number and label
    params = dict(error.params)
    for key in ("numerator", "denominator"):
        if isinstance(params.get(key), int | float):
            params[key] = value_text(params[key])
    try:
        return _(template).format(**params)
    except KeyError:
        return error.message()
