"""Render a :class:`Document` with Qt: to PDF, to a printer, in a print preview, to images.

The Qt twin of ``documents/docx_render.py``: A4 portrait, margins 20 mm top and bottom, 30 mm
left, 15 mm right, Times New Roman (Liberation Serif where it is missing), black; the page
number centred in the top margin from page 2; each appendix on a new page numbered afresh.
Pages are laid out once, on a reference device, from the document's parts (``qt_blocks``:
paragraphs in ``qt_text``, tables in ``qt_table``, page breaking in ``qt_layout``) and painted
with QPainter on whatever device asks for them, so the PDF, the paper, the preview and the
screen images are the same pages. The measures follow LibreOffice printing the docx renderer's
file, so both renderers end their lines and pages in (nearly) the same places.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from treem_desktop.documents.model import Document, PacketStamp
from treem_desktop.i18n import _
from treem_desktop.ui.documents import qt_blocks
from treem_desktop.ui.documents import qt_layout as lay
from treem_desktop.ui.documents.qt_text import Text
from treem_desktop.ui.qt import (
    QBuffer,
    QColor,
    QDialog,
    QGuiApplication,
    QImage,
    QIODevice,
    QMarginsF,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPrintDialog,
    QPrinter,
    QPrintPreviewDialog,
    QRectF,
    Qt,
    QWidget,
)

CREATOR = "Treem Desktop"


def layout_pages(document: Document) -> list[lay.Page]:
    """The pages of ``document``: what stands where on each, in dots of the reference device."""
    return lay.paginate(qt_blocks.flowables(document), lay.mm(lay.TEXT_HEIGHT_MM))


def page_layout() -> QPageLayout:
    """A4 portrait without margins: the painter's origin is the corner of the sheet."""
    return QPageLayout(
        QPageSize(QPageSize.PageSizeId.A4),
        QPageLayout.Orientation.Portrait,
        QMarginsF(0, 0, 0, 0),
        QPageLayout.Unit.Millimeter,
    )


def paint_document(document: Document, device: QPagedPaintDevice) -> None:
    """Paint every page of ``document`` on a PDF writer or a printer (paper, file, preview).

    Raises OSError when the device cannot be painted on (a printer that went away).
    """
    pages = layout_pages(document)
    if isinstance(device, QPrinter):
        device.setFullPage(True)  # the origin at the sheet's corner, not the printable area
    device.setPageLayout(page_layout())
    painter = QPainter()
    if not painter.begin(device):
        raise OSError(f"cannot paint on {type(device).__name__}")
    try:
        for i, page in enumerate(pages):
            if i:
                device.newPage()
            paint_page(painter, page, device.logicalDpiX(), device.logicalDpiY(), document.stamp)
    finally:
        painter.end()


def paint_page(
    painter: QPainter,
    page: lay.Page,
    dpi_x: float,
    dpi_y: float,
    stamp: PacketStamp | None = None,
) -> None:
    """Paint one laid-out page on a device of ``dpi_x`` × ``dpi_y`` dots per inch."""
    painter.save()
    painter.setRenderHints(
        QPainter.RenderHint.Antialiasing
        | QPainter.RenderHint.TextAntialiasing
        | QPainter.RenderHint.SmoothPixmapTransform
    )
    painter.scale(dpi_x / lay.DPI, dpi_y / lay.DPI)
    painter.translate(lay.mm(lay.MARGINS_MM["left"]), lay.mm(lay.MARGINS_MM["top"]))
    painter.setPen(QColor(Qt.GlobalColor.black))
    for item, y in page.placed:
        item.paint(painter, 0, y)
    if page.number > 1:  # Decree 30: no number on the first page
        number = Text.of(str(page.number), lay.PAGE_NUMBER, lay.mm(lay.TEXT_WIDTH_MM))
        number.paint(painter, 0, lay.mm(lay.PAGE_NUMBER_TOP_MM - lay.MARGINS_MM["top"]))
    if stamp is not None:
        paint_stamp(painter, stamp)
    painter.restore()


STAMP_QR_MM = 12.0  # in the 20 mm bottom margin, 4 mm below the text area
STAMP_GAP_MM = 4.0
STAMP_LOOK = lay.Look(size=8, align="left")


def paint_stamp(painter: QPainter, stamp: PacketStamp) -> None:
    """The packet's line and QR code in the bottom margin (origin: the text area's corner)."""
    from treem_desktop.commune.commune_key import qr_modules
    from treem_desktop.ui.key_card import paint_qr

    top = lay.mm(lay.TEXT_HEIGHT_MM + STAMP_GAP_MM)
    side = lay.mm(STAMP_QR_MM)
    left = lay.mm(lay.TEXT_WIDTH_MM) - side
    paint_qr(painter, QRectF(left, top, side, side), qr_modules(stamp.qr_text()))
    text = Text.of(stamp.line(), STAMP_LOOK, left - lay.mm(3))
    text.paint(painter, 0, top + side / 2 - text.height() / 2)


def render_pdf(document: Document, path: Path) -> Path:
    """Write ``document`` to ``path`` as a PDF and return ``path``.

    The file appears whole or not at all: written under a temporary name beside ``path`` and
    renamed over it. Raises OSError (and leaves nothing behind) when the folder is missing or
    not writable.
    """
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(lay.DPI)
    writer.setTitle(f"{document.kind} {document.summary}".strip())
    writer.setAuthor(" ".join(document.issuer_lines))
    writer.setCreator(CREATOR)
    paint_document(document, writer)
    buffer.close()
    save_atomically(bytes(buffer.data().data()), path)
    return path


def render_pdf_without_window(document: Document, path: Path) -> Path:
    """:func:`render_pdf` for the command line: the same pages as the window's PDF, with no
    window and no LibreOffice. Off Windows Qt draws offscreen (no display is needed); on
    Windows its own platform, which shows nothing unless asked and knows the system's fonts.
    """
    if QGuiApplication.instance() is None:
        if sys.platform != "win32":
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        _application.append(QGuiApplication(sys.argv[:1]))
    return render_pdf(document, path)


_application: list[QGuiApplication] = []  # kept alive until the process ends


def save_atomically(data: bytes, path: Path) -> None:
    """Write under a new temporary name beside ``path``, flush to disk, rename over ``path``."""
    temporary = path.with_name(f".{path.name}.{os.urandom(4).hex()}.tmp")
    try:
        with temporary.open("xb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def a4_printer(document: Document) -> QPrinter:
    """A high-resolution printer set to A4 portrait, named after the document."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setFullPage(True)
    printer.setPageLayout(page_layout())
    printer.setDocName(f"{document.kind} {document.summary}".strip())
    printer.setCreator(CREATOR)
    return printer


def print_document(parent: QWidget, document: Document) -> bool:
    """Ask for a printer with the system's print dialog and print; False when cancelled."""
    printer = a4_printer(document)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(_("Print document"))
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    paint_document(document, printer)
    return True


def preview_document(parent: QWidget, document: Document) -> None:
    """Show the pages in a print preview, from which the officer can also print."""
    printer = a4_printer(document)  # kept alive while the dialog uses it
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(_("Print preview"))
    dialog.paintRequested.connect(lambda printer: paint_document(document, printer))
    dialog.exec()


def page_images(document: Document, dpi: float = 96) -> list[QImage]:
    """Each page as a white image at ``dpi`` dots per inch (for screens and tests)."""
    size = [round(side / 25.4 * dpi) for side in lay.PAGE_MM]
    images = []
    for page in layout_pages(document):
        image = QImage(size[0], size[1], QImage.Format.Format_RGB32)
        image.setDotsPerMeterX(round(dpi / 0.0254))
        image.setDotsPerMeterY(round(dpi / 0.0254))
        image.fill(QColor(Qt.GlobalColor.white))
        painter = QPainter(image)
        paint_page(painter, page, dpi, dpi, document.stamp)
        painter.end()
        images.append(image)
    return images
