"""Rates at the province: the packet carries a rate's numerator and denominator, the office
adds them up over the communes that sent both (never an average of rates), names the communes
that sent the rate only, and still imports packets of the older shape (the value only)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from tests.office_support import make_commune, opened_office, trust
from treem_desktop.commune import indicator_parts as parts
from treem_desktop.commune import indicators as ind
from treem_desktop.commune.commune_key import KeyFiles, ensure_commune_key, load_certificate
from treem_desktop.commune.packet_service import build_packet_of, key_signer
from treem_desktop.commune.workspace import Workspace
from treem_desktop.indicators.loader import shipped_indicator_set
from treem_desktop.office.consolidate import Gap, consolidate, province_total
from treem_desktop.office.consolidate_period import consolidate_office_period
from treem_desktop.office.consolidate_xlsx import write_consolidation_xlsx
from treem_desktop.office.consolidation_input import (
    CommuneSubmission,
    IndicatorValue,
    submission_from_packet_data,
)
from treem_desktop.office.folder import OfficeFolder
from treem_desktop.office.intake import import_packets
from treem_desktop.office.sources import packet_sources
from treem_desktop.office.trust import add_certificate
from treem_desktop.packets.verify import verify_packet
from treem_desktop.paths import resources_dir
from treem_desktop.schema_check import first_schema_problem

SCHEMA = resources_dir() / "schemas" / "packet-indicators-data-1.schema.json"


def value(rate: float, numerator: float | None, denominator: float | None) -> IndicatorValue:
    return IndicatorValue("ct14", "percent", rate, numerator, denominator)


def test_the_province_rate_is_summed_parts_not_the_average_of_rates() -> None:
    nap = shipped_indicator_set("nap-2021-2030")
    values = [value(10, 1, 10), value(90, 9, 10), value(50, 50, 100)]
    total = province_total(nap.indicator("ct14"), values, ["A", "B", "C"])
    assert total.value == pytest.approx(50)  # 60 / 120, not the average 50 + 3,3 = 53,3
    assert (total.numerator, total.denominator, total.communes) == (60, 120, 3)
    assert total.left_out == () and total.gap is None


def test_communes_that_sent_the_rate_only_are_left_out_and_named() -> None:
    nap = shipped_indicator_set("nap-2021-2030")
    values = [value(10, 1, 10), value(90, 9, 10), value(50, 50, 100), value(100, None, None)]
    total = province_total(nap.indicator("ct14"), values, ["A", "B", "C", "D Xã Búng Lao"])
    assert total.value == pytest.approx(50) and total.communes == 3
    assert total.left_out == ("D Xã Búng Lao",)
    alone = province_total(nap.indicator("ct14"), [value(100, None, None)], ["D"])
    assert alone.value is None and alone.gap is Gap.RATE_PARTS_MISSING and alone.left_out == ("D",)


@pytest.fixture
def office(tmp_path: Path) -> Iterator[OfficeFolder]:
    with opened_office(tmp_path) as opened:
        yield opened


def indicators_data(entries: list[dict[str, Any]]) -> dict[str, Any]:
    return {"kind": "indicators", "period": "2026", "indicators": entries, "preflight": []}


def commune_packet(workspace: Workspace, out: Path) -> Path:
    """The app's own indicators packet, ct14 typed as 50 of 100, checked after building."""
    files = KeyFiles.in_data_dir(workspace.data_dir.path)
    ensure_commune_key(files, workspace.require_profile(), None)
    parts.set_part(workspace, "2026", "ct14", "numerator", "50")
    parts.set_part(workspace, "2026", "ct14", "denominator", "100")
    ind.set_value(workspace, "2026", "ct02", "75")  # a rate typed alone travels as before
    built, _preflight = build_packet_of(
        workspace, "indicators", "2026", out, key_signer(workspace, None)
    )
    verify_packet(built.path, [load_certificate(files)])
    return built.path


def test_three_communes_consolidate_to_the_recomputed_rate(
    office: OfficeFolder, workspace: Workspace, tmp_path: Path
) -> None:
    app_packet = commune_packet(workspace, tmp_path / "app")
    profile = workspace.require_profile()
    certificate = load_certificate(KeyFiles.in_data_dir(workspace.data_dir.path))
    add_certificate(office.conn, "03325", profile.commune.name, certificate, "confirmed")
    sent = [app_packet]
    for code, numerator in (("03301", 1), ("03175", 9)):
        commune = make_commune(code)
        trust(office, commune)
        entry = {"id": "ct14", "unit": "percent", "value": numerator * 10}
        entry |= {"numerator": numerator, "denominator": 10}
        sent.append(commune.packet(tmp_path / "in", indicators_data([entry]), "indicators"))
    old = make_commune("03283")  # an older packet: the rate only, as format 1 first carried it
    trust(office, old)
    old_entry = {"id": "ct14", "unit": "percent", "value": 100, "target": "", "status": "met"}
    sent.append(old.packet(tmp_path / "in", indicators_data([old_entry]), "indicators"))
    outcomes = import_packets(office, packet_sources(sent))
    assert [o.result for o in outcomes] == ["accepted"] * 4

    result = consolidate_office_period(office, "2026")
    total = result.totals["ct14"]
    assert total.value == pytest.approx(50)  # 60 / 120 = 50 %, not the average 53,3 %
    assert (total.numerator, total.denominator, total.communes) == (60, 120, 3)
    assert len(total.left_out) == 1 and total.left_out[0].startswith("03283 ")
    assert result.totals["ct02"].gap is Gap.RATE_PARTS_MISSING  # 75 % alone is not added up

    book = load_workbook(write_consolidation_xlsx(result, tmp_path / "tong-hop.xlsx"))
    method = book.worksheets[2]
    heads = [c.value for c in method[4]]
    assert heads[6:] == ["Số xã được tính", "Ghi chú", "Xã không được tính (chỉ gửi tỷ lệ)"]
    row = next([c.value for c in r] for r in method.iter_rows(min_row=5) if r[0].value == "14")
    assert row[3:7] == [60, 120, 50, 3]
    assert row[7] == "Tính từ 3 xã gửi đủ tử số và mẫu số; 1 xã chỉ gửi tỷ lệ nên không được tính."
    assert row[8] == total.left_out[0]


def test_the_packet_carries_parts_only_when_both_are_known(
    workspace: Workspace, tmp_path: Path
) -> None:
    import zipfile

    path = commune_packet(workspace, tmp_path)
    with zipfile.ZipFile(path) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        data = json.loads(archive.read("data.json"))
    entries = {e["id"]: e for e in data["indicators"]}
    assert (entries["ct14"]["numerator"], entries["ct14"]["denominator"]) == (50, 100)
    assert entries["ct14"]["value"] == 50
    assert "numerator" not in entries["ct02"] and entries["ct02"]["value"] == 75
    submission = submission_from_packet_data(manifest, data)
    ct14 = next(v for v in submission.indicators if v.id == "ct14")
    assert (ct14.value, ct14.numerator, ct14.denominator) == (50, 50, 100)
    schema = json.loads(SCHEMA.read_text("utf-8"))
    assert first_schema_problem(data, schema) is None
    for entry in data["indicators"]:  # the older shape: the value only
        entry.pop("numerator", None), entry.pop("denominator", None)
    assert first_schema_problem(data, schema) is None
    data["indicators"][0]["numerator"] = "năm mươi"
    assert first_schema_problem(data, schema) is not None


def test_a_consolidation_of_submissions_names_the_communes_left_out() -> None:
    nap = shipped_indicator_set("nap-2021-2030")

    def report(code: str, entry: IndicatorValue) -> CommuneSubmission:
        return CommuneSubmission(
            code, f"Xã {code}", "11", "Điện Biên", "indicators", "2026", 1, indicators=(entry,)
        )

    result = consolidate(
        [report("1", value(10, 1, 10)), report("2", value(90, None, None))], nap, "2026"
    )
    assert result.totals["ct14"].value == pytest.approx(10)
    assert result.totals["ct14"].left_out == ("2 Xã 2",)
