"""Checking a JSON document against a JSON Schema, with the place of the first problem.

``jsonschema`` is imported on first use only: it is not needed at start-up.
"""

from __future__ import annotations

from typing import Any


def first_schema_problem(document: object, schema: dict[str, Any]) -> tuple[str, str] | None:
    """The most relevant violation as (place, message), e.g. ``("$.files[2].size", "…")``;
    None when ``document`` is valid."""
    import jsonschema

    validator = jsonschema.Draft202012Validator(schema)
    error = jsonschema.exceptions.best_match(validator.iter_errors(document))
    if error is None:
        return None
    where = "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.absolute_path)
    return where, error.message
