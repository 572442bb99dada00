"""A JSON Schema violation in the officer's words: which part of the file, and what is wrong.

``jsonschema`` says ``'status' is required`` at ``$.criteria[5].max_points``; an officer reads
"Tiêu chí 6, điểm tối đa: thiếu trạng thái xác nhận". The technical place stays in
:attr:`SchemaProblem.where` (for the log and ``--json``), never in the words. Qt-free.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from treem_desktop.formatting import format_number
from treem_desktop.i18n import N_, _

KEY_WORDS = {
    "spec_version": N_("the file's format version"),
    "kind": N_("the kind"),
    "id": N_("the identifier"),
    "version": N_("the version number"),
    "title": N_("the title"),
    "label": N_("the name"),
    "name": N_("the name"),
    "notes": N_("the notes"),
    "legal_basis": N_("the legal basis"),
    "number": N_("the number"),
    "date": N_("the date"),
    "issuer": N_("the issuing body"),
    "sources": N_("the list of sources"),
    "source": N_("the source"),
    "offices": N_("the offices"),
    "office": N_("the office"),
    "categories": N_("the commune categories"),
    "no_zero_criterion": N_("the rule on criteria with 0 points"),
    "max_total": N_("the total points"),
    "max_points": N_("the maximum points"),
    "points": N_("the points"),
    "at_least": N_("the lower limit"),
    "at_most": N_("the upper limit"),
    "value": N_("the value"),
    "status": N_("the confirmation status"),
    "rule": N_("the way points are given"),
    "type": N_("the kind of rule"),
    "direction": N_("the direction of the scale"),
    "inputs": N_("the figures to enter"),
    "unit": N_("the unit"),
    "hint": N_("the hint"),
    "otherwise": N_("the points below the lowest band"),
    "if_no_cases": N_("the points when there are no cases"),
    "none_points": N_("the points when nothing is counted"),
    "yes_points": N_("the points for “yes”"),
    "no_points": N_("the points for “no”"),
    "numerator": N_("the numerator"),
    "denominator": N_("the denominator"),
    "input": N_("the figure read"),
    "clause": N_("the clause"),
    "name_status": N_("the confirmation status of the name"),
    "entries": N_("the targets"),
    "target": N_("the target"),
    "year": N_("the year"),
    "indicator": N_("the indicator"),
    "templates": N_("the templates"),
    "values": N_("the values"),
    "criteria": N_("the criteria"),
    "sub_indicators": N_("the items"),
    "bands": N_("the scale (bands)"),
    "targets": N_("the targets"),
    "applies_to": N_("what the file applies to"),
    "indicator_set": N_("the indicator set"),
    "province": N_("the province"),
    "code": N_("the code"),
    "mapping_status": N_("the confirmation status of the match"),
    "comparison": N_("the comparison"),
    "low": N_("the lower figure"),
    "high": N_("the higher figure"),
    "extra_indicators": N_("the province's own indicators"),
    "objective": N_("the objective"),
    "related": N_("the related indicator"),
    "units": N_("the units"),
    "symbol": N_("the unit's sign"),
    "whole": N_("whether only whole numbers are allowed"),
    "per": N_("the base of the rate"),
    "note": N_("the note"),
    "caveat": N_("the caution"),
    "url": N_("the web address"),
    "vi": N_("in Vietnamese"),
    "en": N_("in English"),
}
"""The words for a key of a Treem file; a key not listed is "another part of the file"."""

LIST_WORDS = {
    "criteria": N_("Criterion {n}"),
    "sub_indicators": N_("item {n}"),
    "bands": N_("band {n} of the scale"),
    "inputs": N_("figure {n}"),
    "entries": N_("target {n}"),
    "values": N_("value {n}"),
    "offices": N_("office {n}"),
    "indicators": N_("indicator {n} of the list"),
    "tables": N_("table {n}"),
    "columns": N_("column {n}"),
    "extra_indicators": N_("the province's own indicator {n}"),
}
"""The words for the n-th element of a list (numbered from 1, as the officer counts)."""

OTHER_PART = N_("another part of the file")
WHOLE_FILE = N_("the file as a whole")
REQUIRED_PART = N_("a part the file must have")
UNKNOWN_FORM = N_("is not in a form Treem knows")
ENTRY = N_("entry {n}")

TYPE_WORDS = {
    "number": N_("must be a number"),
    "integer": N_("must be a whole number"),
    "string": N_("must be a text"),
    "array": N_("must be a list"),
    "object": N_("must be a group of values"),
    "boolean": N_("must be yes or no"),
    "null": N_("must be empty"),
}


@dataclass(frozen=True)
class SchemaProblem:
    """``where`` is technical (``$.criteria[5].max_points``); ``place`` and ``reason`` are
    the officer's words in the current language."""

    where: str
    place: str
    reason: str
    technical: str = ""
    """jsonschema's own English, for the log and ``--json`` only."""


Namer = Callable[[object, tuple[Any, ...]], str]


def schema_problem(
    document: object, schema: dict[str, Any], namer: Namer | None = None
) -> SchemaProblem | None:
    """The most relevant violation of ``schema`` by ``document``; None when it is valid.

    ``namer`` names the place (default :func:`place_words`; a targets file names the
    indicator first)."""
    import jsonschema

    validator = jsonschema.Draft202012Validator(schema)
    error = jsonschema.exceptions.best_match(validator.iter_errors(document))
    if error is None:
        return None
    while error.validator in ("oneOf", "anyOf") and error.context:
        error = max(error.context, key=lambda e: len(e.absolute_path))  # the one that went deepest
    path = tuple(error.absolute_path)
    place = (namer or place_words)(document, path)
    return SchemaProblem(json_place(path), place, reason_words(error), error.message)


def json_place(path: tuple[Any, ...]) -> str:
    """``$.criteria[5].max_points``: the place as the log and ``--json`` give it."""
    return "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path)


def place_words(document: object, path: tuple[Any, ...]) -> str:
    """``Tiêu chí 6, nội dung 6.1, mức 2 của thang điểm, số điểm`` for that path."""
    parts: list[str] = []
    node: Any = document
    numbers: list[int] = []
    for place, (key, step) in enumerate(zip((None, *path), path, strict=False), start=1):
        node = node[step] if _has(node, step) else None
        if isinstance(step, int):
            parts.append(_element_words(key, step, node, numbers))
        elif step in ("rule", "targets") and place < len(path) and _is_dict(node):
            continue  # "band 2 of the scale", "year 2025" say enough
        elif _is_year(step):
            parts.append(_("year {year}").format(year=step))
        elif step not in LIST_WORDS or not _is_list(node):
            parts.append(_(KEY_WORDS.get(step, OTHER_PART)))
    return ", ".join(_joined(parts)) if parts else _(WHOLE_FILE)


def _element_words(key: object, index: int, node: object, numbers: list[int]) -> str:
    if key == "criteria":
        number = node.get("number") if isinstance(node, dict) else None
        numbers[:] = [number if isinstance(number, int) else index + 1]
        return _(LIST_WORDS["criteria"]).format(n=numbers[0])
    if key == "sub_indicators" and numbers:
        return _(LIST_WORDS["sub_indicators"]).format(n=f"{numbers[0]}.{index + 1}")
    words = LIST_WORDS.get(key if isinstance(key, str) else "", ENTRY)
    return _(words).format(n=index + 1)


def _joined(parts: list[str]) -> list[str]:
    """Drop "the value" after a named value (``điểm tối đa``, not ``điểm tối đa, giá trị``)."""
    value = _(KEY_WORDS["value"])
    return [p for n, p in enumerate(parts) if not (n and p == value)]


def _has(node: object, step: object) -> bool:
    if isinstance(node, dict):
        return step in node
    return isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node)


def _is_list(node: object) -> bool:
    return isinstance(node, list)


def _is_dict(node: object) -> bool:
    return isinstance(node, dict)


def _is_year(step: object) -> bool:
    """A key such as ``"2025"`` (an indicator's targets by year)."""
    return isinstance(step, str) and len(step) == 4 and step.isdigit()


def reason_words(error: Any) -> str:
    """What is wrong, by the kind of check that failed (never jsonschema's English)."""
    kind, expected = error.validator, error.validator_value
    if kind == "required":
        have = error.instance if isinstance(error.instance, dict) else {}
        missing = next((k for k in expected if k not in have), "")
        what = _(KEY_WORDS.get(missing, REQUIRED_PART))
        return _("{what} is missing").format(what=what)
    if kind == "type":
        first = expected[0] if isinstance(expected, list) else expected
        return _(TYPE_WORDS.get(first, UNKNOWN_FORM))
    return _limit_words(kind, expected)


def _limit_words(kind: str, expected: Any) -> str:
    if kind in ("minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum"):
        words = {
            "minimum": N_("must be at least {n}"),
            "exclusiveMinimum": N_("must be more than {n}"),
            "maximum": N_("must be at most {n}"),
            "exclusiveMaximum": N_("must be less than {n}"),
        }[kind]
        return _(words).format(n=_number(expected))
    if kind == "minItems":
        return _("must list at least {n} entries").format(n=_number(expected))
    if kind == "minLength":
        return _("must not be empty")
    if kind == "maxLength":
        return _("is too long: at most {n} characters").format(n=_number(expected))
    if kind in ("enum", "const"):
        return _("is not one of the values Treem knows")
    if kind in ("pattern", "format"):
        return _("is not written in the expected form")
    if kind in ("additionalProperties", "unevaluatedProperties"):
        return _("holds something this version of Treem does not know")
    if kind == "uniqueItems":
        return _("lists the same entry twice")
    return _(UNKNOWN_FORM)


def _number(value: object) -> str:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return format_number(value, 0 if value == int(value) else None)
    return str(value)
