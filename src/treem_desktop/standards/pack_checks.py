"""Checks of a standard's filled values before the office signs them (and again at the commune).

Each criterion's items add up to its maximum, the maxima to the total, every band goes from the
best to the worst and gives no more than its item's maximum, every value names who entered it
and from which document, and nothing the official text confirms is changed. Qt-free: the
command line and the window's editor show the same :class:`PackProblem` list.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from treem_desktop.formatting import format_number
from treem_desktop.i18n import N_, _
from treem_desktop.standards.loader import _bands_in_order
from treem_desktop.standards.model import Criterion, Standard, SubIndicator
from treem_desktop.standards.pack import FilledValue, apply_filled, slot_targets

PROBLEMS = {
    "TARGET_UNKNOWN": N_("{what} is not a value this standard leaves open."),
    "TARGET_TWICE": N_("{what} is filled twice."),
    "SOURCE_MISSING": N_(
        "{what}: say who entered it and from which document (number, date and issuer)."
    ),
    "ITEMS_NOT_MAXIMUM": N_(
        "Criterion {criterion}: its items add up to {sum} points, not to its maximum of {maximum}."
    ),
    "ITEMS_OVER_MAXIMUM": N_(
        "Criterion {criterion}: its items already add up to {sum} points, more than its maximum "
        "of {maximum}."
    ),
    "MAXIMA_NOT_TOTAL": N_(
        "The criteria's maxima add up to {sum} points, not to the total of {total}."
    ),
    "MAXIMA_OVER_TOTAL": N_(
        "The criteria's maxima already add up to {sum} points, more than the total of {total}."
    ),
    "BANDS_OUT_OF_ORDER": N_("Item {item}: the bands must go from the best to the worst."),
    "BAND_OVER_MAXIMUM": N_(
        "Item {item}: a band gives {points} points, more than the item's maximum of {maximum}."
    ),
    "OFFICIAL_BAND_DROPPED": N_(
        "Item {item}: the bands must keep the one the official text gives ({limit}% gives "
        "{points} points)."
    ),
}


@dataclass(frozen=True)
class PackProblem:
    """One reason the values cannot be signed; ``code`` is stable, ``params`` fill its words."""

    code: str
    target: str = ""
    params: dict[str, object] = field(default_factory=dict)

    def message(self) -> str:
        shown = {k: _shown(v) for k, v in self.params.items()}
        return _(PROBLEMS[self.code]).format(**shown)


@dataclass(frozen=True)
class TargetWords:
    """A value's words, said in the language of the moment they are shown (the problem may be
    made before the officer switches language)."""

    standard: Standard
    target: str

    def __str__(self) -> str:
        return target_words(self.standard, self.target)


def _shown(value: object) -> str:
    if isinstance(value, float):
        return format_number(value, 0 if value == int(value) else 1)
    return str(value)


def pack_problems(standard: Standard, filled: list[FilledValue]) -> list[PackProblem]:
    """Every problem of ``filled`` for ``standard``; empty when the values may be signed."""
    problems = _entry_problems(standard, filled)
    if problems:
        return problems
    result = apply_filled(standard, filled)
    for criterion in result.criteria:
        problems.extend(_criterion_problems(result, criterion))
    problems.extend(_total_problems(result))
    for original, sub in zip(standard.sub_indicators(), result.sub_indicators(), strict=True):
        problems.extend(_band_problems(result, original, sub))
    return problems


def target_words(standard: Standard, target: str) -> str:
    """``Item 2.1: maximum points`` for ``c2.x.max_points``: what the user reads."""
    if target == "max_total":
        return _("Total points of the standard")
    owner, _dot, name = target.rpartition(".")
    what = _(FIELD_WORDS.get(name, UNKNOWN_FIELD))
    if owner.count(".") == 0 and owner.startswith("c") and owner[1:].isdigit():
        return _("Criterion {number}: {what}").format(number=owner[1:], what=what)
    try:
        number = standard.item_number(owner)
    except KeyError:
        return _("A value this standard does not have")  # the id stays in PackProblem.target
    return _("Item {number}: {what}").format(number=number, what=what)


UNKNOWN_FIELD = N_("a value this standard does not have")
FIELD_WORDS = {
    "max_points": N_("maximum points"),
    "bands": N_("scale (bands)"),
    "otherwise": N_("points below the lowest band"),
    "if_no_cases": N_("points when there are no cases"),
    "none_points": N_("points when nothing is counted"),
    "yes_points": N_("points for “yes”"),
    "no_points": N_("points for “no”"),
}


def _entry_problems(standard: Standard, filled: list[FilledValue]) -> list[PackProblem]:
    open_targets = slot_targets(standard)
    problems: list[PackProblem] = []
    seen: set[str] = set()
    for value in filled:
        what = TargetWords(standard, value.target)
        if value.target not in open_targets:
            problems.append(PackProblem("TARGET_UNKNOWN", value.target, {"what": what}))
        elif value.target in seen:
            problems.append(PackProblem("TARGET_TWICE", value.target, {"what": what}))
        if not value.entered_by or value.document is None:
            problems.append(PackProblem("SOURCE_MISSING", value.target, {"what": what}))
        seen.add(value.target)
    return problems


def _criterion_problems(standard: Standard, criterion: Criterion) -> list[PackProblem]:
    maxima = [s.max_points for s in criterion.sub_indicators]
    if not criterion.max_points.known:
        return []
    known = sum(m.number for m in maxima if m.known)
    params: dict[str, object] = {
        "criterion": criterion.number,
        "sum": known,
        "maximum": criterion.max_points.number,
    }
    target = f"{criterion.id}.max_points"
    if all(m.known for m in maxima) and known != criterion.max_points.number:
        return [PackProblem("ITEMS_NOT_MAXIMUM", target, params)]
    if known > criterion.max_points.number:
        return [PackProblem("ITEMS_OVER_MAXIMUM", target, params)]
    return []


def _total_problems(standard: Standard) -> list[PackProblem]:
    if not standard.max_total.known:
        return []
    maxima = [c.max_points for c in standard.criteria]
    known = sum(m.number for m in maxima if m.known)
    params: dict[str, object] = {"sum": known, "total": standard.max_total.number}
    if all(m.known for m in maxima) and known != standard.max_total.number:
        return [PackProblem("MAXIMA_NOT_TOTAL", "max_total", params)]
    if known > standard.max_total.number:
        return [PackProblem("MAXIMA_OVER_TOTAL", "max_total", params)]
    return []


def _band_problems(
    standard: Standard, original: SubIndicator, sub: SubIndicator
) -> list[PackProblem]:
    item = standard.item_number(sub.id)
    target = f"{sub.id}.bands"
    problems = []
    if not _bands_in_order(sub.rule):
        problems.append(PackProblem("BANDS_OUT_OF_ORDER", target, {"item": item}))
    for official in original.rule.bands:
        if official.limit.confirmed and official.points.confirmed:
            if official not in sub.rule.bands:
                params = {"item": item, "limit": official.limit.number,
                          "points": official.points.number}  # fmt: skip
                problems.append(PackProblem("OFFICIAL_BAND_DROPPED", target, params))
    if sub.max_points.known:
        over = [b.points.number for b in sub.rule.bands if b.points.known]
        over = [p for p in over if p > sub.max_points.number]
        if over:
            params = {"item": item, "points": max(over), "maximum": sub.max_points.number}
            problems.append(PackProblem("BAND_OVER_MAXIMUM", target, params))
    return problems
