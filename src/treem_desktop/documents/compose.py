"""From a template, the commune and the data to a :class:`Document` (nothing retyped).

The wording of the template is filled from :func:`context`; the data (the evaluation's score
table, the indicators' targets and results, the report tables) comes from
:mod:`treem_desktop.documents.inserts`. Documents are Vietnamese whatever the interface
language: :func:`compose` switches Vietnamese on while it works.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, replace

from treem_desktop.core.commune import CommuneProfile, signature_heading
from treem_desktop.documents import inserts
from treem_desktop.documents.citations import Citation, citation_text, with_citations
from treem_desktop.documents.evaluation_words import proposal
from treem_desktop.documents.inserts import InsertSource
from treem_desktop.documents.model import (
    Appendix,
    Block,
    Cell,
    Document,
    DocumentNumber,
    Heading,
    Paragraph,
    Run,
    Signature,
    Table,
)
from treem_desktop.documents.sources import CommuneData
from treem_desktop.documents.templates import AFTER_ISSUE, TASK_PLACEHOLDERS, Part, Template
from treem_desktop.documents.unit_words import unit_words
from treem_desktop.formatting import format_number, official_date
from treem_desktop.i18n import current_language, set_language
from treem_desktop.standards.round import EvaluationRound
from treem_desktop.standards.score_text import verdict_text
from treem_desktop.standards.scoring import Score, Verdict

RECIPIENT_UNSET = "…"


@dataclass(frozen=True)
class PlanTask:
    """A task a plan assigns: what, who leads, who helps, by when."""

    content: str
    lead: str
    partners: str = ""
    due: dt.date | None = None
    after_days: int | None = None  # "n days after the issue date": dated at issue


def default_tasks(template: Template, year: int, unit: str | None = None) -> list[PlanTask]:
    """The template's tasks for ``year``: "{year}-11-10" becomes 10/11/``year``; "+15"
    means 15 days after the issue date, so the deadline is set when the plan is issued."""
    values = {**task_context(year), **unit_words(unit)}  # unit: xã, phường, đặc khu
    found = []
    for t in template.tasks:
        due = t.due.format(**values)
        after = AFTER_ISSUE.match(due.strip())
        found.append(
            PlanTask(
                t.content.format(**values),
                t.lead.format(**values),
                t.partners.format(**values),
                None if after else _date(due),
                int(after.group(1)) if after else None,
            )
        )
    return found


def dated(tasks: list[PlanTask], on: dt.date | None) -> list[PlanTask]:
    """The tasks with their "n days after issue" deadlines dated from ``on`` (if known)."""
    if on is None:
        return tasks
    return [
        replace(t, due=on + dt.timedelta(days=t.after_days))
        if t.due is None and t.after_days is not None
        else t
        for t in tasks
    ]


def task_context(year: int) -> dict[str, str]:
    values = {"year": str(year), "next_year": str(year + 1)}
    assert set(values) == set(TASK_PLACEHOLDERS)
    return values


def _date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def context(
    profile: CommuneProfile, year: int, evaluation: EvaluationRound | None
) -> dict[str, str]:
    """The values of the templates' placeholders (templates.PLACEHOLDERS)."""
    values = {
        "commune": profile.commune.name,
        "commune_in_sentence": profile.commune.name_in_sentence,
        "unit": profile.commune.division_type or "xã",
        "province": profile.province_name,
        "province_in_sentence": province_in_sentence(profile),
        "year": str(year),
        "next_year": str(year + 1),
        "recipient": profile.recipient_name or RECIPIENT_UNSET,
        "evaluation_conclusion": conclusion(evaluation.score()) if evaluation else "",
        **unit_words(profile.commune.division_type),
    }
    values["evaluation_proposal"] = proposal(evaluation.score(), values) if evaluation else ""
    return values


def province_in_sentence(profile: CommuneProfile) -> str:
    """ "tỉnh Điện Biên", "thành phố Hà Nội" (a centrally-run city)."""
    from treem_desktop.core.admin_units import load_admin_units
    from treem_desktop.errors import TreemError

    name = profile.province_name
    try:
        city = load_admin_units().province(profile.commune.province_code).is_centrally_run_city
    except TreemError:
        city = False
    return f"{'thành phố' if city else 'tỉnh'} {name}"


def conclusion(score: Score) -> str:
    """The sentence that sums the score up, with "tạm tính" when it is provisional."""
    total = format_number(score.total, 0)
    threshold = (
        f"{format_number(score.threshold.number, 0)} điểm"
        if score.threshold.known
        else "chưa xác định"
    )
    text = (
        f"Tổng số điểm tự đánh giá: {total} điểm (ngưỡng công nhận: {threshold}). "
        f"Kết quả: {verdict_text(score.verdict)}."
    )
    if score.provisional and score.verdict is not Verdict.INCOMPLETE:
        text += (
            " Kết quả tạm tính: một số giá trị chưa được xác nhận từ văn bản chính thức "
            "của Quyết định 06/QĐ-TTg hoặc do cán bộ tự chấm (đánh dấu *)."
        )
    return text


@contextmanager
def vietnamese() -> Iterator[None]:
    """Vietnamese for the labels, verdicts and numbers of a document, then back."""
    before = current_language()
    if before == "vi":
        yield
        return
    set_language("vi")
    try:
        yield
    finally:
        set_language(before)


def compose(
    template: Template,
    profile: CommuneProfile,
    year: int,
    number: int | None,
    on: dt.date | None,
    tasks: list[PlanTask] | None = None,
    evaluation: EvaluationRound | None = None,
    data: CommuneData | None = None,
    citations: Mapping[str, Citation] | None = None,
) -> Document:
    """The document of ``template`` for the commune, its number and date, tasks and data.

    ``data`` gives the indicators and the report tables to the inserts that read them;
    without it those tables keep their shape and stay empty, to be filled by hand.
    ``citations`` name the documents the template cites; a clause citing one not named is
    left out.
    """
    with vietnamese():
        values = context(profile, year, evaluation)
        cited = {
            c.id: citation_text(c, (citations or {}).get(c.id), values) for c in template.citations
        }
        template = with_citations(template, cited)
        return _compose(template, profile, year, number, on, tasks, evaluation, data)


def _compose(
    template: Template,
    profile: CommuneProfile,
    year: int,
    number: int | None,
    on: dt.date | None,
    tasks: list[PlanTask] | None,
    evaluation: EvaluationRound | None,
    data: CommuneData | None,
) -> Document:
    values = context(profile, year, evaluation)
    source = InsertSource(year, data, evaluation)
    unit = profile.commune.division_type
    plan_tasks = tasks if tasks is not None else dated(default_tasks(template, year, unit), on)
    body: list[Block] = []
    if template.opening:
        body += paragraphs([template.opening], values)
    placed = False
    for section in template.sections:
        body.append(Heading(1, section.number, section.title.format(**values)))
        for part in section.parts:
            body += _part(part, values, source)
        if template.tasks_title is not None and section.number == template.tasks_after:
            body += _tasks(template, plan_tasks, values)
            placed = True
    if template.tasks_title is not None and not placed:
        body += _tasks(template, plan_tasks, values)
    body += paragraphs(template.closing, values)
    document_number = DocumentNumber(number, template.type_code, profile.issuer_abbreviations[0])
    return Document(
        issuer_lines=("ỦY BAN NHÂN DÂN", profile.commune.name.upper()),
        number=document_number,
        place=profile.commune.name,
        date=on,
        kind=template.kind_text,
        summary=template.summary.format(**values),
        body=tuple(body),
        signature=Signature(signature_heading(profile.signer_title), profile.signer_name),
        recipients=recipients(template, values, bool(profile.recipient_name)),
        addressees=tuple(a.format(**values) for a in template.addressees),
        legal_bases=legal_bases([b.format(**values) for b in template.legal_bases]),
        appendices=tuple(
            Appendix(
                a.number,
                a.title.format(**values),
                attached_to(template, document_number, on, year, values),
                tuple(b for part in a.parts for b in _part(part, values, source)),
            )
            for a in template.appendices
        ),
    )


def recipients(template: Template, values: dict[str, str], recipient_set: bool) -> tuple[str, ...]:
    """The "Nơi nhận" lines; the receiving office's line only when the office is set."""
    return tuple(
        line.format(**values)
        for line in template.recipients
        if (recipient_set or "{recipient}" not in line) and line.format(**values).strip("… ")
    )


def attached_to(
    template: Template,
    number: DocumentNumber,
    on: dt.date | None,
    year: int,
    values: dict[str, str],
) -> str:
    """ "(Kèm theo Báo cáo số 05/BC-UBND ngày 05 tháng 3 năm 2026 của Ủy ban nhân dân xã …)";
    a draft leaves the number and the day blank, to be written in at issue."""
    kind = template.kind_text.capitalize()
    reference = number.text().removeprefix("Số: ")  # a draft keeps the blank for the number
    day = official_date(on) if on else f"ngày     tháng     năm {year}"
    issuer = f"Ủy ban nhân dân {values['commune_in_sentence']}"
    return f"(Kèm theo {kind} số {reference} {day} của {issuer})"


def legal_bases(lines: list[str]) -> tuple[str, ...]:
    """Each "Căn cứ …" ends with ";", the last with "." (Decree 30, Annex I)."""
    bare = [line.rstrip(" ;.") for line in lines]
    return tuple(f"{line};" for line in bare[:-1]) + tuple(f"{line}." for line in bare[-1:])


MARKUP = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*|\*(?=[^\s*])([^*]+?)(?<=\S)\*")


def runs(text: str, values: dict[str, str]) -> tuple[Run, ...]:
    """The runs of a template paragraph: ``**bold**`` and ``*italic*`` stretches, each
    filled from ``values`` after the markup is read (a value may hold a star)."""
    found: list[Run] = []
    at = 0
    for match in MARKUP.finditer(text):
        if match.start() > at:
            found.append(Run(text[at : match.start()].format(**values)))
        bold, italic = match.group(1), match.group(2)
        found.append(
            Run((bold or italic).format(**values), bold=bold is not None, italic=italic is not None)
        )
        at = match.end()
    if at < len(text):
        found.append(Run(text[at:].format(**values)))
    return tuple(r for r in found if r.text)


def paragraphs(texts: tuple[str, ...] | list[str], values: dict[str, str]) -> list[Block]:
    """A paragraph for each text that is not empty once filled."""
    found: list[Block] = []
    for text in texts:
        filled = runs(text, values)
        if "".join(r.text for r in filled).strip():
            found.append(Paragraph(filled))
    return found


def _part(part: Part, values: dict[str, str], source: InsertSource) -> list[Block]:
    blocks: list[Block] = []
    if part.title:
        blocks.append(Heading(2, part.number, part.title.format(**values)))
    blocks += paragraphs(part.paragraphs, values)
    if part.insert is not None:
        blocks += inserts.build(part.insert, source)
    return blocks


def _tasks(template: Template, tasks: list[PlanTask], values: dict[str, str]) -> list[Block]:
    assert template.tasks_title is not None
    number_text, title, intro = template.tasks_title
    blocks: list[Block] = []
    if title:
        blocks.append(Heading(1, number_text, title.format(**values)))
    blocks += paragraphs([intro], values)
    blocks.append(task_table(tasks))
    return blocks


def due_text(task: PlanTask) -> str:
    """ "15/11/2026", or "15 ngày sau khi ban hành" until the plan is issued."""
    if task.due is not None:
        return task.due.strftime("%d/%m/%Y")
    if task.after_days is not None:
        return f"{task.after_days} ngày sau khi ban hành"
    return ""


def task_table(tasks: list[PlanTask]) -> Table:
    """TT, what, who leads, who co-operates, by when (dd/mm/yyyy)."""
    header = inserts.head("TT", "Nội dung", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời hạn")
    rows = tuple(
        (
            Cell(str(i), align="center"),
            Cell(t.content),
            Cell(t.lead),
            Cell(t.partners),
            Cell(due_text(t), align="center"),
        )
        for i, t in enumerate(tasks, start=1)
    )
    return Table(header, rows, (10, 63, 32, 32, 28))  # 165 mm: A4 less the 30 + 15 mm margins
