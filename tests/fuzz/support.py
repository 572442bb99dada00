"""Shared pieces of the readers' fuzzing: example counts, strategies, mutations.

Each reader runs :data:`FAST` examples by default and :data:`SLOW` under the ``slow`` mark
(CI runs both). :func:`counted` tallies the examples each reader really ran; the summary hook
in ``tests/conftest.py`` prints the tallies and keeps them in the pytest cache.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

FAST = 200
SLOW = 10_000
COUNTS: Counter[str] = Counter()
CACHE_KEY = "treem/fuzz-counts"

SIZES = [
    pytest.param(FAST, id="fast"),
    pytest.param(SLOW, id="slow", marks=pytest.mark.slow),
]


def counted(reader: str, examples: int, strategy: st.SearchStrategy[Any], check: Callable) -> None:
    """Run ``check`` on ``examples`` values drawn from ``strategy``, counting each under
    ``reader``."""

    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def run(value: Any) -> None:
        COUNTS[f"{reader} ({examples})"] += 1
        check(value)

    run()


# --- Strategies ----------------------------------------------------------------------------

NUMBERS = st.one_of(
    st.integers(min_value=-(10**40), max_value=10**40),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0, -1, 1, 100, 101, 10**7, 10**7 + 1, 1e12, 1e300, 2**63, -(2**63) - 1]),
)
TEXTS = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["nan", "inf", "-0", "1e400", "1.234,5", "có", "x", "", " ", "١٢", "\udcff"]),
    st.from_regex(r"\A-?[0-9]{1,25}([.,][0-9]{1,5})?\Z"),
)
SCALARS = st.one_of(st.none(), st.booleans(), NUMBERS, TEXTS)
GARBAGE = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)


def json_bytes(document: Any) -> bytes:
    """``document`` as JSON text, NaN and Infinity included (as other programs write them)."""
    return json.dumps(document, allow_nan=True, ensure_ascii=False).encode("utf-8", "surrogatepass")


@st.composite
def mutated(draw: st.DrawFn, seed: bytes) -> bytes:
    """``seed`` with a few bytes flipped, inserted, deleted or the end cut off."""
    data = bytearray(seed)
    for _ in range(draw(st.integers(1, 4))):
        where = draw(st.integers(0, max(len(data) - 1, 0)))
        action = draw(st.sampled_from(["flip", "set", "insert", "delete", "cut"]))
        if action == "flip" and data:
            data[where] ^= 1 << draw(st.integers(0, 7))
        elif action == "set" and data:
            data[where] = draw(st.integers(0, 255))
        elif action == "insert":
            data[where:where] = draw(st.binary(min_size=1, max_size=8))
        elif action == "delete" and data:
            del data[where : where + draw(st.integers(1, 8))]
        elif action == "cut":
            del data[where:]
    return bytes(data)


@st.composite
def document_changed(draw: st.DrawFn, document: Any) -> Any:
    """``document`` (parsed JSON) with one value somewhere replaced by garbage, or removed."""
    copy = json.loads(json.dumps(document))
    node = copy
    for _ in range(draw(st.integers(0, 8))):
        children = list(node.items()) if isinstance(node, dict) else list(enumerate(node))
        inner = [(k, v) for k, v in children if isinstance(v, dict | list) and v]
        if not inner or draw(st.booleans()):
            break
        node = draw(st.sampled_from(inner))[1]
    keys = list(node) if isinstance(node, dict) else list(range(len(node)))
    if not keys:
        return copy
    key = draw(st.sampled_from(keys))
    if isinstance(node, dict) and draw(st.integers(0, 4)) == 0:
        del node[key]
    else:
        node[key] = draw(GARBAGE)
    return copy


def file_garbage(seed: bytes, document: Any | None = None) -> st.SearchStrategy[bytes]:
    """Random bytes, ``seed`` mutated, structured garbage and (for JSON) a changed document."""
    choices = [st.binary(max_size=400), mutated(seed), GARBAGE.map(json_bytes)]
    if document is not None:
        choices.append(document_changed(document).map(json_bytes))
    return st.one_of(choices)
