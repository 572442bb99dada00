"""Paragraphs for the Qt renderer: shaped by Qt, broken into lines and placed as Writer does.

Private to :mod:`treem_desktop.ui.documents.qt_render`. LibreOffice Writer is the reference (it
prints the docx renderer's files): it measures each glyph's advance in whole twips when it
fills a line, sets the glyphs at their true advances, puts the font's line gap above the text
and breaks lines at spaces and after hyphens, never after a slash ("06/QĐ-TTg"). Doing the
same, the Qt pages end their lines on the same words as LibreOffice's.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import cast

from treem_desktop.documents.model import Run
from treem_desktop.ui.documents.qt_layout import (
    ASCENT_EM,
    DEFAULT_SIZE,
    DESCENT_EM,
    EPSILON,
    LINE_GAP_EM,
    SINGLE_LINE_EM,
    TWIP,
    Flowable,
    Look,
    font,
    mm,
    pt,
    reference_device,
)
from treem_desktop.ui.qt import (
    QColor,
    QFont,
    QPainter,
    QPointF,
    QRectF,
    Qt,
    QTextCharFormat,
    QTextLayout,
    QTextLine,
)


@dataclass(frozen=True)
class Line:
    """One line of a paragraph: characters ``start`` to ``end`` (trailing spaces left out)."""

    start: int
    end: int
    indent: float  # dots from the box's left edge
    width: float  # the room it has, in dots
    last: bool


class Text(Flowable):
    """A paragraph of ``runs`` in a box ``width`` dots wide, broken into lines as Writer does.

    The runs are shaped once, on one line (Qt's HarfBuzz), and the lines are broken here, at
    spaces and after hyphens between letters, never after a slash ("06/QĐ-TTg"). LibreOffice
    measures each glyph's advance in whole twips, so the widths compared with the room are
    rounded the same way and the lines end on the same words. Lines are painted as glyph
    runs; a justified line's extra room goes to its spaces, and the last line stays ragged.
    """

    def __init__(self, runs: Sequence[Run], look: Look, width: float) -> None:
        self.look = look
        self.before, self.after = pt(look.before_pt), pt(look.after_pt)
        self.keep_with_next = look.keep_with_next
        self.text = "".join(r.text for r in runs)
        # an empty paragraph has no run: Word and Writer size it by the document's default
        self.pitch = line_pitch(look if self.text else replace(look, size=DEFAULT_SIZE))
        shaped_text = self.text.replace("\n", " ")  # one line, whatever the line breaks
        self.layout = QTextLayout(shaped_text, font(look), reference_device())
        self.layout.setFormats(emphasis(runs))
        self.layout.beginLayout()
        shaped = self.layout.createLine()
        shaped.setLineWidth(mm(10_000))
        self.layout.endLayout()
        self.edges = [x_of(shaped, i) for i in range(len(self.text) + 1)]  # character edges
        # Writer sets the line gap above the text: the baseline is gap + ascent below the top
        self.drop = pt(look.size) * (LINE_GAP_EM + ASCENT_EM) - shaped.ascent()
        self.measured = [0.0]  # the width up to each character, as Writer measures it
        for a, b in itertools.pairwise(self.edges):
            self.measured.append(self.measured[-1] + round((b - a) / TWIP) * TWIP)
        self.lines = self._break(width)

    @staticmethod
    def of(text: str, look: Look, width: float) -> Text:
        return Text((Run(text),), look, width)

    def _break(self, width: float) -> list[Line]:
        """Fill each line with as many words as fit; a line ends at a line break ("\\n"), and
        a word too long for a line is cut."""
        left, first = mm(self.look.left_mm), mm(self.look.first_line_mm)
        count, breaks = len(self.text), self.breaks()
        forced = [i + 1 for i, char in enumerate(self.text) if char == "\n"]
        lines: list[Line] = []
        start = 0
        while True:
            indent = left + (first if not lines else 0)
            room = max(width - indent, 1.0)
            stop = next((i for i in forced if i > start), count)
            end = stop if self._fits(start, stop, room) else self._fill(start, stop, room, breaks)
            last = end == count
            lines.append(Line(start, self.trim(start, end), indent, room, last))
            if last:
                return lines
            start = end

    def _fits(self, start: int, end: int, room: float) -> bool:
        return self.measured[self.trim(start, end)] - self.measured[start] <= room + EPSILON

    def _fill(self, start: int, stop: int, room: float, breaks: list[int]) -> int:
        """Where a line from ``start`` that cannot hold everything up to ``stop`` ends."""
        words = [b for b in breaks if start < b < stop and self._fits(start, b, room)]
        if words:
            return words[-1]
        letters = (e for e in range(start + 1, stop) if self._fits(start, e, room))
        return max(letters, default=start + 1)

    def breaks(self) -> list[int]:
        """Where a line may start: after spaces, and after a hyphen between two letters."""
        text = self.text
        return [
            i
            for i in range(1, len(text))
            if (text[i - 1] == " " and text[i] != " ")
            or (text[i - 1] == "-" and i > 1 and text[i - 2].isalpha() and text[i].isalpha())
        ]

    def trim(self, start: int, end: int) -> int:
        """``end`` less the spaces and the line break that end the line there."""
        while end > start and self.text[end - 1] in " \n":
            end -= 1
        return end

    def height(self) -> float:
        return len(self.lines) * self.pitch

    def first_height(self) -> float:
        """Two lines, or all of a paragraph too short to split (it leaves two behind)."""
        count = len(self.lines)
        return (2 if count >= 4 else count) * self.pitch

    def split(self, room: float) -> tuple[Flowable, Flowable] | None:
        count = len(self.lines)
        fit = min(int((room + EPSILON) // self.pitch), count - 2)  # two lines go over
        if fit < 2:  # nor may one line stay behind
            return None
        head, tail = replace_lines(self, self.lines[:fit]), replace_lines(self, self.lines[fit:])
        head.after, head.keep_with_next, tail.before = 0.0, False, 0.0
        return head, tail

    def paint(self, painter: QPainter, x: float, y: float) -> None:
        for i, line in enumerate(self.lines):
            self._paint_line(painter, line, x + line.indent, y + i * self.pitch)

    def _paint_line(self, painter: QPainter, line: Line, x: float, top: float) -> None:
        """Writer's placing: the room left over is measured with the rounded widths, but the
        glyphs are set at their true advances; on a justified line each space gets an equal
        share of that room (so the line ends a hair short of the margin, as in Writer)."""
        start, edges = line.start, self.edges
        natural = self.measured[line.end] - self.measured[start]
        spaces = [i for i in range(start, line.end) if self.text[i] == " "]
        extra = 0.0
        if self.look.align == "justify" and not line.last and spaces:
            extra = (line.width - natural) / len(spaces)
        else:
            x += {"center": 0.5, "right": 1.0}.get(self.look.align, 0.0) * (line.width - natural)
        for first, end in self.words(line):
            at = QPointF(x - edges[start] + extra * sum(i < first for i in spaces), top + self.drop)
            for run in self.layout.glyphRuns(first, end - first):
                painter.drawGlyphRun(at, run)
        if self.look.underline and natural > 0:
            self._underline(painter, x, top, edges[line.end] - edges[start])

    def _underline(self, painter: QPainter, x: float, top: float, width: float) -> None:
        """Writer's underline (vcl): a quarter of the descent thick, its middle half the
        descent less half its thickness, plus a twip, under the baseline. Qt's own, from the
        font's post table, would be twice as thick."""
        descent = pt(self.look.size) * DESCENT_EM
        baseline = top + pt(self.look.size) * (LINE_GAP_EM + ASCENT_EM)
        thickness = descent / 4
        middle = baseline + descent / 2 - thickness / 2 + TWIP
        box = QRectF(x, middle - thickness / 2, width, thickness)
        painter.fillRect(box, QColor(Qt.GlobalColor.black))

    def words(self, line: Line) -> list[tuple[int, int]]:
        """The stretches between the spaces of ``line``."""
        words, start = [], line.start
        for i in range(line.start, line.end + 1):
            if i == line.end or self.text[i] == " ":
                if i > start:
                    words.append((start, i))
                start = i + 1
        return words


def x_of(line: QTextLine, position: int) -> float:
    """Where the edge before character ``position`` of ``line`` is, in dots."""
    return cast(tuple[float, int], line.cursorToX(position))[0]


def line_pitch(look: Look) -> float:
    """The height of one line as Writer makes it: a single line in whole twips, times spacing."""
    single = round(pt(look.size) * SINGLE_LINE_EM / TWIP)
    return round(single * look.line) * TWIP


def replace_lines(text: Text, lines: list[Line]) -> Text:
    """A copy of ``text`` showing ``lines`` only (a part of a paragraph split by a page end)."""
    part = object.__new__(Text)
    part.__dict__.update(text.__dict__, lines=lines)
    return part


def emphasis(runs: Sequence[Run]) -> list[QTextLayout.FormatRange]:
    """Bold and italics of the runs, as format ranges over the paragraph's text."""
    ranges, start = [], 0
    for run in runs:
        if run.bold or run.italic:
            span = QTextLayout.FormatRange()
            span.start, span.length = start, len(run.text)
            span.format = QTextCharFormat()
            if run.bold:
                span.format.setFontWeight(QFont.Weight.Bold)
            if run.italic:
                span.format.setFontItalic(True)
            ranges.append(span)
        start += len(run.text)
    return ranges
