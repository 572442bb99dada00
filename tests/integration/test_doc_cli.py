"""``treem doc``: documents from the templates, docx and PDF through LibreOffice; the period
apart from the issue date, drafts without a number, the numbering ways, locked once issued."""

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
    assert treem(data, "doc", "numbering", "register").returncode == 0
    first = treem(
        data,
        "doc",
        "render",
        PLAN,
        "--period",
        "2027",
        "--issue-date",
        "07/12/2026",
        "--out",
        str(tmp_path / "kh1.docx"),
        "--pdf",
        str(tmp_path / "kh1.pdf"),
        "--json",
    )
    assert first.returncode == 0, first.stderr
    assert json.loads(first.stdout)["reference"] == "01/KH-UBND"
    second = treem(
        data, "doc", "render", PLAN, "--period", "2027", "--out", str(tmp_path / "kh2.docx")
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


def docx_text(path: Path) -> list[str]:
    document = docx.Document(str(path))
    texts = [p.text for p in document.paragraphs]
    return texts + [
        p.text for t in document.tables for row in t.rows for c in row.cells for p in c.paragraphs
    ]


def test_a_draft_takes_no_number_and_the_clerks_number_is_typed(tmp_path: Path) -> None:
    data = tmp_path / "D"
    assert treem(data, *SETUP).returncode == 0
    draft = treem(
        data,
        "doc",
        "render",
        PLAN,
        "--period",
        "2027",
        "--draft",
        "--out",
        str(tmp_path / "draft.docx"),
        "--json",
    )
    assert draft.returncode == 0, draft.stderr
    assert json.loads(draft.stdout)["status"] == "draft"
    assert "Số:      /KH-UBND" in docx_text(tmp_path / "draft.docx")
    blank = treem(
        data, "doc", "render", PLAN, "--period", "2027", "--out", str(tmp_path / "b.docx")
    )
    assert blank.returncode == 0 and "Số:      /KH-UBND" in docx_text(tmp_path / "b.docx")
    typed = treem(
        data,
        "doc",
        "render",
        PLAN,
        "--period",
        "2027",
        "--number",
        "125",
        "--out",
        str(tmp_path / "t.docx"),
    )
    assert typed.returncode == 0 and "Số: 125/KH-UBND" in docx_text(tmp_path / "t.docx")
    listed = json.loads(treem(data, "doc", "list", "--json").stdout)["register"]
    assert [(e["status"], e["number"]) for e in listed] == [
        ("draft", None),
        ("issued", None),
        ("issued", 125),
    ]


def test_a_plan_for_next_year_issued_in_december_speaks_of_next_year(tmp_path: Path) -> None:
    import re

    data = tmp_path / "D"
    assert treem(data, *SETUP).returncode == 0
    done = treem(
        data,
        "doc",
        "render",
        PLAN,
        "--period",
        "2027",
        "--issued",
        "07/12/2026",
        "--out",
        str(tmp_path / "kh.docx"),
        "--json",
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["issued_on"] == "2026-12-07"
    document = docx.Document(str(tmp_path / "kh.docx"))
    body = [p.text for p in document.paragraphs] + [
        c.text for t in document.tables[1:-1] for row in t.rows for c in row.cells
    ]
    cited = re.sub(r"ngày \d{2}/\d{2}/\d{4}", "", "\n".join(body))
    # tasks due "n days after issue" are dated from 07/12/2026: 22/12/2026 is such a deadline
    assert "22/12/2026" in cited
    cited = re.sub(r"\b(0[89]|[1-3]\d)/12/2026\b", "", cited)
    assert set(re.findall(r"\b20\d\d\b", cited)) == {"2027"}


def test_past_deadlines_and_edits_of_an_issued_document_are_refused(tmp_path: Path) -> None:
    data = tmp_path / "D"
    assert treem(data, *SETUP).returncode == 0
    late = ("doc", "render", PLAN, "--period", "2026", "--issue-date", "07/12/2026", "--out")
    refused = treem(data, *late, str(tmp_path / "late.docx"))
    assert refused.returncode == 1 and "trước ngày ban hành 07/12/2026" in refused.stderr
    kept = treem(data, *late, str(tmp_path / "late.docx"), "--accept-past-deadlines", "--json")
    assert kept.returncode == 0, kept.stderr
    issued_id = json.loads(kept.stdout)["id"]
    edit = treem(data, "doc", "edit", str(issued_id), "--summary", "Sửa sau khi ban hành")
    assert edit.returncode == 1 and "đã ban hành" in edit.stderr
    assert "Sửa văn bản đã ban hành" in edit.stderr
    draft = treem(
        data,
        "doc",
        "render",
        PLAN,
        "--period",
        "2027",
        "--draft",
        "--out",
        str(tmp_path / "d.docx"),
        "--json",
    )
    draft_id = json.loads(draft.stdout)["id"]
    assert treem(data, "doc", "edit", str(draft_id), "--summary", "Bản nháp đã sửa").returncode == 0
    summaries = {
        e["id"]: e["summary"]
        for e in json.loads(treem(data, "doc", "list", "--json").stdout)["register"]
    }
    assert summaries[draft_id] == "Bản nháp đã sửa"
    assert summaries[issued_id] != "Sửa sau khi ban hành"


def test_a_draft_with_a_number_is_refused_as_a_usage_error(tmp_path: Path) -> None:
    """The contract: ``[--draft | --number N]``; ``--issue-date`` stays an alias of ``--issued``."""
    data = tmp_path / "D"
    assert treem(data, *SETUP).returncode == 0
    both = ("doc", "render", PLAN, "--draft", "--number", "5", "--out", str(tmp_path / "x.docx"))
    refused = treem(data, *both)
    assert refused.returncode == 2 and "--number" in refused.stderr
    assert json.loads(treem(data, "doc", "list", "--json").stdout)["register"] == []
    helped = treem(data, "doc", "render", "--help")
    assert "--issued" in helped.stdout
