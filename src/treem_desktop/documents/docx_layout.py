"""Word formatting primitives for the Decree 30 renderer: looks, runs, rules, tables, fields.

Private to :mod:`treem_desktop.documents.docx_render`, which imports this module (and with it
python-docx) only when a document is rendered, so start-up never loads python-docx.
Every size and style of Decree 30/2020/NĐ-CP, Annex I, lives here as a :class:`Look`.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from contextvars import ContextVar
from dataclasses import dataclass, replace

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Mm, Pt
from docx.table import Table, _Cell, _Row
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml.etree import SubElement  # type: ignore[import-untyped]

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

FONT = "Times New Roman"
TEXT_WIDTH_MM = 165.0  # A4 210 mm less the left (30) and right (15) margins
FIRST_LINE_MM = 12.7  # 1.27 cm
DEFAULT_SIZE = 14  # points: the document's default (docx_render.set_defaults)
ALIGNMENTS = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
}
JUSTIFICATIONS = {"left": "left", "center": "center", "right": "right", "justify": "both"}

SCHEMA_ORDER = {  # the children of the property elements this renderer sets (ECMA-376 §17)
    "rPr": "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss "
    "imprint noProof snapToGrid vanish webHidden color spacing w kern position sz szCs "
    "highlight u effect bdr shd fitText vertAlign rtl cs em lang eastAsianLayout specVanish",
    "pPr": "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr "
    "suppressLineNumbers pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct "
    "topLinePunct autoSpaceDE autoSpaceDN bidi adjustRightInd snapToGrid spacing ind "
    "contextualSpacing mirrorIndents suppressOverlap jc textDirection textAlignment "
    "textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange",
    "tblPr": "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize "
    "tblW jc tblCellSpacing tblInd tblBorders shd tblLayout tblCellMar tblLook",
    "trPr": "cnfStyle divId gridBefore gridAfter wBefore wAfter cantSplit trHeight tblHeader "
    "tblCellSpacing jc hidden",
    "sectPr": "headerReference footerReference footnotePr endnotePr type pgSz pgMar paperSrc "
    "pgBorders lnNumType pgNumType cols formProt vAlign noEndnote titlePg textDirection bidi "
    "rtlGutter docGrid printerSettings sectPrChange",
}


@dataclass(frozen=True)
class Look:
    """How one paragraph looks: its runs' size and emphasis, its alignment and spacing."""

    size: float = 14
    bold: bool = False
    italic: bool = False
    underline: bool = False
    align: str = "center"
    first_line_mm: float = 0
    left_mm: float = 0
    hanging_mm: float = 0
    before_pt: float = 0
    after_pt: float = 0
    line: float = 1.0  # multiple of single spacing
    keep_with_next: bool = False


CENTRED = Look()
BODY = Look(align="justify", first_line_mm=FIRST_LINE_MM, after_pt=6, line=1.15)
BASIS = replace(BODY, italic=True)  # "Căn cứ …" (legal bases)
HEADING = replace(BODY, bold=True, keep_with_next=True)  # "I. …" and "1. …"
SUB_HEADING = replace(BODY, keep_with_next=True)  # "a) …"
PARENT = Look(size=13)  # cơ quan chủ quản: regular capitals
ISSUER = Look(size=13, bold=True)  # cơ quan ban hành: bold capitals
NUMBER = Look(size=13, before_pt=6)  # "Số: 05/KH-UBND"
SUBJECT = Look(size=12, before_pt=6)  # a công văn's "V/v …"
NATION = Look(size=13, bold=True)  # quốc hiệu
MOTTO = Look(size=14, bold=True, underline=True)  # tiêu ngữ, underlined as long as the text
PLACE_DATE = Look(size=14, italic=True, before_pt=6)
KIND = Look(size=14, bold=True, before_pt=18, keep_with_next=True)  # "KẾ HOẠCH"
SUMMARY = Look(size=14, bold=True, keep_with_next=True)  # trích yếu
AUTHORITY = Look(size=14, bold=True)  # "TM. ỦY BAN NHÂN DÂN" / "KT. CHỦ TỊCH" / …
SIGNER = Look(size=14, bold=True, before_pt=Mm(25).pt)  # room to sign and seal above
RECIPIENTS_TITLE = Look(size=12, bold=True, italic=True, align="left")  # "Nơi nhận:"
RECIPIENT = Look(size=11, align="left")
ADDRESSEE = Look(align="left", left_mm=60, hanging_mm=22, after_pt=0)  # "Kính gửi: - …;"
CELL = Look(size=13, align="left", before_pt=3, after_pt=3)
CAPTION = Look(size=13, bold=True, before_pt=6, after_pt=6, keep_with_next=True)
IMAGE = Look(before_pt=6, after_pt=6)
IMAGE_CAPTION = Look(size=13, italic=True, after_pt=6)
PAGE_NUMBER = Look(size=14)
APPENDIX_NUMBER = Look(size=14, bold=True)
APPENDIX_TITLE = Look(size=14, bold=True)
APPENDIX_NOTE = Look(size=14, italic=True)
STYLE_NAMES = {  # the names Word shows for the styles of these looks (the first of equal looks)
    look: name.replace("_", " ").title()
    for name, look in reversed(list(globals().items()))
    if isinstance(look, Look)
}


def element(tag: str, **attributes: str) -> BaseOxmlElement:
    """A new ``w:`` element; attribute names are given without their ``w:`` prefix."""
    return OxmlElement(tag, {qn(f"w:{name}"): value for name, value in attributes.items()})


def put(parent: BaseOxmlElement, child: BaseOxmlElement) -> BaseOxmlElement:
    """Replace ``parent``'s child of the same tag, in the place the schema gives it.

    Word refuses some files whose property elements are out of order (LibreOffice does not
    mind), so a new child goes before the first sibling that the schema puts after it.
    """
    for old in parent.findall(child.tag):
        parent.remove(old)
    order = [qn(f"w:{name}") for name in SCHEMA_ORDER[parent.tag.rpartition("}")[2]].split()]
    successors = set(order[order.index(child.tag) + 1 :])
    following = next((sibling for sibling in parent if sibling.tag in successors), None)
    if following is None:
        parent.append(child)
    else:
        following.addprevious(child)
    return child


def fonts(rPr: BaseOxmlElement) -> None:
    """Times New Roman for every script (w:rFonts ascii, hAnsi, cs and eastAsia)."""
    put(rPr, element("w:rFonts", ascii=FONT, hAnsi=FONT, cs=FONT, eastAsia=FONT))


class Styles:
    """The paragraph styles of one Word document, one per :class:`Look`, made on first use.

    A paragraph then carries only its style's id and its runs only their text (and any
    emphasis the look lacks): Word and LibreOffice see the same sizes and spacing as if they
    were set on every run, in a much smaller file that is much faster to write.
    """

    def __init__(self, styles: BaseOxmlElement) -> None:
        self._styles = styles
        self._ids: dict[Look, str] = {}

    def id_of(self, look: Look) -> str:
        """The id of ``look``'s style, defined in the document the first time it is asked."""
        found = self._ids.get(look)
        if found is None:
            found = self._ids[look] = f"Treem{len(self._ids) + 1}"
            name = STYLE_NAMES.get(look, found)
            self._styles.append(style_element(found, f"Treem {name}", look))
        return found


CURRENT_STYLES: ContextVar[Styles] = ContextVar("CURRENT_STYLES")


def style_element(style_id: str, name: str, look: Look) -> BaseOxmlElement:
    """A ``w:style`` paragraph style based on Normal with ``look``'s paragraph and run looks."""
    style = element("w:style", type="paragraph", customStyle="1", styleId=style_id)
    style.append(element("w:name", val=name))
    style.append(element("w:basedOn", val="Normal"))
    style.append(element("w:qFormat"))
    pPr = SubElement(style, W + "pPr")
    if look.keep_with_next:
        SubElement(pPr, W + "keepNext")
    spacing = {"before": Pt(look.before_pt).twips, "after": Pt(look.after_pt).twips}
    spacing |= {"line": round(look.line * 240)}
    pPr.append(element("w:spacing", **{k: str(v) for k, v in spacing.items()}, lineRule="auto"))
    indents = {}
    if look.left_mm:
        indents["left"] = Mm(look.left_mm).twips
    if look.first_line_mm:
        indents["firstLine"] = Mm(look.first_line_mm).twips
    if look.hanging_mm:
        indents["hanging"] = Mm(look.hanging_mm).twips
    if indents:
        pPr.append(element("w:ind", **{k: str(v) for k, v in indents.items()}))
    pPr.append(element("w:jc", val=JUSTIFICATIONS[look.align]))
    rPr = SubElement(style, W + "rPr")
    if look.bold:
        SubElement(rPr, W + "b")
    if look.italic:
        SubElement(rPr, W + "i")
    half_points = str(round(look.size * 2))
    rPr.append(element("w:sz", val=half_points))
    rPr.append(element("w:szCs", val=half_points))
    if look.underline:
        rPr.append(element("w:u", val="single"))
    return style


def shape(paragraph: Paragraph, look: Look) -> Paragraph:
    """Give ``paragraph`` the style of ``look``: its alignment, indents, spacing and size."""
    p = paragraph._p
    pPr = p.find(W + "pPr")
    if pPr is None:
        pPr = p.makeelement(W + "pPr")
        p.insert(0, pPr)
    style = pPr.find(W + "pStyle")
    if style is None:
        style = pPr.makeelement(W + "pStyle")
        pPr.insert(0, style)
    style.set(W + "val", CURRENT_STYLES.get().id_of(look))
    return paragraph


def text_run(
    paragraph: Paragraph, text: str, look: Look, bold: bool = False, italic: bool = False
) -> Run:
    """Append ``text`` (its paragraph's style gives the look); ``bold``/``italic`` add emphasis."""
    if "\t" in text or "\n" in text:  # python-docx turns these into w:tab and w:br
        run = paragraph.add_run(text)
    else:
        run = Run(SubElement(paragraph._p, W + "r"), paragraph)
        if text:
            t = SubElement(run._r, W + "t")
            t.text = text
            if text != text.strip():
                t.set(XML_SPACE, "preserve")
    wanted = (("b", bold and not look.bold), ("i", italic and not look.italic))
    emphasis = [tag for tag, added in wanted if added]
    if emphasis:
        rPr = run._r.makeelement(W + "rPr")
        for tag in emphasis:
            SubElement(rPr, W + tag)
        run._r.insert(0, rPr)
    return run


def write(paragraph: Paragraph, text: str, look: Look) -> Paragraph:
    """Fill an empty paragraph with one run of ``text`` looking like ``look``."""
    shape(paragraph, look)
    if text:
        text_run(paragraph, text, look)
    elif look.size != DEFAULT_SIZE:  # an empty paragraph is as high as the default text
        mark = SubElement(paragraph._p.find(W + "pPr"), W + "rPr")
        for tag in ("sz", "szCs"):
            SubElement(mark, W + tag).set(W + "val", str(round(DEFAULT_SIZE * 2)))
    return paragraph


def estimated_width_mm(text: str, size_pt: float, bold: bool = False) -> float:
    """A rough printed width of ``text`` in Times New Roman, to size the short rules."""
    ems = 0.0
    for char in unicodedata.normalize("NFD", text):
        if unicodedata.combining(char):
            continue
        if char == " ":
            ems += 0.25
        elif char.isupper():
            ems += 0.72 if bold else 0.68
        elif char.isdigit():
            ems += 0.5
        else:
            ems += 0.48 if bold else 0.45
    return ems * size_pt * 25.4 / 72


def rule(paragraph: Paragraph, length_mm: float, room_mm: float) -> Paragraph:
    """A centred horizontal rule ``length_mm`` long in a box ``room_mm`` wide.

    Drawn as the bottom border of an empty, one-point-high paragraph indented from both
    sides, so it sits right under the text above (Annex I: the lines under the issuing body
    and under the trích yếu, a third to a half of the text long).
    """
    side = Mm(max(room_mm - length_mm, 0) / 2)
    layout = paragraph.paragraph_format
    layout.left_indent = side
    layout.right_indent = side
    layout.space_before = Pt(2)
    layout.space_after = Pt(0)
    layout.line_spacing = Pt(1)
    borders = element("w:pBdr")
    borders.append(element("w:bottom", val="single", sz="6", space="1", color="000000"))
    put(paragraph._p.get_or_add_pPr(), borders)
    return paragraph


def spacer(paragraph: Paragraph, height_pt: float) -> Paragraph:
    """An empty paragraph exactly ``height_pt`` high (space after a table, which has none)."""
    layout = paragraph.paragraph_format
    layout.space_before = layout.space_after = Pt(0)
    layout.line_spacing = Pt(height_pt)
    return paragraph


def page_field(paragraph: Paragraph, look: Look) -> None:
    """Append a PAGE field (the current page number) in ``look``'s size to ``paragraph``."""
    instruction = element("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = " PAGE "
    text_run(paragraph, "", look)._r.append(element("w:fldChar", fldCharType="begin"))
    text_run(paragraph, "", look)._r.append(instruction)
    text_run(paragraph, "", look)._r.append(element("w:fldChar", fldCharType="separate"))
    text_run(paragraph, "1", look)  # the cached value; Word and LibreOffice recompute it
    text_run(paragraph, "", look)._r.append(element("w:fldChar", fldCharType="end"))


def cell_paragraphs(cell: _Cell, count: int) -> list[Paragraph]:
    """``count`` paragraphs in ``cell``: its first, empty one and ``count - 1`` new ones."""
    tc = cell._tc
    first = tc.find(W + "p")
    made = [SubElement(tc, W + "p") for _ in range(count - 1)]
    return [Paragraph(p, cell) for p in (first, *made)]


def fill_cell(cell: _Cell, lines: Iterable[tuple[str, Look]]) -> None:
    """Write ``lines`` into ``cell``, one paragraph each."""
    items = list(lines)
    for paragraph, (text, look) in zip(cell_paragraphs(cell, len(items)), items, strict=True):
        write(paragraph, text, look)


def grid_cells(table: Table) -> list[list[_Cell]]:
    """The cells of a new table row by row (before any merge, one per grid column)."""
    return [[_Cell(tc, table) for tc in tr.iterchildren(W + "tc")] for tr in table._tbl.tr_lst]


def fix_widths(table: Table, widths_mm: tuple[float, ...]) -> None:
    """A fixed layout with the given column widths (the grid, the table and every cell).

    Called on a new table, before any merge: every row has one cell per column.
    """
    table.autofit = False
    tbl = table._tbl
    put(tbl.tblPr, element("w:tblW", w=str(round(sum(widths_mm) * 56.6929)), type="dxa"))
    twips = [str(Mm(width).twips) for width in widths_mm]
    for column, width in zip(tbl.tblGrid.iterchildren(W + "gridCol"), twips, strict=True):
        column.set(W + "w", width)
    for tr in tbl.tr_lst:
        for tc, width in zip(tr.iterchildren(W + "tc"), twips, strict=True):
            tc.find(f"{W}tcPr/{W}tcW").attrib.update({W + "w": width, W + "type": "dxa"})


def middle(cell: _Cell) -> None:
    """Centre ``cell``'s text vertically (w:vAlign, last of the w:tcPr children used here)."""
    tcPr = cell._tc.find(W + "tcPr")
    SubElement(tcPr, W + "vAlign").set(W + "val", "center")


def borderless(table: Table) -> None:
    """No borders and no side padding: the header and signature blocks."""
    tblPr = table._tbl.tblPr
    borders = element("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(element(f"w:{side}", val="nil"))
    put(tblPr, borders)
    margins = element("w:tblCellMar")
    for side in ("left", "right"):
        margins.append(element(f"w:{side}", w="0", type="dxa"))
    put(tblPr, margins)


def keep_row(row: _Row, header: bool = False) -> None:
    """Never split ``row`` across pages; a ``header`` row repeats at the top of each page."""
    trPr = row._tr.get_or_add_trPr()
    put(trPr, element("w:cantSplit"))
    if header:
        put(trPr, element("w:tblHeader"))
