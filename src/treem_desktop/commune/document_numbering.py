"""How issued documents are numbered: one of three ways, chosen once for the commune.

- ``blank`` (the default): "Số:      /KH-UBND" and "ngày     tháng     năm" are left for the
  commune clerk (văn thư) to write in by hand, as the clerk's register numbers every
  document of the People's Committee;
- ``typed``: the officer types the number the clerk gave;
- ``register``: the application's own register, from a first number the officer sets.
"""

from __future__ import annotations

from dataclasses import dataclass

from treem_desktop.commune.workspace import Workspace
from treem_desktop.i18n import N_, _
from treem_desktop.storage.register_repo import NUMBERING_WAYS
from treem_desktop.storage.settings_repo import get_setting, set_setting

NUMBERING_SETTING = "documents.numbering"
FIRST_NUMBER_SETTING = "documents.first_number"
DEFAULT_WAY = "blank"

WAY_LABELS = {
    "blank": N_("Leave the number and date blank for the clerk to write in"),
    "typed": N_("Type the number the clerk gave"),
    "register": N_("Number from this application's own register"),
}


@dataclass(frozen=True)
class Numbering:
    way: str = DEFAULT_WAY
    first_number: int = 1


def way_label(way: str) -> str:
    return _(WAY_LABELS[way])


def numbering(workspace: Workspace) -> Numbering:
    way = get_setting(workspace.conn, NUMBERING_SETTING) or DEFAULT_WAY
    first = get_setting(workspace.conn, FIRST_NUMBER_SETTING) or "1"
    return Numbering(
        way if way in NUMBERING_WAYS else DEFAULT_WAY,
        int(first) if first.isascii() and first.isdigit() else 1,
    )


def set_numbering(workspace: Workspace, way: str, first_number: int = 1) -> Numbering:
    if way not in NUMBERING_WAYS:
        raise KeyError(way)
    set_setting(workspace.conn, NUMBERING_SETTING, way)
    set_setting(workspace.conn, FIRST_NUMBER_SETTING, str(max(1, first_number)))
    return numbering(workspace)
