"""``treem indicators import`` with a rate's numerator and denominator (issue 15)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.integration.test_cli import SETUP, treem
from tests.integration.test_indicators_cli import show, write

pytestmark = pytest.mark.integration


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "D"
    assert treem(folder, *SETUP).returncode == 0
    return folder


def imported(data: Path, tmp_path: Path, document: object) -> dict[str, object]:
    result = treem(data, "--json", "indicators", "import", "2025", str(write(tmp_path, document)))
    assert result.returncode == 0, result.stderr
    return dict(json.loads(result.stdout))


def test_a_rate_imported_as_its_parts_is_computed_as_the_grid_computes_it(
    data: Path, tmp_path: Path
) -> None:
    document = {"ct14": {"numerator": 412, "denominator": 450}, "ct05a": 97.5, "ct13": 3}
    report = imported(data, tmp_path, document)
    assert report["imported"] == 3
    assert report["rates_without_parts"] == ["ct05a"]  # a plain number: typed alone
    rows = show(data, "2025")
    assert rows["ct14"]["actual"] == 412 / 450 * 100
    assert (rows["ct14"]["numerator"], rows["ct14"]["denominator"]) == (412, 450)
    assert (rows["ct05a"]["actual"], rows["ct05a"]["numerator"]) == (97.5, None)
    per_1000 = imported(data, tmp_path, {"ct03a": {"numerator": 3, "denominator": "1.200"}})
    assert per_1000["rates_without_parts"] == []
    assert show(data, "2025")["ct03a"]["actual"] == 2.5  # per 1,000; 1.200 is twelve hundred


def test_the_text_names_the_rates_imported_without_parts(data: Path, tmp_path: Path) -> None:
    path = write(tmp_path, {"ct05a": 97.5, "ct14": 90, "ct13": 3})
    result = treem(data, "indicators", "import", "2025", str(path))
    assert result.returncode == 0, result.stderr
    assert "chưa có tử số và mẫu số" in result.stdout and "(5a, 14)" in result.stdout


def test_a_plain_rate_replaces_the_parts_imported_before(data: Path, tmp_path: Path) -> None:
    imported(data, tmp_path, {"ct14": {"numerator": 412, "denominator": 450}})
    imported(data, tmp_path, {"ct14": 90})
    row = show(data, "2025")["ct14"]
    assert (row["actual"], row["numerator"], row["denominator"]) == (90, None, None)
    imported(data, tmp_path, {"ct14": {"numerator": 9, "denominator": 10}})
    row = show(data, "2025")["ct14"]
    assert (row["actual"], row["numerator"], row["denominator"]) == (90, 9, 10)


@pytest.mark.parametrize(
    ("parts", "words"),
    [
        ({"numerator": 460, "denominator": 450}, "không được lớn hơn"),
        ({"numerator": 4, "denominator": 0}, "mẫu số phải lớn hơn 0"),
        ({"numerator": 4.5, "denominator": 10}, "số nguyên"),
        ({"numerator": -1, "denominator": 10}, "không được là số âm"),
        ({"numerator": "nhiều", "denominator": 10}, "phải là một số"),
        ({"numerator": 4}, "mẫu số"),
        ({"numerator": 4, "denominator": 10, "value": 40}, "ct14.value"),
    ],
)
def test_a_refused_part_names_it_and_changes_nothing(
    data: Path, tmp_path: Path, parts: dict[str, object], words: str
) -> None:
    imported(data, tmp_path, {"ct14": {"numerator": 9, "denominator": 10}, "ct13": 2})
    document = {"ct13": 5, "ct14": parts}
    result = treem(data, "indicators", "import", "2025", str(write(tmp_path, document)))
    assert result.returncode == 1
    assert words in result.stderr, result.stderr
    rows = show(data, "2025")
    assert rows["ct13"]["actual"] == 2  # the good entry before it was not kept either
    assert (rows["ct14"]["actual"], rows["ct14"]["numerator"]) == (90, 9)


def test_parts_of_an_indicator_that_is_no_rate_are_refused(data: Path, tmp_path: Path) -> None:
    document = {"ct13": {"numerator": 1, "denominator": 2}}
    result = treem(data, "indicators", "import", "2025", str(write(tmp_path, document)))
    assert result.returncode == 1 and "ct13.numerator" in result.stderr


def test_the_packet_pre_flight_names_the_rates_without_parts(data: Path, tmp_path: Path) -> None:
    imported(data, tmp_path, {"ct04a": 8.1, "ct14": {"numerator": 9, "denominator": 10}})
    result = treem(data, "packet", "build", "--kind", "indicators", "--period", "2025",
                   "--out", str(tmp_path / "o"))  # fmt: skip
    assert result.returncode == 0, result.stderr
    note = next(line for line in result.stdout.splitlines() if "chưa có tử số" in line)
    assert note.startswith("1 chỉ tiêu tỷ lệ") and "(ct04a)" in note, result.stdout
