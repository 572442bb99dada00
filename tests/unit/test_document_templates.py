"""Templates shaped like the seeds, composed with the commune and its data."""

from __future__ import annotations

import datetime as dt

import pytest

from treem_desktop.documents.compose import PlanTask, compose, default_tasks
from treem_desktop.documents.model import Heading, Paragraph, Table
from treem_desktop.documents.templates import find_template, load_templates, template_from_bytes
from treem_desktop.errors import TreemError
from treem_desktop.services.evaluation import import_values
from treem_desktop.services.workspace import Workspace

PLAN = "ke-hoach-danh-gia-xa-phu-hop-tre-em"
REPORT = "bao-cao-tu-danh-gia"


def test_every_shipped_template_loads_with_a_type_code() -> None:
    templates = load_templates()
    assert {t.id for t in templates} >= {PLAN, REPORT}
    assert {t.type_code for t in templates} >= {"KH", "BC"}


def test_the_plan_is_composed_for_the_commune(workspace: Workspace) -> None:
    profile = workspace.require_profile()
    document = compose(find_template(PLAN), profile, 2026, 5, dt.date(2026, 1, 5))
    assert document.number.text() == "Số: 05/KH-UBND"
    assert document.place_and_date() == "Xã Mường Phăng, ngày 05 tháng 01 năm 2026"
    assert document.issuer_lines == ("ỦY BAN NHÂN DÂN", "XÃ MƯỜNG PHĂNG")
    assert document.kind == "KẾ HOẠCH"
    assert document.summary == "Triển khai tự đánh giá xã Mường Phăng phù hợp với trẻ em năm 2026"
    assert document.signature.authority_lines == ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")
    assert document.signature.name == "Lò Văn Tâm"
    assert document.recipients[0] == "Sở Y tế tỉnh Điện Biên"
    assert document.recipients[-1] == "Lưu: VT, VHXH"
    headings = [b for b in document.body if isinstance(b, Heading)]
    assert [h.number for h in headings if h.level == 1] == ["I.", "II.", "III.", "IV."]
    tasks = next(b for b in document.body if isinstance(b, Table))
    assert tasks.rows[0][4].text == "10/11/2026"
    assert tasks.rows[1][2].text == "Công chức Tư pháp - Hộ tịch"


def test_edited_tasks_replace_the_templates(workspace: Workspace) -> None:
    template = find_template(PLAN)
    tasks = [
        *default_tasks(template, 2026),
        PlanTask("Họp Ban chỉ đạo", "UBND xã", "", dt.date(2026, 12, 1)),
    ]
    document = compose(template, workspace.require_profile(), 2026, None, None, tasks)
    table = next(b for b in document.body if isinstance(b, Table))
    assert table.rows[-1][1].text == "Họp Ban chỉ đạo" and table.rows[-1][4].text == "01/12/2026"
    assert document.number.text() == "Số:      /KH-UBND"  # a draft: the number comes at issue


def test_the_report_carries_the_score_table_and_conclusion(workspace: Workspace) -> None:
    evaluation = import_values(
        workspace,
        2026,
        {"c6.a.numerator": 19, "c6.a.denominator": 20, "c6.b.numerator": 2, "c6.b.denominator": 2},
    )
    document = compose(
        find_template(REPORT),
        workspace.require_profile(),
        2026,
        3,
        dt.date(2026, 11, 20),
        evaluation=evaluation,
    )
    assert document.number.text() == "Số: 03/BC-UBND"
    assert document.addressees == ("Sở Y tế tỉnh Điện Biên",)
    table = next(b for b in document.body if isinstance(b, Table))
    c6 = table.rows[5]
    assert (c6[0].text, c6[2].text, c6[3].text) == ("6", "125", "125")
    assert table.rows[0][2].text == "100*"  # criterion 1's maximum: one secondary source
    assert table.rows[-1][3].text == "125"
    text = " ".join(r.text for b in document.body if isinstance(b, Paragraph) for r in b.runs)
    assert "Tổng số điểm tự đánh giá: 125 điểm (ngưỡng công nhận 800 điểm)" in text
    assert "Chưa đủ dữ liệu" in text


@pytest.mark.parametrize(
    "raw",
    [
        b"not json",
        b'{"kind": "standard", "spec_version": 1}',
        b'{"kind": "document-template", "spec_version": 1}',
    ],
)
def test_a_broken_template_is_refused(raw: bytes) -> None:
    with pytest.raises(TreemError) as caught:
        template_from_bytes(raw, "x.json")
    assert caught.value.code == "TEMPLATE_INVALID"


def test_legal_bases_end_with_semicolons_then_a_full_stop() -> None:
    from treem_desktop.documents.compose import legal_bases

    assert legal_bases(["Căn cứ A", "Căn cứ B;", "Căn cứ C."]) == (
        "Căn cứ A;",
        "Căn cứ B;",
        "Căn cứ C.",
    )
    assert legal_bases([]) == ()
