"""The window's command line is read without the parser, and means what the parser says."""

from __future__ import annotations

import pytest

from treem_desktop.__main__ import window_line
from treem_desktop.cli.parser import build_parser

WINDOW_LINES = [
    [],
    ["--data-dir", "D"],
    ["--data-dir=D"],
    ["--data-dir", ""],
    ["--lang", "en"],
    ["--lang=vi", "--data-dir", "D", "--startup-probe"],
    ["--json"],
    ["--data-dir", "A", "--data-dir", "B"],
    ["--startup-probe", "--lang", "en", "--lang", "vi"],
]
FOR_THE_PARSER = [
    ["--help"],
    ["-h"],
    ["--version"],
    ["--lang", "fr"],
    ["--lang="],
    ["--data-dir"],
    ["--data-dir", "--json"],
    ["--data", "D"],  # an abbreviation: the parser's to read
    ["--json=1"],
    ["--"],
    ["db", "check"],
    ["--data-dir", "D", "packet", "verify", "P.zip"],
    ["--unknown"],
]


@pytest.mark.parametrize("line", WINDOW_LINES, ids=" ".join)
def test_a_window_line_means_what_the_parser_reads(line: list[str]) -> None:
    found = window_line(line)
    assert found is not None
    args = build_parser(line).parse_args(line)
    assert args.command is None
    assert found.data_dir == getattr(args, "data_dir", None)
    assert found.lang == getattr(args, "lang", None)
    assert found.startup_probe == args.startup_probe


@pytest.mark.parametrize("line", FOR_THE_PARSER, ids=" ".join)
def test_anything_else_goes_to_the_parser(line: list[str]) -> None:
    assert window_line(line) is None
