"""The plan as LibreOffice prints it: real soffice, real PDF (CI installs LibreOffice).

Nothing here is skipped: without soffice or poppler's tools the test fails.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

from tests.unit.test_docx_render import SIGNER, plan
from treem_desktop.documents.docx_render import render_docx

pytestmark = pytest.mark.integration


def run(*command: str | Path, home: Path | None = None) -> str:
    assert shutil.which(str(command[0])), f"{command[0]} is not installed"
    env = dict(os.environ, HOME=str(home)) if home else None
    done = subprocess.run(
        [str(c) for c in command], capture_output=True, text=True, env=env, timeout=180
    )
    assert done.returncode == 0, done.stderr
    return unicodedata.normalize("NFC", done.stdout)


@pytest.fixture(scope="module")
def pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The plan rendered to docx, then ``soffice --convert-to pdf`` with a profile of its own."""
    folder = tmp_path_factory.mktemp("docx-pdf")
    document = render_docx(plan(), folder / "ke-hoach-05.docx")
    home = folder / "home"
    home.mkdir()
    run("soffice", "--headless", "--convert-to", "pdf", "--outdir", folder, document, home=home)
    printed = folder / "ke-hoach-05.pdf"
    assert printed.is_file()
    return printed


def test_the_pdf_is_a4_portrait(pdf: Path) -> None:
    info = run("pdfinfo", pdf)
    size = next(line for line in info.splitlines() if line.startswith("Page size:"))
    width, height = (float(v) for v in size.split()[2:5:2])
    assert (round(width), round(height)) == (595, 842)  # A4 portrait, in points


def test_the_pdf_says_what_the_plan_says(pdf: Path) -> None:
    text = " ".join(run("pdftotext", pdf, "-").split())
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "ỦY BAN NHÂN DÂN",
        "Số: 05/KH-UBND",
        "Mường Phăng, ngày 05 tháng 01 năm 2026",
        "KẾ HOẠCH",
        "TM. ỦY BAN NHÂN DÂN",
        "PHÓ CHỦ TỊCH",
        SIGNER,
        "- Lưu: VT, VHXH.",
        "Phụ lục I",
    ):
        assert expected in text, expected


def test_times_new_roman_prints_as_liberation_serif_embedded(pdf: Path) -> None:
    rows = run("pdffonts", pdf).splitlines()[2:]
    serif = [row.split() for row in rows if "LiberationSerif" in row]
    assert {row[0].split("+")[-1] for row in serif} >= {
        "LiberationSerif",
        "LiberationSerif-Bold",
        "LiberationSerif-Italic",
        "LiberationSerif-BoldItalic",  # "Nơi nhận:"
    }
    assert all(row[-5] == "yes" for row in serif)  # the "emb" column
    assert len(serif) == len(rows)  # no other font crept in


def test_page_two_is_numbered_at_the_top_and_page_one_is_not(pdf: Path) -> None:
    pages = int(next(li for li in run("pdfinfo", pdf).splitlines() if li.startswith("Pages:"))[6:])
    assert pages >= 2

    def first_line(page: int) -> str:
        text = run("pdftotext", "-f", str(page), "-l", str(page), "-layout", pdf, "-")
        return next(line.strip() for line in text.splitlines() if line.strip())

    assert first_line(2) == "2"
    assert first_line(1).startswith("ỦY BAN NHÂN DÂN")
    assert first_line(pages) == "Phụ lục I"  # a new page, numbered afresh, unnumbered first
