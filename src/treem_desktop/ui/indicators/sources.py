"""What the entry grid shows for indicators and for report tables (GridSource)."""

from __future__ import annotations

from collections.abc import Mapping

from treem_desktop.commune import indicator_parts as parts
from treem_desktop.commune import indicators as ind
from treem_desktop.commune.tables import TableSession
from treem_desktop.commune.workspace import Workspace
from treem_desktop.formatting import format_number
from treem_desktop.i18n import N_, _
from treem_desktop.indicators.model import ColumnKind, HeaderGroup, Table
from treem_desktop.indicators.tables import CellValue, Row, row_label
from treem_desktop.indicators.targets import status_label
from treem_desktop.standards.model import Text, tr
from treem_desktop.ui.grid import GridColumn, GridRow

UNIT, TARGET, ACTUAL, STATUS = "unit", "target", "actual", "status"
NUMERATOR, DENOMINATOR = "numerator", "denominator"
PART_COLUMNS = (NUMERATOR, DENOMINATOR)
TONES = {"met": "#0d652d", "not-met": "#a50e0e"}
RATE_ONLY_TONE = "#8a4b00"  # a rate typed without its numerator and denominator


NUMERATOR_TIP = N_(
    "Numerator: how many are counted, such as the children under 5 whose birth is registered"
)
DENOMINATOR_TIP = N_("Denominator: how many there are in all, such as all children under 5")


def cell_text(value: CellValue) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, int | float):
        return format_number(value)
    return str(value)


class IndicatorSource:
    """Indicators of one period: unit, target in force, a rate's numerator and denominator,
    the value (typed, or the rate computed from its parts), met or not."""

    def __init__(self, workspace: Workspace, period: str) -> None:
        self.workspace = workspace
        self.period = period
        self.indicator_set = ind.own_set(workspace)  # the indicators this commune reports
        self._reload()

    def _reload(self) -> None:
        self._rows = {r.indicator.id: r for r in ind.rows(self.workspace, self.period)}
        self._comments = ind.comments(self.workspace, self.period)

    def rows(self) -> list[GridRow]:
        found: list[GridRow] = []
        objective = None
        names = {o.number: tr(o.name) for o in self.indicator_set.objectives}
        for indicator in self.indicator_set.indicators:
            if indicator.objective != objective and indicator.objective is not None:
                objective = indicator.objective
                title = _("Objective {number}: {name}").format(
                    number=objective, name=names.get(objective, "")
                )
                found.append(GridRow(f"objective:{objective}", title, section=True))
            number = f"{indicator.number}. " if indicator.number else ""
            found.append(GridRow(indicator.id, number + tr(indicator.label)))
        return found

    def columns(self) -> list[GridColumn]:
        return [
            GridColumn(UNIT, _("Unit"), computed=True, numeric=False, width=64),
            GridColumn(TARGET, _("Target"), computed=True, width=100),
            GridColumn(NUMERATOR, _("Numerator"), tooltip=_(NUMERATOR_TIP), width=92),
            GridColumn(DENOMINATOR, _("Denominator"), tooltip=_(DENOMINATOR_TIP), width=92),
            GridColumn(ACTUAL, _("Result"), width=96),
            GridColumn(STATUS, _("Assessment"), computed=True, numeric=False, width=110),
        ]

    def cell_locked(self, row: str, column: str) -> bool:
        """A count has no numerator or denominator to type."""
        found = self._rows.get(row)
        return column in PART_COLUMNS and (found is None or not found.has_parts)

    def row(self, row: str) -> ind.IndicatorRow | None:
        return self._rows.get(row)

    def text(self, row: str, column: str) -> str:
        found = self._rows.get(row)
        if found is None:
            return ""
        if column == UNIT:
            unit = self.indicator_set.units.get(found.indicator.unit)
            return unit.symbol if unit else found.indicator.unit
        if column == TARGET:
            return found.target_text
        if column == ACTUAL:
            return "" if found.actual is None else format_number(found.actual)
        if column in PART_COLUMNS:
            part = found.numerator if column == NUMERATOR else found.denominator
            return "" if part is None else format_number(part)
        return status_label(found.status)

    def tone(self, row: str, column: str) -> str | None:
        found = self._rows.get(row)
        if found is None:
            return None
        if column == ACTUAL and found.rate_only:
            return RATE_ONLY_TONE
        return TONES.get(found.status.value) if column == STATUS else None

    def store(self, row: str, column: str, raw: str) -> None:
        if column in PART_COLUMNS:
            parts.set_part(self.workspace, self.period, row, column, raw)
        else:
            ind.set_value(self.workspace, self.period, row, raw)
        self._reload()

    def rate_only(self) -> list[ind.IndicatorRow]:
        """The rates of the commune typed without their numerator and denominator."""
        own = {i.id for i in self.indicator_set.indicators}
        return [r for r in self._rows.values() if r.rate_only and r.indicator.id in own]

    def comment(self, row: str, column: str) -> str:
        return self._comments.get(row, "") if column == ACTUAL else ""

    def store_comment(self, row: str, column: str, text: str) -> None:
        ind.set_comment(self.workspace, self.period, row, text)
        self._reload()


class TableSource:
    """One report table: its rows (with group headings and totals) and columns."""

    def __init__(self, session: TableSession) -> None:
        self.session = session
        self._rows = session.rows()
        self._by_id = {r.id: r for r in self._rows}

    def rows(self) -> list[GridRow]:
        found: list[GridRow] = []
        groups = self.session.table.rows.groups or {}
        group = None
        for row in self._rows:
            if row.group is not None and row.group != group:
                group = row.group
                found.append(GridRow(f"group:{group}", tr(groups[group]), section=True))
            found.append(
                GridRow(row.id, row_label(row), computed=row.total, name=row_name(row, groups))
            )
        return found

    def columns(self) -> list[GridColumn]:
        paths = header_paths(self.session.table)
        return [
            GridColumn(
                c.id,
                tr(c.label),
                c.number or "",
                computed=not c.editable,
                numeric=c.numeric,
                tooltip=" › ".join(paths.get(c.id, [tr(c.label)])),
            )
            for c in self.session.table.columns
        ]

    def text(self, row: str, column: str) -> str:
        found: Row | None = self._by_id.get(row)
        if found is None:
            return ""
        value = self.session.row_values(found).get(column)
        if value is not None and self.session.table.column(column).kind is ColumnKind.MONEY:
            return format_number(value) if isinstance(value, int | float) else str(value)
        return cell_text(value)

    def tone(self, row: str, column: str) -> str | None:
        return None

    def store(self, row: str, column: str, raw: str) -> None:
        self.session.store(row, column, raw)

    def comment(self, row: str, column: str) -> str:
        return self.session.comments.get(f"{self.session.table.id}.{row}.{column}", "")

    def store_comment(self, row: str, column: str, text: str) -> None:
        self.session.store_comment(row, column, text)


def row_name(row: Row, groups: Mapping[str, Text]) -> str:
    """The row in a message: "Giai đoạn 2012 - 2015, Xã", "Dòng 3", "2015"."""
    if row.ordinal is not None and row.label is None:
        return _("Row {number}").format(number=row.ordinal)
    label = row_label(row)
    group = groups.get(row.group or "")
    return f"{tr(group)}, {label}" if group else label


def header_paths(table: Table) -> dict[str, list[str]]:
    """Each column's header from the top group down: ["Tổ chức các chiến dịch…", "Số lượng…"]."""
    paths: dict[str, list[str]] = {}

    def walk(item: HeaderGroup | str, above: list[str]) -> None:
        if isinstance(item, str):
            paths[item] = [*above, tr(table.column(item).label)]
            return
        for child in item.children:
            walk(child, [*above, tr(item.label)])

    for item in table.header:
        walk(item, [])
    return paths
