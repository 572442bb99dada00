"""The rotating log file and the crash logs, both kept in the data folder."""

from __future__ import annotations

import datetime as dt
import logging
import sys
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType
from typing import IO

from treem_desktop._version import __version__

LOG_NAME = "treem.log"
LOG_BYTES = 1_000_000
LOG_BACKUPS = 5
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def start_file_log(log_dir: Path) -> Path:
    """Send the application's log records to ``log_dir/treem.log`` (rotated at 1 MB)."""
    log_dir.mkdir(parents=True, exist_ok=True)
    path = log_dir / LOG_NAME
    root = logging.getLogger()
    if not any(getattr(h, "baseFilename", None) == str(path) for h in root.handlers):
        handler = _QuietFileHandler(
            path, maxBytes=LOG_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8"
        )
        handler.setFormatter(logging.Formatter(_FORMAT))
        root.addHandler(handler)
    root.setLevel(logging.INFO)
    return path


class _QuietFileHandler(RotatingFileHandler):
    """The log file, which never prints a traceback when a record cannot be written (a full
    disk): the log is a help, and the message the user sees says what went wrong."""

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 - logging's name
        return None


FAULT_LOG_NAME = "faults.log"
_fault_log: list[IO[str]] = []  # kept open: faulthandler writes to it when Python dies


def enable_fault_log(log_dir: Path) -> Path:
    """Let :mod:`faulthandler` write the Python stacks to ``log_dir/faults.log`` when the
    process dies where no exception can be caught (a crash inside Qt, a hang killed)."""
    import faulthandler

    log_dir.mkdir(parents=True, exist_ok=True)
    path = log_dir / FAULT_LOG_NAME
    if not _fault_log:
        _fault_log.append(path.open("a", encoding="utf-8"))
        faulthandler.enable(file=_fault_log[0], all_threads=True)
    return path


def stop_file_log() -> None:
    root = logging.getLogger()
    for handler in list(root.handlers):
        if isinstance(handler, RotatingFileHandler):
            root.removeHandler(handler)
            handler.close()


def write_crash_log(
    log_dir: Path,
    exc_type: type[BaseException],
    exc: BaseException,
    tb: TracebackType | None,
) -> Path:
    """Write the traceback and the versions to a new ``crash-*.log``; returns its path."""
    import platform  # only a crash needs it

    log_dir.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    path = log_dir / f"crash-{stamp}.log"
    lines = [
        f"Treem Desktop {__version__}",
        f"Python {sys.version.split()[0]} on {platform.platform()}",
        f"Time {dt.datetime.now().astimezone().isoformat(timespec='seconds')}",
        "",
        *traceback.format_exception(exc_type, exc, tb),
    ]
    path.write_text("\n".join(line.rstrip("\n") for line in lines) + "\n", encoding="utf-8")
    logging.getLogger(__name__).error("crash log written to %s", path)
    return path


def try_write_crash_log(
    log_dir: Path,
    exc_type: type[BaseException],
    exc: BaseException,
    tb: TracebackType | None,
) -> Path | str:
    """:func:`write_crash_log`, or when it cannot be written (a full disk, a read-only
    folder) one line in the user's language saying so, to show with the message."""
    from treem_desktop.disk_full import DISK_FULL_ERRNOS
    from treem_desktop.i18n import _

    try:
        return write_crash_log(log_dir, exc_type, exc, tb)
    except OSError as error:
        logging.getLogger(__name__).error("crash log not written: %s", error)
        reason = _("the disk is full") if error.errno in DISK_FULL_ERRNOS else error.strerror
        return _("The crash log could not be written in {folder} ({reason}).").format(
            folder=log_dir, reason=reason or type(error).__name__
        )
