"""Form values and comments: per form, period and cell; audited; all or nothing."""

from __future__ import annotations

import pytest

from treem_desktop.commune.workspace import Workspace
from treem_desktop.storage import form_repo
from treem_desktop.storage.audit import entries_for


def test_values_are_kept_per_form_and_period(workspace: Workspace) -> None:
    conn = workspace.conn
    form_repo.save_values(conn, "nap", "2026", {"ct01": 65.5, "ct05a": 97}, "hà")
    form_repo.save_values(conn, "nap", "2026-H1", {"ct01": 60}, "hà")
    form_repo.save_values(conn, "bc", "", {"b11.r1.name": "Kế hoạch 05/KH-UBND"}, "hà")
    assert form_repo.load_values(conn, "nap", "2026") == {"ct01": 65.5, "ct05a": 97}
    assert form_repo.load_values(conn, "nap", "2026-H1") == {"ct01": 60}
    assert form_repo.load_all_periods(conn, "bc") == {"": {"b11.r1.name": "Kế hoạch 05/KH-UBND"}}
    assert form_repo.periods(conn, "nap") == ["2026", "2026-H1"]
    form_repo.save_values(conn, "nap", "2026", {"ct01": None}, "hà")
    assert form_repo.load_values(conn, "nap", "2026") == {"ct05a": 97}
    changes = [(e.field, e.old_value, e.new_value) for e in entries_for(conn, "form:nap", "2026")]
    assert ("ct01", "65.5", None) in changes


def test_comments(workspace: Workspace) -> None:
    conn = workspace.conn
    form_repo.save_comment(conn, "nap", "2026", "ct01", "Ước tính", "hà")
    assert form_repo.load_comments(conn, "nap", "2026") == {"ct01": "Ước tính"}
    form_repo.save_comment(conn, "nap", "2026", "ct01", "", "hà")
    assert form_repo.load_comments(conn, "nap", "2026") == {}


def test_a_failed_write_leaves_nothing(workspace: Workspace) -> None:
    conn = workspace.conn

    class Unserialisable:
        pass

    bad: dict[str, object] = {"ct01": 1, "ct02": Unserialisable()}
    with pytest.raises(TypeError):
        form_repo.save_values(conn, "nap", "2026", bad, "hà")  # type: ignore[arg-type]
    assert form_repo.load_values(conn, "nap", "2026") == {}
