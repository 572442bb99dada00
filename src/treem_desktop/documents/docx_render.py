"""Render a :class:`Document` to a Word file laid out as Decree 30/2020/NĐ-CP requires.

A4 portrait; margins 20 mm top and bottom, 30 mm left, 15 mm right; Times New Roman (LibreOffice
prints it with Liberation Serif, same metrics), black; page numbers centred at the top from
page 2. python-docx is imported inside :func:`render_docx` only, with the private modules
``docx_blocks`` (the parts of the document) and ``docx_layout`` (sizes, styles and Word XML),
so importing this module keeps the application's start-up light.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import TYPE_CHECKING

from treem_desktop.documents.model import Document

if TYPE_CHECKING:
    from docx.document import Document as WordDocument
    from docx.section import Section

PAGE_MM = (210, 297)  # A4 portrait
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
HEADER_DISTANCE_MM = 10  # the page number sits in the top margin
BODY_SIZE_HALF_POINTS = "28"  # 14 pt


def render_docx(document: Document, path: Path) -> Path:
    """Write ``document`` to ``path`` as a .docx and return ``path``.

    The file appears whole or not at all: it is written under a temporary name beside
    ``path`` and then renamed over it. Raises OSError (and leaves nothing behind) when the
    folder is missing or not writable.
    """
    save_atomically(build(document), path)
    return path


def build(document: Document) -> WordDocument:
    """The Word document for ``document``, not yet saved."""
    import docx
    from docx.enum.section import WD_SECTION

    from treem_desktop.documents import docx_blocks as parts
    from treem_desktop.documents.docx_layout import CURRENT_STYLES, Styles

    word = docx.Document()
    set_defaults(word)
    styles = CURRENT_STYLES.set(Styles(word.styles.element))  # one named style per look
    try:
        set_page(word.sections[0])
        number_pages(word.sections[0])
        parts.header(word, document)
        parts.title(word, document)
        parts.addressees(word, document)
        parts.legal_bases(word, document)
        parts.blocks(word, document.body)
        parts.signature(word, document)
        for appendix in document.appendices:
            restart_numbering(word.add_section(WD_SECTION.NEW_PAGE))
            parts.appendix(word, appendix)
    finally:
        CURRENT_STYLES.reset(styles)
    describe(word, document)
    return word


def set_defaults(word: WordDocument) -> None:
    """Times New Roman 14 pt, black, Vietnamese, single spacing for everything not set."""
    from docx.oxml.ns import qn

    from treem_desktop.documents.docx_layout import element, fonts, put

    defaults = word.styles.element.find(qn("w:docDefaults"))
    run = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
    paragraph = defaults.find(f"{qn('w:pPrDefault')}/{qn('w:pPr')}")
    fonts(run)  # replaces the theme fonts (Calibri/Cambria) of the template
    put(run, element("w:color", val="000000"))
    put(run, element("w:sz", val=BODY_SIZE_HALF_POINTS))
    put(run, element("w:szCs", val=BODY_SIZE_HALF_POINTS))
    put(run, element("w:lang", val="vi-VN", eastAsia="vi-VN", bidi="ar-SA"))
    put(paragraph, element("w:widowControl"))
    put(paragraph, element("w:spacing", after="0", line="240", lineRule="auto"))


def set_page(section: Section) -> None:
    """A4 portrait with the Decree 30 margins."""
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm

    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (Mm(v) for v in PAGE_MM)
    section.top_margin = Mm(MARGINS_MM["top"])
    section.bottom_margin = Mm(MARGINS_MM["bottom"])
    section.left_margin = Mm(MARGINS_MM["left"])
    section.right_margin = Mm(MARGINS_MM["right"])
    section.header_distance = Mm(HEADER_DISTANCE_MM)
    section.footer_distance = Mm(HEADER_DISTANCE_MM)
    section.gutter = Mm(0)


def number_pages(section: Section) -> None:
    """The page number centred at the top, 14 pt, on every page but the first."""
    from treem_desktop.documents import docx_layout as lay

    section.different_first_page_header_footer = True
    section.first_page_header.is_linked_to_previous = False  # an empty header on page 1
    number = lay.shape(section.header.paragraphs[0], lay.PAGE_NUMBER)
    lay.page_field(number, lay.PAGE_NUMBER)


def restart_numbering(section: Section) -> None:
    """Number an appendix's pages from 1 again (Annex I: each appendix has its own numbers)."""
    from treem_desktop.documents.docx_layout import element, put

    put(section._sectPr, element("w:pgNumType", start="1"))


def describe(word: WordDocument, document: Document) -> None:
    """The file's properties: title, author (the issuing body), language."""
    properties = word.core_properties
    properties.title = f"{document.kind} {document.summary}".strip()
    properties.author = properties.last_modified_by = " ".join(document.issuer_lines)
    properties.language = "vi-VN"
    properties.comments = ""
    properties.revision = 1
    properties.created = properties.modified = dt.datetime.now(dt.UTC).replace(microsecond=0)


def save_atomically(word: WordDocument, path: Path) -> None:
    """Save under a new temporary name beside ``path``, flush to disk, rename over ``path``."""
    temporary = path.with_name(f".{path.name}.{os.urandom(4).hex()}.tmp")
    try:
        with temporary.open("xb") as stream:
            word.save(stream)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
