"""Trusting a commune from its enrollment file (docs/enrollment-format.md).

The file is checked whole (layout, fields, the signature by the certificate it holds); then,
as for any certificate, it is refused when it is a demo one, when its fingerprint is not the
one the commune read out from its key card, or when the commune is not of the office's
province. Accepted: the certificate is trusted (``source = confirmed``) and the officer's
contact kept for the follow-up's list of communes that have not sent.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from treem_desktop.errors import TreemError
from treem_desktop.handoff.enrollment import Enrollment, read_enrollment
from treem_desktop.office.followup import set_commune_contact
from treem_desktop.office.profile import OfficeProfile
from treem_desktop.office.trust import TrustedCommune, add_certificate, normalized_fingerprint

SOURCE = "confirmed"  # the fingerprint was confirmed, as for a certificate file


def trust_enrollment(
    conn: sqlite3.Connection, profile: OfficeProfile, data: bytes, path: Path, expected: str
) -> TrustedCommune:
    """Trust the commune certificate of the enrollment file ``data`` (read from ``path``)
    if its fingerprint is ``expected``; keep its contact."""
    from treem_desktop.signing.keys import fingerprint, is_demo_certificate

    enrollment = read_enrollment(data, str(path))
    if is_demo_certificate(enrollment.certificate):
        raise TreemError("PACKET_DEMO", path=str(path))
    actual = fingerprint(enrollment.certificate)
    if normalized_fingerprint(actual) != normalized_fingerprint(expected):
        raise TreemError(
            "OFFICE_FINGERPRINT_MISMATCH", path=str(path), actual=actual, expected=expected
        )
    code, name = _commune_of_province(profile, enrollment)
    trusted = add_certificate(conn, code, name, enrollment.certificate, SOURCE)
    contact = enrollment.contact.text()
    if contact:
        set_commune_contact(conn, code, contact)
    return TrustedCommune(
        trusted.commune_code,
        trusted.commune_name,
        trusted.fingerprint,
        trusted.source,
        trusted.added_at,
        contact,
    )


def _commune_of_province(profile: OfficeProfile, enrollment: Enrollment) -> tuple[str, str]:
    """(code, official name) of the enrolled commune, refused outside the office's province."""
    from treem_desktop.core.admin_units import load_admin_units

    try:
        commune = load_admin_units().commune_in(profile.province_code, enrollment.commune_code)
    except TreemError as exc:
        raise TreemError(
            "OFFICE_COMMUNE_OTHER_PROVINCE",
            code=enrollment.commune_code,
            province=profile.province_name,
        ) from exc
    return commune.code, commune.name


def preview_enrollment(path: Path) -> Enrollment | None:
    """What the enrollment file at ``path`` says, checked whole (None for another kind of
    file: a certificate or a packet), to show before the fingerprint is confirmed."""
    from treem_desktop.handoff.enrollment import looks_like_enrollment
    from treem_desktop.office.trust import read_trust_file

    data = read_trust_file(path)
    return read_enrollment(data, str(path)) if looks_like_enrollment(data) else None
