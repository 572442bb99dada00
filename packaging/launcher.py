"""Entry point of the frozen application (PyInstaller)."""

import sys

from treem_desktop.__main__ import main

sys.exit(main())
