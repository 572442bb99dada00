"""Reading data that comes from outside (a file, a USB stick, an e-mail, a typed value).

Every reader of outside data goes through here so that garbage is refused the same way, as
:class:`OutsideDataError` (a ``ValueError``) whose ``detail`` is in the user's language; the
reader turns it into its own :class:`~treem_desktop.errors.TreemError`:

- text is UTF-8, strictly (a leading byte-order mark is allowed);
- JSON has no ``NaN``/``Infinity``, no number too large for a float, no integer of more than
  :data:`MAX_INT_DIGITS` digits, no nesting deeper than :data:`MAX_DEPTH`, and is at most the
  reader's size limit;
- a number is finite and, for counts, at most :data:`MAX_COUNT`.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

from treem_desktop.i18n import N_, _

MAX_DEPTH = 64
MAX_INT_DIGITS = 18
"""Every integer of 18 digits fits SQLite's 64 bits; no count, year or version needs more."""
MAX_JSON_BYTES = 16 * 2**20
MAX_COUNT = 10_000_000
"""The largest count of people or cases a commune can report (a sane bound, far above any
commune's population)."""
MAX_AMOUNT = 1e12
"""The largest number any table or indicator holds (money in thousand đồng included): far
beyond a commune's, and small enough to print with its decimals."""

_BOM = "\ufeff"


class OutsideDataError(ValueError):
    """Outside data refused; ``detail`` says why, in the user's language."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


def _refuse(msgid: str, **params: Any) -> OutsideDataError:
    return OutsideDataError(_(msgid).format(**params))


def decode_text(data: bytes) -> str:
    """``data`` as UTF-8 text, strictly; a leading byte-order mark is dropped."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _refuse(N_("not UTF-8 text (byte {offset})"), offset=exc.start) from exc
    return text.removeprefix(_BOM)


def plain_text(value: str) -> bool:
    """Whether ``value`` (typed or read) can be stored as UTF-8: no lone surrogates."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def load_json(data: bytes | str, *, limit: int = MAX_JSON_BYTES) -> Any:
    """The JSON document in ``data``, or :class:`OutsideDataError`."""
    if len(data) > limit:
        raise _refuse(N_("larger than {limit} bytes"), limit=limit)
    text = decode_text(data) if isinstance(data, bytes) else data.removeprefix(_BOM)
    if not plain_text(text):
        raise _refuse(N_("not UTF-8 text"))
    try:
        document = json.loads(text, parse_constant=_no_constant, parse_int=_int, parse_float=_float)
    except OutsideDataError:
        raise
    except RecursionError as exc:
        raise _refuse(N_("nested more than {limit} levels deep"), limit=MAX_DEPTH) from exc
    except json.JSONDecodeError as exc:
        raise _refuse(
            N_("not valid JSON (line {line}, column {column})"), line=exc.lineno, column=exc.colno
        ) from exc
    check_depth(document)
    return document


def _no_constant(name: str) -> Any:
    raise _refuse(N_("{value} is not a number"), value=name)


def _int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise _refuse(N_("a number of more than {limit} digits"), limit=MAX_INT_DIGITS)
    return int(text)


def _float(text: str) -> float:
    if len(text) > 100:
        raise _refuse(N_("a number of more than {limit} digits"), limit=100)
    value = float(text)
    if not math.isfinite(value):
        raise _refuse(N_("{value} is too large"), value=text[:20])
    return value


def check_depth(document: Any, limit: int = MAX_DEPTH) -> None:
    """Refuse ``document`` when its lists and objects nest deeper than ``limit``."""
    stack: list[tuple[Any, int]] = [(document, 1)]
    while stack:
        node, depth = stack.pop()
        if not isinstance(node, dict | list):
            continue
        if depth > limit:
            raise _refuse(N_("nested more than {limit} levels deep"), limit=limit)
        children = node.values() if isinstance(node, dict) else node
        stack.extend((child, depth + 1) for child in children)


def finite_number(value: object, *, maximum: float | None = None) -> float:
    """``value`` as a finite float in ``[-maximum, maximum]``, or :class:`OutsideDataError`."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _refuse(N_("not a number"))
    try:
        number = float(value)
    except OverflowError as exc:
        raise _refuse(N_("{value} is too large"), value=_short(value)) from exc
    if not math.isfinite(number):
        raise _refuse(N_("{value} is not a number"), value=_short(value))
    if maximum is not None and abs(number) > maximum:
        raise _refuse(N_("{value} is too large"), value=_short(value))
    return number


def _short(value: int | float) -> str:
    """A few characters that name ``value`` (``str`` of a huge integer would fail)."""
    if isinstance(value, int) and value.bit_length() > 64:
        return ("-" if value < 0 else "") + _("a number of {count} digits").format(
            count=int(value.bit_length() * 0.30103) + 1
        )
    return str(value)[:20]


def read_json_file(path: Path, code: str = "IMPORT_NOT_JSON", limit: int = MAX_JSON_BYTES) -> Any:
    """The JSON document in the file at ``path``, or a :class:`TreemError`: ``FILE_UNREADABLE``,
    or ``code`` (with ``path`` and ``detail``) for anything that is not plain, bounded JSON."""
    from treem_desktop.errors import TreemError

    try:
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as error:
        raise TreemError("FILE_UNREADABLE", path=path, detail=error.strerror) from error
    try:
        return load_json(data, limit=limit)
    except OutsideDataError as error:
        raise TreemError(code, path=path, detail=error.detail) from error
