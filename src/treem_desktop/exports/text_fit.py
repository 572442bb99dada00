"""How much room text takes in a spreadsheet cell, estimated without any document library.

openpyxl does not size rows, and at the default height LibreOffice clips the top marks of
uppercase Vietnamese (docs: stack-notes §4). So every row gets a height from an estimate of
how many lines its text wraps to, with extra room above uppercase text. The character widths
are those of Times New Roman (= Liberation Serif); checked against the fonts' own metrics,
the estimate is at most 4 % short, and the room is reduced by that much.
"""

from __future__ import annotations

from dataclasses import dataclass

FONT_NAME = "Times New Roman"  # Decree 30/2020; LibreOffice uses Liberation Serif instead
BODY_SIZE = 12
DIGIT_PX = 8  # a digit of Times New Roman 12 pt at 96 dpi: the unit of column widths
CELL_PADDING_PX = 6


@dataclass(frozen=True)
class Look:
    """How a cell's text looks; ``box`` draws thin borders round every cell of the range."""

    size: float = BODY_SIZE
    bold: bool = False
    italic: bool = False
    underline: bool = False
    align: str = "left"
    box: bool = False
    number_format: str = "General"


def column_px(width: float) -> float:
    """The pixels (96 dpi) of a column ``width`` wide, padding included (ECMA-376 §18.3.1.13).

    True only when the workbook's default font is Times New Roman 12 (``use_default_font``).
    """
    return width * DIGIT_PX


def _char_em(char: str) -> float:
    """The rough width of one Times New Roman character, in em."""
    if char.isspace() or char in ".,;:!'()/|-":
        return 0.3
    if char.isdigit():
        return 0.5
    if char.isupper():
        return 0.72
    return 0.47


def text_lines(text: str, width: float, size: float, bold: bool = False) -> int:
    """How many lines ``text`` wraps to in cells ``width`` wide, word by word."""
    room = (column_px(width) - CELL_PADDING_PX) * 0.95
    em = size * 96 / 72 * (1.07 if bold else 1.0)
    lines = 0
    for paragraph in text.split("\n"):
        lines += 1
        used = 0.0
        for word in paragraph.split(" "):
            span = sum(_char_em(c) for c in word) * em
            gap = 0.25 * em if used else 0.0
            if used and used + gap + span > room:
                lines += 1
                used = gap = 0.0
            while span > room:  # a word wider than the cell is broken
                lines += 1
                span -= room
            used += gap + span
    return max(lines, 1)


def text_height(text: str, width: float, look: Look) -> float:
    """Points of row height for ``text``; uppercase Vietnamese gets room for its top marks."""
    lines = text_lines(text, width, look.size, look.bold)
    upper = any(c.isupper() for c in text) and text == text.upper()
    top = look.size * (0.6 if upper else 0.25)
    return round(lines * look.size * 1.25 + top + 2, 1)
