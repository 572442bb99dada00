"""The docx renderer against Decree 30/2020/NĐ-CP: a seed-001-shaped plan, reopened."""

from __future__ import annotations

import datetime as dt
import struct
import subprocess
import sys
import zlib
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import docx
import pytest
from docx.document import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Length, Mm, Pt
from docx.styles.style import ParagraphStyle
from docx.table import Table as WordTable
from docx.text.paragraph import Paragraph as WordParagraph
from docx.text.run import Run as WordRun

from treem_desktop.documents.docx_blocks import listed, placed_cells
from treem_desktop.documents.docx_layout import SCHEMA_ORDER
from treem_desktop.documents.docx_render import render_docx
from treem_desktop.documents.model import (
    Appendix,
    Cell,
    Document,
    DocumentNumber,
    Heading,
    Image,
    Paragraph,
    Run,
    Signature,
    Table,
)

DATE = dt.date(2026, 1, 5)
SIGNER = "Lò Văn Tâm"
RECIPIENTS = (
    "UBND huyện Điện Biên (b/c)",
    "TT Đảng ủy, TT HĐND xã",
    "CT, các PCT UBND xã",
    "UB MTTQ và các đoàn thể xã",
    "Các trường học, Trạm Y tế xã",
    "Lưu: VT, VHXH",
)
TASKS = (
    (
        "Xây dựng, ban hành Kế hoạch đánh giá xã phù hợp với trẻ em",
        "Công chức VHXH",
        "Các ban, ngành",
        "Tháng 01/2026",
    ),
    (
        "Tuyên truyền Quyết định số 06/QĐ-TTg đến các thôn, bản",
        "Đài truyền thanh xã",
        "Đoàn thanh niên",
        "Quý I/2026",
    ),
    (
        "Rà soát, thu thập số liệu 13 tiêu chí",
        "Công chức VHXH",
        "Trạm Y tế, các trường",
        "Tháng 6/2026",
    ),
    ("Kiểm tra, giám sát việc thực hiện các tiêu chí", "UBND xã", "UB MTTQ xã", "Quý III/2026"),
    (
        "Tự đánh giá, chấm điểm; lập hồ sơ đề nghị công nhận",
        "Công chức VHXH",
        "Các ban, ngành",
        "Trước 15/11/2026",
    ),
    (
        "Báo cáo kết quả thực hiện về UBND huyện",
        "Văn phòng UBND xã",
        "Công chức VHXH",
        "Trước 30/11/2026",
    ),
)
LONG_TEXT = (
    "Tiếp tục tăng cường sự lãnh đạo, chỉ đạo của cấp ủy đảng, chính quyền về công tác bảo vệ, "
    "chăm sóc trẻ em thông qua việc ban hành các nghị quyết, chương trình, kế hoạch cụ thể về "
    "bảo vệ, chăm sóc và giáo dục trẻ em; đăng ký phấn đấu xây dựng xã phù hợp với trẻ em theo "
    "các tiêu chí tại Quyết định số 06/QĐ-TTg."
)


def tiny_png(width: int = 60, height: int = 30) -> bytes:
    """A hand-made RGB PNG: four blue bars on white, like a small chart."""
    heights = (10, 18, 24, 14)

    def pixel(x: int, y: int) -> bytes:
        bar, inside = divmod(x, width // 4)
        filled = 2 < inside < width // 4 - 2 and height - y <= heights[min(bar, 3)]
        return b"\x1f\x4e\x9c" if filled else b"\xff\xff\xff"

    raw = b"".join(b"\x00" + b"".join(pixel(x, y) for x in range(width)) for y in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def task_table() -> Table:
    """The plan's task table, with a two-row header whose "Đơn vị thực hiện" spans two columns."""
    header = (
        (
            Cell("TT", row_span=2),
            Cell("Nội dung", row_span=2),
            Cell("Đơn vị thực hiện", column_span=2),
            Cell("Thời gian", row_span=2),
        ),
        (Cell("Chủ trì"), Cell("Phối hợp")),
    )
    rows = tuple(
        (
            Cell(str(i), align="center"),
            Cell(task),
            Cell(lead),
            Cell(partner),
            Cell(when, align="center"),
        )
        for i, (task, lead, partner, when) in enumerate(TASKS, start=1)
    )
    return Table(header, rows, widths=(12, 63, 32, 32, 26), caption="Bảng phân công nhiệm vụ")


def plan(number: int | None = 5) -> Document:
    """A commune plan shaped like seed 001 (the district plan for the child-friendly evaluation)."""
    body = (
        Paragraph.of(
            "Thực hiện Kế hoạch số 134/KH-UBND ngày 11/3/2025 của Ủy ban nhân dân huyện, Ủy ban "
            "nhân dân xã ban hành Kế hoạch triển khai đánh giá xã phù hợp với trẻ em năm 2026 "
            "với các nội dung như sau:"
        ),
        Heading(1, "I.", "Mục đích, yêu cầu, mục tiêu"),
        Heading(2, "1.", "Mục đích"),
        Paragraph.of(
            "Nhằm đánh giá việc thực hiện 13 tiêu chí được quy định tại Quyết định số 06/QĐ-TTg "
            "ngày 03/01/2019 của Thủ tướng Chính phủ, qua đó phát hiện những khó khăn, tồn tại "
            "trong việc thực hiện các tiêu chí."
        ),
        Heading(2, "2.", "Yêu cầu"),
        Paragraph(
            (
                Run("- Việc đánh giá phải đảm bảo "),
                Run("dân chủ, công bằng, công khai", bold=True),
                Run(" và "),
                Run("đúng quy định", italic=True),
                Run("."),
            )
        ),
        Heading(1, "II.", "Nhiệm vụ và giải pháp"),
        Heading(2, "1.", "Tăng cường sự lãnh đạo, chỉ đạo của cấp ủy, chính quyền"),
        Paragraph.of("- " + LONG_TEXT),
        Paragraph.of("- " + LONG_TEXT),
        Heading(2, "2.", "Đẩy mạnh công tác tuyên truyền"),
        Heading(3, "a)", "Tuyên truyền trên hệ thống truyền thanh của xã và các thôn, bản."),
        Paragraph.of("- " + LONG_TEXT),
        Heading(1, "III.", "Tổ chức thực hiện"),
        task_table(),
        Paragraph.of("Kết quả các năm trước được thể hiện ở biểu đồ dưới đây:"),
        Image(tiny_png(), width=80, caption="Biểu đồ 1. Số tiêu chí đạt qua các năm"),
        Paragraph.of(
            "Trên đây là Kế hoạch triển khai đánh giá xã phù hợp với trẻ em năm 2026 của Ủy ban "
            "nhân dân xã Mường Phăng./."
        ),
    )
    return Document(
        issuer_lines=("Ủy ban nhân dân", "Xã Mường Phăng"),
        number=DocumentNumber(number, "KH", "UBND"),
        place="Mường Phăng",
        date=DATE if number is not None else None,
        kind="Kế hoạch",
        summary="Triển khai đánh giá, công nhận xã phù hợp với trẻ em năm 2026",
        body=body,
        signature=Signature(("TM. Ủy ban nhân dân", "KT. Chủ tịch", "Phó Chủ tịch"), SIGNER),
        recipients=RECIPIENTS,
        legal_bases=(
            "Căn cứ Luật Trẻ em ngày 05 tháng 4 năm 2016;",
            "Căn cứ Quyết định số 06/QĐ-TTg ngày 03/01/2019 của Thủ tướng Chính phủ quy định "
            "tiêu chuẩn, trình tự, thủ tục đánh giá và công nhận xã, phường, thị trấn phù hợp "
            "với trẻ em.",
        ),
        appendices=(
            Appendix(
                "I",
                "Danh sách tiêu chí và đơn vị phụ trách",
                "Kèm theo Kế hoạch số 05/KH-UBND ngày 05/01/2026 của UBND xã Mường Phăng",
                (Paragraph.of("Tiêu chí 1: Công chức VHXH phụ trách."),),
            ),
        ),
    )


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> WordDocument:
    path = render_docx(plan(), tmp_path_factory.mktemp("docx") / "ke-hoach-05.docx")
    return docx.Document(str(path))


def all_paragraphs(word: WordDocument) -> Iterator[WordParagraph]:
    """Every paragraph of the body, including those inside table cells."""
    yield from word.paragraphs
    for table in word.tables:
        for row in table.rows:
            for cell in row.cells:
                yield from cell.paragraphs


def find(word: WordDocument, text: str) -> WordParagraph:
    return next(p for p in all_paragraphs(word) if p.text.startswith(text))


def styles_of(paragraph: WordParagraph) -> Iterator[ParagraphStyle]:
    """``paragraph``'s style, then the style it is based on, and so on."""
    style: ParagraphStyle | None = paragraph.style
    while style is not None:
        yield style
        style = style.base_style


def layout(paragraph: WordParagraph, name: str) -> object:
    """A paragraph setting as Word applies it: set on the paragraph, else on its styles."""
    formats = (paragraph.paragraph_format, *(s.paragraph_format for s in styles_of(paragraph)))
    return next((v for f in formats if (v := getattr(f, name)) is not None), None)


def font(run: WordRun, paragraph: WordParagraph, name: str) -> object:
    """A run setting as Word applies it: set on the run, else on its paragraph's styles."""
    fonts = (run.font, *(s.font for s in styles_of(paragraph)))
    return next((v for f in fonts if (v := getattr(f, name)) is not None), None)


def size_pt(run: WordRun, paragraph: WordParagraph) -> float:
    """The run's size in points; the document default (14 pt) when nothing sets it."""
    size = font(run, paragraph, "size")
    return size.pt if isinstance(size, Length) else 14


def look(paragraph: WordParagraph) -> tuple[float, bool, bool]:
    """(size in points, bold, italic), the same for every run of ``paragraph``."""
    looks = {
        (size_pt(r, p), bool(font(r, p, "bold")), bool(font(r, p, "italic")))
        for p in (paragraph,)
        for r in p.runs
    }
    assert len(looks) == 1, (paragraph.text, looks)
    return looks.pop()


def has_rule(paragraph: WordParagraph) -> bool:
    """Whether ``paragraph`` draws a line: a bottom border."""
    return bool(paragraph._p.xpath("./w:pPr/w:pBdr/w:bottom[@w:val='single']"))


def mm(*lengths: Length | None) -> list[float]:
    """Lengths in millimetres to 0.1 mm (Word stores twentieths of a point)."""
    return [round(length.mm, 1) if length is not None else 0.0 for length in lengths]


def cell_lines(table: WordTable, row: int, column: int) -> list[WordParagraph]:
    return list(table.rows[row].cells[column].paragraphs)


def test_the_page_is_a4_portrait_with_the_decree_margins(rendered: WordDocument) -> None:
    for section in rendered.sections:
        assert section.orientation == WD_ORIENT.PORTRAIT
        assert mm(section.page_width, section.page_height) == [210, 297]
        margins = (
            section.top_margin,
            section.bottom_margin,
            section.left_margin,
            section.right_margin,
        )
        assert mm(*margins) == [20, 20, 30, 15]


def test_every_run_is_times_new_roman_in_every_script(rendered: WordDocument) -> None:
    runs = [run for paragraph in all_paragraphs(rendered) for run in paragraph.runs]
    assert len(runs) > 50
    scripts = ("ascii", "hAnsi", "cs", "eastAsia", "asciiTheme", "hAnsiTheme", "cstheme")
    for paragraph in all_paragraphs(rendered):  # nothing overrides the document's font
        elements = [*(s.element for s in styles_of(paragraph)), *(r._r for r in paragraph.runs)]
        for fonts in (f for e in elements for f in e.xpath("./w:rPr/w:rFonts")):
            assert {fonts.get(qn(f"w:{s}")) for s in scripts} <= {"Times New Roman", None}
    defaults = rendered.styles.element.find(f"{qn('w:docDefaults')}//{qn('w:rFonts')}")
    assert defaults is not None and defaults.get(qn("w:asciiTheme")) is None
    assert defaults.get(qn("w:ascii")) == "Times New Roman"


def test_the_header_is_a_borderless_two_column_table(rendered: WordDocument) -> None:
    header = rendered.tables[0]
    assert mm(*(c.width for c in header.columns)) == [65, 100]
    borders = header._tbl.tblPr.find(qn("w:tblBorders"))
    assert borders is not None
    assert {b.get(qn("w:val")) for b in borders} == {"nil"}


def test_issuer_and_number_on_the_left(rendered: WordDocument) -> None:
    header = rendered.tables[0]
    issuer = cell_lines(header, 0, 0)
    assert [p.text for p in issuer[:2]] == ["ỦY BAN NHÂN DÂN", "XÃ MƯỜNG PHĂNG"]
    assert all(look(p) == (13, True, False) for p in issuer[:2])
    assert all(layout(p, "alignment") == WD_ALIGN_PARAGRAPH.CENTER for p in issuer)
    assert has_rule(issuer[2])  # the short line under the issuing body
    (number,) = cell_lines(header, 1, 0)
    assert number.text == "Số: 05/KH-UBND"
    assert look(number) == (13, False, False)
    assert layout(number, "alignment") == WD_ALIGN_PARAGRAPH.CENTER


def test_nation_motto_place_and_date_on_the_right(rendered: WordDocument) -> None:
    header = rendered.tables[0]
    nation, motto = cell_lines(header, 0, 1)
    assert nation.text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert look(nation) == (13, True, False)
    assert motto.text == "Độc lập - Tự do - Hạnh phúc"
    assert look(motto) == (14, True, False)
    assert all(font(run, motto, "underline") for run in motto.runs)  # as long as the text
    (place_date,) = cell_lines(header, 1, 1)
    assert place_date.text == "Mường Phăng, ngày 05 tháng 01 năm 2026"
    assert look(place_date) == (14, False, True)
    assert layout(place_date, "alignment") == WD_ALIGN_PARAGRAPH.CENTER


def test_type_summary_and_the_rule_under_them(rendered: WordDocument) -> None:
    kind = find(rendered, "KẾ HOẠCH")
    assert kind.text == "KẾ HOẠCH" and look(kind) == (14, True, False)
    summary = find(rendered, "Triển khai đánh giá")
    assert look(summary) == (14, True, False)
    for paragraph in (kind, summary):
        assert layout(paragraph, "alignment") == WD_ALIGN_PARAGRAPH.CENTER
    after = rendered.paragraphs[[p.text for p in rendered.paragraphs].index(summary.text) + 1]
    assert after.text == "" and has_rule(after)


def test_legal_bases_are_italic(rendered: WordDocument) -> None:
    basis = find(rendered, "Căn cứ Luật Trẻ em")
    assert look(basis) == (14, False, True)
    assert layout(basis, "alignment") == WD_ALIGN_PARAGRAPH.JUSTIFY


def test_a_body_paragraph_is_justified_14_pt_with_a_first_line_indent(
    rendered: WordDocument,
) -> None:
    paragraph = find(rendered, "Nhằm đánh giá việc thực hiện")
    assert look(paragraph) == (14, False, False)
    assert layout(paragraph, "alignment") == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert layout(paragraph, "first_line_indent") == Mm(12.7)
    assert layout(paragraph, "space_after") == Pt(6)
    assert layout(paragraph, "line_spacing") == pytest.approx(1.15)


def test_runs_keep_their_emphasis(rendered: WordDocument) -> None:
    paragraph = find(rendered, "- Việc đánh giá")
    emphasis = {
        run.text: (bool(font(run, paragraph, "bold")), bool(font(run, paragraph, "italic")))
        for run in paragraph.runs
    }
    assert emphasis["dân chủ, công bằng, công khai"] == (True, False)
    assert emphasis["đúng quy định"] == (False, True)
    assert emphasis[" và "] == (False, False)


def test_headings_by_level(rendered: WordDocument) -> None:
    assert look(find(rendered, "I. MỤC ĐÍCH, YÊU CẦU, MỤC TIÊU")) == (14, True, False)
    assert look(find(rendered, "1. Mục đích")) == (14, True, False)
    assert look(find(rendered, "a) Tuyên truyền")) == (14, False, False)
    assert layout(find(rendered, "III. TỔ CHỨC THỰC HIỆN"), "keep_with_next")


def test_the_task_table_has_borders_a_merged_repeated_header(rendered: WordDocument) -> None:
    table = rendered.tables[1]
    assert table.style is not None and table.style.name == "Table Grid"
    assert len(table.rows) == 2 + len(TASKS)
    top, second = table.rows[0].cells, table.rows[1].cells
    assert [c.text for c in top] == [
        "TT",
        "Nội dung",
        "Đơn vị thực hiện",
        "Đơn vị thực hiện",
        "Thời gian",
    ]
    assert [c.text for c in second] == ["TT", "Nội dung", "Chủ trì", "Phối hợp", "Thời gian"]
    assert top[2]._tc.grid_span == 2 and top[0]._tc.vMerge == "restart"
    repeated = [bool(row._tr.xpath("./w:trPr/w:tblHeader")) for row in table.rows]
    assert repeated == [True, True] + [False] * len(TASKS)
    assert look(top[1].paragraphs[0]) == (13, True, False)
    first_task = table.rows[2].cells
    assert [c.text for c in first_task] == ["1", *TASKS[0]]
    assert look(first_task[1].paragraphs[0]) == (13, False, False)
    assert mm(*(c.width for c in table.columns)) == [12, 63, 32, 32, 26]


def test_the_image_is_centred_at_its_width(rendered: WordDocument) -> None:
    (shape,) = rendered.inline_shapes
    assert abs(shape.width - Mm(80)) < Mm(0.1)
    holder = next(p for p in rendered.paragraphs if p._p.xpath(".//w:drawing"))
    assert layout(holder, "alignment") == WD_ALIGN_PARAGRAPH.CENTER
    assert layout(holder, "first_line_indent") is None


def test_the_signature_block(rendered: WordDocument) -> None:
    signature = rendered.tables[2]
    lines = cell_lines(signature, 0, 1)
    assert [p.text for p in lines] == [
        "TM. ỦY BAN NHÂN DÂN",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        SIGNER,
    ]
    assert all(look(p) == (14, True, False) for p in lines)
    assert all(layout(p, "alignment") == WD_ALIGN_PARAGRAPH.CENTER for p in lines)
    room = layout(lines[-1], "space_before")
    assert isinstance(room, Length) and room >= Mm(20)  # room to sign and seal


def test_the_recipients(rendered: WordDocument) -> None:
    title, *recipients = cell_lines(rendered.tables[2], 0, 0)
    assert title.text == "Nơi nhận:" and look(title) == (12, True, True)
    assert [p.text for p in recipients] == [
        "- UBND huyện Điện Biên (b/c);",
        "- TT Đảng ủy, TT HĐND xã;",
        "- CT, các PCT UBND xã;",
        "- UB MTTQ và các đoàn thể xã;",
        "- Các trường học, Trạm Y tế xã;",
        "- Lưu: VT, VHXH.",
    ]
    assert all(look(p) == (11, False, False) for p in recipients)
    assert recipients[-1].text.startswith("- Lưu: VT")


def test_page_numbers_are_centred_at_the_top_from_page_two(rendered: WordDocument) -> None:
    section = rendered.sections[0]
    assert section.different_first_page_header_footer
    assert mm(section.header_distance) == [10]
    first = section.first_page_header
    assert not first.is_linked_to_previous
    assert "PAGE" not in first._element.xml and first.paragraphs[0].text == ""
    (number,) = section.header.paragraphs
    instructions = [t.text for t in number._p.iter(qn("w:instrText"))]
    assert [i.strip() for i in instructions] == ["PAGE"]
    assert layout(number, "alignment") == WD_ALIGN_PARAGRAPH.CENTER
    assert all(size_pt(run, number) == 14 for run in number.runs)


def test_an_appendix_starts_a_page_numbered_from_one(rendered: WordDocument) -> None:
    main, annex = rendered.sections
    assert annex.start_type == 2  # WD_SECTION.NEW_PAGE
    assert annex._sectPr.find(qn("w:pgNumType")).get(qn("w:start")) == "1"
    assert annex.header.is_linked_to_previous  # the same numbered header
    label = find(rendered, "Phụ lục I")
    assert label.text == "Phụ lục I" and look(label) == (14, True, False)
    assert layout(label, "alignment") == WD_ALIGN_PARAGRAPH.CENTER
    assert look(find(rendered, "DANH SÁCH TIÊU CHÍ")) == (14, True, False)
    note = find(rendered, "(Kèm theo Kế hoạch số 05/KH-UBND")
    assert note.text.endswith(")") and look(note) == (14, False, True)


def test_property_elements_keep_the_schema_order(rendered: WordDocument) -> None:
    """Word rejects files whose w:pPr, w:rPr, w:tblPr, w:trPr or w:sectPr children are shuffled."""
    parts = [rendered.element, rendered.styles.element]
    parts += [s.header._element for s in rendered.sections[:1]]
    checked = 0
    for part in parts:
        for name, order in SCHEMA_ORDER.items():
            ranks = {qn(f"w:{child}"): rank for rank, child in enumerate(order.split())}
            for properties in part.iter(qn(f"w:{name}")):
                found = [ranks[child.tag] for child in properties]  # KeyError: not in the list
                assert found == sorted(found), properties.xml
                checked += 1
    assert checked > 100


def test_a_draft_prints_a_blank_number(tmp_path: Path) -> None:
    word = docx.Document(str(render_docx(plan(number=None), tmp_path / "nhap.docx")))
    (number,) = cell_lines(word.tables[0], 1, 0)
    assert number.text == "Số:      /KH-UBND"
    (place_date,) = cell_lines(word.tables[0], 1, 1)
    assert place_date.text.startswith("Mường Phăng, ngày     tháng     năm ")


def test_several_addressees_one_per_line(tmp_path: Path) -> None:
    report = replace(
        plan(), kind="Báo cáo", addressees=("Ủy ban nhân dân huyện", "Phòng VH-XH huyện")
    )
    word = docx.Document(str(render_docx(report, tmp_path / "bao-cao.docx")))
    texts = [p.text for p in word.paragraphs]
    assert "Kính gửi:\t- Ủy ban nhân dân huyện;" in texts
    assert "- Phòng VH-XH huyện." in texts


def test_a_cong_van_has_its_subject_under_the_number_and_no_title(tmp_path: Path) -> None:
    letter = replace(
        plan(),
        kind="",
        summary="V/v đăng ký xã phù hợp với trẻ em năm 2026",
        number=DocumentNumber(3, "", "UBND"),
        addressees=("Ủy ban nhân dân huyện Điện Biên",),
    )
    word = docx.Document(str(render_docx(letter, tmp_path / "cong-van.docx")))
    number, subject = cell_lines(word.tables[0], 1, 0)
    assert number.text == "Số: 03/UBND"
    assert subject.text.startswith("V/v ") and look(subject) == (12, False, False)
    texts = [p.text for p in word.paragraphs]
    assert "Kính gửi: Ủy ban nhân dân huyện Điện Biên." in texts
    assert not any(t.startswith("V/v") for t in texts)  # only in the header


def test_the_file_is_written_atomically(tmp_path: Path) -> None:
    with pytest.raises(OSError):
        render_docx(plan(), tmp_path / "missing" / "ke-hoach.docx")
    assert list(tmp_path.iterdir()) == []
    target = tmp_path / "ke-hoach.docx"
    target.write_bytes(b"old")
    assert render_docx(plan(), target) == target
    assert [p.name for p in tmp_path.iterdir()] == ["ke-hoach.docx"]  # no temporary left
    assert target.read_bytes()[:2] == b"PK"


def test_a_failed_save_leaves_the_old_file_and_nothing_else(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "ke-hoach.docx"
    target.write_bytes(b"old")

    def broken(self: object, stream: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(WordDocument, "save", broken)
    with pytest.raises(OSError, match="disk full"):
        render_docx(plan(), target)
    assert [p.name for p in tmp_path.iterdir()] == ["ke-hoach.docx"]
    assert target.read_bytes() == b"old"


def test_importing_the_renderer_does_not_load_python_docx() -> None:
    code = "import sys, treem_desktop.documents.docx_render; print('docx' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_recipients_get_dashes_and_the_last_a_full_stop() -> None:
    assert listed(["A;", "- B", "Lưu: VT, VHXH."]) == ["- A;", "- B;", "- Lưu: VT, VHXH."]


def test_cells_under_a_span_are_skipped_and_overflow_is_refused() -> None:
    rows = ((Cell("a", row_span=2), Cell("b")), (Cell("c"),))
    assert [(r, c, cell.text) for r, c, cell in placed_cells(rows, 2)] == [
        (0, 0, "a"),
        (0, 1, "b"),
        (1, 1, "c"),
    ]
    with pytest.raises(ValueError, match="runs off"):
        placed_cells(((Cell("x", column_span=3),),), 2)
