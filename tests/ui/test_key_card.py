"""The key card in Settings: fingerprint in hex and as a QR code, and its printable PDF."""

from __future__ import annotations

import subprocess
from pathlib import Path

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QPushButton
from pytestqt.qtbot import QtBot

from tests.ui.helpers import type_into
from treem_desktop.commune.commune_key import (
    KeyFiles,
    ensure_commune_key,
    fingerprint_qr_text,
    key_is_protected,
    summarize,
    unlock_key,
)
from treem_desktop.commune.workspace import Workspace
from treem_desktop.ui.key_card import QR_BORDER_MODULES, KeyCard

SECRET = "Mường Phăng 2026"


def with_key(workspace: Workspace) -> KeyFiles:
    files = KeyFiles.in_data_dir(workspace.data_dir.path)
    ensure_commune_key(files, workspace.require_profile(), "mật khẩu xã 2026".encode())
    return files


def test_the_card_shows_the_fingerprint_and_a_matching_qr_code(
    qtbot: QtBot, workspace: Workspace
) -> None:
    summary = summarize(with_key(workspace))
    card = KeyCard(workspace.data_dir.path)
    qtbot.addWidget(card)
    card.show()
    shown = card.fingerprint.text().replace("\n", ":")
    assert shown == summary.fingerprint
    assert card.qr.text == fingerprint_qr_text(summary)
    assert summary.fingerprint in card.qr.text and summary.commune_code in card.qr.text

    modules = card.qr.modules
    assert len(modules) >= 21 and (len(modules) - 17) % 4 == 0  # a regular QR, not Micro QR
    image = card.qr.grab().toImage()
    step = image.width() / (len(modules) + 2 * QR_BORDER_MODULES)
    painted = [
        [
            QColor(
                image.pixel(
                    int((c + QR_BORDER_MODULES + 0.5) * step),
                    int((r + QR_BORDER_MODULES + 0.5) * step),
                )
            ).lightness()
            < 128
            for c in range(len(modules))
        ]
        for r in range(len(modules))
    ]
    assert painted == modules  # every module drawn where the code puts it
    quiet = QColor(image.pixel(int(step), int(step))).lightness()
    assert quiet > 200  # the quiet zone is light


def test_the_printable_card_carries_the_fingerprint(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path
) -> None:
    summary = summarize(with_key(workspace))
    card = KeyCard(workspace.data_dir.path)
    qtbot.addWidget(card)
    target = tmp_path / "the-khoa.pdf"
    card.save_card(target)
    text = subprocess.run(
        ["pdftotext", "-layout", str(target), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "THẺ KHÓA KÝ SỐ CỦA XÃ" in text
    assert summary.common_name in text
    pairs = summary.fingerprint.split(":")
    assert ":".join(pairs[:16]) in text and ":".join(pairs[16:]) in text
    pages = subprocess.run(["pdfinfo", str(target)], capture_output=True, text=True, check=True)
    info = dict(
        (key.strip(), value.strip())
        for key, value in (line.split(":", 1) for line in pages.stdout.splitlines() if ":" in line)
    )
    assert info["Pages"] == "1"
    assert info["Page size"].endswith("(A4)")


def test_without_a_key_the_card_says_how_to_get_one(qtbot: QtBot, workspace: Workspace) -> None:
    card = KeyCard(workspace.data_dir.path)
    qtbot.addWidget(card)
    missing = card.findChild(QLabel, "key_missing")
    assert missing is not None and "Cài đặt" in missing.text()
    assert card.summary is None
    assert card.findChild(QPushButton, "key_create") is None  # no profile given: no button


def test_a_commune_without_a_key_creates_one_from_settings(
    qtbot: QtBot, workspace: Workspace
) -> None:
    card = KeyCard(workspace.data_dir.path, workspace.require_profile())
    qtbot.addWidget(card)
    card.show()
    assert card.summary is None
    dialog = card.ask_create()
    qtbot.waitUntil(dialog.isVisible)
    type_into(dialog.pair.first, "ngắn")
    type_into(dialog.pair.second, "ngắn")
    dialog.make_key()  # refused: too short; nothing created
    assert dialog.isVisible() and "quá ngắn" in dialog.pair.problem.text()
    assert not KeyFiles.in_data_dir(workspace.data_dir.path).exist()
    dialog.pair.first.clear()
    type_into(dialog.pair.first, SECRET)
    type_into(dialog.pair.second, SECRET)
    dialog.make_key()
    qtbot.waitUntil(lambda: card.summary is not None)
    files = KeyFiles.in_data_dir(workspace.data_dir.path)
    assert key_is_protected(files)
    unlock_key(files, SECRET.encode())
    assert card.fingerprint.text().replace("\n", ":") == summarize(files).fingerprint
