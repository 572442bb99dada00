"""The key card's backup, restore, replacement and protection, and a change of commune."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QPushButton
from pytestqt.qtbot import QtBot

from tests.ui.helpers import type_into
from tests.unit.test_key_backup import tree
from treem_desktop.commune.commune_key import (
    KeyFiles,
    ensure_commune_key,
    key_is_protected,
    load_certificate,
    summarize,
    unlock_key,
)
from treem_desktop.commune.key_history import history_dir
from treem_desktop.commune.workspace import Workspace
from treem_desktop.core.admin_units import load_admin_units
from treem_desktop.core.commune import CommuneProfile
from treem_desktop.errors import TreemError
from treem_desktop.signing.key_change import verify_key_change
from treem_desktop.ui.key_card import KeyCard
from treem_desktop.ui.settings_page import SettingsPage

SECRET = "mật khẩu xã 2026"
NEW_SECRET = "mật khẩu mới 2027"


def keyed(workspace: Workspace, passphrase: str | None = SECRET) -> KeyFiles:
    files = KeyFiles.in_data_dir(workspace.data_dir.path)
    secret = passphrase.encode() if passphrase else None
    ensure_commune_key(files, workspace.require_profile(), secret)
    return files


def shown_card(qtbot: QtBot, path: Path, workspace: Workspace) -> KeyCard:
    card = KeyCard(path, workspace.require_profile())
    qtbot.addWidget(card)
    card.show()
    return card


def shown_fingerprint(card: KeyCard) -> str:
    return card.fingerprint.text().replace("\n", ":")


def test_back_up_then_restore_on_a_new_computer(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path
) -> None:
    files = keyed(workspace)
    card = shown_card(qtbot, workspace.data_dir.path, workspace)
    backup = card.backup_to(tmp_path / "usb")
    assert card.status.isVisible() and str(backup.folder) in card.status.text()
    assert backup.fingerprint == summarize(files).fingerprint

    new_pc = tmp_path / "new-pc"
    fresh = shown_card(qtbot, new_pc, workspace)
    assert fresh.summary is None
    assert fresh.findChild(QPushButton, "key_create") is not None
    assert fresh.findChild(QPushButton, "key_restore") is not None
    dialog = fresh.open_restore(backup.folder)
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    type_into(dialog.passphrase, "sai mật khẩu")
    dialog.restore()  # refused: nothing written
    assert dialog.isVisible() and dialog.problem.text()
    assert tree(new_pc) == {}
    dialog.passphrase.clear()
    type_into(dialog.passphrase, SECRET)
    dialog.restore()
    qtbot.waitUntil(lambda: fresh.summary is not None)
    assert shown_fingerprint(fresh) == backup.fingerprint
    unlock_key(KeyFiles.in_data_dir(new_pc), SECRET.encode())


def test_replacing_the_key_shows_the_new_fingerprint_and_the_change_verifies(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path
) -> None:
    files = keyed(workspace)
    old = load_certificate(files)
    card = shown_card(qtbot, workspace.data_dir.path, workspace)
    before = shown_fingerprint(card)
    dialog = card.ask_replace()
    qtbot.waitUntil(dialog.isVisible)
    assert "thẻ khóa" in dialog.consequences().lower()
    type_into(dialog.old, "sai mật khẩu")
    type_into(dialog.pair.first, NEW_SECRET)
    type_into(dialog.pair.second, NEW_SECRET)
    type_into(dialog.reason, "máy cũ hỏng")
    kept = tree(files.folder)
    dialog.replace()  # refused: the old passphrase is wrong
    assert dialog.isVisible() and dialog.problem.isVisible()
    assert tree(files.folder) == kept
    dialog.old.clear()
    type_into(dialog.old, SECRET)
    dialog.replace()
    qtbot.waitUntil(lambda: card.replacement is not None)
    after = shown_fingerprint(card)
    assert after != before and after == summarize(files).fingerprint
    done = card.replacement
    assert done is not None
    new = verify_key_change(done.statement.read_bytes(), done.signature.read_bytes(), old)
    assert new == load_certificate(files)
    unlock_key(files, NEW_SECRET.encode())
    assert card.handover_button.isVisible()
    copied = card.copy_change_to(tmp_path / "usb")
    assert len(copied) == 3 and all(path.exists() for path in copied)


def test_an_unprotected_key_is_protected_before_a_backup(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path
) -> None:
    files = keyed(workspace, passphrase=None)
    card = shown_card(qtbot, workspace.data_dir.path, workspace)
    with pytest.raises(TreemError) as refused:
        card.backup_to(tmp_path / "usb")
    assert refused.value.code == "KEY_BACKUP_UNPROTECTED"
    assert not (tmp_path / "usb").exists()
    assert card.findChild(QPushButton, "key_protect") is not None
    dialog = card.ask_protect()
    qtbot.waitUntil(dialog.isVisible)
    type_into(dialog.pair.first, SECRET)
    type_into(dialog.pair.second, SECRET)
    dialog.protect()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert key_is_protected(files)
    assert card.backup_to(tmp_path / "usb").folder.exists()


def other_commune_profile(workspace: Workspace) -> CommuneProfile:
    units = load_admin_units()
    commune = units.commune_in("11", "03199")
    return replace(
        workspace.require_profile(), commune=commune, province_name=units.province("11").name
    )


def test_changing_the_commune_puts_the_old_key_away_and_offers_a_new_one(
    qtbot: QtBot, workspace: Workspace
) -> None:
    files = keyed(workspace)
    old_fingerprint = summarize(files).fingerprint
    page = SettingsPage(workspace)
    qtbot.addWidget(page)
    page.show()
    assert page.key_card.summary is not None
    page._stored_changed(other_commune_profile(workspace))
    assert workspace.require_profile().commune.code == "03199"
    assert not files.exist()  # not signing as the new commune with the old commune's key
    kept = sorted(p.name for p in history_dir(files).iterdir())
    assert kept[0].endswith("-commune-cert.pem") and kept[1].endswith("-commune-key.pem")
    card = page.key_card
    assert card.summary is None and "keys/history" in card.status.text()
    dialog = card.ask_create()
    qtbot.waitUntil(dialog.isVisible)
    type_into(dialog.pair.first, NEW_SECRET)
    type_into(dialog.pair.second, NEW_SECRET)
    dialog.make_key()
    qtbot.waitUntil(lambda: card.summary is not None)
    assert card.summary is not None and card.summary.commune_code == "03199"
    assert card.summary.fingerprint != old_fingerprint


def test_a_key_of_another_commune_found_on_the_card_is_put_away(
    qtbot: QtBot, workspace: Workspace
) -> None:
    files = KeyFiles.in_data_dir(workspace.data_dir.path)
    ensure_commune_key(files, other_commune_profile(workspace), None)  # e.g. changed long ago
    card = shown_card(qtbot, workspace.data_dir.path, workspace)
    warning = card.findChild(QLabel, "key_other_commune")
    assert warning is not None and workspace.require_profile().commune.name in warning.text()
    assert card.findChild(QPushButton, "key_backup") is None  # nothing to do with it but retire
    dialog = card.retire_and_create()
    assert dialog is not None and not files.exist()
    assert len(list(history_dir(files).iterdir())) == 2
