"""Document templates as data (``resources/templates/<id>.v<N>.json``), shaped like the seeds.

A template holds the words of a plan or a report with ``{placeholders}`` (commune, year,
receiving office…), its sections, the tasks a plan assigns, the recipients, and where data
from the evaluation or the indicators is inserted (``insert``). A broken template is refused
with the place and the reason.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from treem_desktop.errors import TreemError
from treem_desktop.paths import resources_dir

INSERTS = ("evaluation_score_table",)


@dataclass(frozen=True)
class Part:
    number: str
    title: str
    paragraphs: tuple[str, ...]
    insert: str | None = None


@dataclass(frozen=True)
class Section:
    number: str
    title: str
    parts: tuple[Part, ...]


@dataclass(frozen=True)
class TaskTemplate:
    content: str
    lead: str
    partners: str
    due: str  # "{year}-11-10"


@dataclass(frozen=True)
class Template:
    id: str
    version: int
    label: dict[str, str]
    type_code: str
    kind_text: str
    summary: str
    legal_bases: tuple[str, ...]
    addressees: tuple[str, ...]
    opening: str
    sections: tuple[Section, ...]
    tasks_title: tuple[str, str, str] | None  # number, title, intro
    tasks: tuple[TaskTemplate, ...]
    recipients: tuple[str, ...]


def template_files() -> list[Path]:
    return sorted((resources_dir() / "templates").glob("*.v*.json"))


@cache
def load_templates() -> tuple[Template, ...]:
    return tuple(template_from_bytes(p.read_bytes(), str(p)) for p in template_files())


def find_template(template_id: str) -> Template:
    for template in load_templates():
        if template.id == template_id:
            return template
    raise TreemError("TEMPLATE_UNKNOWN", template=template_id)


def template_from_bytes(data: bytes, origin: str) -> Template:
    try:
        raw = json.loads(data.decode("utf-8"))
        if raw.get("kind") != "document-template" or raw.get("spec_version") != 1:
            raise ValueError("not a document template of spec version 1")
        return _template(raw)
    except (UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError) as error:
        raise TreemError("TEMPLATE_INVALID", path=origin, detail=str(error)) from error


def _strings(raw: Any) -> tuple[str, ...]:
    if not isinstance(raw, list) or not all(isinstance(x, str) for x in raw):
        raise TypeError(f"expected a list of texts, not {raw!r}")
    return tuple(raw)


def _part(raw: dict[str, Any]) -> Part:
    insert = raw.get("insert")
    if insert is not None and insert not in INSERTS:
        raise ValueError(f"unknown insert {insert!r}")
    return Part(raw.get("number", ""), raw.get("title", ""), _strings(raw["paragraphs"]), insert)


def _template(raw: dict[str, Any]) -> Template:
    tasks_section = raw.get("tasks_section")
    return Template(
        id=str(raw["id"]),
        version=int(raw["version"]),
        label=dict(raw["label"]),
        type_code=str(raw["type_code"]),
        kind_text=str(raw["kind_text"]),
        summary=str(raw["summary"]),
        legal_bases=_strings(raw.get("legal_bases", [])),
        addressees=_strings(raw.get("addressees", [])),
        opening=str(raw.get("opening", "")),
        sections=tuple(
            Section(s["number"], s["title"], tuple(_part(p) for p in s["parts"]))
            for s in raw["sections"]
        ),
        tasks_title=(
            (tasks_section["number"], tasks_section["title"], tasks_section.get("intro", ""))
            if tasks_section
            else None
        ),
        tasks=tuple(
            TaskTemplate(t["content"], t["lead"], t.get("partners", ""), t.get("due", ""))
            for t in raw.get("tasks", [])
        ),
        recipients=_strings(raw["recipients"]),
    )
