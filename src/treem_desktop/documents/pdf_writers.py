"""Who turns a composed document into a PDF for the command line.

``qt`` (the default) paints the same pages as the window's "Save as PDF", so no officer needs
LibreOffice; the front-end that has Qt offers it here (``__main__``), as the core never imports
Qt. ``libreoffice`` converts the written .docx instead (the tests use it to check the .docx).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from treem_desktop.errors import TreemError

if TYPE_CHECKING:  # the model is not needed to start (and costs ~0.1 s to import)
    from treem_desktop.documents.model import Document

QT = "qt"
LIBREOFFICE = "libreoffice"
ENGINES = (QT, LIBREOFFICE)

PdfWriter = Callable[["Document", Path], Path]
_offered: dict[str, PdfWriter] = {}


def offer_qt_writer(writer: PdfWriter) -> None:
    """Called by the front-end that can render with Qt."""
    _offered[QT] = writer


def qt_writer() -> PdfWriter:
    """The Qt renderer; PDF_CONVERTER_MISSING when no front-end offered one."""
    try:
        return _offered[QT]
    except KeyError:
        raise TreemError("PDF_CONVERTER_MISSING") from None
