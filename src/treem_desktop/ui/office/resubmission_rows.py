"""A resubmission's changes as an officer reads them: the total and the outcome first, then by
criterion in Decision 06's order, the figures entered, the evidence files; in words, never a
data path or a file's hash, and without the values that only repeat another one."""

from __future__ import annotations

import re
from typing import Any

from treem_desktop.formatting import format_number
from treem_desktop.i18n import _
from treem_desktop.office.resubmission import ValueChange

_PART = re.compile(r"([a-z_]+)(?:\[([^\]]+)\])?")
_EVIDENCE = re.compile(r"evidence\[(\d+)\]\.")
_REPEATS = re.compile(r"(\.known_points|\.measure|^inputs\..*\.points)$")
"""Values shown once already: a criterion's known points are its points, a measure is worked
out from the figures entered, an input's points are the sub-indicator's points."""

Row = tuple[str, str, str]


def item_words(item_id: str) -> str:
    """``c6.a`` → ``6a``; ``c6`` → ``6``: the numbering officers read in Decision 06."""
    return item_id.lstrip("cC").replace(".", "")


def _input_parts() -> dict[str, str]:
    return {
        "numerator": _("numerator"),
        "denominator": _("denominator"),
        "has": _("met or not"),
        "forums": _("forums held"),
        "activities": _("activities held"),
        "play_space": _("play space"),
        "percent": _("percent"),
    }


def change_label(path: str) -> str:
    """Words for a changed value's path; never the path itself."""
    if path == "score.total":
        return _("Total points")
    if path == "score.verdict":
        return _("Outcome")
    if path == "score.provisional":
        return _("Provisional score")
    if path.startswith("inputs."):
        return _("Figure entered for {item}").format(item=_input_words(path[7:]))
    words = []
    for name, key in _PART.findall(path):
        if name == "criteria" and key:
            words.append(_("Criterion {number}").format(number=item_words(key)))
        elif name == "sub_indicators" and key:
            words.append(_("indicator {number}").format(number=item_words(key)))
        elif name in ("indicators", "values") and key:
            words.append(_("indicator {number}").format(number=key))
        elif name == "points":
            words.append(_("points"))
    return ", ".join(words) if words else _("Other value")


def _input_words(name: str) -> str:
    parts = name.split(".")
    part = _input_parts().get(parts[-1], "")
    item = item_words(".".join(parts[:-1] if part else parts))
    return f"{item} ({part})" if part else item


def value_text(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, int | float):
        return format_number(value)
    if value == "recognised":
        return _("Recognised")
    if value == "not-recognised":
        return _("Not recognised")
    return str(value)


def shown_rows(
    changes: list[ValueChange], before: dict[str, Any], after: dict[str, Any]
) -> list[Row]:
    """(what, before, now) of each change worth reading, in the order officers read them."""
    kept = [c for c in changes if not _REPEATS.search(c.path)]
    values = sorted((c for c in kept if not _EVIDENCE.match(c.path)), key=_order)
    rows = [(change_label(c.path), value_text(c.before), value_text(c.after)) for c in values]
    files = sorted({int(m.group(1)) for c in kept if (m := _EVIDENCE.match(c.path))})
    return rows + [_evidence_row(i, before, after) for i in files]


def _order(change: ValueChange) -> tuple[int, tuple[int, ...], str]:
    path = change.path
    group = 0 if path in ("score.total", "score.verdict", "score.provisional") else 3
    group = 1 if path.startswith("score.criteria") else 2 if path.startswith("inputs.") else group
    numbers = tuple(int(n) for n in re.findall(r"\d+", path))
    return group, numbers, path


def _evidence_row(index: int, before: dict[str, Any], after: dict[str, Any]) -> Row:
    old, new = _evidence(before, index), _evidence(after, index)
    criterion = str((new or old or {}).get("criterion", ""))
    label = _("Evidence file for criterion {number}").format(number=item_words(criterion))
    old_text, new_text = _file_text(old), _file_text(new)
    if old and new and old_text == new_text:
        new_text = _("{file}, other content").format(file=new_text)
    return label, old_text, new_text


def _evidence(data: dict[str, Any], index: int) -> dict[str, Any] | None:
    files = data.get("evidence")
    if isinstance(files, list) and index < len(files) and isinstance(files[index], dict):
        return files[index]
    return None


def _file_text(entry: dict[str, Any] | None) -> str:
    if entry is None:
        return "—"
    size = entry.get("size")
    if not isinstance(size, int):
        return str(entry.get("file", ""))
    return f"{entry.get('file', '')} ({size_text(size)})"


def size_text(size: int) -> str:
    """``36 KB`` or ``1,2 MB`` in the language's style."""
    if size < 1024**2:
        return _("{size} KB").format(size=format_number(max(1, round(size / 1024))))
    return _("{size} MB").format(size=format_number(size / 1024**2, 1))
