"""The user guide (Hướng dẫn sử dụng): read from ``resources/guide``, shown, printed to PDF.

The guide is data the application ships: ``resources/guide/<language>/index.json`` lists the
sections in order (their ids are the page names of :data:`~treem_desktop.ui.main_window.PAGES`,
plus ``first-run`` and ``problems``), each section's text is ``<id>.html`` beside it, and the
pictures are in ``resources/guide/images`` (made by ``scripts/guide-images.py``).
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from pathlib import Path

from treem_desktop.i18n import _, current_language
from treem_desktop.paths import guide_dir
from treem_desktop.ui.qt import (
    QBuffer,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QImage,
    QIODevice,
    QListWidget,
    QMarginsF,
    QPageLayout,
    QPageSize,
    QPdfWriter,
    QPoint,
    QPrintDialog,
    QPrinter,
    QPushButton,
    QRect,
    QSize,
    QSizeF,
    QTextBrowser,
    QTextDocument,
    QUrl,
    QVBoxLayout,
    QWidget,
)

DEFAULT_LANGUAGE = "vi"
DIALOG_SIZE = QSize(960, 680)
CONTENTS_WIDTH = 210
PDF_DPI = 300
PAGE_MARGINS_MM = (20, 15, 15, 15)
PRINT_POINT_SIZE = 11
MM_PER_INCH = 25.4
LOGICAL_DPI = 96
"""The printed page is laid out as a screen of this many dots per inch would show it, so that
pictures of the window (at most 640 dots wide) fit between the margins of an A4 page."""


@dataclass(frozen=True)
class Section:
    """One section of the guide: its id (a page name), its title and its HTML text."""

    id: str
    title: str
    body: str


@dataclass(frozen=True)
class Guide:
    """The guide in one language, with the folder its pictures are in."""

    title: str
    sections: tuple[Section, ...]
    images: Path

    def ids(self) -> list[str]:
        return [section.id for section in self.sections]

    def html(self) -> str:
        """The whole guide as one HTML document: title, contents, then every section."""
        contents = "".join(
            f'<li><a href="#{s.id}">{html.escape(s.title)}</a></li>' for s in self.sections
        )
        parts = [f"<h1>{html.escape(self.title)}</h1><ol>{contents}</ol>"]
        for number, section in enumerate(self.sections, start=1):
            parts.append(
                f'<h2><a name="{section.id}">'
                f"{number}. {html.escape(section.title)}</a></h2>{section.body}"
            )
        return f"<html><body>{''.join(parts)}</body></html>"


def language_dir(language: str | None = None) -> Path:
    """The guide's folder for ``language``; Vietnamese when there is none in that language."""
    folder = guide_dir() / (language or current_language())
    if (folder / "index.json").is_file():
        return folder
    return guide_dir() / DEFAULT_LANGUAGE


def load_guide(language: str | None = None) -> Guide:
    """The guide as shipped in ``resources/guide`` (in the window's language by default)."""
    folder = language_dir(language)
    index = json.loads((folder / "index.json").read_text(encoding="utf-8"))
    sections = tuple(
        Section(entry["id"], entry["title"], (folder / f"{entry['id']}.html").read_text("utf-8"))
        for entry in index["sections"]
    )
    return Guide(index["title"], sections, guide_dir() / "images")


class GuideDialog(QDialog):
    """The guide beside its list of sections, with printing and saving as PDF."""

    def __init__(self, parent: QWidget | None = None, guide: Guide | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("guide_dialog")
        self.guide = guide or load_guide()
        self.setWindowTitle(self.guide.title)
        self.contents = QListWidget()
        self.contents.setObjectName("guide_contents")
        self.contents.setFixedWidth(CONTENTS_WIDTH)
        self.contents.setWordWrap(True)
        for number, section in enumerate(self.guide.sections, start=1):
            self.contents.addItem(f"{number}. {section.title}")
        self.browser = QTextBrowser()
        self.browser.setObjectName("guide_text")
        self.browser.setOpenExternalLinks(False)
        self.browser.setSearchPaths([str(self.guide.images)])
        self.browser.setHtml(self.guide.html())
        self._anchors = anchor_positions(self.browser)
        self.contents.currentRowChanged.connect(self._row_chosen)
        self.browser.verticalScrollBar().valueChanged.connect(self._scrolled)
        self.browser.anchorClicked.connect(self._link_clicked)
        self.setLayout(self._layout())
        fit_guide(self)

    def _layout(self) -> QVBoxLayout:
        body = QHBoxLayout()
        body.addWidget(self.contents)
        body.addWidget(self.browser, 1)
        self.print_button = QPushButton(_("&Print…"))
        self.print_button.setObjectName("guide_print")
        self.print_button.clicked.connect(self.print_with_dialog)
        self.pdf_button = QPushButton(_("Save as &PDF…"))
        self.pdf_button.setObjectName("guide_pdf")
        self.pdf_button.clicked.connect(self.save_pdf_with_dialog)
        close = QPushButton(_("Close"))
        close.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.pdf_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout()
        layout.addLayout(body, 1)
        layout.addLayout(buttons)
        return layout

    # Sections ---------------------------------------------------------------------------

    def show_section(self, section_id: str) -> None:
        """Scroll to the section ``section_id`` (a page name); the guide's start if unknown."""
        ids = self.guide.ids()
        row = ids.index(section_id) if section_id in ids else 0
        self.contents.setCurrentRow(row)
        self.browser.scrollToAnchor(ids[row])

    def current_section(self) -> str:
        """The section whose text is at the top of the view."""
        top = self.browser.cursorForPosition(QPoint(0, 0)).position()
        current = self.guide.ids()[0]
        for section_id, position in self._anchors.items():
            if position <= top:
                current = section_id
        return current

    def _row_chosen(self, row: int) -> None:
        if 0 <= row < len(self.guide.sections) and self.current_section() != self.guide.ids()[row]:
            self.browser.scrollToAnchor(self.guide.ids()[row])

    def _scrolled(self) -> None:
        row = self.guide.ids().index(self.current_section())
        self.contents.blockSignals(True)
        self.contents.setCurrentRow(row)
        self.contents.blockSignals(False)

    def _link_clicked(self, url: QUrl) -> None:
        if url.hasFragment() and not url.path():
            self.show_section(url.fragment())

    # Printing ---------------------------------------------------------------------------

    def print_with_dialog(self) -> bool:
        """Ask for a printer with the system's print dialog and print; False when cancelled."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageLayout(a4_layout())
        printer.setDocName(self.guide.title)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(_("Print the user guide"))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        printable(self.guide).print_(printer)
        return True

    def save_pdf_with_dialog(self) -> Path | None:
        """Ask where to save the guide as PDF, then save it there."""
        name, _filter = QFileDialog.getSaveFileName(
            self, _("Save the guide as PDF"), _("user-guide.pdf"), "PDF (*.pdf)"
        )
        if not name:
            return None
        return self.save_pdf(Path(name))

    def save_pdf(self, path: Path) -> Path:
        """Write the whole guide to ``path`` as an A4 PDF (whole or not at all)."""
        from treem_desktop.ui.documents.qt_render import save_atomically

        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        writer = QPdfWriter(buffer)
        writer.setResolution(PDF_DPI)
        writer.setPageLayout(a4_layout())
        writer.setTitle(self.guide.title)
        writer.setCreator("Treem Desktop")
        printable(self.guide).print_(writer)
        buffer.close()
        save_atomically(bytes(buffer.data().data()), path)
        return path


def anchor_positions(browser: QTextBrowser) -> dict[str, int]:
    """Where each named anchor (a section's start) is in the browser's text."""
    positions: dict[str, int] = {}
    block = browser.document().begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            for name in fragments.fragment().charFormat().anchorNames():
                positions.setdefault(name, block.position())
            fragments += 1
        block = block.next()
    return positions


def printable(guide: Guide) -> QTextDocument:
    """The guide laid out on A4 pages (between the margins), its pictures loaded."""
    document = QTextDocument()
    font = document.defaultFont()
    font.setPointSizeF(PRINT_POINT_SIZE)
    document.setDefaultFont(font)
    for picture in guide.images.glob("*.png"):
        document.addResource(
            QTextDocument.ResourceType.ImageResource, QUrl(picture.name), QImage(str(picture))
        )
    document.setHtml(guide.html())
    page = a4_layout().paintRect(QPageLayout.Unit.Millimeter)
    document.setPageSize(QSizeF(dots(page.width()), dots(page.height())))
    return document


def dots(millimetres: float) -> float:
    return millimetres / MM_PER_INCH * LOGICAL_DPI


def a4_layout() -> QPageLayout:
    left, top, right, bottom = PAGE_MARGINS_MM
    return QPageLayout(
        QPageSize(QPageSize.PageSizeId.A4),
        QPageLayout.Orientation.Portrait,
        QMarginsF(left, top, right, bottom),
        QPageLayout.Unit.Millimeter,
    )


def fit_guide(dialog: QDialog) -> None:
    """Size the guide for the screen's free space, less the window frame; centred."""
    from treem_desktop.ui.window_fit import FRAME

    screen = dialog.screen()
    if screen is None:
        dialog.resize(DIALOG_SIZE)
        return
    room = FRAME.inside(screen.availableGeometry())
    size = DIALOG_SIZE.boundedTo(room.size())
    corner = QPoint(
        room.x() + (room.width() - size.width()) // 2,
        room.y() + (room.height() - size.height()) // 2,
    )
    dialog.setGeometry(QRect(corner, size))
