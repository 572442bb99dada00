"""The annual plan's target table: the commune's own target for the year beside the national.

One row per indicator a commune measures (not those only a province or the country computes),
numbered 1, 2, 3… in the order of the set, by objective. Columns: the national target in force
(Decision 23: the 2025 or 2030 milestone), the commune's own target for the year — the
province's target when its target file gives one, else "Chưa giao" — and where it comes from.
A "Chưa có chỉ tiêu" cell carries a mark and a note saying why.
"""

from __future__ import annotations

from treem_desktop.documents import inserts
from treem_desktop.documents.inserts import InsertSource, TargetInForce, target_in_force
from treem_desktop.documents.model import Block, Cell, Table
from treem_desktop.documents.unit_words import unit_kind
from treem_desktop.indicators import model as im
from treem_desktop.standards.model import tr

NOT_GIVEN = "Chưa giao"  # the province has not given the commune a target for the year
NO_TARGET = inserts.STATUS_WORDS[inserts.TargetStatus.UNKNOWN_TARGET]
WIDTHS = (10, 58, 20, 25, 25, 27)  # 165 mm: "23/QĐ-TTg" on one line


def national_set() -> im.IndicatorSet:
    from treem_desktop.indicators.loader import NATIONAL_SET, shipped_indicator_set

    return shipped_indicator_set(NATIONAL_SET)


def commune_target(found: TargetInForce, year: int) -> str:
    """The province's target for the commune in ``year``, or "Chưa giao"."""
    origin = found.target.origin if found.target is not None else None
    if origin is None or origin.kind is not im.OriginKind.PROVINCE:
        return NOT_GIVEN
    return found.shown(year)


def why_no_target(indicator: im.Indicator, year: int) -> str:
    """Why an indicator has no target in force for ``year``: the set's own note, else in words."""
    later = [y for y in indicator.target_years if y >= year]
    if not later:
        last = max(indicator.target_years, default=year)
        return f"Chương trình không đặt mức cho các năm sau {last}."
    target = indicator.targets[later[0]]
    reason = target.value.note or target.note
    if reason:
        return f"Chưa có mức năm {later[0]}: {reason.rstrip('.')}."
    return f"Văn bản chưa nêu mức năm {later[0]}."


def unit_name(source: InsertSource) -> str:
    return unit_kind(source.data.division_type() if source.data is not None else None)


def plan_targets(source: InsertSource) -> list[Block]:
    """TT, indicator, unit, the national target, the commune's target for the year, source."""
    active, year = inserts.indicator_set(source), source.year
    national = national_set()
    chosen = inserts.commune_indicators(source, active)
    nationals = [_national(national, i, source.year) for i in chosen]
    own = [target_in_force(active, i, source.year) for i in chosen]
    common = inserts.milestone(nationals)
    group = inserts.objective_rows(active, len(WIDTHS))
    rows: list[tuple[Cell, ...]] = []
    why: list[str] = []
    for indicator, country, ours in zip(chosen, nationals, own, strict=True):
        objective = group(indicator)
        if objective is not None:
            rows.append(objective)
        country_text = country.shown(common)
        if country.target is None:
            why.append(f"({len(why) + 1}) {tr(indicator.label)}: {why_no_target(indicator, year)}")
            country_text = f"{NO_TARGET} ({len(why)})"
        number = sum(1 for row in rows if len(row) > 1) + 1
        rows.append(
            (
                Cell(str(number), align="center"),
                Cell(inserts.indicator_name(indicator)),
                Cell(inserts.unit_text(active, indicator), align="center"),
                Cell(country_text, align="center"),
                Cell(commune_target(ours, year), align="center"),
                Cell(inserts.origin_text(ours.target or country.target), align="center"),
            )
        )
    national_head = f"Chỉ tiêu quốc gia đến năm {common}" if common else "Chỉ tiêu quốc gia"
    header = inserts.head(
        "TT",
        "Chỉ tiêu",
        "Đơn vị tính",
        national_head,
        f"Chỉ tiêu của {unit_name(source)} năm {source.year}",
        "Nguồn",
    )
    notes = inserts.target_notes(active, [*nationals, *own]) + why
    return [Table(header, tuple(rows), WIDTHS), *inserts.notes_block(notes)]


def _national(national: im.IndicatorSet, indicator: im.Indicator, year: int) -> TargetInForce:
    """The national target in force (a province's own indicator has none)."""
    try:
        return target_in_force(national, national.indicator(indicator.id), year)
    except KeyError:
        return TargetInForce(None, None, NO_TARGET)
