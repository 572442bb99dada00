"""Which of the province's packs brought a template (for the documents page's list).

A template the province sent lives in ``<data>/mau-van-ban/`` (``Template.origin`` is
``province``); the pack that carried it is kept in the database and lists it by member name
(``template-<id>.v<N>.json``). The newest pack that lists it is the one named.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from treem_desktop.commune.standard_pack import FORM_ID, stored_pack
from treem_desktop.commune.workspace import Workspace
from treem_desktop.handoff.standard_pack import template_member
from treem_desktop.storage import form_repo


@dataclass(frozen=True)
class TemplateSource:
    """The pack a template came in: the office that signed it and when."""

    office: str
    signed_at: dt.datetime | None


def template_sources(workspace: Workspace) -> dict[str, TemplateSource]:
    """The packs kept here by the member name of each template they carried."""
    found: dict[str, TemplateSource] = {}
    for sha256 in form_repo.periods(workspace.conn, FORM_ID):
        document = stored_pack(workspace.conn, sha256)
        if document is None:
            continue
        source = _source(document)
        for entry in document.get("templates") or []:
            name = entry.get("name") if isinstance(entry, dict) else None
            known = found.get(str(name))
            if name and (known is None or _later(source, known)):
                found[str(name)] = source
    return found


def source_of(
    sources: dict[str, TemplateSource], template_id: str, version: int
) -> TemplateSource | None:
    """The pack that carried version ``version`` of ``template_id``, if one is kept."""
    return sources.get(template_member(template_id, version))


def _source(document: dict[str, object]) -> TemplateSource:
    office = document.get("office")
    name = office.get("name") if isinstance(office, dict) else None
    signed = document.get("signed_at")
    try:
        moment = dt.datetime.fromisoformat(signed) if isinstance(signed, str) else None
    except ValueError:
        moment = None
    return TemplateSource(str(name or ""), moment)


def _later(one: TemplateSource, other: TemplateSource) -> bool:
    if one.signed_at is None or other.signed_at is None:
        return other.signed_at is None and one.signed_at is not None
    return one.signed_at > other.signed_at
