"""``treem eval`` as a script runs it: template, import, score; bad input changes nothing."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from tests.integration.test_cli import SETUP, treem

pytestmark = pytest.mark.integration

FULL = {
    "c1.a.has": True,
    "c1.b.has": "có",
    "c1.c.has": 1,
    "c1.d.has": True,
    "c2.x": {"numerator": 118, "denominator": 120, "points": 80},
    "c3.x": {"numerator": 0, "denominator": 1500, "points": 100},
    "c4.x": {"numerator": 1, "denominator": 1500, "points": 60},
    "c5.x": {"numerator": 2, "denominator": 1500, "points": 70},
    "c6.a": {"numerator": 19, "denominator": 20},
    "c6.b": {"numerator": 3, "denominator": 3},
    "c7.a": {"numerator": 49, "denominator": 50},
    "c8.x": {"numerator": 10, "denominator": 200, "points": 40},
    "c8.y": {"numerator": 20, "denominator": 200, "points": 40},
    "c9.x": {"numerator": 900, "denominator": 1000, "points": 70},
    "c10.x": {"numerator": 300, "denominator": 310, "points": 90},
    "c11.x": {"forums": 2, "points": 50},
    "c12.x": {"play_space": "có", "activities": 6, "points": 50},
    "c13.x": {"percent": 85, "points": 30},
    "c13.y": {"percent": 80, "points": 30},
}


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "D"
    assert treem(folder, *SETUP).returncode == 0
    return folder


def write(tmp_path: Path, name: str, document: object) -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def test_template_lists_every_input_with_kind_unit_and_direction(data: Path) -> None:
    result = treem(data, "eval", "template", "2026", "--json")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert [c["id"] for c in document["criteria"]] == [f"c{n}" for n in range(1, 14)]
    c6a = document["criteria"][5]["sub_indicators"][0]
    kinds = {i["id"]: (i["kind"], i["unit"]) for i in c6a["inputs"]}
    assert kinds["c6.a.numerator"] == ("numerator", "trẻ em")
    assert kinds["c6.a.denominator"] == ("denominator", "trẻ em")
    assert kinds["c6.a.points"][0] == "points"
    assert c6a["better"] == "higher"
    c8x = document["criteria"][7]["sub_indicators"][0]
    assert c8x["better"] == "lower"
    assert document["criteria"][5]["max_points"] == {
        "value": 125,
        "status": "confirmed",
        "confirmed": True,
    }
    assert document["criteria"][1]["max_points"]["confirmed"] is False


def test_import_then_score(data: Path, tmp_path: Path) -> None:
    imported = treem(data, "eval", "import", "2026", str(write(tmp_path, "in.json", FULL)))
    assert imported.returncode == 0, imported.stderr
    result = treem(data, "eval", "score", "2026", "--json")
    assert result.returncode == 0, result.stderr
    score = json.loads(result.stdout)
    points = {c["id"]: c["points"] for c in score["criteria"]}
    assert points["c6"] == 125 and points["c7"] == 50 and points["c1"] == 100
    assert score["total"] == 985
    assert score["threshold"]["value"] == 800
    assert (score["verdict"], score["verdict_text"]) == ("recognised", "Đạt")
    assert score["provisional"] is True
    assert any(r["code"] == "UNCONFIRMED_VALUES" for r in score["reasons"])
    assert score["standard"]["id"] == "qd-06-2019"
    text = treem(data, "eval", "score", "2026")
    assert "Tổng điểm: 985 / ngưỡng 800 → Đạt" in text.stdout


def test_a_criterion_at_zero_fails_whatever_the_total(data: Path, tmp_path: Path) -> None:
    document = {**FULL, "c9.x": {"numerator": 0, "denominator": 1000, "points": 0}}
    assert (
        treem(data, "eval", "import", "2026", str(write(tmp_path, "z.json", document))).returncode
        == 0
    )
    score = json.loads(treem(data, "eval", "score", "2026", "--json").stdout)
    assert score["verdict"] == "not-recognised"
    assert score["reasons"][0]["code"] == "CRITERION_AT_ZERO"
    assert "Tiêu chí 9 bị 0 điểm" in score["reasons"][0]["text"]


@pytest.mark.parametrize(
    ("document", "words"),
    [
        ({"c6.a.numerator": 5, "c6.z.numerator": 1}, "c6.z.numerator"),
        ({"c4.x.numerator": -1}, "c4.x.numerator"),
        ({"c6.a.numerator": 30, "c6.a.denominator": 20}, "c6.a.numerator (30)"),
    ],
)
def test_bad_input_exits_1_names_the_input_and_changes_nothing(
    data: Path, tmp_path: Path, document: dict[str, object], words: str
) -> None:
    assert (
        treem(data, "eval", "import", "2026", str(write(tmp_path, "in.json", FULL))).returncode == 0
    )
    before = treem(data, "eval", "score", "2026", "--json").stdout
    database = data / "treem.sqlite3"
    result = treem(data, "eval", "import", "2026", str(write(tmp_path, "bad.json", document)))
    assert result.returncode == 1
    assert words in result.stderr
    assert treem(data, "eval", "score", "2026", "--json").stdout == before
    assert hashlib.sha256(database.read_bytes()).hexdigest()  # still a readable file


def test_a_file_that_is_not_json_is_refused(data: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text("{ c6.a.numerator: 5 ", encoding="utf-8")
    result = treem(data, "eval", "import", "2026", str(broken))
    assert result.returncode == 1
    assert "không phải JSON hợp lệ" in result.stderr
    assert treem(data, "eval", "score", "2026").returncode == 1  # no round was started


def test_score_of_a_year_without_a_round(data: Path) -> None:
    result = treem(data, "eval", "score", "2031")
    assert result.returncode == 1
    assert "Chưa có kỳ đánh giá năm 2031" in result.stderr


def test_standard_import_refuses_a_broken_file_with_the_reason(data: Path, tmp_path: Path) -> None:
    path = write(tmp_path, "std.json", {"spec_version": 9, "kind": "standard"})
    result = treem(data, "standard", "import", str(path))
    assert result.returncode == 1
    assert "phiên bản đặc tả 9" in result.stderr


def test_export_then_import_the_workbook(data: Path, tmp_path: Path) -> None:
    assert (
        treem(data, "eval", "import", "2026", str(write(tmp_path, "in.json", FULL))).returncode == 0
    )
    sheet = tmp_path / "bang-diem.xlsx"
    exported = treem(data, "eval", "export", "2026", "--out", str(sheet))
    assert exported.returncode == 0, exported.stderr
    assert sheet.exists()
    again = treem(data, "eval", "import", "2027", str(sheet))
    assert again.returncode == 0, again.stderr
    first = json.loads(treem(data, "eval", "score", "2026", "--json").stdout)
    second = json.loads(treem(data, "eval", "score", "2027", "--json").stdout)
    assert first["total"] == second["total"] == 985
    refused = treem(data, "eval", "export", "2026", "--out", str(tmp_path / "no" / "x.xlsx"))
    assert refused.returncode == 1 and "Không ghi được tệp" in refused.stderr


@pytest.mark.parametrize(
    ("document", "words"),
    [
        ({"c2.x": {"points": 100}}, "725"),  # 710 − 80 + 100 = 730 of the 725 shared points
        ({"c6.a": {"numerator": 1, "points": 51}}, "6.1 – "),  # above the item's 50
    ],
)
def test_a_self_score_above_the_cap_exits_1_and_changes_nothing(
    data: Path, tmp_path: Path, document: dict[str, object], words: str
) -> None:
    assert (
        treem(data, "eval", "import", "2026", str(write(tmp_path, "in.json", FULL))).returncode == 0
    )
    before = treem(data, "eval", "score", "2026", "--json").stdout
    database = data / "treem.sqlite3"
    stored = database.read_bytes()
    result = treem(data, "eval", "import", "2026", str(write(tmp_path, "over.json", document)))
    assert result.returncode == 1
    assert words in result.stderr and "c2.x.points" not in result.stderr
    assert treem(data, "eval", "score", "2026", "--json").stdout == before
    assert database.read_bytes() == stored


def test_score_never_reports_more_than_max_total(data: Path, tmp_path: Path) -> None:
    import sqlite3

    assert (
        treem(data, "eval", "import", "2026", str(write(tmp_path, "in.json", FULL))).returncode == 0
    )
    with sqlite3.connect(data / "treem.sqlite3") as conn:  # stored before the cap existed
        conn.execute("UPDATE eval_value SET value = '1000' WHERE input_id LIKE '%.points'")
    score = json.loads(treem(data, "eval", "score", "2026", "--json").stdout)
    assert score["total"] == 1000
    assert sum(c["known_points"] for c in score["criteria"]) == 1000
