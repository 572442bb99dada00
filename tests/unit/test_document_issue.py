"""Issuing: the period apart from the issue date, deadlines, the three numbering ways, the
place line, what was issued kept word for word."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import docx
import pytest

from treem_desktop.commune import documents as docs
from treem_desktop.commune.document_numbering import numbering, set_numbering
from treem_desktop.commune.workspace import Workspace
from treem_desktop.core.admin_units import load_admin_units
from treem_desktop.documents.model import proper_place
from treem_desktop.errors import TreemError
from treem_desktop.paths import DataDirChoice
from treem_desktop.storage import register_repo

PLAN = "ke-hoach-danh-gia-xa-phu-hop-tre-em"
DECEMBER = dt.date(2026, 12, 7)


def body_text(path: Path) -> str:
    """The docx without its header table (number, place and date) and signature table."""
    document = docx.Document(str(path))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables[1:-1]:
        texts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(texts)


def test_next_years_plan_drafted_in_december_speaks_of_next_year(
    workspace: Workspace, tmp_path: Path
) -> None:
    entry = docs.issue(workspace, docs.new_document(workspace, PLAN, "2027"), DECEMBER)
    assert (entry.year, entry.period, entry.issued_on) == (2027, "2027", DECEMBER)
    text = body_text(docs.render_docx(workspace, entry, tmp_path / "kh.docx"))
    cited = re.sub(r"ngày \d{2}/\d{2}/\d{4}", "", text)  # dates of the documents cited
    after_issue = [t for t in docs.tasks_of(workspace, entry) if t.after_days is not None]
    assert after_issue  # "n days after issue": dated from 07/12/2026, so in 2026 or 2027
    for task in after_issue:
        assert task.due == DECEMBER + dt.timedelta(days=task.after_days or 0)
        cited = cited.replace(f"{task.due:%d/%m/%Y}", "")
    assert "2027" in cited and set(re.findall(r"\b20\d\d\b", cited)) == {"2027"}


def test_no_deadline_before_the_issue_date_without_the_flag(workspace: Workspace) -> None:
    draft = docs.new_document(workspace, PLAN, 2026)  # tasks on 31/10 and 10/11/2026
    plan = docs.issue_plan(workspace, draft, DECEMBER)
    late = [t for t in plan.tasks if t.due is not None and t.due < DECEMBER]
    assert plan.past and list(plan.past) == late
    with pytest.raises(TreemError) as refused:
        docs.issue(workspace, draft, DECEMBER)
    assert refused.value.code == "DOCUMENT_DEADLINES_PAST"
    assert register_repo.entry(workspace.conn, draft.id).status == "draft"
    assert docs.issue(workspace, draft, DECEMBER, accept_past=True).status == "issued"


def test_a_task_n_days_after_issue_is_dated_from_the_issue_date(workspace: Workspace) -> None:
    draft = docs.new_document(workspace, PLAN, 2027)
    tasks = docs.tasks_of(workspace, draft)
    tasks[0] = docs.PlanTask("Niêm yết công khai kết quả", "Văn phòng", "", None, 15)
    docs.save_tasks(workspace, draft, tasks)
    plan = docs.issue_plan(workspace, draft, DECEMBER)
    assert plan.tasks[0].due == dt.date(2026, 12, 22) and not plan.past
    issued = docs.issue(workspace, draft, DECEMBER)
    assert register_repo.document_tasks(workspace.conn, issued.id)[0].due_on == dt.date(
        2026, 12, 22
    )


def test_blank_is_the_default_and_leaves_number_and_date_to_the_clerk(
    workspace: Workspace,
) -> None:
    assert numbering(workspace).way == "blank"
    issued = docs.issue(workspace, docs.new_document(workspace, PLAN, 2027), DECEMBER)
    document = docs.document_for(workspace, issued)
    assert issued.number is None and issued.issued_on == DECEMBER
    assert document.number.text() == "Số:      /KH-UBND"
    assert document.place_and_date() == "Mường Phăng, ngày     tháng     năm 2026"


def test_typed_takes_the_clerks_number_once(workspace: Workspace) -> None:
    set_numbering(workspace, "typed")
    first = docs.issue(workspace, docs.new_document(workspace, PLAN, 2027), DECEMBER, 125)
    assert first.reference == "125/KH-UBND"
    assert docs.document_for(workspace, first).number.text() == "Số: 125/KH-UBND"
    second = docs.new_document(workspace, PLAN, 2027)
    with pytest.raises(TreemError) as taken:
        docs.issue(workspace, second, DECEMBER, 125)
    assert taken.value.code == "DOCUMENT_NUMBER_TAKEN"
    with pytest.raises(TreemError) as missing:
        docs.issue(workspace, second, DECEMBER)
    assert missing.value.code == "DOCUMENT_NUMBER_REQUIRED"


def test_register_starts_from_the_officers_number(workspace: Workspace) -> None:
    set_numbering(workspace, "register", first_number=48)
    numbers = [
        docs.issue(workspace, docs.new_document(workspace, PLAN, 2027), DECEMBER).number
        for _ in range(2)
    ]
    january = docs.issue(workspace, docs.new_document(workspace, PLAN, 2027), dt.date(2027, 1, 4))
    assert numbers == [48, 49] and january.number == 48  # a new year starts again


def test_a_draft_never_takes_a_number(workspace: Workspace) -> None:
    set_numbering(workspace, "register")
    draft = docs.new_document(workspace, PLAN, 2027)
    document = docs.document_for(workspace, draft)
    assert draft.number is None and document.number.text() == "Số:      /KH-UBND"
    assert document.date is None


@pytest.mark.parametrize(
    ("code", "place"),
    [("01477", "Trùng Khánh"), ("01273", "Thục Phán")],
)
def test_the_place_line_is_the_proper_name_for_a_xa_and_a_phuong(
    data_dir: DataDirChoice, code: str, place: str
) -> None:
    from dataclasses import replace

    from treem_desktop.commune.demo import DEMO_REQUEST
    from treem_desktop.commune.setup import build_profile, save_commune
    from treem_desktop.commune.workspace import open_workspace

    commune = load_admin_units().commune(code)
    request = replace(DEMO_REQUEST, province_code=commune.province_code, commune_code=code)
    workspace = open_workspace(data_dir, create=True)
    try:
        save_commune(workspace, build_profile(request))
        entry = docs.issue(workspace, docs.new_document(workspace, PLAN, 2027), DECEMBER)
        set_numbering(workspace, "register")
        dated = docs.issue(workspace, docs.new_document(workspace, PLAN, 2027), DECEMBER)
        assert docs.document_for(workspace, entry).place_and_date().startswith(f"{place}, ngày ")
        assert docs.document_for(workspace, dated).place_and_date() == (
            f"{place}, ngày 07 tháng 12 năm 2026"
        )
    finally:
        workspace.close()


def test_proper_place_keeps_a_numbered_ward_whole() -> None:
    assert proper_place("Xã Trùng Khánh") == "Trùng Khánh"
    assert proper_place("Phường Thục Phán") == "Thục Phán"
    assert proper_place("Đặc khu Phú Quốc") == "Phú Quốc"
    assert proper_place("Phường 15") == "Phường 15"
