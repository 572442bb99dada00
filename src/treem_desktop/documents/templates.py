"""Document templates as data (``resources/templates/<id>.v<N>.json``), shaped like the seeds.

A template holds the words of a plan, a programme or a report with ``{placeholders}``
(commune, year, receiving office…), its sections, the tasks a plan assigns, the appendices,
the recipients, and where data from the evaluation, the indicators or the report tables is
inserted (``insert``). Paragraphs may mark ``*italic*`` and ``**bold**`` stretches, as the
seeds do. A broken template is refused when it is loaded, with the place and the reason: an
unknown insert, an unknown placeholder, a task deadline that is neither ``{year}-MM-DD`` nor
``+N`` (N days after the issue date, dated when the plan is issued).

The JSON keys (``spec_version`` 1, ``kind`` "document-template"): ``id``, ``version``,
``label`` {vi, en}, ``type_code`` (KH, BC, CTr…), ``kind_text`` ("KẾ HOẠCH"), ``summary``
(the trích yếu), optional ``legal_bases``, ``addressees`` ("Kính gửi"), ``opening``;
``sections``: [{number, title, parts: [{number, title, paragraphs, insert}]}];
``tasks_section`` {number, title, intro, after: the section it follows (default: last);
an empty title puts the tasks table straight in the body}; ``tasks``: [{content, lead,
partners, due: "{year}-MM-DD" or "+N"}]; ``closing`` paragraphs; ``appendices``: [{number,
title, parts}] (the "(Kèm theo …)" line is written when composing); ``recipients`` ending with
"Lưu: VT, …"; ``citations``: [{id, label, kind, issuer}], the documents cited by number in
``[[id|…{cite}…]]`` clauses (:mod:`.citations`: left out until the officer names them).
The province may send templates in its standard pack (docs/standard-pack.md); the commune keeps
them in ``<data folder>/mau-van-ban/`` and :func:`load_templates` lists them after the shipped
ones (``origin`` says which).

Placeholders: :data:`PLACEHOLDERS` (tasks: :data:`TASK_PLACEHOLDERS`; the summary:
:data:`SUMMARY_PLACEHOLDERS`); write ``{{`` and ``}}`` for braces. Inserts:
:data:`INSERTS` and ``report_table:<form>/<table>`` (built by :mod:`.inserts`).
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any

from treem_desktop.core.outside_json import load_json
from treem_desktop.documents.citations import CitedDocument, cited_documents, clause_ids, expand
from treem_desktop.documents.template_words import (
    REASONS,
    SOME_PART,
    Spot,
    TemplateProblem,
    insert_words,
    missing_words,
    paragraph_words,
    part_words,
    problem,
    section_words,
    task_spot,
    template_words,
    text_spot,
    title_words,
)
from treem_desktop.documents.unit_words import UNIT_PLACEHOLDERS
from treem_desktop.errors import TreemError
from treem_desktop.i18n import _, current_language
from treem_desktop.paths import resources_dir

EVALUATION_SCORE_TABLE = "evaluation_score_table"
INDICATOR_TARGETS = "indicator_targets"
INDICATOR_RESULTS_SUMMARY = "indicator_results_summary"
REPORT_TABLE = "report_table:"  # report_table:<form_id>/<table_id>, e.g. report-1555-2020/b2-1
INSERTS = (EVALUATION_SCORE_TABLE, INDICATOR_TARGETS, INDICATOR_RESULTS_SUMMARY)
PROVINCE_FOLDER = "mau-van-ban"  # in the commune's data folder: the province's templates
SHIPPED = "shipped"
PROVINCE = "province"
log = logging.getLogger(__name__)

# What compose.context() fills; the wording may use nothing else.
PLACEHOLDERS = (
    "commune",  # Xã Mường Phăng
    "commune_in_sentence",  # xã Mường Phăng
    "unit",  # xã / phường / đặc khu
    "province",  # Điện Biên
    "province_in_sentence",  # tỉnh Điện Biên / thành phố Hà Nội
    "year",
    "next_year",
    "recipient",  # the receiving office (Sở Y tế tỉnh Điện Biên), "…" when not set
    "evaluation_conclusion",
    "evaluation_proposal",  # section III of the self-assessment report, from the verdict
    *UNIT_PLACEHOLDERS,  # Công an phường, tổ dân phố… (documents.unit_words)
)
# A task due "+15": 15 days after the issue date, dated when the plan is issued.
AFTER_ISSUE = re.compile(r"^\+(\d{1,3})$")
# Tasks are copied into the register when a draft is made, knowing only the year.
TASK_PLACEHOLDERS = ("year", "next_year")
# The register formats the summary of a new draft with these only (commune.documents).
SUMMARY_PLACEHOLDERS = (
    "commune",
    "commune_in_sentence",
    "province",
    "year",
    "recipient",
    "evaluation_conclusion",
)


@dataclass(frozen=True)
class Part:
    """A numbered point of a section ("1. Mục đích", "a) …") with its paragraphs and data."""

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
    due: str  # "{year}-11-10", or "+15": 15 days after the issue date


@dataclass(frozen=True)
class AppendixTemplate:
    """ "Phụ lục I" with its title; the "(Kèm theo …)" line is written when composing."""

    number: str
    title: str
    parts: tuple[Part, ...]


@dataclass(frozen=True)
class Template:
    """A document template.

    Attributes:
        tasks_title: the heading of the tasks table (number, title, intro); an empty title
            puts the table straight after the opening, as in a work programme (seed 002).
        tasks_after: the number of the section the tasks come after ("IV."); None: last.
        closing: paragraphs after the sections and tasks ("Trên đây là … ./.").
    """

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
    tasks_after: str | None = None
    closing: tuple[str, ...] = ()
    appendices: tuple[AppendixTemplate, ...] = ()
    citations: tuple[CitedDocument, ...] = ()  # documents cited by number (.citations)
    origin: str = SHIPPED  # or PROVINCE: sent in the province's standard pack

    def parts(self) -> Iterator[Part]:
        """Every part of the sections and the appendices."""
        for section in self.sections:
            yield from section.parts
        for appendix in self.appendices:
            yield from appendix.parts

    @property
    def inserts(self) -> tuple[str, ...]:
        return tuple(p.insert for p in self.parts() if p.insert)

    @property
    def needs_evaluation(self) -> bool:
        return EVALUATION_SCORE_TABLE in self.inserts

    @property
    def needs_workspace(self) -> bool:
        """Whether an insert reads the indicators or the report tables."""
        return any(i != EVALUATION_SCORE_TABLE for i in self.inserts)


def template_files() -> list[Path]:
    return sorted((resources_dir() / "templates").glob("*.v*.json"))


@cache
def shipped_templates() -> tuple[Template, ...]:
    return tuple(template_from_bytes(p.read_bytes(), str(p)) for p in template_files())


def load_templates(data_folder: Path | None = None) -> tuple[Template, ...]:
    """The shipped templates, then those the province sent, kept in ``data_folder``: a
    province template replaces the shipped one of its id only when its version is higher."""
    shipped = shipped_templates()
    if data_folder is None:
        return shipped
    return merged(shipped, province_templates(data_folder))


def find_template(template_id: str, data_folder: Path | None = None) -> Template:
    for template in load_templates(data_folder):
        if template.id == template_id:
            return template
    raise TreemError("TEMPLATE_UNKNOWN", template=template_id)


def province_template_file(data_folder: Path, template: Template) -> Path:
    """Where the commune keeps a template the province sent."""
    return data_folder / PROVINCE_FOLDER / f"{template.id}.v{template.version}.json"


def province_templates(data_folder: Path) -> list[Template]:
    """The templates kept in ``<data_folder>/mau-van-ban/`` (checked when the pack was
    imported; a file broken since is left out and logged)."""
    folder = data_folder / PROVINCE_FOLDER
    found = []
    for path in sorted(folder.glob("*.v*.json")) if folder.is_dir() else []:
        try:
            found.append(
                replace(template_from_bytes(path.read_bytes(), str(path)), origin=PROVINCE)
            )
        except (OSError, TreemError) as error:
            log.warning("province template %s left out: %s", path, error)
    return found


def merged(shipped: Iterable[Template], province: Iterable[Template]) -> tuple[Template, ...]:
    """``shipped`` in order, each replaced by a higher version of ``province``; then the
    province's own templates."""
    by_id = {t.id: t for t in shipped}
    for template in province:
        current = by_id.get(template.id)
        if current is None or template.version > current.version:
            by_id[template.id] = template
    return tuple(by_id.values())


def template_from_bytes(data: bytes, origin: str) -> Template:
    """The template in ``data``, or TEMPLATE_INVALID saying in words which template, which
    part and what is wrong (the technical place and reason in ``field`` and ``technical``)."""
    raw: object = None
    try:
        raw = load_json(data)  # OutsideDataError is a ValueError
        if not isinstance(raw, dict):
            raise ValueError("not a JSON object")
        if raw.get("kind") != "document-template" or raw.get("spec_version") != 1:
            raise ValueError("not a document template of spec version 1")
        template = _template(raw)
        check(template)
        return template
    except (UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError) as error:
        raise _refusal(raw, error, origin) from error


def _refusal(raw: object, error: Exception, origin: str) -> TreemError:
    if isinstance(error, TemplateProblem):
        where, technical, place, reason = error.where, error.technical, error.place, error.reason
    elif isinstance(error, KeyError):
        where, technical, place = "", f"missing {error}", None
        reason = missing_words(error.args[0] if error.args else "")
    elif isinstance(raw, dict) and raw.get("kind") == "document-template":
        where, technical, place = "", str(error), None
        reason = _(REASONS["WRONG_FORM"]).format(what=_(SOME_PART))
    else:
        where, technical, place, reason = "", str(error), None, _(REASONS["NOT_A_TEMPLATE"])
    detail = template_words(_title(raw), place, reason)
    field = where or None
    return TreemError(
        "TEMPLATE_INVALID", field=field, path=origin, detail=detail, technical=technical
    )


def _title(raw: object) -> str | None:
    """The template's name as far as it can be read (in the current language)."""
    label = raw.get("label") if isinstance(raw, dict) else None
    if not isinstance(label, dict):
        return None
    name = label.get(current_language()) or label.get("vi")
    return name if isinstance(name, str) and name.strip() else None


# --- Checks ----------------------------------------------------------------------------------


def check(template: Template) -> None:
    """TemplateProblem naming the place of the first unknown insert, placeholder or bad
    deadline (technically and in words)."""
    known = dict.fromkeys(PLACEHOLDERS, "0")
    declared = {c.id: "Kế hoạch số 1/KH-UBND" for c in template.citations}
    for spot, text in _wording(template):
        unknown = [i for i in clause_ids(text) if i not in declared]
        if unknown:
            technical = f"[[{unknown[0]}|…]] cites no document of citations"
            raise problem(spot, "CITATION_UNKNOWN", technical)
        check_placeholders(expand(text, declared), known, spot)
    for index, cited in enumerate(template.citations):
        where, words = text_spot("issuer", index)
        check_placeholders(cited.issuer, known, (f"{where}.issuer", words))
    summary = dict.fromkeys(SUMMARY_PLACEHOLDERS, "0")
    check_placeholders(template.summary, summary, text_spot("summary"))
    task_values = dict.fromkeys((*TASK_PLACEHOLDERS, *UNIT_PLACEHOLDERS), "0")
    for index, task in enumerate(template.tasks):
        for name in ("content", "lead", "partners", "due"):
            check_placeholders(getattr(task, name), task_values, task_spot(index, name))
        if task.due:
            check_due(task.due, task_values, task_spot(index, "due"))
    for (where, place), part in _located_parts(template):
        if part.insert is not None:
            check_insert(part.insert, (f"{where}.insert", insert_words(place)))
    numbers = [s.number for s in template.sections]
    if template.tasks_after is not None and template.tasks_after not in numbers:
        technical = f"there is no section {template.tasks_after!r}"
        raise problem(text_spot("tasks_after"), "TASKS_AFTER_UNKNOWN", technical)


def check_due(due: str, values: dict[str, str], spot: Spot) -> None:
    """A deadline is a date of the year ("{year}-11-10") or "+15" (15 days after issue)."""
    filled = due.format(**{**values, "year": "2000", "next_year": "2001"})
    if AFTER_ISSUE.match(filled.strip()):
        return
    try:
        dt.date.fromisoformat(filled)
    except ValueError as error:
        technical = (
            f"{due!r} is not a date such as {{year}}-11-10 nor a number of days "
            "after issue such as +15"
        )
        raise problem(spot, "DUE_INVALID", technical) from error


def check_placeholders(text: str, values: dict[str, str], spot: Spot) -> None:
    """Format ``text`` with ``values``: an unknown or malformed placeholder is refused."""
    try:
        text.format(**values)
    except KeyError as error:
        known = ", ".join(f"{{{k}}}" for k in values)
        technical = f"unknown placeholder {{{error.args[0]}}} (known: {known})"
        raise problem(spot, "PLACEHOLDER_UNKNOWN", technical) from error
    except (IndexError, ValueError) as error:
        technical = f"malformed placeholder in {text!r} (write {{{{ and }}}} for braces)"
        raise problem(spot, "PLACEHOLDER_MALFORMED", technical) from error


def check_insert(insert: str, spot: Spot) -> None:
    """An insert this version can build: one of INSERTS, or a shipped report table."""
    if insert in INSERTS:
        return
    if insert.startswith(REPORT_TABLE):
        form_id, _sep, table_id = insert[len(REPORT_TABLE) :].partition("/")
        if _report_table_exists(form_id, table_id):
            return
        technical = f"there is no report table {form_id}/{table_id}"
        raise problem(spot, "REPORT_TABLE_UNKNOWN", technical)
    known = ", ".join((*INSERTS, REPORT_TABLE + "<form>/<table>"))
    technical = f"unknown insert {insert!r} (known: {known})"
    raise problem(spot, "INSERT_UNKNOWN", technical)


def report_table_id(insert: str) -> tuple[str, str] | None:
    """(form id, table id) of a ``report_table:<form>/<table>`` insert, else None."""
    if not insert.startswith(REPORT_TABLE):
        return None
    form_id, _, table_id = insert[len(REPORT_TABLE) :].partition("/")
    return form_id, table_id


def _report_table_exists(form_id: str, table_id: str) -> bool:
    from treem_desktop.indicators.loader import shipped_table_forms

    for form in shipped_table_forms():
        if form.id == form_id:
            return any(t.id == table_id for t in form.tables)
    return False


def _located_parts(template: Template) -> Iterator[tuple[Spot, Part]]:
    for s, section in enumerate(template.sections):
        name = section_words(section.number)
        for p, part in enumerate(section.parts):
            yield (f"sections[{s}].parts[{p}]", part_words(name, part.number, p)), part
    for a, appendix in enumerate(template.appendices):
        name = section_words(appendix.number, appendix=True)
        for p, part in enumerate(appendix.parts):
            yield (f"appendices[{a}].parts[{p}]", part_words(name, part.number, p)), part


def _wording(template: Template) -> Iterator[tuple[Spot, str]]:
    """Every text composed with the full context, with where it is."""
    yield text_spot("opening"), template.opening
    for i, line in enumerate(template.legal_bases):
        yield text_spot("legal_bases", i), line
    for i, line in enumerate(template.addressees):
        yield text_spot("addressees", i), line
    for s, section in enumerate(template.sections):
        yield (f"sections[{s}].title", title_words(section_words(section.number))), section.title
    for a, appendix in enumerate(template.appendices):
        name = section_words(appendix.number, appendix=True)
        yield (f"appendices[{a}].title", title_words(name)), appendix.title
    for (where, place), part in _located_parts(template):
        yield (f"{where}.title", title_words(place)), part.title
        for i, paragraph in enumerate(part.paragraphs):
            yield (f"{where}.paragraphs[{i}]", paragraph_words(place, i)), paragraph
    if template.tasks_title is not None:
        yield text_spot("tasks_title"), template.tasks_title[1]
        yield text_spot("tasks_intro"), template.tasks_title[2]
    for i, line in enumerate(template.closing):
        yield text_spot("closing", i), line
    for i, line in enumerate(template.recipients):
        yield text_spot("recipients", i), line


# --- Reading -------------------------------------------------------------------------------


def _strings(raw: Any) -> tuple[str, ...]:
    if not isinstance(raw, list) or not all(isinstance(x, str) for x in raw):
        raise TypeError(f"expected a list of texts, not {raw!r}")
    return tuple(raw)


def _text(raw: Any, name: str) -> str:
    if not isinstance(raw, str):
        raise TypeError(f"{name}: expected a text, not {raw!r}")
    return raw


def _part(raw: dict[str, Any]) -> Part:
    insert = raw.get("insert")
    if insert is not None and not isinstance(insert, str):
        raise TypeError(f"expected the name of an insert, not {insert!r}")
    return Part(
        _text(raw.get("number", ""), "number"),
        _text(raw.get("title", ""), "title"),
        _strings(raw.get("paragraphs", [])),
        insert,
    )


def _template(raw: dict[str, Any]) -> Template:
    tasks_section = raw.get("tasks_section")
    return Template(
        id=str(raw["id"]),
        version=int(raw["version"]),
        label=dict(raw["label"]),
        type_code=str(raw["type_code"]),
        kind_text=str(raw["kind_text"]),
        summary=_text(raw["summary"], "summary"),
        legal_bases=_strings(raw.get("legal_bases", [])),
        addressees=_strings(raw.get("addressees", [])),
        opening=_text(raw.get("opening", ""), "opening"),
        sections=tuple(
            Section(
                _text(s["number"], "number"),
                _text(s["title"], "title"),
                tuple(_part(p) for p in s["parts"]),
            )
            for s in raw["sections"]
        ),
        tasks_title=(
            (
                _text(tasks_section.get("number", ""), "number"),
                _text(tasks_section.get("title", ""), "title"),
                _text(tasks_section.get("intro", ""), "intro"),
            )
            if tasks_section
            else None
        ),
        tasks=tuple(
            TaskTemplate(
                _text(t["content"], "content"),
                _text(t["lead"], "lead"),
                _text(t.get("partners", ""), "partners"),
                _text(t.get("due", ""), "due"),
            )
            for t in raw.get("tasks", [])
        ),
        recipients=_strings(raw["recipients"]),
        tasks_after=tasks_section.get("after") if tasks_section else None,
        closing=_strings(raw.get("closing", [])),
        appendices=tuple(
            AppendixTemplate(
                _text(a["number"], "number"),
                _text(a["title"], "title"),
                tuple(_part(p) for p in a["parts"]),
            )
            for a in raw.get("appendices", [])
        ),
        citations=cited_documents(raw.get("citations")),
    )
