"""``treem`` and ``python -m treem_desktop``: the window, or a command (docs/cli.md)."""

from __future__ import annotations

import os
import sys

from treem_desktop.errors import EXIT_USER, TreemError
from treem_desktop.i18n import DEFAULT_LANGUAGE, set_language
from treem_desktop.paths import resolve_data_dir


def main(argv: list[str] | None = None) -> int:
    from treem_desktop.cli.parser import build_parser

    args = build_parser().parse_args(argv)
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


if __name__ == "__main__":
    sys.exit(main())
