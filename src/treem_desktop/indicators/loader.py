"""Reading indicator sets, province target files and table forms: refuse what is broken.

The same order of checks as the standards (``standards/loader.py``), with the same error codes:
the size; the bytes are JSON; the spec version is one this app reads; ``kind`` is the expected
one; the document matches its schema in ``forms/schema/``; then the references and ids. The
sha256 is over the canonical JSON, so re-indenting a file does not change its identity.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any, TypeVar

from treem_desktop.core.outside_json import OutsideDataError, load_json
from treem_desktop.errors import TreemError
from treem_desktop.i18n import N_, _
from treem_desktop.indicators.checks import (
    indicator_set_problems,
    override_problems,
    table_form_problems,
)
from treem_desktop.indicators.levels import levels_of
from treem_desktop.indicators.model import (
    Column,
    ColumnKind,
    Comparison,
    Computed,
    Direction,
    HeaderGroup,
    Indicator,
    IndicatorSet,
    Objective,
    Origin,
    OriginKind,
    OverrideEntry,
    RateParts,
    RowsKind,
    RowSpec,
    RowsSpec,
    Status,
    Table,
    TableForm,
    Target,
    TargetKind,
    TargetOverride,
    Totals,
    Unit,
)
from treem_desktop.indicators.target_words import TargetsProblem, schema_targets_problem
from treem_desktop.paths import forms_dir
from treem_desktop.schema_words import TYPE_WORDS, WHOLE_FILE
from treem_desktop.standards.loader import MAX_FILE_BYTES, SPEC_VERSIONS, canonical_bytes
from treem_desktop.standards.model import Value

INDICATOR_SET = "indicator_set"
TARGET_OVERRIDE = "target_override"
TABLE_FORM = "table_form"
SCHEMAS = {
    INDICATOR_SET: "indicator-set.schema.json",
    TARGET_OVERRIDE: "target-override.schema.json",
    TABLE_FORM: "table-form.schema.json",
}

INVALID = {
    INDICATOR_SET: "STANDARD_INVALID",
    TARGET_OVERRIDE: "TARGETS_INVALID",
    TABLE_FORM: "STANDARD_INVALID",
}
KIND_WORDS = {
    INDICATOR_SET: N_("is not an indicator set"),
    TARGET_OVERRIDE: N_("is not a file of the province's targets"),
    TABLE_FORM: N_("is not a form of report tables"),
}
"""Why a file of another kind is refused (the place is "the file as a whole")."""

NATIONAL_SET = "nap-2021-2030"  # the programme of Decision 23/QĐ-TTg, as shipped
T = TypeVar("T")
_checked: dict[tuple[str, bytes], Any] = {}


def indicator_set_from_bytes(data: bytes, origin: str) -> IndicatorSet:
    """The indicator set in ``data`` (a file's bytes), or a TreemError naming what is wrong."""
    return _load(data, origin, INDICATOR_SET, _indicator_set)


def override_from_bytes(data: bytes, origin: str) -> TargetOverride:
    """A province's target file. Its indicator ids are checked when it is applied to a set."""
    return _load(data, origin, TARGET_OVERRIDE, _override)


def table_form_from_bytes(
    data: bytes, origin: str, indicator_sets: Iterable[str] | None = None
) -> TableForm:
    """A table form; an indicator set it names must be among ``indicator_sets`` (default: the
    shipped ones)."""
    known = frozenset(
        indicator_sets if indicator_sets is not None else (s.id for s in shipped_indicator_sets())
    )

    def build(document: dict[str, Any], sha256: str) -> TableForm:
        form = build_table_form(document, sha256)
        _refuse(table_form_problems(document, form, known), "")
        return form

    if indicator_sets is None:
        return _load(data, origin, TABLE_FORM, build)
    return _check(data, origin, TABLE_FORM, build)


def _indicator_set(document: dict[str, Any], sha256: str) -> IndicatorSet:
    indicator_set = build_indicator_set(document, sha256)
    _refuse(indicator_set_problems(document, indicator_set), "")
    return indicator_set


def _override(document: dict[str, Any], sha256: str) -> TargetOverride:
    override = build_override(document, sha256)
    problems = override_problems(document, override, national_set())
    if problems:
        raise problems[0].error("")
    return override


def national_set() -> IndicatorSet | None:
    """The shipped national set, to name a targets file's indicators (None if it is broken)."""
    try:
        return shipped_indicator_set(NATIONAL_SET)
    except TreemError:
        return None


def _load(data: bytes, origin: str, kind: str, build: Callable[[dict[str, Any], str], T]) -> T:
    """Bytes already checked in this process are not checked again."""
    known = _checked.get((kind, data))
    if known is not None:
        loaded: T = known
        return loaded
    result = _check(data, origin, kind, build)
    _checked[(kind, data)] = result
    return result


def _check(data: bytes, origin: str, kind: str, build: Callable[[dict[str, Any], str], T]) -> T:
    document = read_document(data, origin, kind)
    try:
        return build(document, hashlib.sha256(canonical_bytes(document)).hexdigest())
    except TreemError as error:
        if error.code in INVALID.values() and not error.params.get("path"):
            error.params["path"] = origin
        raise


def read_document(data: bytes, origin: str, kind: str) -> dict[str, Any]:
    """The JSON object in ``data`` once size, syntax, spec version, kind and schema hold."""
    if len(data) > MAX_FILE_BYTES:
        raise TreemError("STANDARD_TOO_LARGE", path=origin, limit=MAX_FILE_BYTES)
    try:
        document = load_json(data, limit=MAX_FILE_BYTES)
    except OutsideDataError as error:
        raise TreemError("STANDARD_NOT_JSON", path=origin, detail=error.detail) from error
    if not isinstance(document, dict):
        words = TargetsProblem("$", "not an object", _(WHOLE_FILE), _(TYPE_WORDS["object"]))
        raise _invalid(kind, origin, words)
    version = document.get("spec_version")
    if version not in SPEC_VERSIONS:
        raise TreemError("STANDARD_UNKNOWN_VERSION", path=origin, found=version)
    if document.get("kind") != kind:
        technical = f"kind is {document.get('kind')!r}, expected {kind!r}"
        words = TargetsProblem("$.kind", technical, _(WHOLE_FILE), _(KIND_WORDS[kind]))
        raise _invalid(kind, origin, words)
    check_schema(document, kind, origin)
    return document


def check_schema(document: dict[str, Any], kind: str, origin: str) -> None:
    """Refuse ``document`` at its first schema violation, in words (a targets file names the
    indicator), with jsonschema's place and English kept as ``field`` and ``technical``."""
    national = national_set() if kind == TARGET_OVERRIDE else None
    problem = schema_targets_problem(document, _schema(kind), national)
    if problem is not None:
        raise _invalid(kind, origin, problem)


def _invalid(kind: str, origin: str, problem: TargetsProblem) -> TreemError:
    """TARGETS_INVALID for a targets file, STANDARD_INVALID for the shipped kinds."""
    error = problem.error(origin)
    if kind == TARGET_OVERRIDE:
        return error
    return TreemError(INVALID[kind], field=error.field, **error.params)


@cache
def _schema(kind: str) -> dict[str, Any]:
    path = forms_dir() / "schema" / SCHEMAS[kind]
    schema: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return schema


def _refuse(problems: list[tuple[str, str]], origin: str) -> None:
    """The shipped kinds' own checks (their files come with the application): the place and
    reason as the checks give them."""
    if problems:
        where, detail = problems[0]
        raise TreemError("STANDARD_INVALID", field=where, path=origin, where=where, detail=detail)


# --- Shipped files -------------------------------------------------------------------------


def shipped_files(kind: str) -> list[Path]:
    """The files of ``kind`` shipped in ``forms/`` (``forms/<id>/v<N>.json``)."""
    return [path for path, found in _shipped_kinds() if found == kind]


@cache
def _shipped_kinds() -> tuple[tuple[Path, str | None], ...]:
    found = []
    for path in sorted(forms_dir().glob("*/v*.json")):
        if path.parent.name == "schema":
            continue
        try:
            kind = json.loads(path.read_bytes()).get("kind")
        except (OSError, ValueError, AttributeError):
            kind = None
        found.append((path, kind if isinstance(kind, str) else None))
    return tuple(found)


@cache
def shipped_indicator_sets() -> tuple[IndicatorSet, ...]:
    """Every indicator set shipped in ``forms/``, by id then version."""
    loaded = [
        indicator_set_from_bytes(p.read_bytes(), str(p)) for p in shipped_files(INDICATOR_SET)
    ]
    return tuple(sorted(loaded, key=lambda s: (s.id, s.version)))


def shipped_indicator_set(set_id: str) -> IndicatorSet:
    """The newest shipped version of an indicator set."""
    versions = [s for s in shipped_indicator_sets() if s.id == set_id]
    if not versions:
        raise TreemError("STANDARD_NOT_AVAILABLE", standard=set_id)
    return versions[-1]


@cache
def shipped_table_forms() -> tuple[TableForm, ...]:
    """Every table form shipped in ``forms/``, by id then version."""
    loaded = [table_form_from_bytes(p.read_bytes(), str(p)) for p in shipped_files(TABLE_FORM)]
    return tuple(sorted(loaded, key=lambda f: (f.id, f.version)))


# --- Building ------------------------------------------------------------------------------


def _value(raw: dict[str, Any]) -> Value:
    return Value(raw["value"], Status(raw["status"]), raw.get("source"), raw.get("note"))


def _target(raw: dict[str, Any], origin: Origin) -> Target:
    note = raw.get("note")
    if raw["kind"] == TargetKind.THRESHOLD:
        comparison = Comparison(raw["comparison"]) if "comparison" in raw else None
        return Target(TargetKind.THRESHOLD, _value(raw["value"]), comparison, None, note, origin)
    low, high = _value(raw["low"]), _value(raw["high"])
    return Target(TargetKind.REDUCE_BY_PERCENT_PER_YEAR, low, None, high, note, origin)


def _targets(raw: dict[str, Any], origin: Origin) -> MappingProxyType[int, Target]:
    return MappingProxyType({int(y): _target(raw[y], origin) for y in sorted(raw)})


def _units(raw: dict[str, Any]) -> MappingProxyType[str, Unit]:
    return MappingProxyType(
        {k: Unit(k, u["symbol"], u["label"], u["whole"], u.get("per")) for k, u in raw.items()}
    )


def _indicator(raw: dict[str, Any], origin: Origin) -> Indicator:
    level = raw.get("level")
    levels = raw.get("levels") or level
    return Indicator(
        id=raw["id"],
        label=raw["label"],
        unit=raw["unit"],
        direction=Direction(raw["direction"]),
        targets=_targets(raw["targets"], origin),
        number=raw["number"],
        number_status=Status(raw["number_status"]),
        objective=raw["objective"],
        label_status=Status(raw["label_status"]),
        caveat=raw.get("caveat"),
        level=level["value"] if level else None,
        level_status=Status(level["status"]) if level else None,
        levels=tuple(str(v) for v in levels_of(raw)),
        levels_status=Status(levels["status"]) if levels else None,
        levels_note=levels.get("note") if levels else None,
        area=raw.get("area"),
        parts=_parts(raw.get("parts")),
    )


def _parts(raw: dict[str, Any] | None) -> RateParts | None:
    if raw is None:
        return None
    return RateParts(
        raw["numerator"], raw["denominator"], raw["share"], Status(raw["status"]), raw.get("note")
    )


def build_indicator_set(document: dict[str, Any], sha256: str) -> IndicatorSet:
    basis = document["legal_basis"]
    origin = Origin(
        OriginKind.NATIONAL, document["id"], document["version"], sha256, basis["number"]
    )
    return IndicatorSet(
        id=document["id"],
        version=document["version"],
        sha256=sha256,
        title=document["title"],
        legal_number=basis["number"],
        legal_date=basis["date"],
        notes=document.get("notes"),
        sources=MappingProxyType(document["sources"]),
        period=(document["period"]["first"], document["period"]["last"]),
        target_years=tuple(document["target_years"]),
        units=_units(document["units"]),
        objectives=tuple(
            Objective(o["number"], o["name"], Status(o["status"])) for o in document["objectives"]
        ),
        indicators=tuple(_indicator(i, origin) for i in document["indicators"]),
    )


def _extra_indicator(raw: dict[str, Any], origin: Origin) -> Indicator:
    return Indicator(
        id=raw["id"],
        label=raw["label"],
        unit=raw["unit"],
        direction=Direction(raw["direction"]),
        targets=_targets(raw["targets"], origin),
        number_status=Status.UNKNOWN,
        objective=raw.get("objective"),
        province_only=True,
        clause=raw.get("clause"),
        related=raw.get("related"),
        note=raw.get("note"),
    )


def build_override(document: dict[str, Any], sha256: str) -> TargetOverride:
    basis, province = document["legal_basis"], document["province"]
    origin = Origin(
        OriginKind.PROVINCE,
        document["id"],
        document["version"],
        sha256,
        basis["number"]["value"],
        province["code"],
        province["name"],
    )
    entries = tuple(
        OverrideEntry(
            indicator=e["indicator"],
            year=e["year"],
            target=_target(e["target"], origin),
            mapping_status=Status(e["mapping_status"]),
            clause=e.get("clause"),
            note=e.get("note"),
        )
        for e in document["targets"]
    )
    return TargetOverride(
        id=document["id"],
        version=document["version"],
        sha256=sha256,
        title=document["title"],
        indicator_set=document["applies_to"]["indicator_set"],
        province_code=province["code"],
        province_name=province["name"],
        legal_number=basis["number"]["value"],
        legal_date=basis["date"]["value"],
        legal_year=basis.get("year"),
        legal_title=basis["title"],
        issuer=basis["issuer"],
        notes=document.get("notes"),
        sources=MappingProxyType(document["sources"]),
        units=_units(document.get("units", {})),
        entries=entries,
        extra_indicators=tuple(
            _extra_indicator(i, origin) for i in document.get("extra_indicators", ())
        ),
    )


# --- Checking references -------------------------------------------------------------------


def _column(raw: dict[str, Any]) -> Column:
    computed = raw.get("computed")
    if computed is None:
        rule = None
    elif "sum" in computed:
        rule = Computed("sum", tuple(computed["sum"]))
    else:
        rule = Computed(computed["from"], (), computed.get("actual"))
    return Column(
        id=raw["id"],
        label=raw["label"],
        kind=ColumnKind(raw["kind"]),
        number=raw.get("number"),
        max_length=raw.get("max_length"),
        hint=raw.get("hint"),
        computed=rule,
    )


def _header_item(raw: str | dict[str, Any]) -> HeaderGroup | str:
    if isinstance(raw, str):
        return raw
    children = tuple(_header_item(c) for c in raw["children"])
    return HeaderGroup(raw["label"], children, raw.get("number"))


def _rows_spec(raw: dict[str, Any]) -> RowsSpec:
    return RowsSpec(
        kind=RowsKind(raw["kind"]),
        rows=tuple(RowSpec(r["id"], r["label"], r.get("group")) for r in raw.get("rows", ())),
        groups=MappingProxyType({g["id"]: g["label"] for g in raw.get("groups", ())}),
        max_rows=raw.get("max"),
        period_type=raw.get("period_type"),
        first=raw.get("first"),
        last=raw.get("last"),
        indicator_set=raw.get("indicator_set"),
        target_year=raw.get("target_year"),
        note=raw.get("note"),
    )


def _table(raw: dict[str, Any]) -> Table:
    columns = tuple(_column(c) for c in raw["columns"])
    header = raw.get("header") or [c.id for c in columns]
    row_header = raw.get("row_header") or {}
    totals = raw.get("totals")
    return Table(
        id=raw["id"],
        number=raw["number"],
        title=raw["title"],
        layout_status=Status(raw["layout_status"]),
        rows=_rows_spec(raw["rows"]),
        columns=columns,
        header=tuple(_header_item(h) for h in header),
        row_header_kind=row_header.get("kind"),
        row_header_label=row_header.get("label"),
        totals=Totals(totals["id"], totals["label"], tuple(totals["columns"])) if totals else None,
        notes=tuple(raw.get("notes", ())),
        part=raw.get("part"),
        layout_note=raw.get("layout_note"),
        source=raw.get("source"),
    )


def build_table_form(document: dict[str, Any], sha256: str) -> TableForm:
    basis = document["legal_basis"]
    return TableForm(
        id=document["id"],
        version=document["version"],
        sha256=sha256,
        title=document["title"],
        legal_number=basis["number"],
        legal_date=basis["date"],
        notes=document.get("notes"),
        sources=MappingProxyType(document["sources"]),
        tables=tuple(_table(t) for t in document["tables"]),
    )
