"""Preferences of this installation kept in its database (the interface language)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from treem_desktop.errors import TreemError
from treem_desktop.i18n import LANGUAGES
from treem_desktop.storage.settings_repo import get_setting, set_setting

LANGUAGE_SETTING = "language"
DEMO_SETTING = "demo"
KEY_CARE_SETTING = "key_care_offered"

if TYPE_CHECKING:
    from treem_desktop.commune.workspace import Workspace


def stored_language(workspace: Workspace) -> str | None:
    language = get_setting(workspace.conn, LANGUAGE_SETTING)
    return language if language in LANGUAGES else None


def store_language(workspace: Workspace, language: str) -> None:
    if language not in LANGUAGES:
        raise TreemError("LANGUAGE_UNKNOWN", value=language)
    set_setting(workspace.conn, LANGUAGE_SETTING, language)


def is_demo(workspace: Workspace) -> bool:
    """True when the folder holds the demo commune rather than a real one."""
    return get_setting(workspace.conn, DEMO_SETTING) == "1"


def key_care_offered(workspace: Workspace) -> bool:
    """True once the officer was offered to back up the new key and print its card."""
    return get_setting(workspace.conn, KEY_CARE_SETTING) == "1"


def mark_key_care_offered(workspace: Workspace) -> None:
    """Remember that the offer was made (done or put off): it is not made again."""
    set_setting(workspace.conn, KEY_CARE_SETTING, "1")
