"""``treem indicators`` and ``treem targets`` as scripts run them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.integration.test_cli import SETUP, treem

pytestmark = pytest.mark.integration
TARGETS = Path(__file__).resolve().parents[1] / "data" / "targets"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "D"
    assert treem(folder, *SETUP).returncode == 0
    return folder


def write(tmp_path: Path, document: object) -> Path:
    path = tmp_path / "values.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def show(data: Path, period: str) -> dict[str, dict[str, object]]:
    result = treem(data, "indicators", "show", period, "--json")
    assert result.returncode == 0, result.stderr
    return {i["id"]: i for i in json.loads(result.stdout)["indicators"]}


def test_import_then_show_with_direction_aware_status(data: Path, tmp_path: Path) -> None:
    values = {"ct05a": 97.5, "ct03a": 9.6, "ct01": 66}
    imported = treem(data, "indicators", "import", "2025", str(write(tmp_path, values)))
    assert imported.returncode == 0, imported.stderr
    rows = show(data, "2025")
    assert (rows["ct05a"]["target"], rows["ct05a"]["status"]) == (97, "met")
    assert (rows["ct03a"]["target"], rows["ct03a"]["status"]) == (9.5, "not-met")  # lower is better
    assert rows["ct01"]["status"] == "met"
    assert rows["ct02"]["status"] == "no-data"
    assert rows["ct06"]["status"] == "unknown-target"  # no official 2025 value
    half = show(data, "2025-H1")
    assert half["ct05a"]["actual"] is None


@pytest.mark.parametrize(
    ("document", "words"),
    [
        ({"ct05a": 97, "ct99": 1}, "ct99"),
        ({"ct05a": -2}, "ct05a"),
        ({"ct05a": 120}, "ct05a"),
        ({"ct05a": "nhiều"}, "ct05a"),
    ],
)
def test_a_bad_import_names_the_indicator_and_changes_nothing(
    data: Path, tmp_path: Path, document: dict[str, object], words: str
) -> None:
    assert (
        treem(data, "indicators", "import", "2025", str(write(tmp_path, {"ct01": 60}))).returncode
        == 0
    )
    result = treem(data, "indicators", "import", "2025", str(write(tmp_path, document)))
    assert result.returncode == 1
    assert words in result.stderr
    rows = show(data, "2025")
    assert rows["ct01"]["actual"] == 60 and rows["ct05a"]["actual"] is None


def test_a_bad_period_is_refused(data: Path, tmp_path: Path) -> None:
    result = treem(data, "indicators", "import", "2025-Q3", str(write(tmp_path, {"ct01": 1})))
    assert result.returncode == 1
    assert "không phải là kỳ báo cáo" in result.stderr


def test_a_province_target_file_changes_the_targets(data: Path) -> None:
    before = show(data, "2025")["ct04a"]
    result = treem(data, "targets", "import", str(TARGETS / "ha-noi-138-2021-example.json"))
    assert result.returncode == 0, result.stderr
    after = show(data, "2025")["ct04a"]
    assert before["target_from"] == "national" and after["target_from"] == "province"
    assert after["target"] != before["target"]


def test_a_broken_target_file_is_refused(data: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"spec_version": 1, "kind": "target-override"}', encoding="utf-8")
    result = treem(data, "targets", "import", str(broken))
    assert result.returncode == 1
    assert "không nhận" in result.stderr.lower() or "Không nhận" in result.stderr
    assert show(data, "2025")["ct04a"]["target_from"] == "national"
