"""The Decree 30/2020/NĐ-CP blocks of an official sheet: the header and the signature.

Both are Vietnamese whatever the interface language, like the signature heading itself
(``core.commune.signature_heading``): they are formulae of official documents.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from treem_desktop.core.commune import CommuneProfile, signature_heading
from treem_desktop.exports.text_fit import Look
from treem_desktop.formatting import format_date_long
from treem_desktop.i18n import _

if TYPE_CHECKING:
    from treem_desktop.exports.xlsx_sheet import SheetWriter

NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
PEOPLES_COMMITTEE = "ỦY BAN NHÂN DÂN"
SIGNATURE_SPACE_PT = 80  # room to sign and stamp between the title and the name
LEFT_COLUMNS = 2  # the left block spans the first two columns
RIGHT_COLUMNS = 5  # the signature block spans the last five


def header(sheet: SheetWriter, profile: CommuneProfile) -> None:
    """Issuing body left (bold capitals, a short rule under it), nation and motto right."""
    split, last = LEFT_COLUMNS, sheet.last_column
    strong = Look(size=13, bold=True, align="center")
    sheet.next_row()
    sheet.put(1, split, PEOPLES_COMMITTEE, strong)
    sheet.put(split + 1, last, NATION, strong)
    sheet.next_row()
    sheet.put(1, split, profile.commune.name.upper(), strong)
    sheet.put(split + 1, last, MOTTO, Look(size=13, bold=True, underline=True, align="center"))
    sheet.next_row(height=12)
    sheet.put(1, split, "─" * 9, Look(size=8, align="center"))  # about 1/3 of the name
    sheet.next_row(height=10)


def signature(sheet: SheetWriter, profile: CommuneProfile, today: dt.date) -> None:
    """Place and date in italics, then who signs: the officer left, the signer right."""
    last = sheet.last_column
    right = last - RIGHT_COLUMNS + 1
    strong = Look(size=13, bold=True, align="center")
    sheet.next_row(height=10)
    sheet.next_row()
    place_date = f"{profile.commune.short_name}, {format_date_long(today)}"  # Decree 30
    sheet.put(right, last, place_date, Look(size=13, italic=True, align="center"))
    first, *rest = signature_heading(profile.signer_title)
    sheet.next_row()
    if profile.officer_name:
        sheet.put(1, LEFT_COLUMNS, _("Prepared by").upper(), strong)
    sheet.put(right, last, first, strong)
    for line in rest:
        sheet.next_row()
        sheet.put(right, last, line, strong)
    sheet.next_row(height=SIGNATURE_SPACE_PT)
    sheet.next_row()
    sheet.put(1, LEFT_COLUMNS, profile.officer_name, strong)
    sheet.put(right, last, profile.signer_name, strong)
