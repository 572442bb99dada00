"""Tables for the Qt renderer: the bordered tables of the body and the borderless blocks.

Private to :mod:`treem_desktop.ui.documents.qt_render`. Like the docx renderer's tables: fixed
column widths, a row never splits across pages, header rows repeat at the top of each page,
cells spanning rows and columns, text vertically centred in bordered tables. The header and
signature blocks are the same kind of table without borders or side padding (domain-reference
§5.3).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from treem_desktop.ui.documents.qt_layout import EPSILON, Flowable, pt
from treem_desktop.ui.qt import QPainter, QPen, QRectF, Qt

BORDER_PT = 0.5  # Word's "Table Grid": single lines of 4 eighths of a point
PADDING_PT = 5.4  # and 108 twips of room left and right in each cell


@dataclass
class Slot:
    """One cell of a table: where it starts, how far it spans, what it holds."""

    row: int
    column: int
    content: Sequence[Flowable]
    row_span: int = 1
    column_span: int = 1

    def rows(self) -> range:
        return range(self.row, self.row + self.row_span)


def stack_height(content: Sequence[Flowable]) -> float:
    """The height of paragraphs one under the other, with their spacing, in a cell."""
    total, after = 0.0, None
    for item in content:
        total += (item.before if after is None else max(after, item.before)) + item.height()
        after = item.after
    return total + (after or 0.0)


def paint_stack(content: Sequence[Flowable], painter: QPainter, x: float, y: float) -> None:
    after = None
    for item in content:
        y += item.before if after is None else max(after, item.before)
        item.paint(painter, x, y)
        y += item.height()
        after = item.after


class Grid(Flowable):
    """A table of fixed ``widths`` (dots); ``heads`` rows repeat on every page it spans."""

    def __init__(
        self,
        widths: Sequence[float],
        slots: Sequence[Slot],
        heads: int = 0,
        ruled: bool = False,
        offset: float = 0.0,
    ) -> None:
        self.widths, self.slots, self.heads = tuple(widths), tuple(slots), heads
        self.ruled, self.offset = ruled, offset
        self.line = pt(BORDER_PT) if ruled else 0.0
        self.heights = self._row_heights(max((s.row + s.row_span for s in slots), default=0))
        self.shown = list(range(len(self.heights)))

    @staticmethod
    def padding(ruled: bool) -> float:
        return pt(PADDING_PT) if ruled else 0.0

    def _row_heights(self, count: int) -> list[float]:
        heights = [self.line] * count
        for slot in sorted(self.slots, key=lambda s: s.row_span):
            need = self.line + stack_height(slot.content)
            have = sum(heights[r] for r in slot.rows())  # less its top border: the room
            heights[slot.rows()[-1]] += max(need - have, 0.0)
        return heights

    def height(self) -> float:
        return sum(self.heights[r] for r in self.shown) + self.line

    def groups(self) -> list[list[int]]:
        """The body rows shown, in runs that cells spanning rows tie together."""
        groups: list[list[int]] = []
        for r in (r for r in self.shown if r >= self.heads):
            tied = any(s.row < r < s.row + s.row_span for s in self.slots)
            if tied and groups:
                groups[-1].append(r)
            else:
                groups.append([r])
        return groups

    def first_height(self) -> float:
        first = self.groups()[:1]
        return sum(self.heights[r] for r in [*range(self.heads), *sum(first, [])]) + self.line

    def split(self, room: float) -> tuple[Flowable, Flowable] | None:
        groups, heads = self.groups(), list(range(self.heads))
        used = sum(self.heights[r] for r in heads) + self.line
        taken = 0
        while taken < len(groups) and used + sum(self.heights[r] for r in groups[taken]) <= (
            room + EPSILON
        ):
            used += sum(self.heights[r] for r in groups[taken])
            taken += 1
        if taken == 0 or taken == len(groups):
            return None
        head, tail = self._part(heads, groups[:taken]), self._part(heads, groups[taken:])
        head.after, head.keep_with_next, tail.before = 0.0, False, 0.0
        return head, tail

    def _part(self, heads: list[int], groups: list[list[int]]) -> Grid:
        part = object.__new__(Grid)
        part.__dict__.update(self.__dict__, shown=[*heads, *sum(groups, [])])
        return part

    def paint(self, painter: QPainter, x: float, y: float) -> None:
        tops, top = {}, y
        for r in self.shown:
            tops[r], top = top, top + self.heights[r]
        lefts = [x + self.offset + sum(self.widths[:c]) for c in range(len(self.widths) + 1)]
        pad = self.padding(self.ruled)
        for slot in (s for s in self.slots if s.row in tops):
            box = QRectF(
                lefts[slot.column],
                tops[slot.row],
                lefts[slot.column + slot.column_span] - lefts[slot.column],
                sum(self.heights[r] for r in slot.rows()),
            )
            if self.ruled:
                self._border(painter, box)
            room = box.height() - self.line - stack_height(slot.content)
            inside = box.top() + (room / 2 if self.ruled else 0.0)  # Writer: lines not counted
            paint_stack(slot.content, painter, box.left() + pad, inside)

    def _border(self, painter: QPainter, box: QRectF) -> None:
        """The cell's lines: the upright ones centred on the column edges, the level ones
        just under the row edges (as Writer draws them)."""
        painter.save()
        painter.setPen(QPen(Qt.GlobalColor.black, self.line))
        painter.drawRect(box.translated(0, self.line / 2))
        painter.restore()
