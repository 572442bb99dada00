"""PySide6's ``from __feature__ import ...`` hook, taken off once Qt is imported.

Importing PySide6 replaces ``builtins.__import__`` with ``__feature_import__``, which serves
the opt-in ``from __feature__ import snake_case, true_property`` and, after every later import
in the process, reads the imported module's whole source (``inspect.getsource``) to look for
the word "PySide6". Treem uses no feature, and that hook cost about 9 ms of the start-up
(benchmarks/startup.py, medians of 21 alternated runs: 186 -> 177 ms). PySide keeps the
import it replaced in ``builtins.__orig_import__`` (its own lazy loader of Qt's names, kept)
and documents that one as the one to override; it is put back here. A module is never asked
for a feature it did not select, so Qt's types behave the same; ``from __feature__ import``
would no longer work (none in Treem: tests/ui/test_startup_cost.py).
"""

from __future__ import annotations

import builtins


def drop_feature_import() -> None:
    """Put back the import PySide's feature hook replaced; nothing when it is not installed
    (Qt not imported yet, or something else replaced the import since)."""
    feature_import = getattr(builtins, "__feature_import__", None)
    replaced = getattr(builtins, "__orig_import__", None)
    if feature_import is not None and replaced is not None:
        if builtins.__import__ is feature_import:
            builtins.__import__ = replaced
