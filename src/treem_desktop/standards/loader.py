"""Reading a standard file: refuse what is broken, unknown or inconsistent, with the reason.

Checks run in order, each with its own error code: the bytes are JSON; the spec version is one
this app reads; the document matches ``forms/schema/standard.schema.json``; every reference
(inputs in rules, offices, sources) exists and ids are unique and well placed; scales go the
right way. The sha256 is taken over the canonical JSON (sorted keys, no spaces, UTF-8), so
reformatting a file does not change its identity.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from treem_desktop.core.outside_json import OutsideDataError, load_json
from treem_desktop.errors import TreemError
from treem_desktop.i18n import N_, _
from treem_desktop.paths import forms_dir
from treem_desktop.schema_words import schema_problem
from treem_desktop.standards.model import (
    Band,
    Criterion,
    Direction,
    Input,
    InputKind,
    OfficeRole,
    Rule,
    Standard,
    Status,
    SubIndicator,
    Value,
)

SPEC_VERSIONS = (1,)
MAX_FILE_BYTES = 2_000_000


def canonical_bytes(document: Any) -> bytes:
    return json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


_checked: dict[bytes, Standard] = {}


def standard_from_bytes(data: bytes, origin: str) -> Standard:
    """The standard in ``data`` (a file's bytes), or a TreemError naming what is wrong.

    Bytes already checked in this process are not checked again (about 25 ms each time).
    """
    known = _checked.get(data)
    if known is not None:
        return known
    standard = _check(data, origin)
    _checked[data] = standard
    return standard


def standard_from_stored(data: bytes, sha256: str, origin: str) -> Standard:
    """A standard kept in the database under ``sha256``: checked in full when it was stored,
    so the schema is not checked again (about 0.4 s at start-up) while the bytes still hash to
    ``sha256``. Bytes that changed, or that no longer build, are checked in full again."""
    known = _checked.get(data)
    if known is not None:
        return known
    standard = _trusted(data, sha256)
    if standard is None:
        standard = _check(data, origin)
    _checked[data] = standard
    return standard


def _trusted(data: bytes, sha256: str) -> Standard | None:
    """The standard in ``data`` when its canonical hash is ``sha256`` and it builds; else None."""
    if len(data) > MAX_FILE_BYTES:
        return None
    try:
        document = load_json(data, limit=MAX_FILE_BYTES)
    except OutsideDataError:
        return None
    if not isinstance(document, dict) or document.get("spec_version") not in SPEC_VERSIONS:
        return None
    if hashlib.sha256(canonical_bytes(document)).hexdigest() != sha256:
        return None
    try:
        standard = _build(document, sha256)
    except (KeyError, TypeError, ValueError, AttributeError):
        return None
    return None if _reference_problems(standard) else standard


def _check(data: bytes, origin: str) -> Standard:
    if len(data) > MAX_FILE_BYTES:
        raise TreemError("STANDARD_TOO_LARGE", path=origin, limit=MAX_FILE_BYTES)
    try:
        document = load_json(data, limit=MAX_FILE_BYTES)
    except OutsideDataError as error:
        raise TreemError("STANDARD_NOT_JSON", path=origin, detail=error.detail) from error
    if not isinstance(document, dict):
        raise TreemError(
            "STANDARD_INVALID",
            field="$",
            path=origin,
            where=_("the file as a whole"),
            detail=_("must be a group of values"),
        )
    version = document.get("spec_version")
    if version not in SPEC_VERSIONS:
        raise TreemError("STANDARD_UNKNOWN_VERSION", path=origin, found=version)
    check_schema(document, origin)
    standard = _build(document, hashlib.sha256(canonical_bytes(document)).hexdigest())
    check_references(standard, origin)
    return standard


def check_schema(document: dict[str, Any], origin: str) -> None:
    problem = schema_problem(document, _schema())
    if problem is not None:
        raise TreemError(
            "STANDARD_INVALID",
            field=problem.where,
            path=origin,
            where=problem.place,
            detail=problem.reason,
        )


@cache
def _schema() -> dict[str, Any]:
    path = forms_dir() / "schema" / "standard.schema.json"
    schema: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return schema


REFERENCE_WORDS = {
    "CRITERION_OUT_OF_PLACE": N_("is not numbered in its place (it must be criterion {n})"),
    "OFFICE_UNKNOWN": N_("names an office the file does not list"),
    "ITEM_OUT_OF_PLACE": N_("is filed under another criterion"),
    "ID_TWICE": N_("its identifier is also used by another part of the file"),
    "INPUT_OUT_OF_PLACE": N_("one of its figures is filed under another item"),
    "RULE_INPUT_UNKNOWN": N_("its way of giving points reads a figure the item does not have"),
    "BANDS_OUT_OF_ORDER": N_("the bands must go from the best to the worst"),
}
"""Why the references of a standard do not hold, in the officer's words (the place says
which criterion or item: ``Tiêu chí 6`` or ``Nội dung 6.1``)."""


@dataclass(frozen=True)
class ReferenceProblem:
    """``where`` and ``technical`` for the log and ``--json``; ``code`` and ``place`` words."""

    where: str
    technical: str
    code: str
    place: tuple[str, object] = ("criterion", 0)
    n: int = 0

    def place_words(self) -> str:
        kind, number = self.place
        words = N_("Criterion {number}") if kind == "criterion" else N_("Item {number}")
        return _(words).format(number=number)

    def reason_words(self) -> str:
        return _(REFERENCE_WORDS[self.code]).format(n=self.n)


def check_references(standard: Standard, origin: str) -> None:
    problems = list(_reference_problems(standard))
    if problems:
        first = problems[0]
        raise TreemError(
            "STANDARD_INVALID",
            field=first.where,
            path=origin,
            where=first.place_words(),
            detail=first.reason_words(),
            technical=first.technical,
        )


def _reference_problems(standard: Standard) -> list[ReferenceProblem]:
    problems: list[ReferenceProblem] = []
    seen: set[str] = set()
    for index, criterion in enumerate(standard.criteria, start=1):
        place = ("criterion", criterion.number)
        if criterion.id != f"c{criterion.number}" or criterion.number != index:
            technical = f"criterion {index} must have id c{index}"
            problems.append(
                ReferenceProblem(criterion.id, technical, "CRITERION_OUT_OF_PLACE", place, index)
            )
        for role in criterion.offices:
            if role.office not in standard.offices:
                technical = f"unknown office {role.office}"
                problems.append(ReferenceProblem(criterion.id, technical, "OFFICE_UNKNOWN", place))
        for number, sub in enumerate(criterion.sub_indicators, start=1):
            item = ("item", f"{criterion.number}.{number}")
            problems.extend(_sub_problems(criterion, sub, seen, item))
    return problems


def _sub_problems(
    criterion: Criterion, sub: SubIndicator, seen: set[str], item: tuple[str, object]
) -> list[ReferenceProblem]:
    problems: list[ReferenceProblem] = []

    def found(where: str, technical: str, code: str) -> None:
        problems.append(ReferenceProblem(where, technical, code, item))

    if not sub.id.startswith(criterion.id + "."):
        found(sub.id, f"sub-indicator {sub.id} is not under {criterion.id}", "ITEM_OUT_OF_PLACE")
    own = {i.id for i in sub.inputs}
    for item_id in [sub.id, *own]:
        if item_id in seen:
            found(item_id, f"id {item_id} is used twice", "ID_TWICE")
        seen.add(item_id)
    for entry in sub.inputs:
        if not entry.id.startswith(sub.id + "."):
            found(entry.id, f"input {entry.id} is not under {sub.id}", "INPUT_OUT_OF_PLACE")
    for ref in sub.rule.inputs:
        if ref not in own:
            technical = f"the rule reads {ref}, which is not an input of {sub.id}"
            found(sub.id, technical, "RULE_INPUT_UNKNOWN")
    if not _bands_in_order(sub.rule):
        found(sub.id, "the bands must go from the best to the worst", "BANDS_OUT_OF_ORDER")
    return problems


def _bands_in_order(rule: Rule) -> bool:
    """Best band first: limits and points never improve further down the list."""
    known = [b for b in rule.bands if b.limit.known and b.points.known]
    for better, worse in zip(known, known[1:], strict=False):
        if better.at_least != worse.at_least or worse.points.number > better.points.number:
            return False
        if better.at_least and worse.limit.number > better.limit.number:
            return False
        if not better.at_least and worse.limit.number < better.limit.number:
            return False
    return True


def _value(raw: dict[str, Any] | None) -> Value | None:
    if raw is None:
        return None
    return Value(raw["value"], Status(raw["status"]), raw.get("source"), raw.get("note"))


def _required_value(raw: dict[str, Any]) -> Value:
    value = _value(raw)
    assert value is not None
    return value


def _band(raw: dict[str, Any]) -> Band:
    at_least = "at_least" in raw
    limit = _required_value(raw["at_least"] if at_least else raw["at_most"])
    return Band(limit, at_least, _required_value(raw["points"]))


def _rule(raw: dict[str, Any]) -> Rule:
    kind = raw["type"]
    bands = tuple(_band(b) for b in raw.get("bands", ()))
    direction = Direction(raw.get("direction", "higher"))
    if kind == "rate_threshold":
        inputs: tuple[str, ...] = (raw["numerator"], raw["denominator"])
    elif kind == "manual":
        inputs = ()
    else:
        inputs = (raw["input"],)
    return Rule(
        type=kind,
        inputs=inputs,
        direction=direction,
        bands=bands,
        otherwise=_value(raw.get("otherwise")),
        if_no_cases=_value(raw.get("if_no_cases")),
        none_points=_value(raw.get("none_points")),
        yes_points=_value(raw.get("yes_points")),
        no_points=_value(raw.get("no_points")),
    )


def _input(raw: dict[str, Any]) -> Input:
    return Input(
        id=raw["id"],
        kind=InputKind(raw["kind"]),
        label=raw["label"],
        unit=raw["unit"],
        status=Status(raw["status"]),
        hint=raw.get("hint"),
    )


def _sub(raw: dict[str, Any]) -> SubIndicator:
    return SubIndicator(
        id=raw["id"],
        label=raw["label"],
        status=Status(raw["status"]),
        inputs=tuple(_input(i) for i in raw["inputs"]),
        max_points=_required_value(raw["max_points"]),
        rule=_rule(raw["rule"]),
        source=raw.get("source"),
    )


def _criterion(raw: dict[str, Any]) -> Criterion:
    return Criterion(
        id=raw["id"],
        number=raw["number"],
        clause=raw["clause"],
        name=raw["name"],
        name_status=Status(raw["name_status"]),
        max_points=_required_value(raw["max_points"]),
        offices=tuple(OfficeRole(o["office"], o["lead"]) for o in raw["offices"]),
        sub_indicators=tuple(_sub(s) for s in raw["sub_indicators"]),
    )


def _build(document: dict[str, Any], sha256: str) -> Standard:
    basis = document["legal_basis"]
    return Standard(
        id=document["id"],
        version=document["version"],
        sha256=sha256,
        title=document["title"],
        legal_number=basis["number"],
        legal_date=basis["date"],
        notes=document.get("notes"),
        sources=document["sources"],
        offices={o["id"]: o["label"] for o in document["offices"]},
        categories={k: _required_value(v) for k, v in document["categories"].items()},
        no_zero_criterion=_required_value(document["no_zero_criterion"]),
        max_total=_required_value(document["max_total"]),
        criteria=tuple(_criterion(c) for c in document["criteria"]),
    )


def shipped_standard_files() -> list[Path]:
    """The standard files shipped in ``forms/`` (``forms/<id>/v<N>.json`` of kind standard)."""
    return sorted(
        p
        for p in forms_dir().glob("*/v*.json")
        if p.parent.name != "schema" and _kind(p) == "standard"
    )


def _kind(path: Path) -> object:
    """The ``kind`` a form file declares (indicator sets and tables live beside standards)."""
    try:
        document = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return None
    return document.get("kind") if isinstance(document, dict) else None


@cache
def load_shipped(path: Path) -> Standard:
    return standard_from_bytes(path.read_bytes(), str(path))
