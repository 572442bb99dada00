"""Page layout for the Qt renderer: units, looks, fonts, boxes and page breaking.

Private to :mod:`treem_desktop.ui.documents.qt_render`. Everything is measured once, on a
1200 dpi reference device, in "dots" (1/1200 inch), and painted on any device (PDF writer,
printer, print preview, screen image) with the painter scaled to it, so every device breaks
lines and pages in the same places. The sizes and styles are those of the docx renderer
(``documents/docx_layout.py``), and the page breaking follows LibreOffice Writer printing its
files: spacing between paragraphs is the larger of the space after and the space before, the
space before is dropped at the top of a page the text ran onto, a paragraph keeps two lines
together on each side of a page end, and "keep with next" holds a heading to what follows.
"""

from __future__ import annotations

import unicodedata
from abc import ABC, abstractmethod
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cache

from treem_desktop.ui.qt import (
    QColor,
    QFont,
    QImage,
    QPainter,
    QRectF,
    Qt,
)

DPI = 1200  # the layout's unit is one dot of this resolution
FONT = "Times New Roman"  # fontconfig prints it with Liberation Serif (same metrics)
ASCENT_EM, DESCENT_EM, LINE_GAP_EM = 1825 / 2048, 443 / 2048, 87 / 2048  # hhea, both fonts
SINGLE_LINE_EM = ASCENT_EM + DESCENT_EM + LINE_GAP_EM  # Writer's single line
PAGE_MM = (210.0, 297.0)  # A4 portrait
MARGINS_MM = {"top": 20.0, "bottom": 20.0, "left": 30.0, "right": 15.0}
PAGE_NUMBER_TOP_MM = 10.0  # the page number sits in the top margin
TEXT_WIDTH_MM = PAGE_MM[0] - MARGINS_MM["left"] - MARGINS_MM["right"]  # 165 mm
TEXT_HEIGHT_MM = PAGE_MM[1] - MARGINS_MM["top"] - MARGINS_MM["bottom"]  # 257 mm
FIRST_LINE_MM = 12.7  # 1.27 cm
DEFAULT_SIZE = 14.0  # points: the docx's default run size (w:docDefaults)
RULE_PT = 0.75  # the short lines under the issuer, the trích yếu and an appendix title
EPSILON = 0.5  # dots: rounding room when something just fits
TWIP = DPI / 1440  # Writer lays text out in twentieths of a point


def pt(points: float) -> float:
    return points * DPI / 72


def mm(millimetres: float) -> float:
    return millimetres * DPI / 25.4


@dataclass(frozen=True)
class Look:
    """How one paragraph looks (the same fields and values as the docx renderer's)."""

    size: float = 14
    bold: bool = False
    italic: bool = False
    underline: bool = False
    align: str = "center"
    first_line_mm: float = 0
    left_mm: float = 0
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
SIGNER = Look(size=14, bold=True, before_pt=25 * 72 / 25.4)  # 25 mm to sign and seal
RECIPIENTS_TITLE = Look(size=12, bold=True, italic=True, align="left")  # "Nơi nhận:"
RECIPIENT = Look(size=11, align="left")
ADDRESSEE = Look(align="left", left_mm=60)  # the "- …;" lines after "Kính gửi:"
CELL = Look(size=13, align="left", before_pt=3, after_pt=3)
CAPTION = Look(size=13, bold=True, before_pt=6, after_pt=6, keep_with_next=True)
IMAGE = Look(before_pt=6, after_pt=6)
IMAGE_CAPTION = Look(size=13, italic=True, after_pt=6)
PAGE_NUMBER = Look(size=14)
APPENDIX_NUMBER = Look(size=14, bold=True)
APPENDIX_TITLE = Look(size=14, bold=True)
APPENDIX_NOTE = Look(size=14, italic=True)


@cache
def reference_device() -> QImage:
    """A one-pixel image at :data:`DPI`: fonts are measured for it, whatever the output."""
    image = QImage(1, 1, QImage.Format.Format_RGB32)
    image.setDotsPerMeterX(round(DPI / 0.0254))
    image.setDotsPerMeterY(round(DPI / 0.0254))
    return image


def font(look: Look) -> QFont:
    """Times New Roman at ``look``'s size and emphasis, unhinted, unkerned, as Writer sets it."""
    result = QFont(FONT)
    result.setPointSizeF(look.size)
    result.setBold(look.bold)
    result.setItalic(look.italic)
    result.setKerning(False)  # Word and Writer kern only where the document asks (w:kern)
    result.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return result


def estimated_width_mm(text: str, size_pt: float, bold: bool = False) -> float:
    """The docx renderer's rough width of ``text``, so the short rules have the same lengths."""
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


class Flowable(ABC):
    """Something placed down the page: its height, spacing, and how it splits at a page end."""

    before: float = 0.0
    after: float = 0.0
    keep_with_next: bool = False

    @abstractmethod
    def height(self) -> float:
        """How tall it stands, spacing excluded, in dots."""

    def first_height(self) -> float:
        """The least of it that may stand at the foot of a page (for "keep with next")."""
        return self.height()

    def split(self, room: float) -> tuple[Flowable, Flowable] | None:
        """A first part at most ``room`` high and the rest, or None when it cannot split."""
        return None

    @abstractmethod
    def paint(self, painter: QPainter, x: float, y: float) -> None:
        """Draw it with its top left at (x, y)."""


class Rule(Flowable):
    """A centred line ``length`` dots long in a box ``room`` wide, as the docx draws it.

    The docx draws it as the bottom border of an empty paragraph one point high, two points
    below the text above: 2 pt before, 1 pt of line, then the border 1 pt below that.
    """

    def __init__(self, length: float, room: float, after_pt: float = 0) -> None:
        self.length, self.room = length, room
        self.before, self.after = pt(2), pt(after_pt)

    def height(self) -> float:
        return pt(1 + 1 + RULE_PT)

    def paint(self, painter: QPainter, x: float, y: float) -> None:
        left = x + (self.room - self.length) / 2
        line = QRectF(left, y + pt(1 + 1), self.length, pt(RULE_PT))
        painter.fillRect(line, QColor(Qt.GlobalColor.black))


class Spacer(Flowable):
    """Empty room ``height`` dots high (after a table)."""

    def __init__(self, height: float) -> None:
        self._height = height

    def height(self) -> float:
        return self._height

    def paint(self, painter: QPainter, x: float, y: float) -> None:
        pass


class Picture(Flowable):
    """A picture ``width`` dots wide, centred in a box ``room`` wide."""

    def __init__(self, png: bytes, width: float, room: float, look: Look) -> None:
        self.image = QImage.fromData(png)
        self.width, self.room = width, room
        self.before, self.after = pt(look.before_pt), pt(look.after_pt)
        self.keep_with_next = look.keep_with_next  # with its caption
        ratio = self.image.height() / self.image.width() if self.image.width() else 0
        self._height = width * ratio

    def height(self) -> float:
        return self._height

    def paint(self, painter: QPainter, x: float, y: float) -> None:
        box = QRectF(x + (self.room - self.width) / 2, y, self.width, self._height)
        painter.drawImage(box, self.image)


class PageBreak(Flowable):
    """A new page whose numbers start again from 1 (an appendix)."""

    def height(self) -> float:
        return 0.0

    def paint(self, painter: QPainter, x: float, y: float) -> None:
        pass


@dataclass
class Page:
    """One page: its number within its part (shown from 2) and what stands where on it."""

    number: int
    placed: list[tuple[Flowable, float]] = field(default_factory=list)
    broken: bool = False  # it starts after a page break (not after a full page)


def paginate(flowables: Sequence[Flowable], room: float) -> list[Page]:
    """Put ``flowables`` on pages ``room`` dots high, splitting and keeping as Writer does."""
    pages, queue = [Page(1)], deque(flowables)
    y, after = 0.0, 0.0
    while queue:
        item, page = queue.popleft(), pages[-1]
        if isinstance(item, PageBreak):
            pages.append(Page(1, broken=True))
            y, after = 0.0, 0.0
            continue
        if page.placed:
            gap = max(after, item.before)
        else:  # Writer drops the space before at the top of a page the text ran onto
            gap = item.before if page.broken or len(pages) == 1 else 0.0
        left = room - y - gap + EPSILON
        if page.placed and item.keep_with_next and kept_height(item, queue) > left:
            queue.appendleft(item)  # it goes over with what it is kept with
        elif item.height() <= left:
            page.placed.append((item, y + gap))
            y, after = y + gap + item.height(), item.after
            continue
        elif parts := item.split(left):
            page.placed.append((parts[0], y + gap))
            queue.appendleft(parts[1])
        elif page.placed:
            queue.appendleft(item)  # it starts the next page
        else:  # taller than a page and it cannot split: it runs off this one
            page.placed.append((item, y + gap))
        pages.append(Page(page.number + 1))
        y, after = 0.0, 0.0
    return pages


def kept_height(item: Flowable, queue: deque[Flowable]) -> float:
    """The height ``item`` needs with the start of every item it is kept with."""
    total, previous = item.height(), item
    for following in queue:
        if not previous.keep_with_next or isinstance(following, PageBreak):
            break
        total += max(previous.after, following.before) + following.first_height()
        previous = following
    return total
