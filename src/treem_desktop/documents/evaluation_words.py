"""The self-assessment report's proposal (section III), which follows the verdict.

Only a commune that meets the standard asks for recognition; otherwise the report says what
is missing and how the commune will reach it. A department (Sở) does not recognise a commune:
it appraises the file and puts it to the authority that does ("thẩm định, trình cấp có thẩm
quyền công nhận"); a People's Committee may recognise it itself ("xem xét, công nhận").
"""

from __future__ import annotations

from collections.abc import Sequence

from treem_desktop.formatting import format_number
from treem_desktop.standards.scoring import CriterionScore, Score, Verdict

STANDARD = "tiêu chuẩn xã, phường phù hợp với trẻ em"
RECOGNISING_BODIES = ("ủy ban nhân dân", "uỷ ban nhân dân", "ubnd", "chủ tịch")


def recognition_request(recipient: str) -> str:
    """What the report asks of ``recipient``: a People's Committee recognises, any other
    office appraises and puts the file to the competent authority."""
    if recipient.strip().lower().startswith(RECOGNISING_BODIES):
        return "xem xét, công nhận"
    return "thẩm định, trình cấp có thẩm quyền công nhận"


def numbers(criteria: Sequence[CriterionScore]) -> str:
    return ", ".join(str(c.number) for c in criteria)


def below_maximum(score: Score) -> list[CriterionScore]:
    """The scored criteria short of their maximum: where the commune can still gain."""
    return [
        c
        for c in score.criteria
        if c.points is not None and c.max_points.known and c.points < c.max_points.number
    ]


def proposal(score: Score, values: dict[str, str]) -> str:
    """Section III of the report for ``score``; ``values`` are the template's placeholders."""
    commune, year = values["commune_in_sentence"], values["year"]
    recipient, unit = values["recipient"], values["unit"]
    if score.verdict is Verdict.RECOGNISED:
        return (
            f"Ủy ban nhân dân {commune} đề nghị {recipient} {recognition_request(recipient)} "
            f"{commune} đạt {STANDARD} năm {year}."
        )
    if score.verdict is Verdict.INCOMPLETE:
        missing = [c for c in score.criteria if c.points is None]
        return (
            f"Chưa đủ số liệu để kết luận: tiêu chí {numbers(missing)} chưa có đủ số liệu, minh "
            f"chứng để chấm điểm. Ủy ban nhân dân {unit} chưa đề nghị công nhận; các bộ phận được "
            "phân công hoàn thiện số liệu, minh chứng của các tiêu chí này, chấm điểm lại và báo "
            "cáo bổ sung khi đủ điều kiện."
        )
    return (
        f"Năm {year}, {commune} chưa đạt {STANDARD} ({_shortfall(score)}). Ủy ban nhân dân "
        f"{unit} chưa đề nghị công nhận; tập trung khắc phục {_weak(score)}, xây dựng kế hoạch "
        "cụ thể, phân công từng bộ phận thực hiện để đạt tiêu chuẩn trong kỳ đánh giá tiếp theo."
    )


def _shortfall(score: Score) -> str:
    """ "tiêu chí 4 đạt 0 điểm; còn thiếu 525 điểm so với ngưỡng 800 điểm"."""
    parts = []
    for reason in score.reasons:
        if reason.code == "CRITERION_AT_ZERO":
            parts.append(f"tiêu chí {reason.params['criterion']} đạt 0 điểm")
        elif reason.code == "POINTS_SHORT":
            short = float(str(reason.params["short"]))
            threshold = float(str(reason.params["threshold"]))
            parts.append(
                f"còn thiếu {format_number(short, 0)} điểm so với ngưỡng "
                f"{format_number(threshold, 0)} điểm"
            )
    return "; ".join(parts) or "chưa đủ điều kiện công nhận"


def _weak(score: Score) -> str:
    weak = below_maximum(score)
    if not weak:
        return "các tiêu chí chưa đạt"
    return f"các tiêu chí chưa đạt điểm tối đa (tiêu chí {numbers(weak)})"
