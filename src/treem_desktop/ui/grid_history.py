"""What the officer changed in a grid, newest last, for Ctrl+Z and Ctrl+Y (Qt-free)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class CellEdit:
    """One saved change of a cell: the text it held before and the text saved."""

    row: str
    column: str
    before: str
    after: str

    def reversed(self) -> CellEdit:
        return CellEdit(self.row, self.column, self.after, self.before)


@dataclass
class EditHistory:
    """Saved changes that can be undone, and undone ones that can be done again."""

    done: list[CellEdit] = field(default_factory=list)
    undone: list[CellEdit] = field(default_factory=list)

    def record(self, edit: CellEdit) -> None:
        """A new change: what was undone can no longer be redone."""
        self.done.append(edit)
        self.undone.clear()

    def take_undo(self) -> CellEdit | None:
        """The change to put back (its ``before`` is what to save), or None."""
        if not self.done:
            return None
        edit = self.done.pop()
        self.undone.append(edit)
        return edit.reversed()

    def take_redo(self) -> CellEdit | None:
        """The undone change to make again (its ``after`` is what to save), or None."""
        if not self.undone:
            return None
        edit = self.undone.pop()
        self.done.append(edit)
        return edit
