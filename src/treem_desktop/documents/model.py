"""One document model for every official document (Decree 30/2020/NĐ-CP, Annex I).

Renderers (docx with python-docx; the screen, printer and PDF with Qt) turn the same
:class:`Document` into pages, so what is printed and what is sent say the same thing. The
model holds words and structure only; the format (A4, margins, fonts, sizes, the two-column
header and signature blocks) belongs to the renderers and follows Decree 30 exactly.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Run:
    """A stretch of text with its emphasis."""

    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Paragraph:
    """Body text: justified, first-line indent, 13–14 pt (Annex I §I)."""

    runs: tuple[Run, ...]

    @staticmethod
    def of(text: str) -> Paragraph:
        return Paragraph((Run(text),))


@dataclass(frozen=True)
class Heading:
    """A heading of a plan or report without chapters.

    Level 1: "I. MỤC ĐÍCH, YÊU CẦU" (upper case, bold); level 2: "1. Mục đích" (bold);
    level 3: "a) …" (regular). ``number`` is printed as given ("I.", "1.", "a)").
    """

    level: int
    number: str
    text: str


@dataclass(frozen=True)
class Cell:
    text: str
    column_span: int = 1
    row_span: int = 1
    bold: bool = False
    align: str = "left"  # left, center, right


@dataclass(frozen=True)
class Table:
    """A bordered table; ``header`` rows repeat on each page; ``widths`` in millimetres."""

    header: tuple[tuple[Cell, ...], ...]
    rows: tuple[tuple[Cell, ...], ...]
    widths: tuple[float, ...]
    caption: str = ""


@dataclass(frozen=True)
class Image:
    """A picture (a chart, a QR code) as PNG bytes, ``width`` in millimetres, centred."""

    png: bytes
    width: float
    caption: str = ""


Block = Paragraph | Heading | Table | Image


@dataclass(frozen=True)
class DocumentNumber:
    """ "Số: 05/KH-UBND": the number is None on a draft (printed blank: "Số:    /KH-UBND")."""

    number: int | None
    type_code: str  # KH, BC, CTr, TTr, QĐ…; "" for a công văn ("Số: 12/UBND-VX")
    issuer_code: str  # UBND

    def text(self) -> str:
        number = f"{self.number:02d}" if self.number is not None else "     "
        code = f"{self.type_code}-{self.issuer_code}" if self.type_code else self.issuer_code
        return f"Số: {number}/{code}"


@dataclass(frozen=True)
class Signature:
    """The signature block: "TM. ỦY BAN NHÂN DÂN" / "CHỦ TỊCH" (upper, bold), then the name."""

    authority_lines: tuple[str, ...]
    name: str


@dataclass(frozen=True)
class Appendix:
    """ "Phụ lục I" (bold, centred), its title (upper, bold) and "(Kèm theo …)" in italics."""

    number: str
    title: str
    note: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class PacketStamp:
    """The signed packet a printed copy belongs to, so that paper and file can be matched.

    Printed in the bottom margin of every page (never in the .docx inside the packet: a file
    cannot carry the hash of the packet that holds it): the packet's file name, its id and the
    start of its SHA-256, and a QR code holding the id and the whole hash.
    """

    file_name: str
    packet_id: str
    sha256: str

    @property
    def short_hash(self) -> str:
        return self.sha256[:16]

    def line(self) -> str:
        return (
            f"Gói {self.file_name} · mã gói {self.packet_id[:8]} · "
            f"SHA-256 {self.short_hash[:8]} {self.short_hash[8:]}"
        )

    def qr_text(self) -> str:
        return f"TREEM-PACKET:{self.packet_id}:{self.sha256}"


@dataclass(frozen=True)
class Document:
    """An official document of a commune People's Committee.

    Attributes:
        parent_lines: the parent body (regular capitals), often empty for a commune.
        issuer_lines: the issuing body in bold capitals, e.g. ("ỦY BAN NHÂN DÂN",
            "XÃ MƯỜNG PHĂNG").
        place: the place name before the date ("Mường Phăng").
        kind: the type in capitals ("KẾ HOẠCH", "BÁO CÁO"); empty for a công văn.
        summary: the trích yếu under the type (bold), or the "V/v …" of a công văn.
        addressees: "Kính gửi" lines (reports to a higher level, tờ trình, công văn).
        legal_bases: "Căn cứ …" lines, in italics.
        recipients: "Nơi nhận" lines without the leading dash; the last is "Lưu: VT, …".
        stamp: the packet this copy was sent in, printed in the margin (paper copies only).
    """

    issuer_lines: tuple[str, ...]
    number: DocumentNumber
    place: str
    date: dt.date | None
    kind: str
    summary: str
    body: tuple[Block, ...]
    signature: Signature
    recipients: tuple[str, ...]
    parent_lines: tuple[str, ...] = ()
    addressees: tuple[str, ...] = ()
    legal_bases: tuple[str, ...] = ()
    appendices: tuple[Appendix, ...] = field(default_factory=tuple)
    stamp: PacketStamp | None = None
    blank_date_year: int | None = None

    def place_and_date(self) -> str:
        """ "Mường Phăng, ngày 05 tháng 01 năm 2026": the proper name only, never "Xã …"
        (Decree 30, Annex I §II.4); the day and month blank for the clerk when no date."""
        from treem_desktop.formatting import official_date

        place = proper_place(self.place)
        if self.date is None:
            year = self.blank_date_year or dt.date.today().year
            return f"{place}, ngày     tháng     năm {year}"
        return f"{place}, {official_date(self.date)}"  # "tháng 3", "tháng 01": Decree 30


UNIT_WORDS = ("thành phố", "thị trấn", "đặc khu", "phường", "xã")


def proper_place(name: str) -> str:
    """ "Trùng Khánh" for "Xã Trùng Khánh", "Thục Phán" for "Phường Thục Phán"; a unit named
    by a number keeps its full name ("Phường 15"), as Decree 30 says."""
    text = " ".join(name.split())
    for word in UNIT_WORDS:
        rest = text[len(word) + 1 :]
        if text.casefold().startswith(word + " ") and rest and not rest.isdigit():
            return rest
    return text
