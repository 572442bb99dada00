"""Application settings kept in the database (key → text)."""

from __future__ import annotations

import sqlite3

from treem_desktop.storage.database import transaction


def get_setting(conn: sqlite3.Connection, key: str, default: str | None = None) -> str | None:
    """The value of ``key``; bytes that are not UTF-8 (written by another program) are
    shown as U+FFFD rather than stopping the reader."""
    row = conn.execute(
        "SELECT CAST(value AS BLOB) FROM app_setting WHERE key = ?", (key,)
    ).fetchone()
    return default if row is None else bytes(row[0]).decode("utf-8", errors="replace")


def set_setting(conn: sqlite3.Connection, key: str, value: str) -> None:
    with transaction(conn):
        conn.execute(
            "INSERT INTO app_setting (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, value),
        )
