"""Passwords of the mail and upload servers, kept in the system's credential store (keyring:
Windows Credential Manager, macOS Keychain, Secret Service on Linux), never in the database,
the logs or the command's output. Each data folder has its own entries. keyring is imported
only when a password is read or stored.
"""

from __future__ import annotations

from pathlib import Path

from treem_desktop.errors import TreemError

SERVICE = "Treem Desktop"


def _account(data_dir: Path, name: str) -> str:
    return f"{name}@{data_dir.resolve()}"


def store_secret(data_dir: Path, name: str, value: str) -> None:
    """Keep ``value`` under ``name``; an empty value removes it."""
    import keyring
    from keyring.errors import KeyringError, PasswordDeleteError

    try:
        if value:
            keyring.set_password(SERVICE, _account(data_dir, name), value)
        else:
            keyring.delete_password(SERVICE, _account(data_dir, name))
    except PasswordDeleteError:
        return
    except (KeyringError, RuntimeError) as exc:
        raise TreemError("SECRET_STORE_UNAVAILABLE", detail=type(exc).__name__) from exc


def read_secret(data_dir: Path, name: str) -> str | None:
    """The value kept under ``name``; None when there is none or no store can be used."""
    import keyring
    from keyring.errors import KeyringError

    try:
        return keyring.get_password(SERVICE, _account(data_dir, name))
    except (KeyringError, RuntimeError):
        return None
