"""A plan's tasks from the register: the words of the unit's kind, and only an issued
document's tasks counted as deadlines (a draft's are proposals until it is issued)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tests.unit.test_document_content import PHUONG, open_commune
from treem_desktop.commune import deadlines as dl
from treem_desktop.commune import documents as docs
from treem_desktop.commune.workspace import Workspace

PLAN = "ke-hoach-danh-gia-xa-phu-hop-tre-em"
YEARLY_PLAN = "ke-hoach-bao-ve-cham-soc-tre-em-nam"
PROGRAMME = "chuong-trinh-cong-tac-tre-em"


def task_words(workspace: Workspace, template_id: str) -> str:
    entry = docs.new_document(workspace, template_id, 2026)
    tasks = docs.tasks_of(workspace, entry)
    return "\n".join(f"{t.content} | {t.lead} | {t.partners}" for t in tasks)


def test_a_draft_made_for_a_phuong_gives_its_tasks_the_wards_words(tmp_path: Path) -> None:
    ward = open_commune(tmp_path, PHUONG)
    try:
        words = task_words(ward, YEARLY_PLAN) + task_words(ward, PROGRAMME)
    finally:
        ward.close()
    assert "Công an phường" in words and "tổ dân phố" in words
    assert "Phòng Kinh tế, Hạ tầng và Đô thị" in words
    assert "Công an xã" not in words and "thôn, bản" not in words


def test_a_draft_made_for_a_xa_keeps_the_communes_words(workspace: Workspace) -> None:
    words = task_words(workspace, YEARLY_PLAN)
    assert "Công an xã" in words and "thôn, bản" in words and "tổ dân phố" not in words


def test_only_an_issued_documents_tasks_are_deadlines(workspace: Workspace) -> None:
    draft = docs.new_document(workspace, PLAN, 2026)
    count = len(docs.tasks_of(workspace, draft))
    late_in_december = dl.deadlines(workspace, dt.date(2026, 12, 20))
    assert late_in_december == dl.Deadlines((), (), ())  # a draft's dates are not late
    assert dl.draft_task_count(workspace) == count

    docs.issue(workspace, draft, dt.date(2026, 11, 1))
    found = dl.deadlines(workspace, dt.date(2026, 12, 20))
    assert len(found.overdue) == count  # now commitments: every one past by 20/12
    assert dl.draft_task_count(workspace) == 0
    assert {t.due_on for t in found.overdue} >= {dt.date(2026, 11, 16), dt.date(2026, 11, 30)}
