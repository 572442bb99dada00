"""The checks a rate's numerator and denominator pass, typed in the grid or imported.

A part is a whole number ≥ 0 (a count of children, schools…); the denominator is above 0; for
a share the numerator is no larger than the denominator. The messages are the same wherever
the parts come from (:mod:`.indicator_parts` for the grid, :func:`.indicators.import_values`
for an import file).
"""

from __future__ import annotations

from treem_desktop.core.outside_json import MAX_COUNT
from treem_desktop.errors import TreemError
from treem_desktop.formatting import format_number
from treem_desktop.i18n import _
from treem_desktop.indicators.model import Indicator
from treem_desktop.indicators.rates import DENOMINATOR, NUMERATOR, part_cell
from treem_desktop.indicators.tables import parse_number
from treem_desktop.standards.model import tr


def part_word(part: str) -> str:
    """ "numerator" / "denominator" in the officer's words."""
    return _("Numerator") if part == NUMERATOR else _("Denominator")


def part_label(indicator: Indicator, part: str) -> str:
    """The indicator's name and the part: "Tỷ lệ …, mẫu số"."""
    return f"{tr(indicator.label)}, {part_word(part).lower()}"


def parse_part(indicator: Indicator, part: str, raw: object) -> float | None:
    """A part as typed: a whole number ≥ 0 (a count of children, schools…), or None."""
    if raw is None or str(raw).strip() == "":
        return None
    cell = part_cell(indicator.id, part)
    label = part_label(indicator, part)
    try:
        value = parse_number(raw, grouped_thousands=True)  # 1.200 is twelve hundred
    except (TreemError, ValueError) as error:
        raise TreemError("INPUT_NOT_NUMBER", field=cell, input=cell, label=label) from error
    if value < 0:
        raise TreemError("INPUT_NEGATIVE", field=cell, input=cell, label=label)
    if value != int(value):
        raise TreemError("INPUT_NOT_WHOLE", field=cell, input=cell, label=label)
    if value > MAX_COUNT:
        limit = format_number(MAX_COUNT, 0)
        raise TreemError("INPUT_TOO_LARGE", field=cell, input=cell, label=label, limit=limit)
    return float(value)


def check_parts(indicator: Indicator, part: str, typed: dict[str, float]) -> None:
    """Refuse a denominator of 0, and a share's numerator above its denominator (``part`` is
    the one being typed: the error points at it)."""
    cell = part_cell(indicator.id, part)
    denominator = typed.get(DENOMINATOR)
    if denominator is not None and denominator <= 0:
        label = tr(indicator.label)
        raise TreemError("DENOMINATOR_ZERO", field=cell, input=cell, label=label)
    numerator = typed.get(NUMERATOR)
    share = indicator.parts is not None and indicator.parts.share
    if share and numerator is not None and denominator is not None and numerator > denominator:
        raise TreemError(
            "NUMERATOR_ABOVE_DENOMINATOR",
            field=cell,
            input=part_cell(indicator.id, NUMERATOR),
            numerator=format_number(numerator),
            denominator_input=part_cell(indicator.id, DENOMINATOR),
            denominator=format_number(denominator),
        )
