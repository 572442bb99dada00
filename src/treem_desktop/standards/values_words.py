"""Why a filled-values document (or a pack's values) cannot be read, in the officer's words.

:func:`~treem_desktop.standards.pack.parse_filled` refuses with the technical place
(``values[3].bands[1]``, kept as the error's ``field`` for the log and ``--json``); this names
the value by its criterion or item (``Nội dung 2.1: thang điểm, mức 2``) and says what is wrong.
Qt-free.
"""

from __future__ import annotations

import re
from typing import Any

from treem_desktop.errors import TreemError
from treem_desktop.i18n import N_, _
from treem_desktop.standards.model import Standard
from treem_desktop.standards.pack_checks import target_words

EXPECTED_WORDS = {
    "a number": N_("must be a number"),
    "a number not below 0": N_("must not be below 0"),
    "a list of bands": N_("must list the bands of the scale"),
    "at_least or at_most, and points": N_("each band must give one limit and its points"),
    "an object with a target": N_("does not say which value it fills"),
    "an object with a list of values": N_("holds no list of values"),
}
UNREADABLE = N_("is not readable")
VALUE_PLACE = re.compile(r"values\[(\d+)\]")
BAND_PLACE = re.compile(r"bands\[(\d+)\]")


def values_problem_words(standard: Standard, document: Any, error: TreemError) -> str:
    """``Nội dung 2.1: thang điểm (các mức), mức 2: phải là một số`` for ``error``."""
    where = error.field or ""
    reason = _(EXPECTED_WORDS.get(str(error.params.get("expected")), UNREADABLE))
    found = VALUE_PLACE.match(where)
    if found is None:
        return _("The file {reason}.").format(reason=reason)
    place = _value_words(standard, document, int(found.group(1)))
    band = BAND_PLACE.search(where)
    if band is not None:
        place = _("{place}, band {n}").format(place=place, n=int(band.group(1)) + 1)
    return _("{place}: {reason}.").format(place=place, reason=reason)


def _value_words(standard: Standard, document: Any, index: int) -> str:
    values = document.get("values") if isinstance(document, dict) else None
    raw = values[index] if isinstance(values, list) and index < len(values) else None
    target = raw.get("target") if isinstance(raw, dict) else None
    if isinstance(target, str):
        return target_words(standard, target)
    return _("Value {n} of the file").format(n=index + 1)
