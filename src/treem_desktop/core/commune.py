"""The commune this installation serves: who it is, who signs, where its reports go."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from treem_desktop.core.admin_units import AdminUnits, Commune
from treem_desktop.core.categories import load_categories
from treem_desktop.core.text import clean, has_unprintable
from treem_desktop.errors import TreemError
from treem_desktop.i18n import N_, _

NAME_LIMIT = 100
OFFICE_LIMIT = 200
DEFAULT_ISSUER_ABBREVIATIONS = ("UBND",)
SIGNER_TITLES = ("Chủ tịch", "Phó Chủ tịch")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_ABBREVIATION = re.compile(r"^[A-ZĐ0-9][A-ZĐ0-9-]{0,19}$")

# Fields the wizard and Settings require (marked "*" on screen).
REQUIRED_FIELDS = (
    "province",
    "commune",
    "category",
    "officer_name",
    "signer_name",
    "signer_title",
    "recipient_name",
    "issuer_abbreviations",
)

FIELD_LABELS: dict[str, str] = {
    "province": N_("Province / city"),
    "commune": N_("Commune / ward"),
    "category": N_("Category for the recognition threshold"),
    "officer_name": N_("Officer in charge"),
    "signer_name": N_("Signer"),
    "signer_title": N_("Signer's title"),
    "recipient_name": N_("Receiving office"),
    "recipient_email": N_("Receiving office's e-mail"),
    "issuer_abbreviations": N_("Document-number suffixes"),
}


def field_label(name: str) -> str:
    """The label of a profile field in the current language."""
    return _(FIELD_LABELS[name])


@dataclass(frozen=True)
class CommuneProfile:
    """Everything set up once for the commune, editable later in Settings.

    Attributes:
        commune: the official unit, with its code and province.
        province_name: the province's official name, kept for documents.
        category: the id of the threshold category (``con-lai`` ...).
        issuer_abbreviations: suffixes of document numbers, the first being the default
            (``UBND`` gives ``Số: 05/KH-UBND``).
    """

    commune: Commune
    province_name: str
    category: str
    officer_name: str = ""
    signer_name: str = ""
    signer_title: str = "Chủ tịch"
    recipient_name: str = ""
    recipient_email: str = ""
    issuer_abbreviations: tuple[str, ...] = field(default=DEFAULT_ISSUER_ABBREVIATIONS)

    @property
    def threshold(self) -> int:
        return load_categories().get(self.category).threshold

    def with_changes(self, **changes: object) -> CommuneProfile:
        return replace(self, **changes)  # type: ignore[arg-type]


def suggested_category(commune: Commune, units: AdminUnits) -> str:
    """A first guess the officer confirms: wards of centrally-run cities are ``phuong-tw``.

    Whether a commune is mountainous, an island or extremely disadvantaged is not in the
    official list, so anything else starts as ``con-lai``.
    """
    province = units.province(commune.province_code)
    if commune.division_type == "phường" and province.is_centrally_run_city:
        return "phuong-tw"
    return "con-lai"


def signature_heading(signer_title: str) -> tuple[str, ...]:
    """The lines above the signature (Decree 30, Annex I §II.7.b): on behalf of, then the title.

    The chairman signs "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH"; a deputy signs for the chairman on
    behalf of the committee, "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH" (the usual
    three lines at commune level). Documents are Vietnamese whatever the interface language.
    """
    title = clean(signer_title)
    if title.casefold() == "chủ tịch":
        return ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")
    if title.casefold().startswith("phó chủ tịch"):
        return ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", title.upper())
    return ("TM. ỦY BAN NHÂN DÂN", title.upper())


def cleaned_profile(profile: CommuneProfile) -> CommuneProfile:
    """The profile with its text cleaned (NFC, single spaces), then validated."""
    tidy = replace(
        profile,
        officer_name=clean(profile.officer_name),
        signer_name=clean(profile.signer_name),
        signer_title=clean(profile.signer_title),
        recipient_name=clean(profile.recipient_name),
        recipient_email=profile.recipient_email.strip(),
        issuer_abbreviations=tuple(
            clean(a).upper() for a in profile.issuer_abbreviations if clean(a)
        ),
    )
    problems = validate_profile(tidy)
    if problems:
        raise problems[0]
    return tidy


def validate_profile(profile: CommuneProfile, *, complete: bool = False) -> list[TreemError]:
    """Every problem of the profile, one error per field, in the order of the form.

    With ``complete`` (the wizard and Settings), the fields in :data:`REQUIRED_FIELDS` must
    be filled in; the command line may leave the people and the office for later.
    """
    problems: list[TreemError | None] = [
        _category_problem(profile.category),
        _text_problem("officer_name", profile.officer_name, NAME_LIMIT, required=complete),
        _text_problem("signer_name", profile.signer_name, NAME_LIMIT, required=complete),
        _text_problem("signer_title", profile.signer_title, NAME_LIMIT, required=True),
        _text_problem("recipient_name", profile.recipient_name, OFFICE_LIMIT, required=complete),
        _email_problem(profile.recipient_email),
        _abbreviations_problem(profile.issuer_abbreviations),
    ]
    return [p for p in problems if p is not None]


def _category_problem(category: str) -> TreemError | None:
    if not category:
        return TreemError("CHOICE_REQUIRED", field="category", label=field_label("category"))
    try:
        load_categories().get(category)
    except TreemError as error:
        return error
    return None


def _text_problem(name: str, value: str, limit: int, *, required: bool) -> TreemError | None:
    label = field_label(name)
    if required and not value.strip():
        return TreemError("FIELD_REQUIRED", field=name, label=label)
    if len(value) > limit:
        return TreemError("FIELD_TOO_LONG", field=name, limit=limit, label=label)
    if has_unprintable(value):
        return TreemError("FIELD_BAD_CHARACTERS", field=name, label=label)
    return None


def _email_problem(email: str) -> TreemError | None:
    if email and not _EMAIL.match(email):
        return TreemError("EMAIL_INVALID", field="recipient_email", value=email)
    return None


def _abbreviations_problem(abbreviations: tuple[str, ...]) -> TreemError | None:
    if not abbreviations:
        label = field_label("issuer_abbreviations")
        return TreemError("FIELD_REQUIRED", field="issuer_abbreviations", label=label)
    for abbreviation in abbreviations:
        if not _ABBREVIATION.match(abbreviation):
            return TreemError(
                "ABBREVIATION_INVALID", field="issuer_abbreviations", value=abbreviation
            )
    return None
