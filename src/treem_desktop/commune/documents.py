"""Official documents: a register entry per document, composed from a template and data.

A document is about a period (the year of a plan) and is issued on a date: two fields, and
the body speaks of the period. It is a draft (no number) until it is issued; issuing numbers
it the way chosen (commune.document_numbering), dates its "n days after" tasks and keeps the
composed document as it was issued. An issued document is locked; an explicit amendment
keeps the issued text in its history, or a new version starts a new draft from it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path

from treem_desktop.commune.document_data import commune_data
from treem_desktop.commune.document_numbering import numbering
from treem_desktop.commune.evaluation import EvaluationRound, open_round
from treem_desktop.commune.workspace import Workspace
from treem_desktop.core.jobs import Job, job_or_none
from treem_desktop.documents.citations import Citation
from treem_desktop.documents.compose import PlanTask, compose, default_tasks
from treem_desktop.documents.edits import apply_edits
from treem_desktop.documents.model import Document, DocumentNumber
from treem_desktop.documents.snapshot import from_json, to_json
from treem_desktop.documents.templates import Template, find_template
from treem_desktop.errors import TreemError
from treem_desktop.i18n import _
from treem_desktop.storage import register_repo
from treem_desktop.storage.register_repo import RegisterEntry as RegisterEntry

FIRST_YEAR, LAST_YEAR = 2000, 2100


def period_year(period: str | int) -> int:
    """The year of a period ("2027"); anything else is refused in words."""
    text = str(period).strip()
    if not (
        text.isascii()
        and text.isdigit()
        and len(text) == 4
        and FIRST_YEAR <= int(text) <= LAST_YEAR
    ):
        raise TreemError("DOCUMENT_PERIOD_INVALID", value=text)
    return int(text)


def periods_offered(today: dt.date) -> list[int]:
    """The years a new document may be about: this year, and next year from October on."""
    return [today.year, today.year + 1] if today.month >= 10 else [today.year]


def new_document(workspace: Workspace, template_id: str, period: str | int) -> RegisterEntry:
    """A draft in the register about ``period``, with the template's tasks for that year."""
    year = period_year(period)
    template = find_template(template_id, workspace.data_dir.path)
    profile = workspace.require_profile()
    summary = template.summary.format(
        commune=profile.commune.name,
        commune_in_sentence=profile.commune.name_in_sentence,
        province=profile.province_name,
        year=year,
        recipient=profile.recipient_name,
        evaluation_conclusion="",
    )
    entry = register_repo.create_draft(
        workspace.conn,
        year,
        template.type_code,
        profile.issuer_abbreviations[0],
        summary,
        template.id,
        workspace.actor,
        period=str(year),
    )
    save_tasks(workspace, entry, default_tasks(template, year, profile.commune.division_type))
    return entry


def register(workspace: Workspace, year: int | None = None) -> list[RegisterEntry]:
    """The outgoing register (sổ văn bản đi): every draft and issued document, or a year's."""
    return register_repo.entries(workspace.conn, year)


def require_editable(workspace: Workspace, entry_id: int) -> RegisterEntry:
    """The entry, if it is a draft (an issued document is refused)."""
    return register_repo.require_editable(workspace.conn, entry_id)


def find_entry(workspace: Workspace, entry_id: int) -> RegisterEntry:
    try:
        return register_repo.entry(workspace.conn, entry_id)
    except KeyError:
        raise TreemError("DOCUMENT_UNKNOWN", id=entry_id) from None


def tasks_of(workspace: Workspace, entry: RegisterEntry) -> list[PlanTask]:
    return [
        PlanTask(t.content, t.lead_office, t.partners, t.due_on, t.after_days)
        for t in register_repo.document_tasks(workspace.conn, entry.id)
    ]


def save_tasks(workspace: Workspace, entry: RegisterEntry, tasks: list[PlanTask]) -> None:
    register_repo.replace_tasks(
        workspace.conn,
        entry.id,
        [(t.content, t.lead, t.partners, t.due, t.after_days) for t in tasks],
    )


@dataclass(frozen=True)
class IssuePlan:
    """What issuing on ``on`` will do, shown to the officer before it is done."""

    number_text: str  # "Số: 16/KH-UBND", or "Số:      /KH-UBND" left for the clerk
    on: dt.date
    way: str
    tasks: tuple[PlanTask, ...]  # with the deadlines they will have

    @property
    def past(self) -> tuple[PlanTask, ...]:
        """Tasks whose deadline falls before the issue date."""
        return tuple(t for t in self.tasks if t.due is not None and t.due < self.on)


def issue_plan(
    workspace: Workspace, entry: RegisterEntry, on: dt.date, number: int | None = None
) -> IssuePlan:
    """The number and deadlines the document will take if issued on ``on`` (nothing kept)."""
    chosen = numbering(workspace)
    way = "typed" if number is not None else chosen.way
    shown: int | None = number
    if way == "register":
        shown = register_repo.next_number(workspace.conn, entry.id, on, chosen.first_number)
    tasks = tuple(
        replace(t, due=on + dt.timedelta(days=t.after_days)) if t.after_days is not None else t
        for t in tasks_of(workspace, entry)
    )
    text = DocumentNumber(shown, entry.type_code, entry.issuer_code).text()
    return IssuePlan(text, on, way, tasks)


def issue(
    workspace: Workspace,
    entry: RegisterEntry,
    on: dt.date,
    number: int | None = None,
    accept_past: bool = False,
) -> RegisterEntry:
    """Issue the draft on ``on``, numbered the chosen way (``number``: the clerk's number).

    Deadlines before ``on`` are refused unless ``accept_past`` (the officer saw them). The
    composed document is kept as issued; an issued document keeps its number.
    """
    if entry.status == "issued":
        return register_repo.entry(workspace.conn, entry.id)
    plan = issue_plan(workspace, entry, on, number)
    if plan.past and not accept_past:
        raise TreemError(
            "DOCUMENT_DEADLINES_PAST",
            count=len(plan.past),
            date=on.strftime("%d/%m/%Y"),
            tasks="; ".join(f"{t.content} ({t.due:%d/%m/%Y})" for t in plan.past),
        )
    chosen = numbering(workspace)
    issued = register_repo.issue(
        workspace.conn,
        entry.id,
        on,
        workspace.actor,
        plan.way,
        number,
        chosen.first_number,
    )
    keep_as_issued(workspace, issued)
    return issued


def keep_as_issued(workspace: Workspace, entry: RegisterEntry) -> None:
    """Keep the document as it stands now as what was issued (and lock it again)."""
    current = register_repo.entry(workspace.conn, entry.id)
    copy = to_json(_composed(workspace, current))
    register_repo.keep_issued_copy(workspace.conn, entry.id, copy, workspace.actor)


def amend(workspace: Workspace, entry: RegisterEntry) -> RegisterEntry:
    """ "Sửa văn bản đã ban hành": open it for changes, the issued text kept in its history."""
    return register_repo.start_amending(workspace.conn, entry.id, workspace.actor)


def finish_amendment(workspace: Workspace, entry: RegisterEntry) -> RegisterEntry:
    """Lock the amended document again; what it says now is what stands as issued."""
    keep_as_issued(workspace, entry)
    return register_repo.entry(workspace.conn, entry.id)


def new_version(workspace: Workspace, entry: RegisterEntry) -> RegisterEntry:
    """A new draft copied from ``entry``: its period, summary, own words and tasks."""
    draft = register_repo.create_draft(
        workspace.conn,
        entry.year,
        entry.type_code,
        entry.issuer_code,
        entry.summary,
        entry.template_id,
        workspace.actor,
        period=entry.period,
        edits=register_repo.load_edits(workspace.conn, entry.id),
    )
    save_tasks(workspace, draft, tasks_of(workspace, entry))
    return draft


def document_for(workspace: Workspace, entry: RegisterEntry) -> Document:
    """The entry's document: as issued once issued (word for word), else as it stands."""
    if entry.locked:
        copy = register_repo.issued_copy(workspace.conn, entry.id)
        if copy:
            return from_json(copy)
    return _composed(workspace, entry)


def _composed(workspace: Workspace, entry: RegisterEntry) -> Document:
    document = replace(template_document(workspace, entry), summary=entry.summary)
    return apply_edits(document, register_repo.load_edits(workspace.conn, entry.id))


def template_document(workspace: Workspace, entry: RegisterEntry) -> Document:
    """The document as the template gives it about its period, before the officer's words.

    A number left blank for the clerk prints "Số:      /KH-UBND" and a blank day and month.
    """
    template = find_template(entry.template_id, workspace.data_dir.path)
    dated = entry.issued_on if entry.numbering != "blank" else None
    document = compose(
        template,
        workspace.require_profile(),
        entry.year,
        entry.number,
        dated,
        tasks_of(workspace, entry),
        _evaluation(workspace, template, entry.year),
        data=commune_data(workspace),
        citations=citations_of(workspace, entry),
    )
    if entry.issued_on is not None:
        document = replace(document, blank_date_year=entry.issued_on.year)
    return document


def set_paragraph(workspace: Workspace, entry: RegisterEntry, key: str, text: str) -> None:
    """Replace one paragraph's words (saved as typed; an empty text leaves it out)."""
    register_repo.require_editable(workspace.conn, entry.id)
    edits = register_repo.load_edits(workspace.conn, entry.id)
    paragraphs = edits.get("paragraphs")
    own = dict(paragraphs) if isinstance(paragraphs, dict) else {}
    own[key] = text
    edits["paragraphs"] = own
    register_repo.save_edits(workspace.conn, entry.id, edits, workspace.actor)


def citations_of(workspace: Workspace, entry: RegisterEntry) -> dict[str, Citation]:
    """The documents this document cites (Văn bản căn cứ), by the template's citation id."""
    found = register_repo.load_edits(workspace.conn, entry.id).get("citations")
    if not isinstance(found, dict):
        return {}
    return {str(k): Citation.from_json(v) for k, v in found.items()}


def set_citation(
    workspace: Workspace, entry: RegisterEntry, citation_id: str, citation: Citation
) -> None:
    """Name a document the template cites (number, date, issuer); a citation without a
    number is forgotten, and its clause is left out of the document."""
    register_repo.require_editable(workspace.conn, entry.id)
    template = find_template(entry.template_id, workspace.data_dir.path)
    known = {c.id for c in template.citations}
    if citation_id not in known:
        raise ValueError(f"{entry.template_id} cites no document {citation_id!r}")
    edits = register_repo.load_edits(workspace.conn, entry.id)
    found = edits.get("citations")
    own = dict(found) if isinstance(found, dict) else {}
    if citation.filled:
        own[citation_id] = citation.as_json()
    else:
        own.pop(citation_id, None)
    edits["citations"] = own
    register_repo.save_edits(workspace.conn, entry.id, edits, workspace.actor)


def set_recipients(workspace: Workspace, entry: RegisterEntry, lines: list[str]) -> None:
    """The "Nơi nhận" list, one line each (the dash and the punctuation are added in print)."""
    register_repo.require_editable(workspace.conn, entry.id)
    edits = register_repo.load_edits(workspace.conn, entry.id)
    edits["recipients"] = [line.strip().lstrip("-").strip().rstrip(";.") for line in lines]
    register_repo.save_edits(workspace.conn, entry.id, edits, workspace.actor)


def _evaluation(workspace: Workspace, template: Template, year: int) -> EvaluationRound | None:
    if not template.needs_evaluation:
        return None
    try:
        return open_round(workspace, year)
    except TreemError:
        return None


def render_docx(workspace: Workspace, entry: RegisterEntry, path: Path) -> Path:
    return write_docx(document_for(workspace, entry), path)


def write_docx(document: Document, path: Path, job: Job | None = None) -> Path:
    """Write a composed document; composing switches the language, so it stays on the window's
    thread and only this writing may run in the background (``job``: told, may stop it first)."""
    from treem_desktop.documents.docx_render import render_docx as write

    job = job_or_none(job)
    job.check()
    job.step(0, 1, path.name)
    try:
        return write(document, path)
    except OSError as error:
        raise TreemError(
            "FILE_UNWRITABLE", path=path, detail=error.strerror or str(error)
        ) from error


TASK_FIELDS = ("content", "lead", "partners", "due")


def parse_due(raw: str) -> dt.date | None:
    """ "15/11/2026" (or 2026-11-15); empty clears the deadline."""
    text = raw.strip()
    if not text:
        return None
    for pattern in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise TreemError("INPUT_NOT_DATE", field="due", input=_("Deadline"), label=text)


def set_task_field(
    workspace: Workspace, entry: RegisterEntry, index: int, field_name: str, raw: str
) -> list[PlanTask]:
    """Change one field of task ``index`` (0-based); an index past the end adds a task."""
    register_repo.require_editable(workspace.conn, entry.id)
    tasks = tasks_of(workspace, entry)
    while len(tasks) <= index:
        tasks.append(PlanTask("", ""))
    task = tasks[index]
    if field_name == "due":
        tasks[index] = PlanTask(task.content, task.lead, task.partners, parse_due(raw), None)
    elif field_name in ("content", "lead", "partners"):
        values = {"content": task.content, "lead": task.lead, "partners": task.partners}
        values[field_name] = raw.strip()
        tasks[index] = replace(
            task, content=values["content"], lead=values["lead"], partners=values["partners"]
        )
    else:
        raise KeyError(field_name)
    tasks = [t for t in tasks if t.content or t.lead or t.partners or t.due or t.after_days]
    save_tasks(workspace, entry, tasks)
    return tasks


def set_summary(workspace: Workspace, entry: RegisterEntry, summary: str) -> None:
    register_repo.set_summary(workspace.conn, entry.id, summary.strip(), workspace.actor)
