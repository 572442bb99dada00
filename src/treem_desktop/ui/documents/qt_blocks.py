"""The parts of an official document for Qt: header, title, body blocks, signature, appendix.

Private to :mod:`treem_desktop.ui.documents.qt_render`. The same parts, in the same order and
with the same looks, as the docx renderer's (``documents/docx_blocks.py``), turned into
:class:`~treem_desktop.ui.documents.qt_layout.Flowable` boxes that the page breaker places.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

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
from treem_desktop.ui.documents import qt_layout as lay
from treem_desktop.ui.documents.qt_layout import Flowable, mm, pt
from treem_desktop.ui.documents.qt_table import Grid, Slot
from treem_desktop.ui.documents.qt_text import Text

NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
LEFT_MM = 65.0  # the issuer's and the recipients' column
RIGHT_MM = lay.TEXT_WIDTH_MM - LEFT_MM  # 100 mm: the national title fits on one 13 pt line
ADDRESSEE_LABEL_MM = 38.0  # "Kính gửi:" starts here; the addressees at 60 mm
ISSUER_RULE = 0.4  # the rule under the issuing body, as a share of its longest line
SUMMARY_RULE = 1 / 3  # the rule under the trích yếu, as a share of its (first) line
WIDTH, LEFT, RIGHT = mm(lay.TEXT_WIDTH_MM), mm(LEFT_MM), mm(RIGHT_MM)


def flowables(document: Document) -> list[Flowable]:
    """Everything of ``document`` from the header to the last appendix, in order."""
    items: list[Flowable] = [header(document)]
    items += title(document)
    items += addressees(document)
    items += [Text.of(line, lay.BASIS, WIDTH) for line in document.legal_bases]
    items += blocks(document.body)
    items += signature(document, items)
    for item in document.appendices:
        items += appendix(item)
    return items


def two_columns(rows: Sequence[tuple[list[Flowable], list[Flowable]]]) -> Grid:
    """A borderless table 65 mm | 100 mm wide (the header and the signature block)."""
    slots = [Slot(r, c, cell) for r, row in enumerate(rows) for c, cell in enumerate(row)]
    return Grid((LEFT, RIGHT), slots)


def header(document: Document) -> Grid:
    """The issuer and number left; the nation, motto, place and date right."""
    issuer = [(line.upper(), lay.PARENT) for line in document.parent_lines]
    issuer += [(line.upper(), lay.ISSUER) for line in document.issuer_lines]
    longest = max(
        (lay.estimated_width_mm(t, look.size, look.bold) for t, look in issuer), default=0
    )
    rule = lay.Rule(mm(min(longest, LEFT_MM) * ISSUER_RULE), LEFT)
    number: list[Flowable] = [Text.of(document.number.text(), lay.NUMBER, LEFT)]
    if not document.kind and document.summary:  # a công văn: "V/v …" under the number
        number.append(Text.of(document.summary, lay.SUBJECT, LEFT))
    return two_columns(
        (
            (
                [*(Text.of(text, look, LEFT) for text, look in issuer), rule],
                [Text.of(NATION, lay.NATION, RIGHT), Text.of(MOTTO, lay.MOTTO, RIGHT)],
            ),
            (number, [Text.of(document.place_and_date(), lay.PLACE_DATE, RIGHT)]),
        )
    )


def title(document: Document) -> list[Flowable]:
    """The type ("KẾ HOẠCH"), the trích yếu and a short rule; nothing for a công văn."""
    if not document.kind:
        return []
    width = lay.estimated_width_mm(document.summary, lay.SUMMARY.size, bold=True)
    return [
        Text.of(document.kind.upper(), lay.KIND, WIDTH),
        Text.of(document.summary, lay.SUMMARY, WIDTH),
        lay.Rule(mm(min(width, lay.TEXT_WIDTH_MM) * SUMMARY_RULE), WIDTH, after_pt=12),
    ]


def listed(lines: Sequence[str], last_end: str = ".") -> list[str]:
    """ "- line;" for each line and ``last_end`` after the last, whatever the lines ended with."""
    items = [line.strip().lstrip("-").strip().rstrip(";.").rstrip() for line in lines]
    return [f"- {item}{';' if i < len(items) - 1 else last_end}" for i, item in enumerate(items)]


def addressees(document: Document) -> list[Flowable]:
    """ "Kính gửi: X." on one line, or "Kính gửi:" then one "- …;" line per addressee."""
    lines = document.addressees
    before = 0 if document.kind else 12  # a công văn has no title block above them
    if not lines:
        return []
    if len(lines) == 1:
        single = replace(lay.CENTRED, before_pt=before, after_pt=6)
        return [Text.of(f"Kính gửi: {lines[0].rstrip('.')}.", single, WIDTH)]
    dashed, indent = listed(lines), mm(lay.ADDRESSEE.left_mm)
    label_look = replace(lay.ADDRESSEE, left_mm=ADDRESSEE_LABEL_MM, before_pt=before)
    first_look = replace(lay.ADDRESSEE, left_mm=0, before_pt=before)
    first = Grid(
        (indent, WIDTH - indent),
        [
            Slot(0, 0, [Text.of("Kính gửi:", label_look, indent)]),
            Slot(0, 1, [Text.of(dashed[0], first_look, WIDTH - indent)]),
        ],
    )
    rest = [Text.of(line, lay.ADDRESSEE, WIDTH) for line in dashed[1:]]
    rest[-1].after = pt(6)
    return [first, *rest]


def blocks(items: Sequence[Block]) -> list[Flowable]:
    """The body: headings, paragraphs, tables and images in order."""
    result: list[Flowable] = []
    for item in items:
        if isinstance(item, Heading):
            result.append(heading(item))
        elif isinstance(item, Paragraph):
            result.append(Text(item.runs, lay.BODY, WIDTH))
        elif isinstance(item, Table):
            result += table(item)
        elif isinstance(item, Image):
            result += image(item)
    return result


def heading(item: Heading) -> Text:
    """ "I. MỤC ĐÍCH" (capitals, bold), "1. Mục đích" (bold), "a) …" (regular)."""
    text = f"{item.number} {item.text}".strip()
    if item.level <= 1:
        return Text.of(text.upper(), lay.HEADING, WIDTH)
    return Text.of(text, lay.HEADING if item.level == 2 else lay.SUB_HEADING, WIDTH)


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


def table(item: Table) -> list[Flowable]:
    """Its caption, a bordered, centred table (header rows bold, centred, repeated), 6 pt."""
    rows = (*item.header, *item.rows)
    widths = [mm(w) for w in item.widths]
    slots = []
    for r, c, cell in placed_cells(rows, len(widths)):
        header = r < len(item.header)
        look = replace(lay.CELL, bold=cell.bold or header, align="center" if header else cell.align)
        room = sum(widths[c : c + cell.column_span]) - 2 * Grid.padding(ruled=True)
        content = [Text.of(line, look, room) for line in cell.text.split("\n")]
        slots.append(Slot(r, c, content, cell.row_span, cell.column_span))
    grid = Grid(widths, slots, heads=len(item.header), ruled=True, offset=(WIDTH - sum(widths)) / 2)
    caption = [Text.of(item.caption, lay.CAPTION, WIDTH)] if item.caption else []
    return [*caption, grid, lay.Spacer(pt(6))]


def image(item: Image) -> list[Flowable]:
    """A centred picture ``item.width`` millimetres wide, its caption under it in italics."""
    look = replace(lay.IMAGE, keep_with_next=bool(item.caption))
    picture = lay.Picture(item.png, mm(item.width), WIDTH, look)
    if not item.caption:
        return [picture]
    return [picture, Text.of(item.caption, lay.IMAGE_CAPTION, WIDTH)]


def signature(document: Document, before: list[Flowable]) -> list[Flowable]:
    """ "Nơi nhận:" and the recipients left; the signing authority, room to sign, the name right.

    The block never splits, and what stands before it goes to the next page with it.
    """
    if before:
        before[-1].keep_with_next = True
    recipients = [Text.of(line, lay.RECIPIENT, LEFT) for line in listed(document.recipients)]
    heading = Text.of("Nơi nhận:", replace(lay.RECIPIENTS_TITLE, before_pt=6), LEFT)
    authority = [
        Text.of(line.upper(), replace(lay.AUTHORITY, before_pt=6 if i == 0 else 0), RIGHT)
        for i, line in enumerate(document.signature.authority_lines)
    ]
    name = Text.of(document.signature.name, lay.SIGNER, RIGHT)
    return [two_columns([([heading, *recipients], [*authority, name])])]


def appendix(item: Appendix) -> list[Flowable]:
    """A new page: "Phụ lục I", its title in capitals, "(Kèm theo …)", a rule, its blocks."""
    items: list[Flowable] = [
        lay.PageBreak(),
        Text.of(f"Phụ lục {item.number}".strip(), lay.APPENDIX_NUMBER, WIDTH),
        Text.of(item.title.upper(), lay.APPENDIX_TITLE, WIDTH),
    ]
    if item.note:
        note = item.note if item.note.startswith("(") else f"({item.note})"
        items.append(Text.of(note, lay.APPENDIX_NOTE, WIDTH))
    items.append(lay.Rule(mm(30), WIDTH, after_pt=12))
    return items + blocks(item.blocks)
