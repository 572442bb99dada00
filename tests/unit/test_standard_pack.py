"""The standard pack's values: the open slots, the checks before signing, applying them."""

from __future__ import annotations

from treem_desktop.standards.loader import load_shipped, shipped_standard_files
from treem_desktop.standards.model import Standard, Status
from treem_desktop.standards.pack import BandValue, FilledValue, PackDocument, apply_filled
from treem_desktop.standards.pack_checks import pack_problems
from treem_desktop.standards.score_text import status_text
from treem_desktop.standards.scoring import score_sub

DOCUMENT = PackDocument("123/QĐ-UBND", "2025-08-01", "UBND tỉnh Điện Biên")


def decision_06() -> Standard:
    return next(s for s in map(load_shipped, shipped_standard_files()) if s.id == "qd-06-2019")


def value(target: str, number: float, by: str = "Lan") -> FilledValue:
    return FilledValue(target, number, None, by, DOCUMENT)


def bands(target: str, *steps: tuple[float, float]) -> FilledValue:
    return FilledValue(
        target, None, tuple(BandValue(a, True, p) for a, p in steps), "Lan", DOCUMENT
    )


def codes(standard: Standard, filled: list[FilledValue]) -> list[str]:
    return [p.code for p in pack_problems(standard, filled)]


def test_items_that_do_not_add_up_to_the_maximum_are_refused() -> None:
    standard = decision_06()
    filled = [value("c2.max_points", 80), value("c2.x.max_points", 75)]
    assert codes(standard, filled) == ["ITEMS_NOT_MAXIMUM"]
    assert codes(standard, [value("c2.max_points", 75), value("c2.x.max_points", 75)]) == []


def test_maxima_over_the_total_bands_out_of_order_and_missing_sources_are_refused() -> None:
    standard = decision_06()
    assert codes(standard, [value("c2.max_points", 800)]) == ["MAXIMA_OVER_TOTAL"]
    upside_down = bands("c2.x.bands", (70, 30), (90, 75))
    assert codes(standard, [upside_down]) == ["BANDS_OUT_OF_ORDER"]
    dropped = bands("c6.a.bands", (80, 30))
    assert codes(standard, [dropped]) == ["OFFICIAL_BAND_DROPPED"]
    assert codes(standard, [value("c2.max_points", 75, by="")]) == ["SOURCE_MISSING"]
    assert codes(standard, [value("c6.max_points", 100)]) == ["TARGET_UNKNOWN"]


def test_applied_values_score_as_confirmed_by_the_pack_with_their_document() -> None:
    standard = decision_06()
    filled = [
        value("c2.max_points", 75),
        value("c2.x.max_points", 75),
        bands("c2.x.bands", (90, 75), (70, 37)),
        value("c2.x.otherwise", 0),
        bands("c6.a.bands", (95, 50), (80, 30)),
    ]
    assert pack_problems(standard, filled) == []
    applied = apply_filled(standard, filled)
    sub = applied.criterion("c2").sub_indicators[0]
    before = score_sub(
        standard.criterion("c2").sub_indicators[0], {"c2.x.numerator": 15, "c2.x.denominator": 20}
    )
    after = score_sub(sub, {"c2.x.numerator": 15, "c2.x.denominator": 20})
    assert before.points is None and (after.points, after.unconfirmed) == (37, False)
    assert (
        sub.status is Status.PACK
        and "123/QĐ-UBND (01/08/2025" in applied.sources[sub.source or ""]["title"]
    )
    six = applied.criterion("c6").sub_indicators[0]
    assert six.rule.bands[0] == standard.criterion("c6").sub_indicators[0].rule.bands[0]
    assert score_sub(six, {"c6.a.numerator": 17, "c6.a.denominator": 20}).points == 30
    assert status_text(Status.PACK)
