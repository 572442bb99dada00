"""A small consolidation and a mapping for the DHIS2 and ADX export tests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from treem_desktop.indicators.loader import shipped_indicator_set
from treem_desktop.office.consolidate import Consolidation, consolidate
from treem_desktop.office.consolidation_input import (
    CommuneSubmission,
    CriterionResult,
    IndicatorValue,
)

MAPPING: dict[str, Any] = {
    "format": "treem-dhis2-mapping",
    "format_version": 1,
    "province_org_unit": "ouDienBien1",
    "org_units": {"03325": "ouMuongPhan", "03301": "ouBungLao01"},
    "data_elements": {
        "total": {"data_element": "deTotalPts1"},
        "recognised": {"data_element": "deRecognis1"},
        "c1": {"data_element": "deCrit01Pts"},
        "ct13": {"data_element": "deChildMarr", "category_option_combo": "cocDefault1"},
        "ct03a": {
            "data_element": "deNeonatal1",
            "category_option_combo": "cocRural001",
            "adx_categories": {"AREA": "RURAL"},
        },
    },
}


def submission(code: str, name: str, kind: str, period: str, **fields: Any) -> CommuneSubmission:
    return CommuneSubmission(code, name, "11", "Điện Biên", kind, period, 1, **fields)


def small_consolidation(period: str = "2026") -> Consolidation:
    criteria = (CriterionResult("c1", 1, 100.0, 100.0), CriterionResult("c2", 2, 70.0, None))
    rate = IndicatorValue("ct03a", "per_1000_live_births", 10.0, numerator=1, denominator=100)
    submissions = [
        submission("03325", "Xã Mường Phăng", "evaluation", period, total=865.0,
                   verdict="recognised", criteria=criteria),
        submission("03301", "Xã Búng Lao", "evaluation", period, total=812.5,
                   verdict="not-recognised", criteria=criteria),
        submission("03325", "Xã Mường Phăng", "indicators", period,
                   indicators=(IndicatorValue("ct13", "count", 3.0), rate)),
        submission("03175", "Xã Chà Tở", "indicators", period,
                   indicators=(IndicatorValue("ct13", "count", 2.0),)),
    ]  # fmt: skip
    return consolidate(submissions, shipped_indicator_set("nap-2021-2030"), period)


def write_mapping(folder: Path, document: dict[str, Any] = MAPPING) -> Path:
    path = folder / "mapping.json"
    path.write_text(json.dumps(document), "utf-8")
    return path
