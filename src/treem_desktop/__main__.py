"""``treem`` and ``python -m treem_desktop``: the window, or a command (docs/cli.md)."""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from treem_desktop.console import use_utf8_output
from treem_desktop.errors import EXIT_USER, TreemError
from treem_desktop.i18n import DEFAULT_LANGUAGE, LANGUAGES, set_language
from treem_desktop.paths import resolve_data_dir

if TYPE_CHECKING:
    from treem_desktop.documents.model import Document

_WINDOW_VALUED = ("--data-dir", "--lang")
_WINDOW_FLAGS = ("--startup-probe", "--json")


class WindowLine:
    """A command line that only opens the window: its options, read without the parser."""

    def __init__(self) -> None:
        self.data_dir: str | None = None
        self.lang: str | None = None
        self.startup_probe = False


def window_line(line: list[str]) -> WindowLine | None:
    """The window's options when ``line`` names no command and holds only the window's
    options (``--data-dir``, ``--lang``, ``--startup-probe``, ``--json``), in the forms the
    parser reads them the same way; None for anything else (the parser decides)."""
    found = WindowLine()
    words = iter(line)
    for word in words:
        name, equals, value = word.partition("=")
        if name in _WINDOW_VALUED:
            if not equals:
                value = next(words, "-")
                if value.startswith("-"):  # no value: the parser's own error
                    return None
            if name == "--lang":
                if value not in LANGUAGES:
                    return None
                found.lang = value
            else:
                found.data_dir = value
        elif word in _WINDOW_FLAGS:
            found.startup_probe = found.startup_probe or word == "--startup-probe"
        else:
            return None
    return found


def main(argv: list[str] | None = None) -> int:
    use_utf8_output()  # before anything is printed, --help included
    line = sys.argv[1:] if argv is None else argv
    window = window_line(line)
    if window is not None:  # the window: the command line's parser is not needed
        # No cyclic collection while the window is built: resumed once the home page is
        # filled (ui/app.py, resume_collection): 28 passes over the new objects, ~2 ms.
        gc.disable()
        _use_language(window.lang)
        from treem_desktop.ui.app import run_gui

        data_dir = resolve_data_dir(window.data_dir)
        return run_gui(data_dir, language=window.lang, startup_probe=window.startup_probe)
    return run_command_line(line)


def run_command_line(line: list[str]) -> int:
    """A command (or ``--help``, ``--version``, a mistake the parser reports)."""
    from treem_desktop.cli.parser import build_parser
    from treem_desktop.documents.pdf_writers import offer_qt_writer

    offer_qt_writer(_pdf_with_qt)
    args = build_parser(line).parse_args(line)  # only the named command's options are built
    language = getattr(args, "lang", None)
    _use_language(language)
    data_dir = resolve_data_dir(getattr(args, "data_dir", None))
    if args.command is None:
        from treem_desktop.ui.app import run_gui

        return run_gui(data_dir, language=language, startup_probe=args.startup_probe)
    from treem_desktop.cli.main import run_command

    try:
        return run_command(args, data_dir)
    except TreemError as error:  # pragma: no cover - run_command reports its own errors
        print(error.message(), file=sys.stderr)
        return EXIT_USER


def _use_language(language: str | None) -> None:
    set_language(language or os.environ.get("TREEM_LANG") or DEFAULT_LANGUAGE)


def _pdf_with_qt(document: Document, path: Path) -> Path:
    from treem_desktop.ui.documents.qt_render import render_pdf_without_window

    return render_pdf_without_window(document, path)


if __name__ == "__main__":
    sys.exit(main())
