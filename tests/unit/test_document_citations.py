"""Sources named: a template cites a document by number, date and issuer, or leaves the clause
out. No template cites "các kế hoạch của Ủy ban nhân dân tỉnh" or "hướng dẫn của …" unnamed."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import docx
import pytest

from tests.unit.test_document_content import XA, document_text, open_commune
from treem_desktop.commune import documents as docs
from treem_desktop.commune.workspace import Workspace
from treem_desktop.documents.citations import Citation
from treem_desktop.documents.templates import load_templates, template_from_bytes
from treem_desktop.errors import TreemError
from treem_desktop.paths import resources_dir

PLAN = "ke-hoach-bao-ve-cham-soc-tre-em-nam"
CITED = "Kế hoạch số 45/KH-UBND ngày 10/01/2026 của Ủy ban nhân dân tỉnh Cao Bằng"
UNNAMED = (
    "các kế hoạch của Ủy ban nhân dân",
    "kế hoạch của tỉnh",
    "hướng dẫn của",
    "Văn bản số ……",
    "[[",
    "{cite}",
)


@pytest.fixture
def commune(tmp_path: Path) -> Workspace:
    return open_commune(tmp_path, XA)  # Xã Trùng Khánh, tỉnh Cao Bằng


def docx_text(workspace: Workspace, entry_id: int, path: Path) -> str:
    entry = docs.find_entry(workspace, entry_id)
    word = docx.Document(str(docs.render_docx(workspace, entry, path)))
    texts = [p.text for p in word.paragraphs]
    texts += [c.text for t in word.tables for row in t.rows for c in row.cells]
    return "\n".join(texts)


@pytest.mark.parametrize("template_id", [t.id for t in load_templates()])
def test_no_template_cites_a_document_without_naming_it(
    commune: Workspace, tmp_path: Path, template_id: str
) -> None:
    text = document_text(commune, template_id, tmp_path)
    for words in UNNAMED:
        assert words not in text, (template_id, words)


def test_an_unfilled_citation_disappears_and_a_filled_one_is_printed(
    commune: Workspace, tmp_path: Path
) -> None:
    entry = docs.new_document(commune, PLAN, 2026)
    bare = docx_text(commune, entry.id, tmp_path / "bare.docx")
    assert "giai đoạn 2021 - 2030; Ủy ban nhân dân xã Trùng Khánh ban hành" in bare
    docs.set_citation(commune, entry, "province_plan", Citation("45/KH-UBND", dt.date(2026, 1, 10)))
    cited = docx_text(commune, entry.id, tmp_path / "cited.docx")
    assert f"giai đoạn 2021 - 2030; {CITED} về bảo vệ, chăm sóc và giáo dục trẻ em; Ủy" in cited
    assert f"giai đoạn 2021 - 2030 và {CITED})" in cited  # where the targets come from
    assert "Nghị quyết" not in cited  # the council's resolution is still unnamed: left out
    docs.set_citation(commune, entry, "province_plan", Citation(""))
    assert docs.citations_of(commune, entry) == {}
    assert CITED not in docx_text(commune, entry.id, tmp_path / "again.docx")


def test_the_officer_may_name_another_kind_and_issuer(commune: Workspace, tmp_path: Path) -> None:
    entry = docs.new_document(commune, "ke-hoach-tong-ket-chuong-trinh-tre-em", 2026)
    guidance = Citation("812/SYT-BTXH", dt.date(2026, 10, 2), "Công văn", "Sở Y tế tỉnh Cao Bằng")
    docs.set_citation(commune, entry, "guidance", guidance)
    text = docx_text(commune, entry.id, tmp_path / "tk.docx")
    assert (
        "và Công văn số 812/SYT-BTXH ngày 02/10/2026 của Sở Y tế tỉnh Cao Bằng về tổng kết, "
        "đánh giá công tác trẻ em;"
    ) in text
    copy = docs.new_version(commune, docs.issue(commune, entry, dt.date(2026, 11, 2)))
    assert docs.citations_of(commune, copy) == {"guidance": guidance}  # the new draft keeps it


def test_an_issued_document_keeps_its_citations_locked(commune: Workspace) -> None:
    entry = docs.issue(commune, docs.new_document(commune, PLAN, 2027), dt.date(2026, 12, 7))
    with pytest.raises(TreemError):
        docs.set_citation(commune, entry, "province_plan", Citation("45/KH-UBND"))


def test_a_clause_citing_an_undeclared_document_is_refused() -> None:
    path = resources_dir() / "templates" / f"{PLAN}.v1.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    raw["opening"] += "[[nothing|; {cite}]]"
    with pytest.raises(TreemError) as caught:
        template_from_bytes(json.dumps(raw).encode(), "x.json")
    assert caught.value.field == "opening" and "nothing" in caught.value.params["technical"]
    assert "phần mở đầu: dẫn chiếu một văn bản không có trong danh sách" in caught.value.message()
