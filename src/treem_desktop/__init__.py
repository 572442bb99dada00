"""Treem Desktop: child protection work for commune officers, offline (Qt-free core)."""

import logging

from treem_desktop._version import __version__

# Records reach the data folder's log once it is open (logs.start_file_log), never stderr.
logging.getLogger(__name__).addHandler(logging.NullHandler())

__all__ = ["__version__"]
