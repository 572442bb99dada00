"""The command line's output is UTF-8 whatever the console or locale says.

On Windows a redirected ``treem`` (a pipe, a file, another program reading it) writes in the
ANSI code page (cp1252 on most laptops), which has no Vietnamese letters: a command that
succeeded would crash printing its result. UTF-8 is the one encoding that carries every
name, and readers of ``--json`` expect it (RFC 8259).
"""

from __future__ import annotations

import codecs
import sys
from typing import TextIO

OUTPUT_ENCODING = "utf-8"


def use_utf8_output() -> None:
    """Switch stdout and stderr to UTF-8 (no BOM), keeping each stream's error handler."""
    for stream in (sys.stdout, sys.stderr):
        _reconfigure(stream)


def _reconfigure(stream: TextIO | None) -> None:
    encoding = getattr(stream, "encoding", None)
    if stream is None or encoding is None or _is_utf8(encoding):
        return  # no console at all (the windowed app), or already UTF-8
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None:
        stream.flush()
        reconfigure(encoding=OUTPUT_ENCODING, errors=stream.errors)


def _is_utf8(encoding: str) -> bool:
    try:
        return codecs.lookup(encoding).name == OUTPUT_ENCODING
    except LookupError:
        return False
