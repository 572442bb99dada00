"""From a template, the commune and the data to a :class:`Document` (nothing retyped)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from treem_desktop.core.commune import CommuneProfile, signature_heading
from treem_desktop.documents.model import (
    Block,
    Cell,
    Document,
    DocumentNumber,
    Heading,
    Paragraph,
    Signature,
    Table,
)
from treem_desktop.documents.templates import Part, Template
from treem_desktop.formatting import format_number
from treem_desktop.services.evaluation import EvaluationRound
from treem_desktop.services.score_text import verdict_text
from treem_desktop.standards.model import tr
from treem_desktop.standards.scoring import Score, Verdict

UNCONFIRMED = "*"


@dataclass(frozen=True)
class PlanTask:
    """A task a plan assigns: what, who leads, who helps, by when."""

    content: str
    lead: str
    partners: str = ""
    due: dt.date | None = None


def default_tasks(template: Template, year: int) -> list[PlanTask]:
    return [
        PlanTask(t.content, t.lead, t.partners, _date(t.due.format(year=year)))
        for t in template.tasks
    ]


def _date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def context(
    profile: CommuneProfile, year: int, evaluation: EvaluationRound | None
) -> dict[str, str]:
    """The values of the templates' placeholders."""
    return {
        "commune": profile.commune.name,
        "commune_in_sentence": profile.commune.name_in_sentence,
        "province": profile.province_name,
        "year": str(year),
        "recipient": profile.recipient_name or "…",
        "evaluation_conclusion": conclusion(evaluation.score()) if evaluation else "",
    }


def conclusion(score: Score) -> str:
    """The sentence that sums the score up, with "tạm tính" when it is provisional."""
    total = format_number(score.total, 0)
    threshold = format_number(score.threshold.number, 0) if score.threshold.known else "?"
    text = (
        f"Tổng số điểm tự đánh giá: {total} điểm (ngưỡng công nhận {threshold} điểm). "
        f"Kết quả: {verdict_text(score.verdict)}."
    )
    if score.provisional and score.verdict is not Verdict.INCOMPLETE:
        text += (
            " Kết quả tạm tính: một số giá trị chưa được xác nhận từ văn bản chính thức "
            "của Quyết định 06/QĐ-TTg hoặc do cán bộ tự chấm (đánh dấu *)."
        )
    return text


def compose(
    template: Template,
    profile: CommuneProfile,
    year: int,
    number: int | None,
    on: dt.date | None,
    tasks: list[PlanTask] | None = None,
    evaluation: EvaluationRound | None = None,
) -> Document:
    """The document of ``template`` for the commune, its number and date, tasks and data."""
    values = context(profile, year, evaluation)
    body: list[Block] = []
    if template.opening:
        body.append(Paragraph.of(template.opening.format(**values)))
    for section in template.sections:
        body.append(Heading(1, section.number, section.title))
        for part in section.parts:
            body += _part(part, values, evaluation)
    if template.tasks_title is not None:
        number_text, title, intro = template.tasks_title
        body.append(Heading(1, number_text, title))
        if intro:
            body.append(Paragraph.of(intro))
        body.append(task_table(tasks if tasks is not None else default_tasks(template, year)))
    return Document(
        issuer_lines=("ỦY BAN NHÂN DÂN", profile.commune.name.upper()),
        number=DocumentNumber(number, template.type_code, profile.issuer_abbreviations[0]),
        place=profile.commune.name,
        date=on,
        kind=template.kind_text,
        summary=template.summary.format(**values),
        body=tuple(body),
        signature=Signature(signature_heading(profile.signer_title), profile.signer_name),
        recipients=tuple(
            r.format(**values) for r in template.recipients if r.format(**values).strip("…")
        ),
        addressees=tuple(a.format(**values) for a in template.addressees),
        legal_bases=legal_bases([b.format(**values) for b in template.legal_bases]),
    )


def legal_bases(lines: list[str]) -> tuple[str, ...]:
    """Each "Căn cứ …" ends with ";", the last with "." (Decree 30, Annex I)."""
    bare = [line.rstrip(" ;.") for line in lines]
    return tuple(f"{line};" for line in bare[:-1]) + tuple(f"{line}." for line in bare[-1:])


def _part(part: Part, values: dict[str, str], evaluation: EvaluationRound | None) -> list[Block]:
    blocks: list[Block] = []
    if part.title:
        blocks.append(Heading(2, part.number, part.title))
    blocks += [Paragraph.of(p.format(**values)) for p in part.paragraphs if p.format(**values)]
    if part.insert == "evaluation_score_table" and evaluation is not None:
        blocks.append(score_table(evaluation))
    return blocks


def task_table(tasks: list[PlanTask]) -> Table:
    header = (
        tuple(
            Cell(t, bold=True, align="center")
            for t in ("TT", "Nội dung", "Chủ trì", "Phối hợp", "Thời hạn")
        ),
    )
    rows = tuple(
        (
            Cell(str(i), align="center"),
            Cell(t.content),
            Cell(t.lead),
            Cell(t.partners),
            Cell(t.due.strftime("%d/%m/%Y") if t.due else "", align="center"),
        )
        for i, t in enumerate(tasks, start=1)
    )
    return Table(header, rows, (10, 60, 35, 32, 28))  # 165 mm: A4 less the 30 + 15 mm margins


def score_table(evaluation: EvaluationRound) -> Table:
    """Each criterion's maximum and points, the total and the threshold; * when unconfirmed."""
    score = evaluation.score()
    header = (
        tuple(
            Cell(t, bold=True, align="center")
            for t in ("TT", "Tiêu chí", "Điểm tối đa", "Điểm tự đánh giá")
        ),
    )
    rows = []
    for criterion, result in zip(evaluation.standard.criteria, score.criteria, strict=True):
        maximum = criterion.max_points
        max_text = format_number(maximum.number, 0) if maximum.known else "?"
        points = "—" if result.points is None else format_number(result.points, 0)
        rows.append(
            (
                Cell(str(criterion.number), align="center"),
                Cell(tr(criterion.name)),
                Cell(max_text + ("" if maximum.confirmed else UNCONFIRMED), align="center"),
                Cell(points + (UNCONFIRMED if result.unconfirmed else ""), align="center"),
            )
        )
    total = format_number(score.total, 0)
    rows.append(
        (
            Cell("", align="center"),
            Cell("Tổng cộng", bold=True),
            Cell("", align="center"),
            Cell(total, bold=True, align="center"),
        )
    )
    caption = "(*) Giá trị chưa được xác nhận từ văn bản chính thức hoặc điểm do cán bộ tự chấm."
    return Table(header, tuple(rows), (10, 100, 25, 25), caption=caption)
