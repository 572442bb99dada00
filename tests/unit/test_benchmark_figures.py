"""The benchmarks' figures carry their unit, and ``run_all.py`` measures each module in a child
process of its own (a benchmark's windows and heap must not slow the next one down)."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest
from benchmarks.figure import Figure, print_figures
from benchmarks.run_all import run_one

FAKE_BENCHMARK = """
import os
from benchmarks.figure import Figure

def figures(runs):
    if os.environ.get("FAIL_BENCHMARK"):
        raise RuntimeError("the benchmark broke")
    return [Figure(f"pid {os.getpid()}", float(runs), 2.0, "two", ratio_target=3)]
"""


def test_a_memory_figure_is_printed_in_megabytes(capsys: pytest.CaptureFixture[str]) -> None:
    memory = Figure("peak memory", 114.2, 61.0, "bare window", target=150, unit="MB")
    print_figures([memory])
    row = capsys.readouterr().out.splitlines()[1]
    assert "114.2 MB" in row and "61.0 MB" in row and "≤ 150 MB" in row
    assert "ms" not in row
    assert memory.met
    assert not Figure("peak memory", 151, unit="MB", target=150).met


def test_a_time_limit_is_still_given_as_ms_target(capsys: pytest.CaptureFixture[str]) -> None:
    keystroke = Figure("keystroke", 12.5, 3.0, "bare", ms_target=16)
    assert keystroke.target == 16 and keystroke.met
    print_figures([keystroke])
    assert "12.5 ms" in capsys.readouterr().out
    with pytest.raises(ValueError):
        Figure("peak memory", 100, unit="MB", ms_target=150)
    with pytest.raises(ValueError):
        Figure("peak memory", 100, unit="KB")


def test_a_figure_survives_the_trip_from_the_child() -> None:
    figure = Figure("peak memory", 114.2, 61.0, "bare", ratio_target=3, target=150, unit="MB")
    assert Figure.from_json(figure.to_json()) == figure


@pytest.fixture
def fake_benchmark(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    (tmp_path / "fake_benchmark.py").write_text(textwrap.dedent(FAKE_BENCHMARK), "utf-8")
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(tmp_path), os.getcwd()]))
    return "fake_benchmark"


def test_each_benchmark_is_measured_in_a_process_of_its_own(fake_benchmark: str) -> None:
    first, error = run_one(fake_benchmark, runs=2)
    second, _ = run_one(fake_benchmark, runs=2)
    assert error is None
    assert [f.value for f in first] == [2.0] and first[0].ratio == 1.0
    pids = {first[0].what, second[0].what, f"pid {os.getpid()}"}
    assert len(pids) == 3


def test_a_broken_benchmark_is_reported_with_its_error(
    fake_benchmark: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAIL_BENCHMARK", "1")
    found, error = run_one(fake_benchmark, runs=2)
    assert found == []
    assert error is not None and "the benchmark broke" in error
