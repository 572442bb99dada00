"""The province's standard packs kept in this data folder, for Settings to name (gói bảng
điểm của tỉnh): who signed each, when, and how many values, targets and templates it brought."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from treem_desktop.commune.standard_pack import FORM_ID, stored_pack
from treem_desktop.commune.workspace import Workspace
from treem_desktop.storage import form_repo


@dataclass(frozen=True)
class KeptPack:
    office: str
    signed_at: dt.datetime | None
    values: int
    templates: int
    has_targets: bool


def kept_packs(workspace: Workspace) -> list[KeptPack]:
    """Every pack kept (one per standard), the newest signed first."""
    found = []
    for sha256 in form_repo.periods(workspace.conn, FORM_ID):
        document = stored_pack(workspace.conn, sha256)
        if document is not None:
            found.append(_kept(document))
    return sorted(found, key=_signed_key, reverse=True)


def _kept(document: dict[str, object]) -> KeptPack:
    office = document.get("office")
    name = office.get("name") if isinstance(office, dict) else None
    values, templates = document.get("values"), document.get("templates")
    return KeptPack(
        office=str(name or ""),
        signed_at=_moment(document.get("signed_at")),
        values=len(values) if isinstance(values, list) else 0,
        templates=len(templates) if isinstance(templates, list) else 0,
        has_targets=bool(document.get("targets")),
    )


def _moment(text: object) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(text) if isinstance(text, str) else None
    except ValueError:
        return None


def _signed_key(pack: KeptPack) -> float:
    return pack.signed_at.timestamp() if pack.signed_at is not None else float("-inf")
