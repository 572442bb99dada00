"""Every template, for a xã and a phường, this year and next year drafted in December (issue 13).

Each document goes through the register as the window does (draft, issue plan, issue), is
rendered to docx and read back: the place line is the proper name, the body speaks of the
document's period (never of the issue year when they differ), a deadline before the issue date
is always in the issue plan's flagged list, and a phường's documents use its words.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest

from tests.unit.test_document_content import PHUONG, TEMPLATE_IDS, XA, open_commune
from treem_desktop.commune import documents as docs
from treem_desktop.commune.setup import SetupRequest
from treem_desktop.commune.workspace import Workspace

DECEMBER = dt.date(2026, 12, 7)
PLACES = {"xa": "Trùng Khánh", "phuong": "Thục Phán"}
DATE = re.compile(r"\b\d{1,2}/\d{1,2}/(20\d\d)\b")
CITED = re.compile(r"ngày \d{1,2}[/ ](?:tháng )?\d{1,2}[/ ](?:năm )?20\d\d")


@pytest.fixture(params=[("xa", XA), ("phuong", PHUONG)], ids=["xa", "phuong"])
def commune(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, Workspace]]:
    kind, setup = request.param
    assert isinstance(setup, SetupRequest)
    workspace = open_commune(tmp_path, setup)
    yield kind, workspace
    workspace.close()


def read_back(path: Path) -> tuple[str, str, str]:
    """(the header table's text, the paragraphs, the other tables' cells)."""
    document = docx.Document(str(path))
    header = "\n".join(c.text for row in document.tables[0].rows for c in row.cells)
    paragraphs = "\n".join(p.text for p in document.paragraphs)
    cells = [c.text for table in document.tables[1:] for row in table.rows for c in row.cells]
    return header, paragraphs, "\n".join(cells)


@pytest.mark.parametrize("template_id", TEMPLATE_IDS)
@pytest.mark.parametrize("period", [2026, 2027], ids=["this-year", "next-year"])
def test_a_document_speaks_of_its_period_and_flags_past_deadlines(
    commune: tuple[str, Workspace], template_id: str, period: int, tmp_path: Path
) -> None:
    kind, workspace = commune
    draft = docs.new_document(workspace, template_id, str(period))
    plan = docs.issue_plan(workspace, draft, DECEMBER)
    late = {t.content for t in plan.tasks if t.due is not None and t.due < DECEMBER}
    assert late == {t.content for t in plan.past}  # every past deadline is flagged
    entry = docs.issue(workspace, draft, DECEMBER, accept_past=True)
    assert (entry.period, entry.issued_on) == (str(period), DECEMBER)
    header, words, cells = read_back(docs.render_docx(workspace, entry, tmp_path / "van-ban.docx"))
    body = words + "\n" + cells

    place = PLACES[kind]
    assert f"{place}, ngày" in header and f"Xã {place}, ngày" not in header
    assert f"Phường {place}, ngày" not in header
    if period == 2027:  # drafted in December for next year: its words never say "2026"
        words = CITED.sub("", words)  # (tables from the outline have columns for every year)
        deadlines = {f"{t.due:%d/%m/%Y}" for t in docs.tasks_of(workspace, entry) if t.due}
        for deadline in deadlines:
            words = words.replace(deadline, "")
        assert not re.search(r"\b2026\b", words), template_id
    wrong = ("Công an phường", "tổ dân phố") if kind == "xa" else ("Công an xã",)
    for phrase in wrong:
        assert phrase not in body, (template_id, phrase)
