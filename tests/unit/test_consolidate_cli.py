"""``treem receive report`` and ``treem receive export`` on an office that imported real
packets from two communes (all through the command line)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from docx import Document as WordFile
from lxml import etree  # type: ignore[import-untyped]
from openpyxl import load_workbook

from tests.unit.consolidation_packets import build_packets, treem
from tests.unit.dhis2_fixtures import MAPPING

ADX_SCHEMA = Path("/work/shared/reference/adx/adx_loose.xsd")


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("province")
    packets = build_packets(root)
    office = root / "office"
    treem(office, "setup", "--receiving", "--province", "11", "--office-name",
          "Sở Y tế tỉnh Điện Biên")  # fmt: skip
    for code in ("03325", "03301"):
        shown = json.loads(treem(root / code, "key", "show", "--json").stdout)
        packet = next(p for p in packets if f"_{code}_" in p.name)
        treem(office, "receive", "trust", str(packet), "--fingerprint", shown["fingerprint_sha256"])
    treem(office, "receive", "import", str(root / "out"))
    return office


def test_report_writes_the_workbook_the_list_and_the_report(office: Path, tmp_path: Path) -> None:
    done = treem(office, "receive", "report", "--period", "2026", "--out", str(tmp_path), "--json")
    result = json.loads(done.stdout)
    assert (result["evaluations"], result["indicator_reports"], result["recognised"]) == (2, 2, 1)
    book = load_workbook(tmp_path / "tong-hop-2026.xlsx")
    codes = [row[1].value for row in book.worksheets[0].iter_rows(min_row=5, max_row=6)]
    assert codes == ["03301", "03325"]
    province_row = [c.value for c in book.worksheets[1][7]]
    assert province_row[0] == "Toàn tỉnh"
    listing = WordFile(str(tmp_path / "danh-sach-de-nghi-cong-nhan-2026.docx"))
    cells = [c.text for t in listing.tables for row in t.rows for c in row.cells]
    assert "Xã Mường Phăng" in cells and "Xã Búng Lao" not in cells
    report = WordFile(str(tmp_path / "bao-cao-tong-hop-2026.docx"))
    text = "\n".join(p.text for p in report.paragraphs)
    assert "1/45" in text and "tiêu chí 11 (1 xã)" in text


@pytest.mark.skipif(not ADX_SCHEMA.exists(), reason="the ADX reference schema")
def test_export_writes_valid_adx_and_dhis2_json(office: Path, tmp_path: Path) -> None:
    mapping = tmp_path / "mapping.json"
    mapping.write_text(json.dumps(MAPPING), "utf-8")
    adx = tmp_path / "tong-hop.xml"
    treem(office, "receive", "export", "--period", "2026", "--format", "adx",
          "--mapping", str(mapping), "--out", str(adx))  # fmt: skip
    schema = etree.XMLSchema(etree.parse(str(ADX_SCHEMA)))
    assert schema.validate(etree.parse(str(adx))), schema.error_log
    values = tmp_path / "values.json"
    done = treem(office, "receive", "export", "--period", "2026", "--format", "dhis2-json",
                 "--mapping", str(mapping), "--out", str(values), "--json")  # fmt: skip
    found = {
        (v["orgUnit"], v["dataElement"]): v["value"]
        for v in json.loads(values.read_text("utf-8"))["dataValues"]
    }
    assert found["ouDienBien1", "deChildMarr"] == "5"  # 3 + 2, a count summed
    assert found["ouBungLao01", "deRecognis1"] == "0"
    assert json.loads(done.stdout)["values"] == len(found)


def test_a_period_without_indicator_reports_says_so_instead_of_an_empty_table(
    office: Path, tmp_path: Path
) -> None:
    from dataclasses import replace

    from treem_desktop.documents.docx_render import render_docx
    from treem_desktop.office.consolidate_period import consolidate_office_period
    from treem_desktop.office.folder import open_office
    from treem_desktop.office.report_documents import consolidated_report
    from treem_desktop.paths import resolve_data_dir

    with open_office(resolve_data_dir(office)) as opened:
        consolidation = consolidate_office_period(opened, "2026")
        profile = opened.require_profile()
    assert consolidation.indicator_reports  # the report with them has the table
    with_table = WordFile(str(render_docx(consolidated_report(consolidation, profile, 75.0),
                                          tmp_path / "a.docx")))  # fmt: skip
    without = replace(consolidation, indicator_reports=())
    report = WordFile(str(render_docx(consolidated_report(without, profile, 75.0),
                                      tmp_path / "b.docx")))  # fmt: skip
    text = "\n".join(p.text for p in report.paragraphs)
    assert len(report.tables) == len(with_table.tables) - 1  # the header and signature stay
    assert "Chưa có xã, phường nào gửi báo cáo các chỉ tiêu về trẻ em kỳ 2026." in text
