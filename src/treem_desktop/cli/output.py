"""Printing results: one JSON document with ``--json``, else text in the user's language."""

from __future__ import annotations

import json
import sys
from typing import Any

from treem_desktop.errors import TreemError
from treem_desktop.i18n import _


class Reporter:
    """Writes a command's result to stdout and its errors to stderr."""

    def __init__(self, as_json: bool) -> None:
        self.as_json = as_json

    def report(self, document: dict[str, Any], text: str) -> None:
        if self.as_json:
            json.dump(document, sys.stdout, ensure_ascii=False, indent=2)
            sys.stdout.write("\n")
        else:
            print(text)

    def error(self, error: TreemError) -> None:
        print(_("Error: {message}").format(message=error.message()), file=sys.stderr)
        if self.as_json:
            json.dump({"status": "error", **error.as_json()}, sys.stdout, ensure_ascii=False)
            sys.stdout.write("\n")

    def crash(self, crash_log: str) -> None:
        print(
            _("An unexpected error stopped Treem. The details are in {path}.").format(
                path=crash_log
            ),
            file=sys.stderr,
        )
