"""Programme indicators (Decision 23/QĐ-TTg): targets in force, values by period, trends.

The indicator set is the shipped one, with the province's own target file applied when one
was imported (``treem targets import``); values live in ``form_value`` under the set's id, a
rate's numerator and denominator beside it (``ct14.numerator``, ``ct14.denominator``: see
:mod:`.indicator_parts`, which computes the rate from them).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from treem_desktop.charts.trend import TrendChart, TrendPoint
from treem_desktop.commune.rate_part_checks import check_parts, parse_part, part_label
from treem_desktop.commune.workspace import Workspace
from treem_desktop.core.outside_json import MAX_COUNT
from treem_desktop.errors import TreemError
from treem_desktop.formatting import format_number
from treem_desktop.i18n import _
from treem_desktop.indicators.levels import for_commune, left_out
from treem_desktop.indicators.loader import NATIONAL_SET, override_from_bytes, shipped_indicator_set
from treem_desktop.indicators.model import (
    Indicator,
    IndicatorSet,
    Target,
    TargetOverride,
    period_type,
    year_before,
)
from treem_desktop.indicators.rates import (
    DENOMINATOR,
    NUMERATOR,
    PARTS,
    has_parts,
    multiplier,
    part_cell,
    rate,
)
from treem_desktop.indicators.tables import parse_number
from treem_desktop.indicators.targets import (
    TargetStatus,
    apply_override,
    describe_target,
    target_for_period,
    target_status,
)
from treem_desktop.standards.model import tr
from treem_desktop.storage import eval_repo, form_repo
from treem_desktop.storage.database import transaction
from treem_desktop.storage.settings_repo import get_setting, set_setting

TARGETS_SETTING = "target_override"
CHART_SETTING = "indicators.trend_chart"


@dataclass(frozen=True)
class IndicatorRow:
    """One indicator for one period: the target in force, the value and the verdict.

    ``numerator`` and ``denominator`` are a rate's parts as typed (``has_parts``: the
    indicator is a rate whose parts may be typed)."""

    indicator: Indicator
    target_year: int | None
    target: Target | None
    target_text: str
    actual: float | None
    status: TargetStatus
    numerator: float | None = None
    denominator: float | None = None
    has_parts: bool = False

    @property
    def from_parts(self) -> bool:
        """The value was computed from the numerator and denominator typed."""
        return self.has_parts and self.numerator is not None and self.denominator is not None

    @property
    def rate_only(self) -> bool:
        """A rate typed without its numerator and denominator (the province cannot add it up)."""
        return self.has_parts and self.actual is not None and not self.from_parts


def active_set(workspace: Workspace) -> IndicatorSet:
    """The national set, with the province's target file applied when there is one."""
    base = shipped_indicator_set(NATIONAL_SET)
    sha = get_setting(workspace.conn, TARGETS_SETTING)
    if not sha:
        return base
    content = eval_repo.standard_content(workspace.conn, sha)
    if content is None:
        return base
    return apply_override(base, override_from_bytes(content, f"database:{sha[:12]}"))


def division_type(workspace: Workspace) -> str | None:
    """The commune's kind (xã, phường, đặc khu), or None before the profile is set."""
    profile = workspace.profile()
    return profile.commune.division_type if profile is not None else None


def own_set(workspace: Workspace) -> IndicatorSet:
    """The active set with only the indicators this commune reports (not a share of communes;
    of 4c the row of its own area)."""
    return for_commune(active_set(workspace), division_type(workspace))


def not_reported(workspace: Workspace) -> tuple[Indicator, ...]:
    """The indicators of the set this commune does not report (the province or country does)."""
    return left_out(active_set(workspace), division_type(workspace))


def chart_shown(workspace: Workspace) -> bool:
    """Whether the officer keeps the trend chart open under the indicators (it is, at first)."""
    return get_setting(workspace.conn, CHART_SETTING, "shown") != "hidden"


def keep_chart_shown(workspace: Workspace, shown: bool) -> None:
    set_setting(workspace.conn, CHART_SETTING, "shown" if shown else "hidden")


def import_targets(workspace: Workspace, path: Path) -> TargetOverride:
    """Check a province's target file against the national set and use it from now on."""
    try:
        content = path.read_bytes()
    except OSError as error:
        raise TreemError("FILE_UNREADABLE", path=path, detail=error.strerror) from error
    override = checked_targets(content, str(path))
    use_targets(workspace, override, content, str(path))
    return override


def checked_targets(content: bytes, origin: str) -> TargetOverride:
    """A province's target file, refused when it conflicts with the national set."""
    override = override_from_bytes(content, origin)
    apply_override(shipped_indicator_set(NATIONAL_SET), override)  # refuses conflicts
    return override


def use_targets(
    workspace: Workspace, override: TargetOverride, content: bytes, origin: str
) -> None:
    """Keep a checked target file and use it from now on (one transaction, or a part of the
    caller's: the standard pack's import)."""
    with transaction(workspace.conn):
        eval_repo.store_standard(
            workspace.conn, override.sha256, override.id, override.version, content, origin
        )
        set_setting(workspace.conn, TARGETS_SETTING, override.sha256)


def check_period(period: str) -> str:
    try:
        period_type(period)
    except ValueError as error:
        raise TreemError("PERIOD_INVALID", period=period) from error
    return period


def parse_indicator_value(
    indicator_set: IndicatorSet, indicator: Indicator, raw: object
) -> float | None:
    """A value for ``indicator`` (None clears it): a number ≥ 0, whole when its unit is."""
    if raw is None or str(raw).strip() == "":
        return None
    label = tr(indicator.label)
    try:
        value = parse_number(raw)
    except (TreemError, ValueError) as error:
        raise TreemError(
            "INPUT_NOT_NUMBER", field=indicator.id, input=indicator.id, label=label
        ) from error
    if value < 0:
        raise TreemError("INPUT_NEGATIVE", field=indicator.id, input=indicator.id, label=label)
    unit = indicator_set.units.get(indicator.unit)
    if unit is not None and unit.whole and value > MAX_COUNT:
        limit = format_number(MAX_COUNT, 0)
        raise TreemError(
            "INPUT_TOO_LARGE", field=indicator.id, input=indicator.id, label=label, limit=limit
        )
    if unit is not None and unit.whole and value != int(value):
        raise TreemError("INPUT_NOT_WHOLE", field=indicator.id, input=indicator.id, label=label)
    if unit is not None and unit.symbol == "%" and value > 100:
        raise TreemError("INPUT_PERCENT_RANGE", field=indicator.id, input=indicator.id, label=label)
    return value


def parse_indicator_values(
    indicator_set: IndicatorSet, raw: Mapping[str, object]
) -> dict[str, float | None]:
    known = {i.id: i for i in indicator_set.indicators}
    parsed: dict[str, float | None] = {}
    for indicator_id, value in raw.items():
        indicator = known.get(indicator_id)
        if indicator is None:
            raise TreemError("INPUT_UNKNOWN", field=indicator_id, input=indicator_id)
        parsed[indicator_id] = parse_indicator_value(indicator_set, indicator, value)
    return parsed


def values(workspace: Workspace, period: str) -> dict[str, float]:
    """The indicators' values of ``period`` by indicator id (not their parts)."""
    stored = form_repo.load_values(workspace.conn, NATIONAL_SET, check_period(period))
    return {k: float(v) for k, v in stored.items() if _number(v) is not None and "." not in k}


def stored_parts(workspace: Workspace, period: str) -> dict[str, dict[str, float]]:
    """The numerators and denominators typed in ``period``: {"ct14": {"numerator": 40…}}."""
    stored = form_repo.load_values(workspace.conn, NATIONAL_SET, check_period(period))
    found: dict[str, dict[str, float]] = {}
    for cell, value in stored.items():
        indicator_id, _dot, part = cell.partition(".")
        number = _number(value)
        if part in (NUMERATOR, DENOMINATOR) and number is not None:
            found.setdefault(indicator_id, {})[part] = number
    return found


def set_value(workspace: Workspace, period: str, indicator_id: str, raw: object) -> float | None:
    """Check and store one value as typed (a rate typed directly: its parts stay as they are;
    refused when both are there, since the rate is then computed from them)."""
    indicator_set = active_set(workspace)
    parsed = parse_indicator_values(indicator_set, {indicator_id: raw})
    parts = stored_parts(workspace, period).get(indicator_id, {})
    if len(parts) == 2:
        indicator = indicator_set.indicator(indicator_id)
        label = tr(indicator.label)
        raise TreemError("RATE_FROM_PARTS", field=indicator_id, input=indicator_id, label=label)
    form_repo.save_values(
        workspace.conn, NATIONAL_SET, check_period(period), dict(parsed), workspace.actor
    )
    return parsed[indicator_id]


def import_values(workspace: Workspace, period: str, document: object) -> int:
    """Load a period's values from a JSON object keyed by indicator id: all, or none.

    A rate may come as its parts, ``{"ct14": {"numerator": 412, "denominator": 450}}``: they are
    checked as in the grid and the rate is computed from them. A rate given as a plain number is
    a rate typed alone: the parts typed before are cleared (never left disagreeing with it)."""
    if not isinstance(document, dict):
        raise TreemError("IMPORT_NOT_OBJECT")
    check_period(period)
    indicator_set = active_set(workspace)
    changes: dict[str, float | None] = {}
    for key, raw in document.items():
        changes.update(_imported(indicator_set, str(key), raw))
    form_repo.save_values(workspace.conn, NATIONAL_SET, period, dict(changes), workspace.actor)
    return len(document)


def _imported(indicator_set: IndicatorSet, key: str, raw: object) -> dict[str, float | None]:
    """The cells one entry of an import file sets: the value, and a rate's parts (cleared when
    the rate comes as a plain number)."""
    try:
        indicator = indicator_set.indicator(key)
    except KeyError:
        raise TreemError("INPUT_UNKNOWN", field=key, input=key) from None
    if isinstance(raw, dict):
        return _imported_parts(indicator_set, indicator, raw)
    cells: dict[str, float | None] = {key: parse_indicator_value(indicator_set, indicator, raw)}
    if has_parts(indicator_set, indicator):
        cells[part_cell(key, NUMERATOR)] = None
        cells[part_cell(key, DENOMINATOR)] = None
    return cells


def _imported_parts(
    indicator_set: IndicatorSet, indicator: Indicator, raw: Mapping[object, object]
) -> dict[str, float | None]:
    """A rate given as ``{"numerator": n, "denominator": d}``: both parts, checked as typed in
    the grid, and the rate computed from them as the grid computes it."""
    for name in raw:
        if name not in PARTS or not has_parts(indicator_set, indicator):
            cell = part_cell(indicator.id, str(name))
            raise TreemError("INPUT_UNKNOWN", field=cell, input=cell)
    typed: dict[str, float] = {}
    for part in PARTS:
        value = parse_part(indicator, part, raw.get(part))
        if value is None:
            cell = part_cell(indicator.id, part)
            label = part_label(indicator, part)
            raise TreemError("FIELD_REQUIRED", field=cell, input=cell, label=label)
        typed[part] = value
        check_parts(indicator, part, typed)
    per = multiplier(indicator_set, indicator) or 1
    return {
        part_cell(indicator.id, NUMERATOR): typed[NUMERATOR],
        part_cell(indicator.id, DENOMINATOR): typed[DENOMINATOR],
        indicator.id: rate(typed[NUMERATOR], typed[DENOMINATOR], per),
    }


def rows(workspace: Workspace, period: str) -> list[IndicatorRow]:
    """Every indicator of the set for ``period``, with the target in force and met / not met /
    no data (:func:`own_rows` for those this commune reports)."""
    indicator_set = active_set(workspace)
    current = values(workspace, period)
    parts = stored_parts(workspace, period)
    before = _values_or_empty(workspace, year_before(period))
    found = []
    for indicator in indicator_set.indicators:
        target_found = target_for_period(indicator, period)
        target_year, target = target_found if target_found else (None, None)
        actual = current.get(indicator.id)
        status = target_status(indicator, target, actual, before.get(indicator.id))
        text = describe_target(target, indicator, indicator_set.units)
        typed = parts.get(indicator.id, {})
        found.append(
            IndicatorRow(
                indicator,
                target_year,
                target,
                text,
                actual,
                status,
                typed.get(NUMERATOR),
                typed.get(DENOMINATOR),
                has_parts(indicator_set, indicator),
            )
        )
    return found


def own_rows(workspace: Workspace, period: str) -> list[IndicatorRow]:
    """The rows of the indicators this commune reports (:func:`own_set`)."""
    own = {i.id for i in own_set(workspace).indicators}
    return [row for row in rows(workspace, period) if row.indicator.id in own]


def _values_or_empty(workspace: Workspace, period: str) -> dict[str, float]:
    try:
        return values(workspace, period)
    except TreemError:
        return {}


def comments(workspace: Workspace, period: str) -> dict[str, str]:
    return form_repo.load_comments(workspace.conn, NATIONAL_SET, period)


def set_comment(workspace: Workspace, period: str, indicator_id: str, text: str) -> None:
    form_repo.save_comment(
        workspace.conn, NATIONAL_SET, period, indicator_id, text, workspace.actor
    )


def trend(workspace: Workspace, indicator_id: str, kind: str = "year") -> TrendChart:
    """The indicator's values over every stored period of ``kind``, with the next target."""
    indicator_set = active_set(workspace)
    indicator = indicator_set.indicator(indicator_id)
    stored = form_repo.load_all_periods(workspace.conn, NATIONAL_SET)
    periods = sorted(p for p in stored if p and str(period_type(p)) == kind)
    points = tuple(TrendPoint(p, _number(stored[p].get(indicator_id))) for p in periods)
    last = periods[-1] if periods else None
    found = target_for_period(indicator, last) if last else None
    target = found[1] if found and found[1].known and found[1].kind.value == "threshold" else None
    unit = indicator_set.units.get(indicator.unit)
    return TrendChart(
        title=tr(indicator.label),
        unit=unit.symbol if unit else indicator.unit,
        points=points,
        target=target.value.number if target else None,
        target_label=(
            _("Target {year}: {target}").format(
                year=found[0], target=describe_target(target, indicator, indicator_set.units)
            )
            if found and target
            else ""
        ),
        higher_is_better=indicator.direction.value == "higher",
        series_label=_("Result"),
    )


def _number(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None
