"""A province's targets file refused in the officer's words: which indicator, which year,
what is wrong.

The checks find ``$.targets[2].indicator`` and "unknown indicator ct99"; an officer reads
"Mục chỉ tiêu thứ 3 của tệp, năm 2025: chỉ tiêu này không có trong Bộ chỉ tiêu …". The
technical place and reason stay on the error (``field`` and ``technical``) for the log and
``--json``. An indicator is named by its official number (``Chỉ tiêu 4a``) or, for the
province's own, by its name; never by its id. Qt-free.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from treem_desktop.errors import TreemError
from treem_desktop.formatting import format_date_short
from treem_desktop.i18n import N_, _
from treem_desktop.indicators.model import Comparison, Direction, IndicatorSet
from treem_desktop.schema_words import place_words, schema_problem
from treem_desktop.standards.model import tr

REASONS = {
    "SOURCE_UNKNOWN": N_("it names a source the file's list of sources does not have"),
    "TARGET_TWICE": N_("the file gives two targets for this indicator and year"),
    "ID_TWICE": N_("its identifier is also used by another of the province's own indicators"),
    "ID_NATIONAL": N_("its identifier is already used by an indicator of {title}"),
    "RELATED_UNKNOWN": N_("it is linked to an indicator that {title} does not have"),
    "UNIT_UNKNOWN": N_("its unit is neither in {title} nor in the file's own units"),
    "UNIT_DIFFERS": N_("it differs from the unit of the same name in {title}"),
    "LEGAL_YEAR": N_("the year {year} is not the year of the date of issue ({date})"),
    "OTHER_SET": N_("the file is for another indicator set, not for {title}"),
    "INDICATOR_UNKNOWN": N_("the indicator it names is not in {title}"),
    "REDUCTION_NEEDS_LOWER": N_(
        "a yearly reduction fits only an indicator where a lower figure is better"
    ),
    "REDUCTION_BACKWARDS": N_("the range of the reduction must go from the lower figure up"),
    "AGAINST_DIRECTION": N_("a target “{comparison}” does not fit an indicator where {direction}"),
}
"""What is wrong in a targets file beyond its schema; ``{title}`` is the indicator set's."""

COMPARISON_WORDS = {
    Comparison.AT_LEAST: N_("at least"),
    Comparison.AT_MOST: N_("at most"),
    Comparison.BELOW: N_("below"),
    Comparison.ABOVE: N_("above"),
    Comparison.EQUAL: N_("equal to"),
}
DIRECTION_WORDS = {
    Direction.HIGHER: N_("a higher figure is better"),
    Direction.LOWER: N_("a lower figure is better"),
}
THE_SET = N_("the national indicator set")
NATIONAL = "nap-2021-2030"  # as indicators.loader.NATIONAL_SET (the loader imports this module)
TARGET_FIGURE = N_("the target figure")


@dataclass(frozen=True)
class TargetsProblem:
    """``where`` and ``technical`` for the log and ``--json``; ``place`` and ``reason`` are
    the officer's words in the current language."""

    where: str
    technical: str
    place: str
    reason: str

    def error(self, path: str) -> TreemError:
        """TARGETS_INVALID for the file ``path`` (its name, or its title in quotes)."""
        return TreemError(
            "TARGETS_INVALID",
            field=self.where,
            path=path,
            where=capital(self.place),
            detail=self.reason,
            technical=self.technical,
        )


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def reason(code: str, s: IndicatorSet | None = None, **values: object) -> str:
    """The words of ``code`` (a key of :data:`REASONS`), naming the set ``s``."""
    return _(REASONS[code]).format(title=set_words(s), **values)


def set_words(s: IndicatorSet | None) -> str:
    """ "bộ chỉ tiêu quốc gia": the set's own title is too long for a sentence (and ends in
    ": các chỉ tiêu"); ``s`` is named only when it is not the national one."""
    if s is None or s.id == NATIONAL:
        return _(THE_SET)
    return tr(s.title)


def comparison_reason(comparison: Comparison, direction: Direction) -> str:
    return _(REASONS["AGAINST_DIRECTION"]).format(
        comparison=_(COMPARISON_WORDS[comparison]), direction=_(DIRECTION_WORDS[direction])
    )


def legal_year_reason(year: int, date: str) -> str:
    try:
        shown = format_date_short(dt.date.fromisoformat(date))
    except ValueError:
        shown = date
    return reason("LEGAL_YEAR", year=year, date=shown)


# --- Naming the indicator ------------------------------------------------------------------


def indicator_words(indicator_id: object, s: IndicatorSet | None) -> str | None:
    """``Chỉ tiêu 4a`` (or ``Chỉ tiêu “name”``) for an indicator of ``s``; None when ``s``
    does not have it."""
    found = next((i for i in s.indicators if i.id == indicator_id), None) if s else None
    if found is None:
        return None
    if found.number:
        return _("Indicator {number}").format(number=found.number)
    return _("The indicator “{name}”").format(name=tr(found.label))


def entry_words(entry: object, index: int, s: IndicatorSet | None) -> str:
    """``Chỉ tiêu 4a, năm 2025`` for the ``index``-th target of the file (counted from 1 when
    the indicator is not one ``s`` has)."""
    raw = entry if isinstance(entry, dict) else {}
    name = indicator_words(raw.get("indicator"), s)
    if name is None:
        name = _("Target {n} of the file's list").format(n=index + 1)
    return with_year(name, raw.get("year"))


def with_year(name: str, year: object) -> str:
    if isinstance(year, int) and not isinstance(year, bool):
        return _("{name}, year {year}").format(name=name, year=year)  # 2025, never 2.025
    return name


def own_words(extra: object, index: int) -> str:
    """``Chỉ tiêu riêng của tỉnh “…”`` for the province's ``index``-th own indicator."""
    label = extra.get("label") if isinstance(extra, dict) else None
    if isinstance(label, dict) and isinstance(label.get("vi"), str):
        return _("The province's own indicator “{name}”").format(name=tr(label))
    return _("The province's own indicator {n}").format(n=index + 1)


# --- Places in the file --------------------------------------------------------------------


def targets_place(document: object, path: tuple[Any, ...], s: IndicatorSet | None) -> str:
    """The officer's words for ``path`` in a targets file: the indicator, then the part."""
    if len(path) < 2 or path[0] not in ("targets", "extra_indicators"):
        return place_words(document, path)
    listed = document.get(path[0]) if isinstance(document, dict) else None
    index = path[1]
    if not isinstance(listed, list) or not isinstance(index, int) or index >= len(listed):
        return place_words(document, path)
    entry = listed[index]
    name = entry_words(entry, index, s) if path[0] == "targets" else own_words(entry, index)
    rest = path[2:]
    if not rest:
        return name
    if rest[0] == "target" and isinstance(entry, dict):  # "mức chỉ tiêu", then its part
        inner = rest[1:]
        figure = _(TARGET_FIGURE)
        if inner:
            figure = f"{figure}, {place_words(entry.get('target'), inner)}"
        return f"{name}, {figure}"
    return f"{name}, {place_words(entry, rest)}"


def schema_targets_problem(
    document: object, schema: dict[str, Any], s: IndicatorSet | None
) -> TargetsProblem | None:
    """The first schema violation of a targets file, in words; None when it holds."""
    problem = schema_problem(document, schema, lambda d, p: targets_place(d, p, s))
    if problem is None:
        return None
    return TargetsProblem(problem.where, problem.technical, problem.place, problem.reason)
