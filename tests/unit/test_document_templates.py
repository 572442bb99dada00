"""Templates shaped like the seeds, composed with the commune and its data."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from treem_desktop.commune import documents as docs
from treem_desktop.commune import indicators as ind
from treem_desktop.commune.document_data import commune_data
from treem_desktop.commune.evaluation import import_values
from treem_desktop.commune.tables import open_table
from treem_desktop.commune.workspace import Workspace
from treem_desktop.documents import inserts
from treem_desktop.documents.compose import (
    PlanTask,
    compose,
    context,
    default_tasks,
    legal_bases,
    runs,
)
from treem_desktop.documents.docx_blocks import placed_cells
from treem_desktop.documents.model import (
    Block,
    Document,
    Heading,
    Paragraph,
    Run,
    Signature,
    Table,
)
from treem_desktop.documents.templates import (
    PLACEHOLDERS,
    Template,
    find_template,
    load_templates,
    template_from_bytes,
)
from treem_desktop.errors import TreemError
from treem_desktop.i18n import set_language

PLAN = "ke-hoach-danh-gia-xa-phu-hop-tre-em"
REPORT = "bao-cao-tu-danh-gia"
REVIEW_PLAN = "ke-hoach-tong-ket-chuong-trinh-tre-em"  # seed 000
PROGRAMME = "chuong-trinh-cong-tac-tre-em"  # seed 002
TARGETS_PLAN = "ke-hoach-bao-ve-cham-soc-tre-em-nam"  # seed 003
OUTLINE_REPORT = "bao-cao-chuong-trinh-hanh-dong-vi-tre-em"  # seed 004
MID_TERM_REPORT = "bao-cao-so-ket-chuong-trinh-hanh-dong-2021-2025"
FORM = "report-nap-2021-2030"
REPORT_TABLE_B9 = "report_table:report-1555-2020/b9-9"
HA_NOI = Path(__file__).resolve().parents[1] / "data" / "targets" / "ha-noi-138-2021-example.json"
TEMPLATE_IDS = [t.id for t in load_templates()]


# --- Helpers -------------------------------------------------------------------------------


def blocks_of(document: Document) -> Iterator[Block]:
    yield from document.body
    for appendix in document.appendices:
        yield from appendix.blocks


def texts_of(document: Document) -> Iterator[str]:
    """Every text the document prints."""
    yield from document.issuer_lines
    yield document.number.text()
    yield document.place_and_date()
    yield from (document.kind, document.summary)
    yield from document.addressees
    yield from document.legal_bases
    for block in blocks_of(document):
        if isinstance(block, Paragraph):
            yield "".join(r.text for r in block.runs)
        elif isinstance(block, Heading):
            yield f"{block.number} {block.text}"
        elif isinstance(block, Table):
            yield block.caption
            yield from (c.text for row in (*block.header, *block.rows) for c in row)
    for appendix in document.appendices:
        yield from (appendix.number, appendix.title, appendix.note)
    yield from document.signature.authority_lines
    yield document.signature.name
    yield from document.recipients


def tables_of(document: Document) -> list[Table]:
    return [b for b in blocks_of(document) if isinstance(b, Table)]


def table_titled(document: Document, start: str) -> Table:
    return next(t for t in tables_of(document) if t.caption.startswith(start))


def body_rows(table: Table) -> list[list[str]]:
    return [[c.text for c in row] for row in table.rows]


def row_starting(table: Table, first: str) -> list[str]:
    return next(row for row in body_rows(table) if row[0].startswith(first))


WEIGHT_FOR_AGE = "Tỷ lệ trẻ em dưới 5 tuổi bị suy dinh dưỡng thể cân nặng theo tuổi"  # 4a
HEIGHT_FOR_AGE = "Tỷ lệ trẻ em dưới 5 tuổi bị suy dinh dưỡng thể chiều cao theo tuổi"  # 4b
NEWBORN_DEATHS = "Tỷ suất tử vong trẻ sơ sinh trên 1.000 trẻ đẻ sống"  # 3a


def row_named(table: Table, label: str) -> list[str]:
    """The row of the plan's target table whose indicator is ``label`` (TT is a running number)."""
    return next(row for row in body_rows(table) if len(row) > 1 and row[1] == label)


def paragraph_texts(document: Document) -> list[str]:
    return [
        "".join(r.text for r in b.runs) for b in blocks_of(document) if isinstance(b, Paragraph)
    ]


def composed(workspace: Workspace, template_id: str, year: int = 2026) -> Document:
    return compose(
        find_template(template_id),
        workspace.require_profile(),
        year,
        4,
        dt.date(2026, 3, 5),
        data=commune_data(workspace),
    )


def raw_template(**changes: object) -> bytes:
    """A small valid template with ``changes`` applied (None removes a key)."""
    raw: dict[str, object] = {
        "spec_version": 1,
        "kind": "document-template",
        "id": "x",
        "version": 1,
        "label": {"vi": "X"},
        "type_code": "KH",
        "kind_text": "KẾ HOẠCH",
        "summary": "Kế hoạch năm {year}",
        "opening": "Ủy ban nhân dân {commune_in_sentence}:",
        "sections": [{"number": "I.", "title": "A", "parts": [{"paragraphs": ["{unit}"]}]}],
        "tasks_section": {"number": "II.", "title": "TỔ CHỨC THỰC HIỆN"},
        "tasks": [{"content": "Việc", "lead": "Phòng", "due": "{year}-11-10"}],
        "recipients": ["Lưu: VT, VHXH"],
    }
    for key, value in changes.items():
        if value is None:
            raw.pop(key, None)
        else:
            raw[key] = value
    return json.dumps(raw, ensure_ascii=False).encode()


def refusal(**changes: object) -> str:
    """The technical place and reason (for the log and ``--json``); the officer's words are
    checked to name the template and to hold nothing technical."""
    with pytest.raises(TreemError) as caught:
        template_from_bytes(raw_template(**changes), "x.json")
    error = caught.value
    assert error.code == "TEMPLATE_INVALID"
    words = str(error.params["detail"])
    assert words.startswith("Mẫu “X”, ") and not re.search(r"[{}\[\]]|\w+_\w+", words), words
    return f"{error.field}: {error.params['technical']}"


# --- Every template ------------------------------------------------------------------------


def test_every_shipped_template_loads_with_a_type_code() -> None:
    templates = {t.id: t for t in load_templates()}
    assert {PLAN, REPORT, REVIEW_PLAN, PROGRAMME, TARGETS_PLAN, OUTLINE_REPORT} <= set(templates)
    assert templates[REVIEW_PLAN].type_code == "KH"
    assert (templates[PROGRAMME].type_code, templates[PROGRAMME].kind_text) == (
        "CTr",
        "CHƯƠNG TRÌNH",
    )
    assert templates[TARGETS_PLAN].type_code == "KH"
    assert templates[OUTLINE_REPORT].type_code == "BC"
    assert all(t.recipients[-1] == "Lưu: VT, VHXH" for t in templates.values())


@pytest.mark.parametrize("template_id", TEMPLATE_IDS)
def test_every_template_composes_for_the_demo_commune_without_leftovers(
    workspace: Workspace, template_id: str
) -> None:
    evaluation = import_values(workspace, 2026, {"c6.a.numerator": 19, "c6.a.denominator": 20})
    template = find_template(template_id)
    document = compose(
        template,
        workspace.require_profile(),
        2026,
        7,
        dt.date(2026, 3, 5),
        evaluation=evaluation,
        data=commune_data(workspace),
    )
    texts = list(texts_of(document))
    leftovers = [t for t in texts if "{" in t or "}" in t]
    assert leftovers == []
    assert document.issuer_lines == ("ỦY BAN NHÂN DÂN", "XÃ MƯỜNG PHĂNG")
    assert document.number.text() == f"Số: 07/{template.type_code}-UBND"
    assert document.signature == Signature(("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"), "Lò Văn Tâm")
    assert document.recipients[-1] == "Lưu: VT, VHXH"
    assert any("Mường Phăng" in t for t in texts)


@pytest.mark.parametrize("template_id", TEMPLATE_IDS)
def test_every_table_fits_a_portrait_page_and_its_spans_fill_the_grid(
    workspace: Workspace, template_id: str
) -> None:
    document = composed(workspace, template_id)
    for table in tables_of(document):
        assert sum(table.widths) <= 165.0, table.caption
        rows = (*table.header, *table.rows)
        covered = {
            (r + dr, c + dc)
            for r, c, cell in placed_cells(rows, len(table.widths))
            for dr in range(cell.row_span)
            for dc in range(cell.column_span)
        }
        assert len(covered) == len(rows) * len(table.widths), table.caption


@pytest.mark.parametrize("template_id", TEMPLATE_IDS)
def test_every_template_makes_a_draft_with_its_tasks_due_in_the_year(
    workspace: Workspace, template_id: str
) -> None:
    template = find_template(template_id)
    tasks = default_tasks(template, 2026)
    assert all(
        (t.due is not None and t.due.year == 2026 and t.after_days is None)
        or (t.due is None and t.after_days is not None and 0 < t.after_days <= 90)
        for t in tasks
    )
    assert all("{" not in t.content + t.lead + t.partners for t in tasks)
    entry = docs.new_document(workspace, template_id, 2026)
    assert entry.type_code == template.type_code
    assert "{" not in entry.summary


def test_the_context_fills_exactly_the_known_placeholders(workspace: Workspace) -> None:
    values = context(workspace.require_profile(), 2026, None)
    assert set(values) == set(PLACEHOLDERS)
    assert values["unit"] == "xã"
    assert values["province_in_sentence"] == "tỉnh Điện Biên"
    assert values["next_year"] == "2027"


# --- The older templates -------------------------------------------------------------------


def test_the_plan_is_composed_for_the_commune(workspace: Workspace) -> None:
    profile = workspace.require_profile()
    document = compose(find_template(PLAN), profile, 2026, 5, dt.date(2026, 1, 5))
    assert document.number.text() == "Số: 05/KH-UBND"
    assert document.place_and_date() == "Mường Phăng, ngày 05 tháng 01 năm 2026"
    assert document.issuer_lines == ("ỦY BAN NHÂN DÂN", "XÃ MƯỜNG PHĂNG")
    assert document.kind == "KẾ HOẠCH"
    assert document.summary == "Triển khai tự đánh giá xã Mường Phăng phù hợp với trẻ em năm 2026"
    assert document.signature.authority_lines == ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")
    assert document.signature.name == "Lò Văn Tâm"
    assert document.recipients[0] == "Sở Y tế tỉnh Điện Biên (b/c)"
    assert document.recipients[-1] == "Lưu: VT, VHXH"
    headings = [b for b in document.body if isinstance(b, Heading)]
    assert [h.number for h in headings if h.level == 1] == ["I.", "II.", "III.", "IV."]
    tasks = next(b for b in document.body if isinstance(b, Table))
    assert [c.text for c in tasks.header[0]] == [
        "TT",
        "Nội dung",
        "Đơn vị chủ trì",
        "Đơn vị phối hợp",
        "Thời hạn",
    ]
    assert tasks.rows[0][4].text == "30/01/2026"  # 25 days after the issue date
    assert tasks.rows[-1][4].text == "30/11/2026"  # the file due at the province
    assert tasks.rows[1][2].text == "Công chức Tư pháp - Hộ tịch"
    assert paragraph_texts(document)[-1].endswith("./.")


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
    assert document.addressees == ()  # no "Kính gửi" in a báo cáo: the office is in Nơi nhận
    assert document.recipients[0] == "Sở Y tế tỉnh Điện Biên"
    table = next(b for b in document.body if isinstance(b, Table))
    c6 = table.rows[5]
    assert (c6[0].text, c6[2].text, c6[3].text) == ("6", "125", "125")
    assert table.rows[0][2].text == "100*"  # criterion 1's maximum: one secondary source
    assert table.rows[-1][3].text == "125"
    assert table.caption == ""  # the (*) note goes under the table, not above it
    text = " ".join(paragraph_texts(document))
    assert "Tổng số điểm tự đánh giá: 125 điểm (ngưỡng công nhận: 800 điểm)" in text
    assert "Chưa đủ dữ liệu" in text
    assert "(*) Giá trị chưa được xác nhận từ văn bản chính thức" in text


# --- Seed 000 and 002: the review plan and the work programme ------------------------------


def test_the_review_plan_follows_seed_000(workspace: Workspace) -> None:
    document = composed(workspace, REVIEW_PLAN)
    assert document.kind == "KẾ HOẠCH"
    assert document.summary.startswith("Tổng kết, đánh giá kết quả thực hiện")
    level_one = [
        (b.number, b.text) for b in document.body if isinstance(b, Heading) and b.level == 1
    ]
    assert level_one == [
        ("I.", "MỤC ĐÍCH, YÊU CẦU"),
        ("II.", "NỘI DUNG"),
        ("III.", "THỜI GIAN VÀ HÌNH THỨC TỔNG KẾT"),
        ("IV.", "KINH PHÍ THỰC HIỆN"),
        ("V.", "TỔ CHỨC THỰC HIỆN"),
    ]
    opening = next(b for b in document.body if isinstance(b, Paragraph))
    assert Run("gọi chung là các Chương trình", italic=True) in opening.runs
    assert "Các bộ phận, đơn vị có tên tại mục V" in document.recipients


def test_the_work_programme_follows_seed_002_as_a_table_of_tasks(workspace: Workspace) -> None:
    document = composed(workspace, PROGRAMME)
    assert (document.kind, document.number.text()) == ("CHƯƠNG TRÌNH", "Số: 04/CTr-UBND")
    assert not any(isinstance(b, Heading) for b in document.body)  # the seed has no sections
    table = tables_of(document)[0]
    assert len(table.rows) == len(find_template(PROGRAMME).tasks) >= 10
    assert all(row[2] and row[4].endswith("/2026") for row in body_rows(table))
    assert paragraph_texts(document)[-1].endswith("(nếu có)./.")


# --- Seed 003: the plan with the targets ---------------------------------------------------


def test_the_targets_plan_lists_the_national_targets_in_force(workspace: Workspace) -> None:
    document = composed(workspace, TARGETS_PLAN)
    table = tables_of(document)[0]
    assert [c.text for c in table.header[0]] == [
        "TT",
        "Chỉ tiêu",
        "Đơn vị tính",
        "Chỉ tiêu quốc gia đến năm 2030",  # 2026 is held against the 2030 milestone
        "Chỉ tiêu của xã năm 2026",  # no province file: not given yet
        "Nguồn",
    ]
    assert row_named(table, WEIGHT_FOR_AGE)[2:] == ["%", "< 6%", "Chưa giao", "23/QĐ-TTg"]
    assert row_starting(table, "Mục tiêu 1:")[0].startswith("Mục tiêu 1: Về phát triển toàn")
    numbers = [row[0] for row in body_rows(table) if len(row) > 1]
    assert numbers == [str(n) for n in range(1, len(numbers) + 1)]  # 1, 2, 3…: no "2" first
    labels = [row[1] for row in body_rows(table) if len(row) > 1]
    assert not any(label.startswith("Tỷ lệ xã, phường") for label in labels)  # the province's
    texts = [cell for row in body_rows(table) for cell in row]
    assert "≥ 100%" not in texts and "100%" in texts
    [missing] = [r for r in body_rows(table) if len(r) > 1 and r[3].startswith("Chưa có chỉ tiêu")]
    assert missing[3] == "Chưa có chỉ tiêu (1)"
    notes = " ".join(paragraph_texts(document))
    assert f"(1) {missing[1]}: Chưa có mức năm 2030: " in notes  # says why
    assert sum(table.widths) <= 165
    headings = [b.text for b in document.body if isinstance(b, Heading) and b.level == 1]
    assert headings[:2] == ["MỤC TIÊU CỤ THỂ", "NHIỆM VỤ CỤ THỂ"]
    assert headings[-2:] == ["TỔ CHỨC THỰC HIỆN", "CHẾ ĐỘ BÁO CÁO"]  # tasks before section VI


def test_the_targets_plan_shows_the_provinces_target_once_imported(workspace: Workspace) -> None:
    ind.import_targets(workspace, HA_NOI)
    document = composed(workspace, TARGETS_PLAN)
    table = tables_of(document)[0]
    assert row_named(table, WEIGHT_FOR_AGE)[2:] == [
        "%",
        "< 6%",  # the national target beside the commune's own
        "≤ 6,8%\n(năm 2030)",  # the province's target for 2030, the next it set
        "138/KH-UBND",
    ]
    assert row_named(table, HEIGHT_FOR_AGE)[4] == "< 11,5%\n(năm 2030)"
    assert row_named(table, NEWBORN_DEATHS)[4:] == ["Chưa giao", "23/QĐ-TTg"]  # not in the file
    notes = " ".join(paragraph_texts(document))
    assert "138/KH-UBND: Kế hoạch số 138/KH-UBND của Ủy ban nhân dân thành phố Hà Nội" in notes
    assert "23/QĐ-TTg: Quyết định số 23/QĐ-TTg ngày 07/01/2021 của Thủ tướng Chính phủ" in notes

    in_2025 = tables_of(composed(workspace, TARGETS_PLAN, year=2025))[0]
    assert in_2025.header[0][3].text == "Chỉ tiêu quốc gia đến năm 2025"
    assert row_named(in_2025, WEIGHT_FOR_AGE)[4] == "≤ 7,3%"


# --- Seed 004: the report with its tables --------------------------------------------------


def test_the_outline_report_has_the_seven_sections_and_two_appendices(
    workspace: Workspace,
) -> None:
    document = composed(workspace, OUTLINE_REPORT)
    assert document.kind == "BÁO CÁO"
    assert document.addressees == ()
    assert "2012" not in document.summary and "2021\u00a0-\u00a02030 năm 2026" in document.summary
    level_one = [b.number for b in document.body if isinstance(b, Heading) and b.level == 1]
    assert level_one == ["1.", "2.", "3.", "4.", "5.", "6.", "7."]
    assert [a.number for a in document.appendices] == ["I", "II"]
    assert document.appendices[0].note == (
        "(Kèm theo Báo cáo số 04/BC-UBND ngày 05 tháng 3 năm 2026 "
        "của Ủy ban nhân dân xã Mường Phăng)"
    )
    captions = [t.caption.split(". ")[0] for t in tables_of(document) if t.caption]
    assert captions == ["Bảng 1.1", "Bảng 2.1", "Bảng 2.2", "Bảng 2.3"]


def test_the_report_carries_bang_2_1_with_its_years_and_the_values_stored(
    workspace: Workspace,
) -> None:
    session = open_table(workspace, FORM, "b2-1")
    session.store("2025", "chien-dich", "4")
    session.store("2025", "kinh-phi", "15.000")
    session.store("2030", "doi-tuong", "1200")
    table = table_titled(composed(workspace, OUTLINE_REPORT), "Bảng 2.1.")
    first, second = table.header
    assert (first[0].text, first[0].row_span) == ("Năm", 2)
    assert [c.column_span for c in first[1:]] == [3, 2]
    assert first[1].text.startswith("Tổ chức các chiến dịch")
    assert len(second) == 5 and second[2].text == "Kinh phí (1000đ)"
    assert [row[0] for row in body_rows(table)] == [str(y) for y in range(2021, 2031)]
    assert row_starting(table, "2025")[1:4] == ["4", "", "15.000"]
    assert row_starting(table, "2030")[2] == "1.200"
    assert len(table.widths) == 6


def test_the_report_carries_bang_2_3_with_column_numbers_groups_and_the_1c_sum(
    workspace: Workspace,
) -> None:
    session = open_table(workspace, FORM, "b2-3")
    session.store("2026-2030-xa", "1a", "1")
    session.store("2026-2030-xa", "1b", "2")
    session.store("2026-2030-xa", "2", "Phòng Văn hóa - Xã hội")
    table = table_titled(composed(workspace, OUTLINE_REPORT), "Bảng 2.3.")
    texts = [c.text for row in table.header for c in row]
    assert "Chuyên trách\n(1a)" in texts and "Tổng số\n(1c)" in texts
    assert "Mô hình tổ chức\n(2)" in texts
    groups = [row[0] for row in table.rows if row[0].column_span == 7]
    assert [g.text for g in groups] == ["Giai đoạn 2021 - 2025", "Giai đoạn 2026 - 2030"]
    rows = body_rows(table)
    assert [
        r[0] for r in rows if r[0] not in ("Giai đoạn 2021 - 2025", "Giai đoạn 2026 - 2030")
    ] == [
        "Cấp xã",
        "Mạng lưới cộng tác viên",
    ] * 2  # a commune is not asked for the province's and the district's rows
    xa = rows[[r[0] for r in rows].index("Giai đoạn 2026 - 2030") + 1]
    assert xa[:5] == ["Cấp xã", "1", "2", "3", "Phòng Văn hóa - Xã hội"]


def test_the_report_lists_bang_1_1_and_2_2_rows_or_blank_rows_to_fill(
    workspace: Workspace,
) -> None:
    blank = table_titled(composed(workspace, OUTLINE_REPORT), "Bảng 1.1.")
    assert body_rows(blank) == [[str(n), "", "", ""] for n in (1, 2, 3)]
    session = open_table(workspace, FORM, "b1-1")
    session.store("r1", "1", "Kế hoạch số 12/KH-UBND")
    session.store("r1", "3", "15/3/2013")
    bang_2_2 = open_table(workspace, FORM, "b2-2")
    bang_2_2.store("r1", "1", "Kế hoạch bảo vệ trẻ em giai đoạn 2026 - 2030")
    bang_2_2.store("r1", "2b", "có")
    document = composed(workspace, OUTLINE_REPORT)
    assert body_rows(table_titled(document, "Bảng 1.1.")) == [
        ["1", "Kế hoạch số 12/KH-UBND", "", "15/03/2013"]
    ]
    bang = table_titled(document, "Bảng 2.2.")
    assert body_rows(bang) == [["Kế hoạch bảo vệ trẻ em giai đoạn 2026 - 2030", "", "x"]]
    assert bang.header[1][0].text == "2021 - 2025\n(2a)"


def test_phu_luc_2_gives_the_status_of_each_indicator_from_its_values(
    workspace: Workspace,
) -> None:
    ind.import_values(workspace, "2026", {"ct04a": 8.1, "ct16": 100, "ct05a": 96})
    document = composed(workspace, OUTLINE_REPORT)
    appendix = document.appendices[1]
    assert appendix.title.startswith("Kết quả thực hiện các mục tiêu, chỉ tiêu")
    table = next(b for b in appendix.blocks if isinstance(b, Table))
    assert [c.text for c in table.header[0]] == [
        "Mục tiêu/chỉ tiêu",
        "Đơn vị tính",
        "Mục tiêu",
        "Kết quả thực hiện",
        "Đánh giá",
    ]
    # 2026 is on the way to 2030: judged on the path from the 2025 targets, not "not met"
    assert row_starting(table, "4a.")[1:] == ["%", "< 6%", "8,1", "Đúng tiến độ"]  # path 8,4
    assert row_starting(table, "16.")[3:] == ["100", "Đúng tiến độ"]
    assert row_starting(table, "5a.")[3:] == ["96", "Chậm tiến độ"]  # path 97,2
    assert row_starting(table, "3a.")[3:] == ["", "Chưa có số liệu"]
    text = " ".join(paragraph_texts(document))
    assert "- Các chỉ tiêu đúng tiến độ: 2 chỉ tiêu (4a, 16)." in text
    assert "- Các chỉ tiêu chậm tiến độ: 1 chỉ tiêu (5a)." in text
    assert "Không đạt" not in text
    assert "Mục tiêu: chỉ tiêu đến năm 2030" in text


def test_up_to_2025_results_are_judged_against_the_2025_targets(workspace: Workspace) -> None:
    ind.import_values(workspace, "2025", {"ct04a": 8.1, "ct05a": 96})
    document = composed(workspace, MID_TERM_REPORT, year=2025)
    assert "2012" not in document.summary and "giai đoạn 2021 - 2025" in document.summary
    table = next(b for b in document.appendices[1].blocks if isinstance(b, Table))
    assert row_starting(table, "4a.")[2:] == ["< 9%", "8,1", "Đạt"]
    assert row_starting(table, "5a.")[2:] == ["≥ 97%", "96", "Không đạt"]


def test_a_result_typed_in_phu_luc_2_wins_over_the_indicator_value(workspace: Workspace) -> None:
    ind.import_values(workspace, "2026", {"ct04a": 8.1})
    open_table(workspace, FORM, "pl2", "2026").store("ct04a", "ket-qua", "5,5")
    table = next(
        b for b in composed(workspace, OUTLINE_REPORT).appendices[1].blocks if isinstance(b, Table)
    )
    assert row_starting(table, "4a.")[3:] == ["5,5", "Đúng tiến độ"]


def test_documents_stay_vietnamese_in_the_english_interface(workspace: Workspace) -> None:
    ind.import_values(workspace, "2026", {"ct16": 100})
    set_language("en")
    document = composed(workspace, OUTLINE_REPORT)
    table = next(b for b in document.appendices[1].blocks if isinstance(b, Table))
    assert row_starting(table, "16.")[4] == "Đúng tiến độ"
    assert row_starting(table, "3a.")[1:3] == ["trên 1.000 trẻ đẻ sống", "< 9‰"]
    assert table_titled(document, "Bảng 2.1.").header[0][0].text == "Năm"


def test_without_a_workspace_the_tables_keep_their_shape_to_fill_by_hand(
    workspace: Workspace,
) -> None:
    document = compose(find_template(OUTLINE_REPORT), workspace.require_profile(), 2026, None, None)
    assert [row[0] for row in body_rows(table_titled(document, "Bảng 2.1."))][-1] == "2030"
    assert document.appendices[0].note == (
        "(Kèm theo Báo cáo số      /BC-UBND ngày     tháng     năm 2026 "
        "của Ủy ban nhân dân xã Mường Phăng)"
    )
    plan = compose(find_template(TARGETS_PLAN), workspace.require_profile(), 2026, None, None)
    assert row_named(tables_of(plan)[0], WEIGHT_FOR_AGE)[3:5] == ["< 6%", "Chưa giao"]


def test_an_unset_receiving_office_leaves_no_line_in_the_recipients(
    workspace: Workspace,
) -> None:
    profile = workspace.require_profile().with_changes(recipient_name="")
    document = compose(find_template(REVIEW_PLAN), profile, 2026, None, None)
    assert document.recipients[0] == "Thường trực Đảng ủy xã (b/c)"
    assert not any("…" in r for r in document.recipients)


# --- Template checks -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [
        b"not json",
        b"[]",
        b'{"kind": "standard", "spec_version": 1}',
        b'{"kind": "document-template", "spec_version": 1}',
    ],
)
def test_a_broken_template_is_refused(raw: bytes) -> None:
    with pytest.raises(TreemError) as caught:
        template_from_bytes(raw, "x.json")
    assert caught.value.code == "TEMPLATE_INVALID"


def test_the_small_template_of_these_tests_loads() -> None:
    template = template_from_bytes(raw_template(), "x.json")
    assert isinstance(template, Template) and template.tasks[0].due == "{year}-11-10"


def test_an_unknown_insert_is_refused_with_its_place_and_the_known_ones() -> None:
    sections = [{"number": "I.", "title": "A", "parts": [{"paragraphs": [], "insert": "chart"}]}]
    detail = refusal(sections=sections)
    assert "sections[0].parts[0].insert: unknown insert 'chart'" in detail
    assert "indicator_targets" in detail and "report_table:<form>/<table>" in detail
    unknown_table = [{"number": "I.", "title": "A", "parts": [{"insert": REPORT_TABLE_B9}]}]
    assert "there is no report table report-1555-2020/b9-9" in refusal(sections=unknown_table)


def test_an_unknown_placeholder_is_refused_when_the_template_is_loaded() -> None:
    detail = refusal(opening="Ủy ban nhân dân {village}:")
    assert detail.startswith("opening: unknown placeholder {village}")
    assert "{commune_in_sentence}" in detail
    detail = refusal(recipients=["{recipient} (b/c)", "Lưu: VT, {office}"])
    assert detail.startswith("recipients[1]: unknown placeholder {office}")
    assert "malformed placeholder" in refusal(closing=["Năm {year"])
    # the register fills a draft's summary with fewer values (commune.documents)
    assert refusal(summary="Kế hoạch của {unit}").startswith("summary: unknown placeholder {unit}")


def test_tasks_take_only_the_year_and_a_deadline_of_the_year() -> None:
    bad_due = [{"content": "Việc", "lead": "Phòng", "due": "10/11/{year}"}]
    assert "tasks[0].due: '10/11/{year}' is not a date" in refusal(tasks=bad_due)
    for wrong in ("15", "+15 ngày", "-5", "+1000"):
        late = [{"content": "Việc", "lead": "Phòng", "due": wrong}]
        assert f"tasks[0].due: '{wrong}' is not a date" in refusal(tasks=late)
    fifteen = [{"content": "Việc", "lead": "Phòng", "due": "+15"}]  # 15 days after issue
    template = template_from_bytes(raw_template(tasks=fifteen), "x.json")
    assert [(t.due, t.after_days) for t in default_tasks(template, 2026)] == [(None, 15)]
    commune = [{"content": "Họp tại {commune}", "lead": "Phòng", "due": "{year}-11-10"}]
    assert refusal(tasks=commune).startswith("tasks[0].content: unknown placeholder {commune}")
    after = {"number": "II.", "title": "TỔ CHỨC THỰC HIỆN", "after": "IX."}
    assert "there is no section 'IX.'" in refusal(tasks_section=after)


def test_paragraphs_mark_bold_and_italics_and_keep_the_stars_of_values() -> None:
    values = {"year": "2026", "note": "(đánh dấu *)"}
    assert runs("Trước ngày **10/11/{year}** (*qua Phòng*) {note}", values) == (
        Run("Trước ngày "),
        Run("10/11/2026", bold=True),
        Run(" ("),
        Run("qua Phòng", italic=True),
        Run(") (đánh dấu *)"),
    )
    assert runs("(*) Ghi chú", {}) == (Run("(*) Ghi chú"),)


def test_fitted_widths_never_pass_the_text_width() -> None:
    widths = inserts.fit_widths([0, 1, 1, 1], [33.3, None, None, None])
    assert widths[0] == 33.0 and sum(widths) <= 165


def test_legal_bases_end_with_semicolons_then_a_full_stop() -> None:
    assert legal_bases(["Căn cứ A", "Căn cứ B;", "Căn cứ C."]) == (
        "Căn cứ A;",
        "Căn cứ B;",
        "Căn cứ C.",
    )
    assert legal_bases([]) == ()


def test_a_criterion_scored_in_part_shows_its_points_so_far(workspace: Workspace) -> None:
    evaluation = import_values(workspace, 2026, {"c6.a.numerator": 19, "c6.a.denominator": 20})
    document = compose(
        find_template(REPORT), workspace.require_profile(), 2026, None, None, evaluation=evaluation
    )
    table = tables_of(document)[0]
    known = evaluation.score().criterion("c6").known_points
    assert known > 0 and table.rows[5][3].text == f"{known:.0f}\n(chưa đủ)"
    assert table.rows[-1][3].text == f"{evaluation.score().total:.0f}"
    assert any("chưa đủ" in t for t in paragraph_texts(document))
