"""Printing results: one JSON document with ``--json``, else text in the user's language."""

from __future__ import annotations

import json
import sys
from typing import Any

from treem_desktop.core.outside_json import plain_text
from treem_desktop.errors import TreemError
from treem_desktop.i18n import _


def json_text(document: dict[str, Any], indent: int | None = None) -> str:
    """``document`` as strict JSON: NaN and Infinity are not JSON, so they are a bug here
    (``ValueError``), never printed; the text is made whole before any of it is written."""
    text = json.dumps(document, ensure_ascii=False, indent=indent, allow_nan=False)
    if plain_text(text):
        return text
    # undecodable bytes typed on the command line (lone surrogates): escaped, never a crash
    return json.dumps(document, ensure_ascii=True, indent=indent, allow_nan=False)


class Reporter:
    """Writes a command's result to stdout and its errors to stderr."""

    def __init__(self, as_json: bool) -> None:
        self.as_json = as_json

    def report(self, document: dict[str, Any], text: str) -> None:
        if self.as_json:
            sys.stdout.write(json_text(document, indent=2) + "\n")
        else:
            print(text)

    def error(self, error: TreemError) -> None:
        print(_("Error: {message}").format(message=error.message()), file=sys.stderr)
        hint = error.command_hint()
        if hint is not None:
            print(hint, file=sys.stderr)
        if self.as_json:
            sys.stdout.write(json_text({"status": "error", **error.as_json()}) + "\n")

    def crash(self, crash_log: str) -> None:
        print(
            _("An unexpected error stopped Treem. The details are in {path}.").format(
                path=crash_log
            ),
            file=sys.stderr,
        )
