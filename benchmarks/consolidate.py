"""The consolidated xlsx for every commune of the country (target: under 10 s).

    python benchmarks/consolidate.py [--keep PATH]

3,321 communes (the official list), each with an evaluation (13 criteria, total, verdict) and
an indicators report (the 34 measures of the national set, with numerators and denominators
for the rates): what a national roll-up of one year holds. Timed: ``consolidate`` (the
arithmetic) and ``write_consolidation_xlsx`` (the workbook on disk). Printed beside a floor
measured in the same run: openpyxl writing the same number of cells with no styles.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

from openpyxl import Workbook

from treem_desktop.core.admin_units import Commune, load_admin_units
from treem_desktop.indicators.loader import shipped_indicator_set
from treem_desktop.indicators.model import IndicatorSet
from treem_desktop.office.consolidate import RATE_SCALES, consolidate
from treem_desktop.office.consolidate_xlsx import write_consolidation_xlsx
from treem_desktop.office.consolidation_input import (
    CommuneSubmission,
    CriterionResult,
    IndicatorValue,
)

BUDGET_S = 10.0
PERIOD = "2026"


def evaluation(commune: Commune, rng: random.Random) -> CommuneSubmission:
    criteria = tuple(
        CriterionResult(f"c{n}", n, float(rng.randint(0, 100)), 100.0) for n in range(1, 14)
    )
    total = sum(c.points or 0.0 for c in criteria)
    verdict = "recognised" if total >= 850 else "not-recognised"
    return CommuneSubmission(
        commune.code, commune.name, commune.province_code, "", "evaluation", PERIOD, 1,
        total=total, verdict=verdict, criteria=criteria,
    )  # fmt: skip


def indicators(
    commune: Commune, indicator_set: IndicatorSet, rng: random.Random
) -> CommuneSubmission:
    values = []
    for indicator in indicator_set.indicators:
        scale = RATE_SCALES.get(indicator.unit)
        if scale is None:
            values.append(IndicatorValue(indicator.id, indicator.unit, float(rng.randint(0, 5))))
            continue
        denominator = float(rng.randint(50, 2000))
        numerator = float(rng.randint(0, int(denominator)))
        value = numerator / denominator * scale
        values.append(IndicatorValue(indicator.id, indicator.unit, value, numerator, denominator))
    return CommuneSubmission(
        commune.code, commune.name, commune.province_code, "", "indicators", PERIOD, 2,
        indicators=tuple(values),
    )  # fmt: skip


def country(indicator_set: IndicatorSet) -> list[CommuneSubmission]:
    rng = random.Random(2026)
    communes = list(load_admin_units().communes)
    return [evaluation(c, rng) for c in communes] + [
        indicators(c, indicator_set, rng) for c in communes
    ]


def floor_seconds(cells: int, columns: int, path: Path) -> float:
    """openpyxl writing ``cells`` plain numbers, no styles: the least any xlsx can cost."""
    start = time.perf_counter()
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in range(1, cells // columns + 2):
        for column in range(1, columns + 1):
            sheet.cell(row=row, column=column, value=row * column)
    workbook.save(path)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path)
    args = parser.parse_args()
    indicator_set = shipped_indicator_set("nap-2021-2030")
    submissions = country(indicator_set)
    communes = len(submissions) // 2
    with tempfile.TemporaryDirectory() as folder:
        target = args.keep or Path(folder) / "tong-hop.xlsx"
        start = time.perf_counter()
        consolidation = consolidate(submissions, indicator_set, PERIOD)
        summed = time.perf_counter() - start
        write_consolidation_xlsx(consolidation, target)
        elapsed = time.perf_counter() - start
        columns = 3 + len(consolidation.criteria) + 3 + 3 + len(indicator_set.indicators)
        cells = communes * columns
        floor = floor_seconds(cells, columns, Path(folder) / "floor.xlsx")
    print(f"communes: {communes}, cells: about {cells}")
    print(f"consolidate: {summed:.2f} s; consolidate + xlsx: {elapsed:.2f} s (budget {BUDGET_S} s)")
    print(f"floor (openpyxl, same cells, no styles): {floor:.2f} s; ratio {elapsed / floor:.1f}")
    return 0 if elapsed <= BUDGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
