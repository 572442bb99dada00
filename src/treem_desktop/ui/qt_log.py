"""Qt's own warnings (a missing font, a layout it could not satisfy) go to the log file.

Without this they go to a console the windowed Treem.exe does not have. The handler before
ours keeps receiving every message (pytest-qt's, in the tests, which fail on warnings).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from treem_desktop.ui.qt import QtMsgType, qInstallMessageHandler

log = logging.getLogger("qt")
_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}
MessageHandler = Callable[[QtMsgType, Any, str], None]


def install_qt_log() -> MessageHandler:
    """Send Qt's messages to the ``qt`` logger, then to the handler that was there."""
    previous: MessageHandler | None = None

    def to_log(kind: QtMsgType, context: Any, message: str) -> None:
        where = f" ({context.file}:{context.line})" if getattr(context, "file", None) else ""
        log.log(_LEVELS.get(kind, logging.WARNING), "%s%s", message, where)
        if previous is not None:
            previous(kind, context, message)

    previous = qInstallMessageHandler(to_log)
    return to_log
