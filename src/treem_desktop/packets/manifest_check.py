"""A quick yes for a manifest that conforms to its JSON Schema, without importing jsonschema.

Importing jsonschema costs more than checking a whole packet, and every good manifest conforms:
:func:`surely_conforms` interprets the few keywords the manifest schemas use (``type``,
``const``, ``enum``, ``properties``, ``required``, ``additionalProperties: false``, ``items``,
``minItems``/``maxItems``, ``minLength``/``maxLength``, ``pattern``, ``minimum``/``maximum``,
``oneOf``) exactly as JSON Schema does for JSON without numbers with a fraction. It says True
only when the document surely conforms; for anything else (a problem, a float, a keyword it
does not know) it says False, and the caller asks jsonschema, which names the problem.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

_ANNOTATIONS = frozenset({"$schema", "$id", "title", "description"})
_TYPES: dict[str, type | tuple[type, ...]] = {
    "object": dict,
    "array": list,
    "string": str,
    "integer": int,
    "boolean": bool,
    "null": type(None),
}


class _Unsure(Exception):
    """A keyword or a value this checker does not decide: jsonschema will."""


def surely_conforms(document: object, schema: dict[str, Any]) -> bool:
    """True when ``document`` conforms to ``schema``; False when it may not (ask jsonschema)."""
    try:
        return _conforms(document, schema)
    except (_Unsure, RecursionError):
        return False


def _conforms(value: object, schema: dict[str, Any]) -> bool:
    if isinstance(value, float):
        raise _Unsure  # 1.0 is an integer to JSON Schema: leave numbers with a point to it
    for keyword, expected in schema.items():
        if keyword in _ANNOTATIONS:
            continue
        check = _KEYWORDS.get(keyword)
        if check is None:
            raise _Unsure(keyword)
        if not check(value, expected, schema):
            return False
    return True


def _same(value: object, expected: object) -> bool:
    """JSON equality without floats: True is not 1."""
    return type(value) is type(expected) and value == expected


def _type(value: object, expected: str, _schema: dict[str, Any]) -> bool:
    kind = _TYPES.get(expected)
    if kind is None:
        raise _Unsure(expected)
    if isinstance(value, bool) and expected != "boolean":
        return False
    return isinstance(value, kind)


def _properties(value: object, expected: dict[str, Any], _schema: dict[str, Any]) -> bool:
    if not isinstance(value, dict):
        return True
    return all(_conforms(value[name], sub) for name, sub in expected.items() if name in value)


def _additional(value: object, expected: object, schema: dict[str, Any]) -> bool:
    if expected is not False:
        raise _Unsure("additionalProperties")
    if not isinstance(value, dict):
        return True
    return set(value) <= set(schema.get("properties", {}))


def _required(value: object, expected: list[str], _schema: dict[str, Any]) -> bool:
    return not isinstance(value, dict) or all(name in value for name in expected)


def _items(value: object, expected: dict[str, Any], _schema: dict[str, Any]) -> bool:
    return not isinstance(value, list) or all(_conforms(item, expected) for item in value)


def _sized(kind: type, at_least: bool) -> Any:
    def check(value: object, bound: int, _schema: dict[str, Any]) -> bool:
        if not isinstance(value, kind):
            return True
        size = len(value)  # type: ignore[arg-type]
        return size >= bound if at_least else size <= bound

    return check


def _bounded(at_least: bool) -> Any:
    def check(value: object, bound: int, _schema: dict[str, Any]) -> bool:
        if isinstance(value, bool) or not isinstance(value, int):
            return True
        return value >= bound if at_least else value <= bound

    return check


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _pattern(value: object, expected: str, _schema: dict[str, Any]) -> bool:
    return not isinstance(value, str) or _compiled(expected).search(value) is not None


def _one_of(value: object, expected: list[dict[str, Any]], _schema: dict[str, Any]) -> bool:
    return sum(1 for branch in expected if _conforms(value, branch)) == 1


_KEYWORDS: dict[str, Any] = {
    "type": _type,
    "const": lambda value, expected, _schema: _same(value, expected),
    "enum": lambda value, expected, _schema: any(_same(value, e) for e in expected),
    "properties": _properties,
    "additionalProperties": _additional,
    "required": _required,
    "items": _items,
    "minItems": _sized(list, at_least=True),
    "maxItems": _sized(list, at_least=False),
    "minLength": _sized(str, at_least=True),
    "maxLength": _sized(str, at_least=False),
    "minimum": _bounded(at_least=True),
    "maximum": _bounded(at_least=False),
    "pattern": _pattern,
    "oneOf": _one_of,
}
