"""The office's documents of a period, as Decree 30 documents (documents.model):

- the list of communes proposed for recognition (danh sách đề nghị công nhận xã, phường phù
  hợp với trẻ em): the communes whose self-assessment is recognised, with their points;
- the consolidated report (báo cáo tổng hợp): who was evaluated, who is recognised against the
  target, the criteria where communes score 0, and the province's indicator values.

Official documents are in Vietnamese whatever the window's language, as the commune's are.
The header is the department's under its People's Committee ("UBND TỈNH ĐIỆN BIÊN" / "SỞ Y
TẾ"), the signature block comes from the office's signer (``office.signer``); the date is left
for the clerk (day and month blank, the year of printing).
"""

from __future__ import annotations

import re
from dataclasses import replace

from treem_desktop.core.text import clean, fold
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
from treem_desktop.formatting import format_number
from treem_desktop.office.consolidate import Consolidation
from treem_desktop.office.profile import OfficeProfile
from treem_desktop.office.signer import office_signature_heading
from treem_desktop.standards.model import tr

DECISION_06 = "Quyết định số 06/QĐ-TTg ngày 03/01/2019 của Thủ tướng Chính phủ"


def recognition_list(
    consolidation: Consolidation, profile: OfficeProfile, target_percent: float
) -> Document:
    """The list of communes proposed for recognition, with their points."""
    year = consolidation.period[:4]
    rows = tuple(
        (
            Cell(str(i), align="center"),
            Cell(s.commune_name),
            Cell(s.commune_code, align="center"),
            Cell(_points(s.total), align="right"),
            Cell("Tạm tính" if s.provisional else ""),
        )
        for i, s in enumerate(consolidation.recognised, start=1)
    )
    header = (tuple(Cell(t, bold=True, align="center") for t in _LIST_HEADS),)
    body: tuple[Block, ...] = (
        Paragraph.of(
            f"Căn cứ {DECISION_06} ban hành Quy định về tiêu chuẩn, trình tự đánh giá và công"
            f" nhận xã, phường, thị trấn phù hợp với trẻ em;"
            f" căn cứ kết quả tự đánh giá năm {year} của các xã, phường gửi về,"
        ),
        Paragraph.of(
            f"{profile.name} tổng hợp danh sách các xã, phường đề nghị công nhận đạt tiêu chuẩn"
            f" xã, phường phù hợp với trẻ em năm {year} như sau:"
        ),
        Table(header, rows, widths=(15, 65, 20, 28, 37)),
        Paragraph.of(_share_sentence(consolidation, target_percent)),
    )
    recipients = (f"UBND {province_in_sentence(profile)} (để báo cáo)", "Lưu: VT.")
    return _document(
        profile, "DS", "DANH SÁCH",
        f"Xã, phường đề nghị công nhận đạt tiêu chuẩn xã, phường phù hợp với trẻ em năm {year}",
        body, recipients,
    )  # fmt: skip


_LIST_HEADS = ("STT", "Xã, phường", "Mã", "Tổng điểm", "Ghi chú")


def consolidated_report(
    consolidation: Consolidation, profile: OfficeProfile, target_percent: float
) -> Document:
    """The consolidated report of the period: evaluations, then indicators."""
    body: tuple[Block, ...] = (
        Heading(1, "I.", "KẾT QUẢ ĐÁNH GIÁ XÃ, PHƯỜNG PHÙ HỢP VỚI TRẺ EM"),
        Paragraph.of(_evaluated_sentence(consolidation)),
        Paragraph.of(_share_sentence(consolidation, target_percent)),
        Paragraph.of(_zero_sentence(consolidation)),
        Heading(1, "II.", "CÁC CHỈ TIÊU VỀ TRẺ EM TOÀN TỈNH"),
        *_indicator_part(consolidation),
    )
    report = _document(
        profile, "BC", "BÁO CÁO",
        f"Kết quả tổng hợp đánh giá xã, phường phù hợp với trẻ em và các chỉ tiêu về trẻ em"
        f" kỳ {consolidation.period}",
        body, ("Như trên", "Lưu: VT."),
    )  # fmt: skip
    # A report to the level above names it: "Kính gửi: Ủy ban nhân dân tỉnh …" (Decree 30).
    return replace(report, addressees=(f"Ủy ban nhân dân {province_in_sentence(profile)}",))


def _indicator_part(consolidation: Consolidation) -> tuple[Block, ...]:
    """How the province's figures were computed and the table; one sentence when no commune
    has sent its indicators for the period (a table of empty rows says nothing)."""
    if not consolidation.indicator_reports:
        return (
            Paragraph.of(
                f"Chưa có xã, phường nào gửi báo cáo các chỉ tiêu về trẻ em kỳ"
                f" {consolidation.period}."
            ),
        )
    return (
        Paragraph.of(
            "Số liệu toàn tỉnh được tính theo từng chỉ tiêu: chỉ tiêu đếm số được cộng số liệu"
            " của các xã; chỉ tiêu tỷ lệ được tính lại từ tổng tử số và tổng mẫu số, không lấy"
            " trung bình các tỷ lệ; để trống khi các xã chưa gửi đủ tử số và mẫu số."
        ),
        _indicator_table(consolidation),
    )


def _indicator_table(consolidation: Consolidation) -> Table:
    heads = ("Chỉ tiêu", "Nội dung", "Toàn tỉnh", "Số xã có số liệu")
    rows = []
    for indicator in consolidation.indicators:
        total = consolidation.totals[indicator.id]
        value = "" if total.value is None else format_number(total.value, 1)
        rows.append(
            (
                Cell(indicator.number or indicator.id, align="center"),
                Cell(tr(indicator.label)),
                Cell(value, align="right"),
                Cell(str(total.communes), align="right"),
            )
        )
    header = (tuple(Cell(t, bold=True, align="center") for t in heads),)
    return Table(header, tuple(rows), widths=(18, 95, 25, 27))


def _evaluated_sentence(consolidation: Consolidation) -> str:
    expected = consolidation.expected_communes or len(consolidation.evaluations)
    return (
        f"Tổng số xã, phường của tỉnh: {expected}; số xã, phường đã gửi kết quả tự đánh giá:"
        f" {len(consolidation.evaluations)}."
    )


def _share_sentence(consolidation: Consolidation, target_percent: float) -> str:
    expected = consolidation.expected_communes or len(consolidation.evaluations)
    recognised = len(consolidation.recognised)
    share = recognised / expected * 100 if expected else 0.0
    met = "đạt" if share >= target_percent else "chưa đạt"
    return (
        f"Số xã, phường đạt tiêu chuẩn: {recognised}/{expected}, chiếm"
        f" {format_number(share, 1)}%; {met} mục tiêu {format_number(target_percent, 1)}%."
    )


def _zero_sentence(consolidation: Consolidation) -> str:
    zeros = [
        f"tiêu chí {c.number} ({consolidation.zero_points(c.id)} xã)"
        for c in consolidation.criteria
        if consolidation.zero_points(c.id)
    ]
    if not zeros:
        return "Không có xã, phường nào đạt 0 điểm ở một tiêu chí."
    return "Các tiêu chí có xã, phường đạt 0 điểm: " + "; ".join(zeros) + "."


def _points(total: float | None) -> str:
    return "" if total is None else format_number(total, 1)


def _document(
    profile: OfficeProfile, type_code: str, kind: str, summary: str, body: tuple[Block, ...],
    recipients: tuple[str, ...],
) -> Document:  # fmt: skip
    """The Decree 30 frame; the place is the province's proper name ("Điện Biên", "Hà Nội")."""
    area = province_in_sentence(profile)
    return Document(
        issuer_lines=(issuing_body(profile).upper(),),
        number=DocumentNumber(None, type_code, issuer_code(profile.name)),
        place=profile.province_name,
        date=None,
        kind=kind,
        summary=summary,
        body=body,
        signature=Signature(office_signature_heading(profile.signer), profile.signer.name),
        recipients=recipients,
        parent_lines=() if _is_committee(profile) else (f"UBND {area.upper()}",),
    )


def province_in_sentence(profile: OfficeProfile) -> str:
    """ "tỉnh Điện Biên", "thành phố Hà Nội" (the list names a city "Thành phố Hà Nội")."""
    name = clean(profile.province_name)
    city = "thành phố "
    if name.casefold().startswith(city):
        return city + name[len(city) :]
    return f"tỉnh {name}"


def issuing_body(profile: OfficeProfile) -> str:
    """The office's name under its People's Committee: "Sở Y tế" for "Sở Y tế tỉnh Điện
    Biên", the parent line already naming the province; any other name as it is."""
    name = clean(profile.name)
    area = province_in_sentence(profile)
    if _is_committee(profile):
        return name
    if fold(name).endswith(" " + fold(area)) and len(name) > len(area) + 1:
        return name[: -len(area)].rstrip()
    return name


def issuer_code(office_name: str) -> str:
    """``SYT`` for "Sở Y tế tỉnh Điện Biên": the initials of the words before the area."""
    words = re.split(r"\s+", office_name.strip())
    kept: list[str] = []
    for word in words:
        if fold(word) in ("tinh", "thanh"):
            break
        kept.append(word)
    initials = "".join(fold(w)[:1].upper() for w in kept if fold(w)[:1].isalnum())
    return initials or "UBND"


def _is_committee(profile: OfficeProfile) -> bool:
    """Whether the office is the People's Committee itself (no parent body above it)."""
    return fold(profile.name).startswith(("ubnd ", "uy ban nhan dan "))
