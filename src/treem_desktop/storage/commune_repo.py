"""Storing and reading the commune's profile (one row), with its changes audited."""

from __future__ import annotations

import sqlite3

from treem_desktop.core.admin_units import make_commune
from treem_desktop.core.commune import CommuneProfile
from treem_desktop.storage.audit import now_iso, record_changes
from treem_desktop.storage.database import transaction

_COLUMNS = (
    "province_code",
    "province_name",
    "commune_code",
    "commune_name",
    "division_type",
    "category",
    "officer_name",
    "signer_name",
    "signer_title",
    "recipient_name",
    "recipient_email",
    "issuer_abbreviations",
)


def load_profile(conn: sqlite3.Connection) -> CommuneProfile | None:
    """The commune's profile, or None when the folder has not been set up."""
    row = conn.execute(f"SELECT {', '.join(_COLUMNS)} FROM commune WHERE id = 1").fetchone()
    if row is None:
        return None
    commune = make_commune(
        row["commune_code"], row["commune_name"], row["division_type"], row["province_code"]
    )
    return CommuneProfile(
        commune=commune,
        province_name=row["province_name"],
        category=row["category"],
        officer_name=row["officer_name"],
        signer_name=row["signer_name"],
        signer_title=row["signer_title"],
        recipient_name=row["recipient_name"],
        recipient_email=row["recipient_email"],
        issuer_abbreviations=tuple(row["issuer_abbreviations"].split(",")),
    )


def save_profile(
    conn: sqlite3.Connection, profile: CommuneProfile, actor: str, admin_units_version: str
) -> None:
    """Insert or update the profile in one transaction, auditing every changed field."""
    new = _as_row(profile)
    with transaction(conn):
        old_profile = load_profile(conn)
        old = _as_row(old_profile) if old_profile else dict.fromkeys(_COLUMNS)
        changes = {k: (old[k], new[k]) for k in _COLUMNS if old[k] != new[k]}
        if not changes:
            return
        stamp = now_iso()
        if old_profile is None:
            _insert(conn, new, admin_units_version, stamp)
        else:
            _update(conn, new, stamp)
        record_changes(conn, actor, "commune", new["commune_code"] or "", changes)


def _as_row(profile: CommuneProfile) -> dict[str, str | None]:
    return {
        "province_code": profile.commune.province_code,
        "province_name": profile.province_name,
        "commune_code": profile.commune.code,
        "commune_name": profile.commune.name,
        "division_type": profile.commune.division_type,
        "category": profile.category,
        "officer_name": profile.officer_name,
        "signer_name": profile.signer_name,
        "signer_title": profile.signer_title,
        "recipient_name": profile.recipient_name,
        "recipient_email": profile.recipient_email,
        "issuer_abbreviations": ",".join(profile.issuer_abbreviations),
    }


def _insert(
    conn: sqlite3.Connection, row: dict[str, str | None], units_version: str, stamp: str
) -> None:
    names = ", ".join(_COLUMNS)
    marks = ", ".join("?" for _ in _COLUMNS)
    conn.execute(
        f"INSERT INTO commune (id, {names}, admin_units_version, created_at, updated_at) "
        f"VALUES (1, {marks}, ?, ?, ?)",
        [row[k] for k in _COLUMNS] + [units_version, stamp, stamp],
    )


def _update(conn: sqlite3.Connection, row: dict[str, str | None], stamp: str) -> None:
    assignments = ", ".join(f"{k} = ?" for k in _COLUMNS)
    conn.execute(
        f"UPDATE commune SET {assignments}, updated_at = ? WHERE id = 1",
        [row[k] for k in _COLUMNS] + [stamp],
    )
