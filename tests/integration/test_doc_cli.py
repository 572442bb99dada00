"""``treem doc``: numbered documents from the templates, docx and PDF through LibreOffice."""

from __future__ import annotations

import json
import subprocess
import unicodedata
from pathlib import Path

import docx
import pytest

from tests.integration.test_cli import SETUP, treem

pytestmark = pytest.mark.integration
PLAN = "ke-hoach-danh-gia-xa-phu-hop-tre-em"


def pdf_text(pdf: Path) -> str:
    done = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True)
    return " ".join(unicodedata.normalize("NFC", done.stdout).split())


def test_render_numbers_documents_and_prints_the_motto_number_and_signer(tmp_path: Path) -> None:
    data = tmp_path / "D"
    assert treem(data, *SETUP, "--recipient-name", "Sở Y tế tỉnh Điện Biên").returncode == 0
    first = treem(
        data,
        "doc",
        "render",
        PLAN,
        "--period",
        "2026",
        "--out",
        str(tmp_path / "kh1.docx"),
        "--pdf",
        str(tmp_path / "kh1.pdf"),
        "--json",
    )
    assert first.returncode == 0, first.stderr
    assert json.loads(first.stdout)["reference"] == "01/KH-UBND"
    second = treem(
        data, "doc", "render", PLAN, "--period", "2026", "--out", str(tmp_path / "kh2.docx")
    )
    assert second.returncode == 0 and "02/KH-UBND" in second.stdout
    report = treem(data, "doc", "render", "bao-cao-tu-danh-gia", "--out", str(tmp_path / "bc.docx"))
    assert report.returncode == 0 and "01/BC-UBND" in report.stdout

    text = pdf_text(tmp_path / "kh1.pdf")
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 01/KH-UBND",
        "KẾ HOẠCH",
        "TM. ỦY BAN NHÂN DÂN",
        "Lò Văn Tâm",
        "Sở Y tế tỉnh Điện Biên",
    ):
        assert expected in text, expected
    document = docx.Document(str(tmp_path / "kh2.docx"))
    texts = [p.text for p in document.paragraphs]
    texts += [
        p.text for t in document.tables for row in t.rows for c in row.cells for p in c.paragraphs
    ]
    assert "Số: 02/KH-UBND" in texts

    listed = json.loads(treem(data, "doc", "list", "--json").stdout)
    assert [e["reference"] for e in listed["register"]] == [
        "01/BC-UBND",
        "01/KH-UBND",
        "02/KH-UBND",
    ]
    assert {t["id"] for t in listed["templates"]} >= {PLAN, "bao-cao-tu-danh-gia"}


def test_an_unknown_template_is_refused(tmp_path: Path) -> None:
    data = tmp_path / "D"
    assert treem(data, *SETUP).returncode == 0
    result = treem(data, "doc", "render", "khong-co", "--out", str(tmp_path / "x.docx"))
    assert result.returncode == 1
    assert "Không có mẫu văn bản khong-co" in result.stderr
    assert json.loads(treem(data, "doc", "list", "--json").stdout)["register"] == []
