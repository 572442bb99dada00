"""Entry point of both frozen executables: ``treem`` (console) and ``TreemDesktop`` (windowed).

A windowed Windows executable starts with no console, so ``sys.stdout`` and ``sys.stderr``
are None; writing to them (a warning, ``faulthandler``) would then fail, so they go to
``os.devnull`` instead.
"""

import os
import sys


def _give_missing_streams_a_sink() -> None:
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))


_give_missing_streams_a_sink()

from treem_desktop.__main__ import main  # noqa: E402 - after the streams exist

sys.exit(main())
