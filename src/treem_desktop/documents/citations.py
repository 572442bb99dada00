"""The documents a template cites, named by the officer: number, date, issuer.

A template that cites "the province's plans" or "the guidance of the Sở Y tế" declares each
such document under ``citations`` ({id, label, kind, issuer}) and wraps the clause that names
it in ``[[id|…]]``, where ``{cite}`` stands for the citation itself::

    "Thực hiện Quyết định số 23/QĐ-TTg …[[province_plan|; {cite} về bảo vệ trẻ em]]; …"

Filled, the clause reads "; Kế hoạch số 45/KH-UBND ngày 10/01/2026 của Ủy ban nhân dân tỉnh
Cao Bằng về bảo vệ trẻ em"; not filled (no number), it is left out whole, so a document never
cites "các kế hoạch của Ủy ban nhân dân tỉnh" without saying which. The officer's values are
kept with the document (``commune.documents``), not as a setting: each document cites its own.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

CLAUSE = re.compile(r"\[\[([a-z][a-z0-9_]*)\|(.*?)\]\]", re.DOTALL)
CITE = "{cite}"
T = TypeVar("T")


@dataclass(frozen=True)
class CitedDocument:
    """A document a template may cite: what the documents page asks for, and the defaults.

    Attributes:
        id: the name used in ``[[id|…]]``.
        label: what the officer is asked for ("Kế hoạch của Ủy ban nhân dân tỉnh về trẻ em").
        kind: the document's kind as cited ("Kế hoạch", "Văn bản", "Nghị quyết").
        issuer: who issued it, with placeholders ("Ủy ban nhân dân {province_in_sentence}").
    """

    id: str
    label: str
    kind: str
    issuer: str


@dataclass(frozen=True)
class Citation:
    """What the officer typed: the number ("45/KH-UBND"), the date, and, when they differ
    from the template's, the kind and the issuer."""

    number: str = ""
    date: dt.date | None = None
    kind: str = ""
    issuer: str = ""

    @property
    def filled(self) -> bool:
        return bool(self.number.strip())

    def as_json(self) -> dict[str, str]:
        found = {"number": self.number.strip(), "kind": self.kind.strip()}
        found["issuer"] = self.issuer.strip()
        found["date"] = self.date.isoformat() if self.date else ""
        return {k: v for k, v in found.items() if v}

    @classmethod
    def from_json(cls, raw: object) -> Citation:
        if not isinstance(raw, dict):
            return cls()
        text = {k: str(raw.get(k) or "") for k in ("number", "kind", "issuer", "date")}
        try:
            date = dt.date.fromisoformat(text["date"]) if text["date"] else None
        except ValueError:
            date = None
        return cls(text["number"], date, text["kind"], text["issuer"])


def citation_text(
    cited: CitedDocument, citation: Citation | None, values: Mapping[str, str]
) -> str:
    """ "Kế hoạch số 45/KH-UBND ngày 10/01/2026 của Ủy ban nhân dân tỉnh Cao Bằng", or ""
    when the officer has not given the number."""
    if citation is None or not citation.filled:
        return ""
    kind = citation.kind.strip() or cited.kind
    issuer = citation.issuer.strip() or cited.issuer.format(**values)
    day = f" ngày {citation.date.strftime('%d/%m/%Y')}" if citation.date else ""
    text = f"{kind} số {citation.number.strip()}{day} của {issuer}"
    return text.replace("*", "")  # a star would read as italics in the template's markup


def expand(text: str, cited: Mapping[str, str]) -> str:
    """``text`` with each ``[[id|…]]`` clause filled with its citation, or left out."""

    def clause(match: re.Match[str]) -> str:
        citation = cited.get(match.group(1), "")
        if not citation:
            return ""
        escaped = citation.replace("{", "{{").replace("}", "}}")
        return match.group(2).replace(CITE, escaped)

    return CLAUSE.sub(clause, text)


def clause_ids(text: str) -> list[str]:
    """The ids of the ``[[id|…]]`` clauses in ``text``."""
    return [m.group(1) for m in CLAUSE.finditer(text)]


def with_citations(value: T, cited: Mapping[str, str]) -> T:
    """A template (or any part of one) with every clause filled or left out."""
    found: T = _walk(value, cited)
    return found


def _walk(value: Any, cited: Mapping[str, str]) -> Any:
    if isinstance(value, str):
        return expand(value, cited) if "[[" in value else value
    if isinstance(value, tuple):
        return tuple(_walk(v, cited) for v in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {
            f.name: _walk(getattr(value, f.name), cited)
            for f in dataclasses.fields(value)
            if f.name != "citations"
        }
        return dataclasses.replace(value, **changes)
    return value


def cited_documents(raw: object) -> tuple[CitedDocument, ...]:
    """The ``citations`` of a template's JSON."""
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise TypeError(f"citations: expected a list, not {raw!r}")
    found = []
    for item in raw:
        if not isinstance(item, dict) or not re.fullmatch(r"[a-z][a-z0-9_]*", str(item["id"])):
            raise ValueError(f"citations: a citation needs an id of a-z, 0-9 and _: {item!r}")
        found.append(
            CitedDocument(str(item["id"]), str(item["label"]), str(item["kind"]), item["issuer"])
        )
    return tuple(found)
