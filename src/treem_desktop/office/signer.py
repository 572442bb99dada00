"""Who signs the office's documents (người ký), with what title and on whose behalf.

The same shape as the commune's signer (``core.commune``: a name and a title, the lines above
the signature drawn from them, Decree 30 Annex I §II.7.b): a department (Sở) works under its
head, so the Giám đốc signs "GIÁM ĐỐC" and a deputy signs for him "KT. GIÁM ĐỐC / PHÓ GIÁM
ĐỐC"; no "TM." (that is for a collective such as a People's Committee). For a title other
than these two the office chooses whether its holder signs in his own right or "KT.".
Documents are Vietnamese whatever the interface language.
"""

from __future__ import annotations

from dataclasses import dataclass

from treem_desktop.core.commune import NAME_LIMIT
from treem_desktop.core.text import clean, has_unprintable
from treem_desktop.errors import TreemError
from treem_desktop.i18n import N_, _

HEAD_TITLE = "Giám đốc"
DEPUTY_TITLE = "Phó Giám đốc"
SIGNER_TITLES = (HEAD_TITLE, DEPUTY_TITLE)
OWN_NAME = ""  # signs in his own right
ON_BEHALF = "KT."  # ký thay: a deputy for the head
AUTHORITIES = (OWN_NAME, ON_BEHALF)
OFFICE_AUTHORITY_WORDS = {
    OWN_NAME: N_("In own right"),
    ON_BEHALF: N_("On behalf of the Director (KT. Giám đốc)"),
}

FIELD_LABELS = {
    "signer_name": N_("Signer's full name"),
    "signer_title": N_("Signer's position"),
}


@dataclass(frozen=True)
class OfficeSigner:
    """The person who signs the office's documents; ``name`` may be empty until known."""

    name: str = ""
    title: str = HEAD_TITLE
    authority: str = OWN_NAME

    @property
    def is_set(self) -> bool:
        return bool(self.name)


def required_authority(title: str) -> str | None:
    """The way of signing the title requires: the Giám đốc in his own right, a Phó Giám đốc
    "KT." (Decree 30: a deputy, even one put in charge, signs for the head); None for any
    other title, whose holder may sign either way."""
    folded = clean(title).casefold()
    if folded == HEAD_TITLE.casefold():
        return OWN_NAME
    if folded.startswith(DEPUTY_TITLE.casefold()):
        return ON_BEHALF
    return None


def authority_for(title: str, chosen: str = OWN_NAME) -> str:
    """The title's required way of signing, else what was ``chosen`` (a known one)."""
    required = required_authority(title)
    if required is not None:
        return required
    return chosen if chosen in AUTHORITIES else OWN_NAME


def build_signer(name: str, title: str, authority: str = OWN_NAME) -> OfficeSigner:
    """A checked signer: cleaned text, a title, the way of signing the title requires."""
    name, title = clean(name), clean(title)
    _check("signer_name", name, required=False)
    _check("signer_title", title, required=True)
    return OfficeSigner(name, title, authority_for(title, authority))


def _check(field: str, value: str, *, required: bool) -> None:
    label = _(FIELD_LABELS[field])
    if required and not value:
        raise TreemError("FIELD_REQUIRED", field=field, label=label)
    if len(value) > NAME_LIMIT:
        raise TreemError("FIELD_TOO_LONG", field=field, limit=NAME_LIMIT, label=label)
    if has_unprintable(value):
        raise TreemError("FIELD_BAD_CHARACTERS", field=field, label=label)


def office_signature_heading(signer: OfficeSigner) -> tuple[str, ...]:
    """The lines above the signature: "GIÁM ĐỐC", or "KT. GIÁM ĐỐC" then the deputy's title."""
    title = signer.title.upper()
    if signer.authority == ON_BEHALF:
        return (f"{ON_BEHALF} {HEAD_TITLE.upper()}", title)
    return (title,)


def signer_notes(signer: OfficeSigner) -> list[str]:
    """What a printed document still lacks about its signer (printing is not blocked)."""
    if signer.is_set:
        return []
    return [
        _(
            "The signer's name is not set: the documents leave the line under the signature "
            "empty. Enter it in Office details."
        )
    ]
