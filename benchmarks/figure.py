"""One measured figure beside its floor, shared by every benchmark and ``run_all.py``.

A benchmark module exposes ``figures(runs: int) -> list[Figure]``; run on its own it prints them
with :func:`print_figures`. The floor is measured in the same run (the machine is shared and
noisy), so the ratio is what is compared with the target.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Figure:
    """``what`` took ``value_ms`` (median) where the floor took ``floor_ms``.

    ``target`` says what is asked: a ratio to the floor (``ratio_target``) or an absolute time
    (``ms_target``), or both; ``met`` checks whichever are set.
    """

    what: str
    value_ms: float
    floor_ms: float | None = None
    floor: str = ""
    ratio_target: float | None = None
    ms_target: float | None = None

    @property
    def ratio(self) -> float | None:
        if self.floor_ms is None or self.floor_ms <= 0:
            return None
        return self.value_ms / self.floor_ms

    @property
    def met(self) -> bool:
        ratio_ok = self.ratio_target is None or (
            self.ratio is not None and self.ratio <= self.ratio_target
        )
        ms_ok = self.ms_target is None or self.value_ms <= self.ms_target
        return ratio_ok and ms_ok

    def target_text(self) -> str:
        parts = []
        if self.ratio_target is not None:
            parts.append(f"≤ {self.ratio_target:g}× floor")
        if self.ms_target is not None:
            parts.append(f"≤ {self.ms_target:g} ms")
        return ", ".join(parts) or "—"


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
    """A table: what, median, floor, ratio, target, met."""
    print(f"{'what':<58} {'median':>10} {'floor':>10} {'ratio':>7}  target")
    for f in figures:
        floor = f"{f.floor_ms:.1f} ms" if f.floor_ms is not None else "—"
        ratio = f"{f.ratio:.2f}" if f.ratio is not None else "—"
        mark = "ok" if f.met else "MISSED"
        print(
            f"{f.what:<58} {f.value_ms:>7.1f} ms {floor:>10} {ratio:>7}  {f.target_text()} {mark}"
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
