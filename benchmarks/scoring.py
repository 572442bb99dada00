"""Recomputing the whole evaluation score after one keystroke (target: under 5 ms).

    python benchmarks/scoring.py [--runs N]

A keystroke changes one input; the window then parses it, checks the round (numerators
against denominators, points against maxima) and scores all 13 criteria. This script times
exactly that on the shipped Decision 06 standard with a full round of values, and prints the
median and 95th percentile beside a floor measured in the same run (copying the values dict,
the least any recomputation must do) and the 5 ms budget.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time

from treem_desktop.paths import forms_dir
from treem_desktop.standards.loader import load_shipped
from treem_desktop.standards.scoring import score_round
from treem_desktop.standards.validation import check_round_values, parse_value

BUDGET_MS = 5.0


def full_values(standard_inputs: dict[str, object]) -> dict[str, float | int | bool]:
    values: dict[str, float | int | bool] = {}
    for input_id in standard_inputs:
        if input_id.endswith((".has", ".play_space")):
            values[input_id] = True
        elif input_id.endswith(".denominator"):
            values[input_id] = 1000
        elif input_id.endswith(".percent"):
            values[input_id] = 85.5
        elif input_id.endswith(".points"):
            values[input_id] = 10
        else:
            values[input_id] = 900
    return values


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=2000)
    args = parser.parse_args()
    standard = load_shipped(forms_dir() / "qd-06-2019" / "v1.json")
    inputs = standard.inputs()
    values = full_values(dict(inputs))
    item = inputs["c7.a.numerator"]
    keystroke_ms, floor_ms = [], []
    for run in range(args.runs):
        start = time.perf_counter()
        values["c7.a.numerator"] = parse_value(item, str(900 + run % 100))  # type: ignore[assignment]
        check_round_values(standard, values)
        score = score_round(standard, values, "con-lai")
        keystroke_ms.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        _copy = dict(values)
        floor_ms.append((time.perf_counter() - start) * 1000)
    assert score.criterion("c7").points is not None
    median = statistics.median(keystroke_ms)
    p95 = statistics.quantiles(keystroke_ms, n=20)[18]
    floor = statistics.median(floor_ms)
    print(f"runs: {args.runs}, {len(inputs)} inputs, 13 criteria")
    print(f"floor (copy the values): median {floor:.4f} ms")
    print(f"keystroke → full score:  median {median:.3f} ms, p95 {p95:.3f} ms")
    used = median / BUDGET_MS
    print(f"ratio to floor: {median / floor:.0f}x; budget {BUDGET_MS} ms used: {used:.1%}")
    print("meets the target" if p95 < BUDGET_MS else "misses the target")
    return 0


if __name__ == "__main__":
    sys.exit(main())
