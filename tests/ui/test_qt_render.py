"""The Qt renderer: PDF, the print path, the print preview and page images, against Decree 30
and against what LibreOffice prints from the docx of the same document."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import unicodedata
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtPrintSupport import (
    QPrintDialog,
    QPrinter,
    QPrintPreviewDialog,
    QPrintPreviewWidget,
)
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from tests.ui.helpers import when
from tests.unit.test_docx_render import plan
from treem_desktop.commune.commune_key import qr_modules
from treem_desktop.commune.workspace import Workspace
from treem_desktop.documents.compose import compose
from treem_desktop.documents.docx_render import render_docx
from treem_desktop.documents.model import Document, PacketStamp
from treem_desktop.documents.templates import find_template
from treem_desktop.i18n import _
from treem_desktop.ui.documents.qt_layout import (
    BODY,
    HEADING,
    MARGINS_MM,
    TEXT_HEIGHT_MM,
    TEXT_WIDTH_MM,
    Spacer,
    mm,
    paginate,
    pt,
)
from treem_desktop.ui.documents.qt_render import (
    STAMP_GAP_MM,
    STAMP_QR_MM,
    page_images,
    paint_document,
    preview_document,
    print_document,
    render_pdf,
)
from treem_desktop.ui.documents.qt_text import Text
from treem_desktop.ui.key_card import QR_BORDER_MODULES

SEED_PLAN_TEXT = (
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Số: 05/KH-UBND",
    "Mường Phăng, ngày 05 tháng 01 năm 2026",
    "KẾ HOẠCH",
    "TM. ỦY BAN NHÂN DÂN",
    "Lò Văn Tâm",
    "- Lưu: VT, VHXH.",
)


def run(*command: str | Path, home: Path | None = None) -> str:
    assert shutil.which(str(command[0])), f"{command[0]} is not installed"
    env = dict(os.environ, HOME=str(home)) if home else None
    done = subprocess.run(
        [str(c) for c in command], capture_output=True, text=True, env=env, timeout=180
    )
    assert done.returncode == 0, done.stderr
    return unicodedata.normalize("NFC", done.stdout)


def text_of(pdf: Path) -> str:
    return " ".join(run("pdftotext", pdf, "-").split())


def page_count(pdf: Path) -> int:
    info = run("pdfinfo", pdf).splitlines()
    return int(next(line for line in info if line.startswith("Pages:")).split()[1])


def first_line(pdf: Path, page: int) -> str:
    text = run("pdftotext", "-f", str(page), "-l", str(page), "-layout", pdf, "-")
    return next(line.strip() for line in text.splitlines() if line.strip())


def libreoffice_pdf(document: Document, folder: Path) -> Path:
    """The same document through the docx renderer and ``soffice --convert-to pdf``."""
    docx = render_docx(document, folder / "libreoffice.docx")
    home = folder / "home"
    home.mkdir(exist_ok=True)
    run("soffice", "--headless", "--convert-to", "pdf", "--outdir", folder, docx, home=home)
    return folder / "libreoffice.pdf"


@pytest.fixture
def seed_plan(workspace: Workspace) -> Document:
    """The plan of seed 001 as the composer makes it for the demo commune."""
    template = find_template("ke-hoach-danh-gia-xa-phu-hop-tre-em")
    return compose(template, workspace.require_profile(), 2026, 5, dt.date(2026, 1, 5))


@pytest.fixture
def seed_pdf(qtbot: QtBot, seed_plan: Document, tmp_path: Path) -> Path:
    return render_pdf(seed_plan, tmp_path / "ke-hoach-05.pdf")


def test_the_pdf_is_a4_portrait(seed_pdf: Path) -> None:
    size = next(line for line in run("pdfinfo", seed_pdf).splitlines() if "Page size:" in line)
    width, height = (float(v) for v in size.split()[2:5:2])
    assert (round(width), round(height)) == (595, 842)


def test_the_pdf_says_what_the_plan_says(seed_pdf: Path) -> None:
    text = text_of(seed_pdf)
    for expected in SEED_PLAN_TEXT:
        assert expected in text, expected


def test_times_new_roman_is_embedded(seed_pdf: Path) -> None:
    rows = [row.split() for row in run("pdffonts", seed_pdf).splitlines()[2:]]
    names = {row[0].split("+")[-1] for row in rows}
    assert all("LiberationSerif" in n or "TimesNewRoman" in n for n in names), names
    assert len(names) >= 3  # regular, bold and italic at least
    assert all(row[-5] == "yes" for row in rows)  # the "emb" column


def test_page_two_is_numbered_at_the_top_and_page_one_is_not(seed_pdf: Path) -> None:
    assert page_count(seed_pdf) >= 2
    assert first_line(seed_pdf, 2) == "2"
    assert first_line(seed_pdf, 1).startswith("ỦY BAN NHÂN DÂN")


def test_an_appendix_starts_a_page_of_its_own_numbered_afresh(qtbot: QtBot, tmp_path: Path) -> None:
    pdf = render_pdf(plan(), tmp_path / "with-appendix.pdf")
    last = page_count(pdf)
    assert first_line(pdf, last) == "Phụ lục I"  # no number on its first page
    assert first_line(pdf, 2) == "2"
    page = " ".join(run("pdftotext", "-f", str(last), "-l", str(last), pdf, "-").split())
    assert "DANH SÁCH TIÊU CHÍ VÀ ĐƠN VỊ PHỤ TRÁCH" in page
    assert "(Kèm theo Kế hoạch số 05/KH-UBND ngày 05/01/2026" in page


@pytest.mark.integration
@pytest.mark.parametrize("which", ["seed plan", "plan with an appendix"])
def test_qt_and_libreoffice_print_the_same_words_on_as_many_pages(
    qtbot: QtBot, which: str, seed_plan: Document, tmp_path: Path
) -> None:
    document = seed_plan if which == "seed plan" else plan()
    ours = render_pdf(document, tmp_path / "qt.pdf")
    theirs = libreoffice_pdf(document, tmp_path)
    assert abs(page_count(ours) - page_count(theirs)) <= 1
    assert sorted(text_of(ours).split()) == sorted(text_of(theirs).split())


def test_the_print_path_prints_the_same_text(
    qtbot: QtBot, seed_plan: Document, seed_pdf: Path, tmp_path: Path
) -> None:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printed = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(printed))
    paint_document(seed_plan, printer)
    assert text_of(printed) == text_of(seed_pdf)
    assert page_count(printed) == page_count(seed_pdf)
    assert first_line(printed, 2) == "2"


def test_the_preview_paints_every_page(qtbot: QtBot, seed_plan: Document, seed_pdf: Path) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    seen: dict[str, int] = {}

    def look_and_close() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QPrintPreviewDialog)
        preview = dialog.findChild(QPrintPreviewWidget)
        assert preview is not None
        seen["pages"] = preview.pageCount()
        seen["shot"] = int(not dialog.grab().isNull())
        dialog.reject()

    when(lambda: isinstance(QApplication.activeModalWidget(), QPrintPreviewDialog), look_and_close)
    preview_document(parent, seed_plan)
    assert seen == {"pages": page_count(seed_pdf), "shot": 1}


def test_printing_asks_for_a_printer_and_cancelling_prints_nothing(
    qtbot: QtBot, seed_plan: Document
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    titles: list[str] = []

    def cancel() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QPrintDialog)
        titles.append(dialog.windowTitle())
        dialog.reject()

    when(lambda: isinstance(QApplication.activeModalWidget(), QPrintDialog), cancel)
    assert print_document(parent, seed_plan) is False
    assert titles == [_("Print document")]


def test_page_images_are_a4_and_show_the_header(
    qtbot: QtBot, seed_plan: Document, seed_pdf: Path
) -> None:
    images = page_images(seed_plan, dpi=72)
    assert len(images) == page_count(seed_pdf)
    assert {(image.width(), image.height()) for image in images} == {(595, 842)}
    first = images[0]

    def ink(x0: int, y0: int, x1: int, y1: int) -> int:
        return sum(
            first.pixelColor(x, y).lightness() < 128 for x in range(x0, x1) for y in range(y0, y1)
        )

    assert ink(0, 0, 595, 50) == 0  # the top margin of page 1: no page number
    assert ink(100, 55, 245, 90) > 50  # ỦY BAN NHÂN DÂN / XÃ MƯỜNG PHĂNG
    assert ink(270, 55, 550, 90) > 50  # the national title and motto


def test_render_pdf_replaces_a_file_whole_and_leaves_nothing_on_failure(
    qtbot: QtBot, seed_plan: Document, tmp_path: Path
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "ke-hoach.pdf"
    target.write_bytes(b"old")
    assert render_pdf(seed_plan, target) == target
    assert target.read_bytes().startswith(b"%PDF-")
    with pytest.raises(OSError):
        render_pdf(seed_plan, folder / "missing" / "ke-hoach.pdf")
    assert [p.name for p in folder.iterdir()] == ["ke-hoach.pdf"]


def paragraph_of(lines: int) -> Text:
    """A body paragraph exactly ``lines`` lines long."""
    words = 1
    while len((text := Text.of("chữ " * words, BODY, mm(165))).lines) < lines:
        words += 1
    return text


def test_pages_keep_headings_with_their_text_and_two_lines_together(qtbot: QtBot) -> None:
    room, heading = mm(257), Text.of("I. MỤC ĐÍCH, YÊU CẦU", HEADING, mm(165))
    three, five = paragraph_of(3), paragraph_of(5)
    pitch = three.pitch
    # the heading and two lines would fit, but three lines cannot split: both go over
    filler = Spacer(room - heading.height() - pt(6) - 2 * pitch)
    pages = paginate([filler, heading, three], room)
    assert [[item for item, _y in page.placed] for page in pages] == [[filler], [heading, three]]
    # four lines' room: a five-line paragraph leaves three and takes two over
    pages = paginate([Spacer(room - 4 * pitch), five], room)
    first, second = (page.placed[-1][0] for page in pages)
    assert isinstance(first, Text) and isinstance(second, Text)
    assert (len(first.lines), len(second.lines)) == (3, 2)
    assert [page.number for page in pages] == [1, 2]


STAMP = PacketStamp(
    "TREEM_03325_plan_2026_0003.zip",
    "0f8c2a4e-5b1d-4c39-9a6e-1d2b3c4d5e6f",
    "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
)


def test_a_printed_copy_carries_its_packet_in_the_margin(
    qtbot: QtBot, seed_plan: Document, tmp_path: Path
) -> None:
    stamped = replace(seed_plan, stamp=STAMP)
    pdf = render_pdf(stamped, tmp_path / "stamped.pdf")
    text = text_of(pdf)
    assert text.count("mã gói 0f8c2a4e") == page_count(pdf)  # on every page
    assert "SHA-256 9f86d081 884c7d65" in text
    assert page_count(pdf) == page_count(render_pdf(seed_plan, tmp_path / "plain.pdf"))

    dpi = 300
    plain_page, stamped_page = page_images(seed_plan, dpi)[0], page_images(stamped, dpi)[0]
    modules = qr_modules(STAMP.qr_text())
    side = STAMP_QR_MM / 25.4 * dpi
    left = (MARGINS_MM["left"] + TEXT_WIDTH_MM) / 25.4 * dpi - side
    top = (MARGINS_MM["top"] + TEXT_HEIGHT_MM + STAMP_GAP_MM) / 25.4 * dpi
    step = side / (len(modules) + 2 * QR_BORDER_MODULES)
    for r, row in enumerate(modules):
        for c, dark in enumerate(row):
            x = int(left + (c + QR_BORDER_MODULES + 0.5) * step)
            y = int(top + (r + QR_BORDER_MODULES + 0.5) * step)
            assert (stamped_page.pixelColor(x, y).lightness() < 128) is dark, (r, c)
            assert plain_page.pixelColor(x, y).lightness() > 250  # nothing there unstamped
