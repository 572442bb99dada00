"""The parts of an official document in Word: header, title, body blocks, signature, appendix.

Private to :mod:`treem_desktop.documents.docx_render` (imported, with python-docx, only when
a document is rendered). Layout per Decree 30/2020/NĐ-CP, Annex I, and the house practice of
domain-reference §5.3: the header and signature blocks are borderless two-column tables.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import replace

from docx.document import Document as WordDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.shared import Mm, Pt
from docx.table import _Cell

from treem_desktop.documents import docx_layout as lay
from treem_desktop.documents.model import (
    Appendix,
    Block,
    Cell,
    Document,
    Heading,
    Image,
    Paragraph,
    Table,
)

NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
LEFT_MM = 65.0  # the issuer's and the recipients' column
RIGHT_MM = lay.TEXT_WIDTH_MM - LEFT_MM  # 100 mm: the national title fits on one 13 pt line
ISSUER_RULE = 0.4  # the rule under the issuing body, as a share of its longest line
SUMMARY_RULE = 1 / 3  # the rule under the trích yếu, as a share of its (first) line
TABLE_GRID = "TableGrid"  # the id of python-docx's "Table Grid" style (a bordered table)


def header(word: WordDocument, document: Document) -> None:
    """The two-column header: issuer and number left; nation, motto, place and date right."""
    table = word.add_table(rows=2, cols=2)
    lay.borderless(table)
    lay.fix_widths(table, (LEFT_MM, RIGHT_MM))
    top, bottom = (row.cells for row in table.rows)
    issuer = [(line.upper(), lay.PARENT) for line in document.parent_lines]
    issuer += [(line.upper(), lay.ISSUER) for line in document.issuer_lines]
    lay.fill_cell(top[0], [*issuer, ("", lay.CENTRED)])
    longest = max(
        (lay.estimated_width_mm(t, look.size, look.bold) for t, look in issuer), default=0
    )
    lay.rule(top[0].paragraphs[-1], min(longest, LEFT_MM) * ISSUER_RULE, LEFT_MM)
    lay.fill_cell(top[1], [(NATION, lay.NATION), (MOTTO, lay.MOTTO)])
    number = [(document.number.text(), lay.NUMBER)]
    if not document.kind and document.summary:  # a công văn: "V/v …" under the number
        number.append((document.summary, lay.SUBJECT))
    lay.fill_cell(bottom[0], number)
    lay.fill_cell(bottom[1], [(document.place_and_date(), lay.PLACE_DATE)])


def title(word: WordDocument, document: Document) -> None:
    """The type ("KẾ HOẠCH"), the trích yếu under it and a short rule; nothing for a công văn."""
    if not document.kind:
        return
    lay.write(word.add_paragraph(), document.kind.upper(), lay.KIND)
    lay.write(word.add_paragraph(), document.summary, lay.SUMMARY)
    width = lay.estimated_width_mm(document.summary, lay.SUMMARY.size, bold=True)
    rule = word.add_paragraph()
    lay.rule(rule, min(width, lay.TEXT_WIDTH_MM) * SUMMARY_RULE, lay.TEXT_WIDTH_MM)
    rule.paragraph_format.space_after = Pt(12)


def listed(lines: Sequence[str], last_end: str = ".") -> list[str]:
    """ "- line;" for each line and ``last_end`` after the last, whatever the lines ended with."""
    items = [line.strip().lstrip("-").strip().rstrip(";.").rstrip() for line in lines]
    return [f"- {item}{';' if i < len(items) - 1 else last_end}" for i, item in enumerate(items)]


def addressees(word: WordDocument, document: Document) -> None:
    """ "Kính gửi: X." on one line, or "Kính gửi:" then one "- …;" line per addressee."""
    lines = document.addressees
    before = 0 if document.kind else 12  # a công văn has no title block above them
    if len(lines) == 1:
        single = replace(lay.CENTRED, before_pt=before, after_pt=6)
        lay.write(word.add_paragraph(), f"Kính gửi: {lines[0].rstrip('.')}.", single)
        return
    for i, line in enumerate(listed(lines)):
        text = f"Kính gửi:\t{line}" if i == 0 else line
        look = replace(
            lay.ADDRESSEE,
            hanging_mm=lay.ADDRESSEE.hanging_mm if i == 0 else 0,
            before_pt=before if i == 0 else 0,
            after_pt=6 if i == len(lines) - 1 else 0,
        )
        lay.write(word.add_paragraph(), text, look)


def legal_bases(word: WordDocument, document: Document) -> None:
    """ "Căn cứ …" lines, one paragraph each, in italics."""
    for line in document.legal_bases:
        lay.write(word.add_paragraph(), line, lay.BASIS)


def blocks(word: WordDocument, items: Sequence[Block]) -> None:
    """The body: headings, paragraphs, tables and images in order."""
    for item in items:
        if isinstance(item, Heading):
            heading(word, item)
        elif isinstance(item, Paragraph):
            paragraph(word, item)
        elif isinstance(item, Table):
            table(word, item)
        elif isinstance(item, Image):
            image(word, item)


def heading(word: WordDocument, item: Heading) -> None:
    """ "I. MỤC ĐÍCH" (capitals, bold), "1. Mục đích" (bold), "a) …" (regular)."""
    text = f"{item.number} {item.text}".strip()
    if item.level <= 1:
        lay.write(word.add_paragraph(), text.upper(), lay.HEADING)
    else:
        lay.write(word.add_paragraph(), text, lay.HEADING if item.level == 2 else lay.SUB_HEADING)


def paragraph(word: WordDocument, item: Paragraph) -> None:
    """A justified body paragraph, its runs keeping their bold and italics."""
    target = lay.shape(word.add_paragraph(), lay.BODY)
    for run in item.runs:
        lay.text_run(target, run.text, lay.BODY, bold=run.bold, italic=run.italic)


def placed_cells(rows: Sequence[Sequence[Cell]], columns: int) -> list[tuple[int, int, Cell]]:
    """(row, column, cell) of each cell, skipping grid positions that spans above cover."""
    covered: set[tuple[int, int]] = set()
    placed = []
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            while (r, c) in covered:
                c += 1
            if c + cell.column_span > columns or r + cell.row_span > len(rows):
                raise ValueError(f"cell {cell.text!r} at row {r + 1} runs off the table")
            covered.update(
                (r + dr, c + dc) for dr in range(cell.row_span) for dc in range(cell.column_span)
            )
            placed.append((r, c, cell))
            c += cell.column_span
    return placed


def table(word: WordDocument, item: Table) -> None:
    """A bordered, centred table; header rows bold, centred and repeated on every page."""
    if item.caption:
        lay.write(word.add_paragraph(), item.caption, lay.CAPTION)
    rows = (*item.header, *item.rows)
    grid = word.add_table(rows=len(rows), cols=len(item.widths))
    grid._tbl.tblStyle_val = TABLE_GRID  # by its id: looking a style up by name is slow
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    lay.fix_widths(grid, item.widths)
    word_rows = list(grid.rows)
    cells = lay.grid_cells(grid)
    for r, row in enumerate(word_rows):
        lay.keep_row(row, header=r < len(item.header))
    for r, c, cell in placed_cells(rows, len(item.widths)):
        target = cells[r][c]
        if cell.row_span > 1 or cell.column_span > 1:
            target = target.merge(cells[r + cell.row_span - 1][c + cell.column_span - 1])
        table_cell(target, cell, header=r < len(item.header))
    lay.spacer(word.add_paragraph(), 6)


def table_cell(target: _Cell, cell: Cell, header: bool) -> None:
    """One cell's text, a paragraph per line, vertically centred."""
    lay.middle(target)
    look = replace(lay.CELL, bold=cell.bold or header, align="center" if header else cell.align)
    lay.fill_cell(target, [(line, look) for line in cell.text.split("\n")])


def image(word: WordDocument, item: Image) -> None:
    """A centred picture ``item.width`` millimetres wide, its caption under it in italics."""
    holder = lay.shape(word.add_paragraph(), replace(lay.IMAGE, keep_with_next=bool(item.caption)))
    lay.text_run(holder, "", lay.IMAGE).add_picture(io.BytesIO(item.png), width=Mm(item.width))
    if item.caption:
        lay.write(word.add_paragraph(), item.caption, lay.IMAGE_CAPTION)


def signature(word: WordDocument, document: Document) -> None:
    """ "Nơi nhận:" and the recipients left; the signing authority, room to sign, the name right.

    The block never splits, and the paragraph before it goes to the next page with it.
    """
    if word.paragraphs:
        word.paragraphs[-1].paragraph_format.keep_with_next = True
    table = word.add_table(rows=1, cols=2)
    lay.borderless(table)
    lay.fix_widths(table, (LEFT_MM, RIGHT_MM))
    row = table.rows[0]
    lay.keep_row(row)
    left, right = row.cells
    recipients = [(line, lay.RECIPIENT) for line in listed(document.recipients)]
    title_look = replace(lay.RECIPIENTS_TITLE, before_pt=6)
    lay.fill_cell(left, [("Nơi nhận:", title_look), *recipients])
    lines = document.signature.authority_lines
    authority = [
        (line.upper(), replace(lay.AUTHORITY, before_pt=6 if i == 0 else 0))
        for i, line in enumerate(lines)
    ]
    lay.fill_cell(right, [*authority, (document.signature.name, lay.SIGNER)])


def appendix(word: WordDocument, item: Appendix) -> None:
    """ "Phụ lục I", its title in capitals, "(Kèm theo …)" in italics, a rule, its blocks."""
    lay.write(word.add_paragraph(), f"Phụ lục {item.number}".strip(), lay.APPENDIX_NUMBER)
    lay.write(word.add_paragraph(), item.title.upper(), lay.APPENDIX_TITLE)
    if item.note:
        note = item.note if item.note.startswith("(") else f"({item.note})"
        lay.write(word.add_paragraph(), note, lay.APPENDIX_NOTE)
    rule = word.add_paragraph()
    lay.rule(rule, 30, lay.TEXT_WIDTH_MM)
    rule.paragraph_format.space_after = Pt(12)
    blocks(word, item.blocks)
