"""``treem`` and ``python -m treem_desktop``: the window, or a command (docs/cli.md)."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from treem_desktop.console import use_utf8_output
from treem_desktop.documents.pdf_writers import offer_qt_writer
from treem_desktop.errors import EXIT_USER, TreemError
from treem_desktop.i18n import DEFAULT_LANGUAGE, set_language
from treem_desktop.paths import resolve_data_dir

if TYPE_CHECKING:
    from treem_desktop.documents.model import Document


def main(argv: list[str] | None = None) -> int:
    from treem_desktop.cli.parser import build_parser

    use_utf8_output()  # before anything is printed, --help included
    offer_qt_writer(_pdf_with_qt)

    line = sys.argv[1:] if argv is None else argv
    args = build_parser(line).parse_args(line)  # only the named command's options are built
    language = getattr(args, "lang", None)
    set_language(language or os.environ.get("TREEM_LANG") or DEFAULT_LANGUAGE)
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


def _pdf_with_qt(document: Document, path: Path) -> Path:
    from treem_desktop.ui.documents.qt_render import render_pdf_without_window

    return render_pdf_without_window(document, path)


if __name__ == "__main__":
    sys.exit(main())
