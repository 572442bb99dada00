"""Who the office is: its name, level and area (a province, whose communes are the expected
senders, from the official list of administrative units), and who signs its documents."""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass, field

from treem_desktop.core.admin_units import Commune, load_admin_units
from treem_desktop.errors import TreemError
from treem_desktop.office.signer import OfficeSigner

LEVELS = ("province", "district")
MAX_NAME_CHARS = 200
VIETNAM = dt.timezone(dt.timedelta(hours=7))


@dataclass(frozen=True)
class OfficeProfile:
    """The receiving office (cơ quan tiếp nhận) and its area."""

    name: str
    level: str
    province_code: str
    province_name: str
    signer: OfficeSigner = field(default_factory=OfficeSigner)


def now_text() -> str:
    """The current time in Vietnam, ISO 8601 to the second."""
    return dt.datetime.now(VIETNAM).replace(microsecond=0).isoformat()


def build_office_profile(
    province_code: str, name: str, level: str = "province", signer: OfficeSigner | None = None
) -> OfficeProfile:
    """A checked profile: the province from the official list, a printable name, a known level
    (``signer`` comes checked from ``office.signer.build_signer``)."""
    province = load_admin_units().province(province_code)
    name = " ".join(name.split())
    if not name:
        raise TreemError("FIELD_REQUIRED", label="office name")
    if len(name) > MAX_NAME_CHARS or not name.isprintable():
        raise TreemError("FIELD_TOO_LONG", label="office name", limit=MAX_NAME_CHARS)
    if level not in LEVELS:
        raise TreemError("OFFICE_LEVEL_UNKNOWN", value=level, choices=", ".join(LEVELS))
    return OfficeProfile(name, level, province.code, province.name, signer or OfficeSigner())


def load_profile(conn: sqlite3.Connection) -> OfficeProfile | None:
    row = conn.execute(
        "SELECT name, level, province_code, province_name, signer_name, signer_title, "
        "signer_authority FROM office WHERE id = 1"
    ).fetchone()
    if row is None:
        return None
    name, level, province_code, province_name, *signer = row
    return OfficeProfile(name, level, province_code, province_name, OfficeSigner(*signer))


def save_profile(conn: sqlite3.Connection, profile: OfficeProfile) -> None:
    """Store the profile; an office's area never changes (another area, another folder)."""
    existing = load_profile(conn)
    if existing is not None and existing.province_code != profile.province_code:
        raise TreemError("OFFICE_ALREADY_SET", office=existing.name)
    conn.execute(
        "INSERT INTO office (id, name, level, province_code, province_name, "
        "admin_units_version, created_at, signer_name, signer_title, signer_authority) "
        "VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (id) DO UPDATE SET name = excluded.name, level = excluded.level, "
        "signer_name = excluded.signer_name, signer_title = excluded.signer_title, "
        "signer_authority = excluded.signer_authority",
        (
            profile.name,
            profile.level,
            profile.province_code,
            profile.province_name,
            load_admin_units().data_version,
            now_text(),
            profile.signer.name,
            profile.signer.title,
            profile.signer.authority,
        ),
    )


def expected_communes(profile: OfficeProfile) -> list[Commune]:
    """The communes expected to send: every commune of the office's province."""
    return sorted(load_admin_units().province(profile.province_code).communes, key=_code)


def _code(commune: Commune) -> str:
    return commune.code


def get_setting(conn: sqlite3.Connection, key: str) -> str | None:
    row = conn.execute("SELECT value FROM office_setting WHERE key = ?", (key,)).fetchone()
    return str(row[0]) if row else None


def set_setting(conn: sqlite3.Connection, key: str, value: str) -> None:
    conn.execute(
        "INSERT INTO office_setting (key, value) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (key, value),
    )
