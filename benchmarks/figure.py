"""One measured figure beside its floor, shared by every benchmark and ``run_all.py``.

A benchmark module exposes ``figures(runs: int) -> list[Figure]``; run on its own it prints them
with :func:`print_figures`. The floor is measured in the same run (the machine is shared and
noisy), so the ratio is what is compared with the target.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import InitVar, asdict, dataclass
from typing import Any

UNITS = ("ms", "MB")


@dataclass(frozen=True)
class Figure:
    """``what`` measured ``value`` (a median, in ``unit``) where the floor measured ``floor_value``.

    What is asked: a ratio to the floor (``ratio_target``) or an absolute ``target`` in the same
    unit, or both; ``met`` checks whichever are set. ``ms_target=`` is ``target=`` for a time.
    """

    what: str
    value: float
    floor_value: float | None = None
    floor: str = ""
    ratio_target: float | None = None
    target: float | None = None
    unit: str = "ms"
    ms_target: InitVar[float | None] = None

    def __post_init__(self, ms_target: float | None) -> None:
        if self.unit not in UNITS:
            raise ValueError(f"unit {self.unit!r}: one of {UNITS}")
        if ms_target is not None:
            if self.unit != "ms" or self.target is not None:
                raise ValueError("ms_target is a time limit: unit 'ms' and no target")
            object.__setattr__(self, "target", ms_target)

    @property
    def ratio(self) -> float | None:
        if self.floor_value is None or self.floor_value <= 0:
            return None
        return self.value / self.floor_value

    @property
    def met(self) -> bool:
        ratio_ok = self.ratio_target is None or (
            self.ratio is not None and self.ratio <= self.ratio_target
        )
        target_ok = self.target is None or self.value <= self.target
        return ratio_ok and target_ok

    def target_text(self) -> str:
        parts = []
        if self.ratio_target is not None:
            parts.append(f"≤ {self.ratio_target:g}× floor")
        if self.target is not None:
            parts.append(f"≤ {self.target:g} {self.unit}")
        return ", ".join(parts) or "—"

    def to_json(self) -> dict[str, Any]:
        """The fields, for a benchmark run in a child process (``run_all.py``)."""
        return asdict(self)

    @classmethod
    def from_json(cls, fields: Mapping[str, Any]) -> Figure:
        return cls(**fields)


def median_ms(action: Callable[[], object], runs: int, warmup: int = 1) -> float:
    """The median wall time of ``action`` over ``runs`` runs, after ``warmup`` unmeasured ones."""
    for _ in range(warmup):
        action()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def print_figures(figures: Sequence[Figure]) -> None:
    """A table: what, median, floor, ratio, target, met; each figure in its own unit."""
    print(f"{'what':<58} {'median':>10} {'floor':>10} {'ratio':>7}  target")
    for f in figures:
        floor = f"{f.floor_value:.1f} {f.unit}" if f.floor_value is not None else "—"
        ratio = f"{f.ratio:.2f}" if f.ratio is not None else "—"
        mark = "ok" if f.met else "MISSED"
        print(
            f"{f.what:<58} {f.value:>7.1f} {f.unit} {floor:>10} {ratio:>7}  "
            f"{f.target_text()} {mark}"
        )
        if f.floor:
            print(f"{'':<4}floor: {f.floor}")


def run_alone(figures: Callable[[int], Sequence[Figure]], doc: str | None, runs: int = 15) -> int:
    """A benchmark run on its own: ``--runs N`` (default ``runs``), then its figures printed."""
    import argparse

    parser = argparse.ArgumentParser(description=(doc or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=runs)
    print_figures(figures(parser.parse_args().runs))
    return 0
