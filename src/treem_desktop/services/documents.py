"""Official documents: a register entry per document, composed from a template and data.

A document is a draft (no number) until it is issued; issuing gives it the next number of
its type in the year (storage/register_repo). Composing reads the commune's profile, the
year's evaluation round when the template inserts its score table, and the plan's tasks.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from treem_desktop.documents.compose import PlanTask, compose, default_tasks
from treem_desktop.documents.edits import apply_edits
from treem_desktop.documents.model import Document
from treem_desktop.documents.templates import Template, find_template
from treem_desktop.errors import TreemError
from treem_desktop.i18n import _
from treem_desktop.services.evaluation import EvaluationRound, open_round
from treem_desktop.services.workspace import Workspace
from treem_desktop.storage import register_repo
from treem_desktop.storage.register_repo import RegisterEntry


def new_document(workspace: Workspace, template_id: str, year: int) -> RegisterEntry:
    """A draft in the register, with the template's tasks for the year."""
    template = find_template(template_id)
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
    )
    tasks = default_tasks(template, year)
    register_repo.replace_tasks(
        workspace.conn, entry.id, [(t.content, t.lead, t.partners, t.due) for t in tasks]
    )
    return entry


def tasks_of(workspace: Workspace, entry: RegisterEntry) -> list[PlanTask]:
    return [
        PlanTask(t.content, t.lead_office, t.partners, t.due_on)
        for t in register_repo.document_tasks(workspace.conn, entry.id)
    ]


def save_tasks(workspace: Workspace, entry: RegisterEntry, tasks: list[PlanTask]) -> None:
    register_repo.replace_tasks(
        workspace.conn, entry.id, [(t.content, t.lead, t.partners, t.due) for t in tasks]
    )


def issue(workspace: Workspace, entry: RegisterEntry, on: dt.date) -> RegisterEntry:
    """The next number of its type in the year; an issued document keeps its number."""
    return register_repo.issue(workspace.conn, entry.id, on, workspace.actor)


def document_for(workspace: Workspace, entry: RegisterEntry) -> Document:
    """The entry's document as it stands: number and date once issued, tasks, data."""
    template = find_template(entry.template_id)
    document = compose(
        template,
        workspace.require_profile(),
        entry.year,
        entry.number,
        entry.issued_on,
        tasks_of(workspace, entry),
        _evaluation(workspace, template, entry.year),
        workspace=workspace,
    )
    document = replace(document, summary=entry.summary)  # the officer may have edited it
    return apply_edits(document, register_repo.load_edits(workspace.conn, entry.id))


def template_document(workspace: Workspace, entry: RegisterEntry) -> Document:
    """The document as the template gives it, before the officer's own words."""
    template = find_template(entry.template_id)
    return compose(
        template,
        workspace.require_profile(),
        entry.year,
        entry.number,
        entry.issued_on,
        tasks_of(workspace, entry),
        _evaluation(workspace, template, entry.year),
        workspace=workspace,
    )


def set_paragraph(workspace: Workspace, entry: RegisterEntry, key: str, text: str) -> None:
    """Replace one paragraph's words (saved as typed; an empty text leaves it out)."""
    edits = register_repo.load_edits(workspace.conn, entry.id)
    paragraphs = edits.get("paragraphs")
    own = dict(paragraphs) if isinstance(paragraphs, dict) else {}
    own[key] = text
    edits["paragraphs"] = own
    register_repo.save_edits(workspace.conn, entry.id, edits, workspace.actor)


def set_recipients(workspace: Workspace, entry: RegisterEntry, lines: list[str]) -> None:
    """The "Nơi nhận" list, one line each (the dash and the punctuation are added in print)."""
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


def write_docx(document: Document, path: Path) -> Path:
    """Write a composed document; composing switches the language, so it stays on the window's
    thread and only this writing may run in the background."""
    from treem_desktop.documents.docx_render import render_docx as write

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
    tasks = tasks_of(workspace, entry)
    while len(tasks) <= index:
        tasks.append(PlanTask("", ""))
    task = tasks[index]
    if field_name == "due":
        tasks[index] = PlanTask(task.content, task.lead, task.partners, parse_due(raw))
    elif field_name in ("content", "lead", "partners"):
        values = {"content": task.content, "lead": task.lead, "partners": task.partners}
        values[field_name] = raw.strip()
        tasks[index] = PlanTask(values["content"], values["lead"], values["partners"], task.due)
    else:
        raise KeyError(field_name)
    tasks = [t for t in tasks if t.content or t.lead or t.partners or t.due]
    save_tasks(workspace, entry, tasks)
    return tasks


def set_summary(workspace: Workspace, entry: RegisterEntry, summary: str) -> None:
    register_repo.set_summary(workspace.conn, entry.id, summary.strip(), workspace.actor)
