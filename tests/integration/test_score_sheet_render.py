"""The score sheet as LibreOffice prints it: real soffice, real PDF (CI installs LibreOffice).

Nothing here is skipped: without soffice, pdftotext or pdftoppm the test fails.
"""

from __future__ import annotations

import os
import subprocess
import unicodedata
from pathlib import Path

import pytest

from tests.unit.test_score_sheet import SAMPLE, TODAY
from treem_desktop.commune.evaluation import import_values
from treem_desktop.commune.workspace import Workspace
from treem_desktop.exports.score_sheet import write_score_sheet

pytestmark = pytest.mark.integration


def run(*command: str | Path, home: Path | None = None) -> str:
    env = dict(os.environ, HOME=str(home)) if home else None
    done = subprocess.run(
        [str(c) for c in command], capture_output=True, text=True, env=env, timeout=180
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def to_pdf(xlsx: Path, tmp_path: Path) -> Path:
    """``soffice --convert-to pdf`` with a profile of its own (HOME), as stack-notes §4 says."""
    home = tmp_path / "home"
    home.mkdir()
    out = tmp_path / "pdf"
    run("soffice", "--headless", "--convert-to", "pdf", "--outdir", out, xlsx, home=home)
    pdf = out / (xlsx.stem + ".pdf")
    assert pdf.is_file()
    return pdf


def test_the_sheet_prints_as_an_official_a4_landscape_document(
    workspace: Workspace, tmp_path: Path
) -> None:
    evaluation = import_values(workspace, 2026, SAMPLE)
    xlsx = write_score_sheet(
        tmp_path / "bang-diem-2026.xlsx", evaluation, workspace.require_profile(), TODAY
    )
    pdf = to_pdf(xlsx, tmp_path)

    info = run("pdfinfo", pdf)
    size = next(line for line in info.splitlines() if line.startswith("Page size:"))
    width, height = (float(v) for v in size.split()[2:5:2])
    assert (round(width), round(height)) == (842, 595)  # A4 landscape, in points

    text = " ".join(unicodedata.normalize("NFC", run("pdftotext", pdf, "-")).split())
    for expected in (
        "ỦY BAN NHÂN DÂN",
        "XÃ MƯỜNG PHĂNG",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "BẢNG TỰ ĐÁNH GIÁ, CHẤM ĐIỂM",
        "06/QĐ-TTg",
        "Mường Phăng, ngày 05 tháng 01 năm 2026",
        "TM. ỦY BAN NHÂN DÂN",
        "Lò Văn Tâm",
        "985*",
        "118/120",
    ):
        assert expected in text, expected

    pages = int(next(line for line in info.splitlines() if line.startswith("Pages:")).split()[1])
    assert pages >= 2
    for number in range(1, pages + 1):  # the table's header repeats on every page
        page_text = run("pdftotext", "-f", str(number), "-l", str(number), pdf, "-")
        assert "Tiêu chí, nội dung đánh giá" in " ".join(page_text.split()), number

    page = tmp_path / "page-1"
    run("pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", pdf, page)
    assert page.with_suffix(".png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
