"""Evaluation rounds: start, import all-or-nothing, keep the standard, last year beside."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from treem_desktop.commune import evaluation as ev
from treem_desktop.commune.workspace import Workspace
from treem_desktop.errors import TreemError
from treem_desktop.storage import eval_repo
from treem_desktop.storage.audit import entries_for


def test_a_round_records_the_standard_and_the_category(workspace: Workspace) -> None:
    evaluation = ev.start_round(workspace, 2026)
    assert evaluation.row.category == "mien-nui-hai-dao-dbkk"
    assert evaluation.standard.id == "qd-06-2019"
    assert evaluation.row.standard_sha256 == evaluation.standard.sha256
    stored = eval_repo.standard_content(workspace.conn, evaluation.standard.sha256)
    assert (
        stored is not None
        and evaluation.standard.sha256 == ev.load_shipped(ev.shipped_standard_files()[0]).sha256
    )
    with pytest.raises(TreemError) as caught:
        ev.start_round(workspace, 2026)
    assert caught.value.code == "ROUND_EXISTS"


def test_import_stores_everything_and_audits_it(workspace: Workspace) -> None:
    evaluation = ev.import_values(
        workspace, 2026, {"c6.a": {"numerator": "19", "denominator": 20}, "c1.a.has": "có"}
    )
    assert evaluation.values == {"c6.a.numerator": 19, "c6.a.denominator": 20, "c1.a.has": True}
    again = ev.open_round(workspace, 2026)
    assert again.values == evaluation.values
    fields = {e.field for e in entries_for(workspace.conn, "eval_round", "2026")}
    assert {"c6.a.numerator", "c6.a.denominator", "c1.a.has"} <= fields


@pytest.mark.parametrize(
    ("document", "code", "named"),
    [
        ({"c6.a.numerator": 5, "c6.a.nothing": 1}, "INPUT_UNKNOWN", "c6.a.nothing"),
        ({"c6.a.numerator": -3}, "INPUT_NEGATIVE", "c6.a.numerator"),
        ({"c6.a.numerator": 2.5}, "INPUT_NOT_WHOLE", "c6.a.numerator"),
        ({"c6.a.numerator": "mười"}, "INPUT_NOT_NUMBER", "c6.a.numerator"),
        ({"c13.x.percent": 101}, "INPUT_PERCENT_RANGE", "c13.x.percent"),
        ({"c1.a.has": "có lẽ"}, "INPUT_NOT_YES_NO", "c1.a.has"),
        ({"c6.a.numerator": 21}, "NUMERATOR_ABOVE_DENOMINATOR", "c6.a.numerator"),
        ({"c6.a.points": 51}, "POINTS_ABOVE_ITEM_MAX", "6.1 – "),
        (
            {"c2.x": {"numerator": 1, "denominator": 2, "points": 726}},
            "POINTS_ABOVE_SHARED_LEFT",
            "725",
        ),
        (["c6.a.numerator", 1], "IMPORT_NOT_OBJECT", None),
    ],
)
def test_a_bad_import_names_the_input_and_changes_nothing(
    workspace: Workspace, document: object, code: str, named: str | None
) -> None:
    ev.import_values(workspace, 2026, {"c6.a.numerator": 19, "c6.a.denominator": 20})
    before = workspace.conn.execute("SELECT * FROM eval_value ORDER BY input_id").fetchall()
    audit_before = workspace.conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    with pytest.raises(TreemError) as caught:
        ev.import_values(workspace, 2026, document)
    assert caught.value.code == code
    if named:
        assert named in caught.value.message()
    after = workspace.conn.execute("SELECT * FROM eval_value ORDER BY input_id").fetchall()
    assert [tuple(r) for r in after] == [tuple(r) for r in before]
    assert workspace.conn.execute("SELECT count(*) FROM audit_log").fetchone()[0] == audit_before


def test_clearing_a_value(workspace: Workspace) -> None:
    evaluation = ev.import_values(workspace, 2026, {"c6.a.numerator": 19})
    ev.apply_changes(workspace, evaluation, {"c6.a.numerator": None})
    assert ev.open_round(workspace, 2026).values == {}


def test_a_round_keeps_its_standard_when_a_newer_one_arrives(
    workspace: Workspace, tmp_path: Path
) -> None:
    old = ev.start_round(workspace, 2024)
    doc = json.loads(ev.shipped_standard_files()[0].read_text(encoding="utf-8"))
    doc["version"] = 2
    doc["criteria"][6]["max_points"]["value"] = 60
    newer = tmp_path / "v2.json"
    newer.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    imported = ev.import_standard(workspace, newer)
    assert imported.version == 2
    assert ev.open_round(workspace, 2024).standard.sha256 == old.standard.sha256
    fresh = ev.start_round(workspace, 2026)
    assert fresh.standard.version == 2
    assert fresh.standard.criterion("c7").max_points.value == 60


def test_a_conflicting_standard_version_is_refused(workspace: Workspace, tmp_path: Path) -> None:
    doc = json.loads(ev.shipped_standard_files()[0].read_text(encoding="utf-8"))
    doc["criteria"][6]["max_points"]["value"] = 60  # still says version 1
    path = tmp_path / "v1-changed.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(TreemError) as caught:
        ev.import_standard(workspace, path)
    assert caught.value.code == "STANDARD_VERSION_CONFLICT"
    assert eval_repo.stored_standards(workspace.conn) == []


def test_last_years_values_are_shown_and_far_changes_are_noticed(workspace: Workspace) -> None:
    ev.import_values(workspace, 2024, {"c7.a.numerator": 40, "c7.a.denominator": 50})
    evaluation = ev.start_round(workspace, 2026)
    assert evaluation.previous_year == 2024
    assert evaluation.previous["c7.a.numerator"] == 40
    assert evaluation.values == {}
    assert ev.far_from_last_year(evaluation, "c7.a.numerator", 120)
    assert not ev.far_from_last_year(evaluation, "c7.a.numerator", 45)
    assert not ev.far_from_last_year(evaluation, "c7.a.denominator", None)
    assert not ev.far_from_last_year(evaluation, "c6.a.numerator", 500)  # nothing last year


def test_explanations_are_kept(workspace: Workspace) -> None:
    evaluation = ev.start_round(workspace, 2026)
    ev.apply_changes(
        workspace,
        evaluation,
        {"c7.a.denominator": 120},
        {"c7.a.denominator": "Sáp nhập thêm thôn Nà Nhạn"},
    )
    assert ev.open_round(workspace, 2026).explanations == {
        "c7.a.denominator": "Sáp nhập thêm thôn Nà Nhạn"
    }


def test_evidence_is_copied_with_its_hash(workspace: Workspace, tmp_path: Path) -> None:
    evaluation = ev.start_round(workspace, 2026)
    source = tmp_path / "Biên bản họp.pdf"
    source.write_bytes(b"%PDF-1.4 minutes of the meeting")
    row = ev.add_evidence_file(workspace, evaluation, "c1", source)
    copied = workspace.data_dir.path / "evidence" / "2026" / row.stored_name
    assert copied.read_bytes() == source.read_bytes()
    assert row.sha256 == hashlib.sha256(source.read_bytes()).hexdigest()
    assert row.file_name == "Biên bản họp.pdf" and row.size == len(source.read_bytes())
    assert not list(copied.parent.glob("*.partial"))
    missing = tmp_path / "khong-co.pdf"
    with pytest.raises(TreemError) as caught:
        ev.add_evidence_file(workspace, evaluation, "c1", missing)
    assert caught.value.code == "FILE_UNREADABLE"


def test_a_bad_first_import_does_not_even_start_the_round(workspace: Workspace) -> None:
    with pytest.raises(TreemError):
        ev.import_values(workspace, 2027, {"c6.a.numerator": 30, "c6.a.denominator": 20})
    with pytest.raises(TreemError):
        ev.import_values(workspace, 2027, {"c6.q.numerator": 3})
    assert eval_repo.find_round(workspace.conn, 2027) is None
