# mypy: disable-error-code="union-attr"
"""The enrollment file in the windows: made from the key card in Settings at the commune, then
trusted at the office from its trust dialog, its contact showing in the follow-up."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.office_support import make_commune, opened_office
from tests.softhsm import SoftToken
from tests.ui.helpers import type_into
from treem_desktop.commune.commune_key import KeyFiles, ensure_commune_key
from treem_desktop.commune.workspace import Workspace
from treem_desktop.handoff.enrollment import read_enrollment
from treem_desktop.office.folder import OfficeFolder
from treem_desktop.office.trust import trusted_communes
from treem_desktop.signing.keys import fingerprint
from treem_desktop.ui.enrollment_dialog import EnrollmentDialog
from treem_desktop.ui.key_card import KeyCard
from treem_desktop.ui.office.trust_dialog import TrustDialog
from treem_desktop.ui.office.window import OfficeWindow
from treem_desktop.ui.qt import QDialogButtonBox

SECRET = b"mat khau xa 2026"


@pytest.fixture
def office(tmp_path: Path) -> Iterator[OfficeFolder]:
    with opened_office(tmp_path) as opened:
        yield opened


def press_ok(qtbot: QtBot, buttons: QDialogButtonBox | None) -> None:
    assert buttons is not None
    qtbot.mouseClick(buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


@pytest.fixture
def no_token_library(monkeypatch: pytest.MonkeyPatch) -> None:
    """A computer without any CA's token middleware."""
    monkeypatch.delenv("TREEM_PKCS11_LIBRARY", raising=False)
    monkeypatch.setattr("treem_desktop.signing.token_libraries.known_libraries", lambda: [])


def opened_dialog(qtbot: QtBot, workspace: Workspace) -> tuple[KeyCard, EnrollmentDialog]:
    card = KeyCard(workspace.data_dir.path, workspace.require_profile(), workspace=workspace)
    qtbot.addWidget(card)
    card.show()
    assert card.enrollment_button.isVisibleTo(card)
    dialog = card.ask_enrollment()
    qtbot.waitUntil(dialog.isVisible)
    return card, dialog


def save(qtbot: QtBot, dialog: EnrollmentDialog) -> None:
    """Press "save the file" and wait for the signing (off the window's thread) to end."""
    press_ok(qtbot, dialog.findChild(QDialogButtonBox))
    qtbot.waitUntil(lambda: not dialog.saving, timeout=30_000)


def make_file(qtbot: QtBot, workspace: Workspace, target: Path) -> EnrollmentDialog:
    card, dialog = opened_dialog(qtbot, workspace)
    assert dialog.signer_choice is None  # no token library: the key only, as before
    dialog.ask_path = lambda: target
    type_into(dialog.phone, "0912 345 678")
    type_into(dialog.passphrase, "sai mật khẩu")
    save(qtbot, dialog)
    assert dialog.isVisible() and dialog.problem.isVisibleTo(dialog)
    assert dialog.made is None and not target.exists()
    dialog.passphrase.setText(SECRET.decode())
    save(qtbot, dialog)
    assert dialog.made is not None and dialog.made.path == target  # accepted, then deleted
    assert str(target) in card.status.text() and "trên thẻ này" in card.status.text()
    return dialog


def test_the_key_card_makes_the_enrollment_file_and_the_office_trusts_it(
    qtbot: QtBot,
    workspace: Workspace,
    office: OfficeFolder,
    tmp_path: Path,
    no_token_library: None,
) -> None:
    certificate, _made = ensure_commune_key(
        KeyFiles.in_data_dir(workspace.data_dir.path), workspace.require_profile(), SECRET
    )
    target = tmp_path / "USB" / "dang-ky-03325.treem-dangky"
    target.parent.mkdir()
    make_file(qtbot, workspace, target)
    enrollment = read_enrollment(target.read_bytes(), str(target))
    assert enrollment.contact.text() == "Nguyễn Thị Hà, 0912 345 678"

    window = OfficeWindow(office)
    qtbot.addWidget(window)
    dialog = TrustDialog(office, window)
    qtbot.addWidget(dialog)
    dialog.ask_path = lambda: target
    qtbot.mouseClick(dialog.choose, Qt.MouseButton.LeftButton)
    assert "Nguyễn Thị Hà, 0912 345 678" in dialog.preview.text()
    buttons = dialog.findChild(QDialogButtonBox)
    type_into(dialog.fingerprint, "AB" * 32)
    press_ok(qtbot, buttons)
    assert dialog.problem.isVisibleTo(dialog) and trusted_communes(office.conn) == []
    dialog.fingerprint.setText(fingerprint(certificate).lower())
    press_ok(qtbot, buttons)
    assert dialog.trusted is not None and dialog.trusted.commune_code == "03325"
    window.dashboard.refresh()
    lines = [
        window.dashboard.missing_list.item(i).text()
        for i in range(window.dashboard.missing_list.count())
    ]
    assert "Xã Mường Phăng (03325): Nguyễn Thị Hà, 0912 345 678" in lines


def test_the_trust_dialog_says_why_a_damaged_file_is_refused(
    qtbot: QtBot, office: OfficeFolder, tmp_path: Path
) -> None:
    from tests.unit.test_enrollment import enrollment_of

    whole = enrollment_of(make_commune("03301"))
    damaged = tmp_path / "dang-ky.treem-dangky"
    damaged.write_bytes(whole[: len(whole) // 2])  # cut short on the way
    dialog = TrustDialog(office)
    qtbot.addWidget(dialog)
    dialog.show_file(damaged)
    assert dialog.problem.isVisibleTo(dialog) and not dialog.preview.isVisibleTo(dialog)
    assert "tệp đăng ký" in dialog.problem.text()


def test_the_enrollment_file_is_signed_with_the_usb_token_chosen_in_the_dialog(
    qtbot: QtBot,
    workspace: Workspace,
    soft_token: SoftToken,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("TREEM_PKCS11_LIBRARY", str(soft_token.library))
    ensure_commune_key(
        KeyFiles.in_data_dir(workspace.data_dir.path), workspace.require_profile(), SECRET
    )
    card, dialog = opened_dialog(qtbot, workspace)
    choice = dialog.signer_choice
    assert choice is not None and not choice.token_box.isVisible()
    assert dialog.passphrase.isVisible()  # the commune's key is the first choice
    choice.use_token.setFocus()
    qtbot.keyClick(choice.use_token, Qt.Key.Key_Space)  # the radio button, by keyboard
    assert choice.token_box.isVisible() and not dialog.passphrase.isVisible()
    assert choice.library.currentText() == str(soft_token.library)
    qtbot.mouseClick(choice.read_button, Qt.MouseButton.LeftButton)
    assert choice.certificate.count() == 2 and "Lò Văn Tâm" in choice.certificate.itemText(0)
    ec = next(i for i, c in enumerate(choice.found) if c.certificate == soft_token.ec_certificate)
    choice.certificate.setCurrentIndex(ec)
    target = tmp_path / "USB" / "dang-ky-03325.treem-dangky"
    target.parent.mkdir()
    dialog.ask_path = lambda: target
    type_into(dialog.phone, "0912 345 678")

    type_into(choice.pin, "000000")
    save(qtbot, dialog)
    assert "Mã PIN" in dialog.problem.text() and dialog.isVisible()
    assert dialog.made is None and not target.exists()
    assert choice.pin.hasFocus() and choice.pin.selectedText() == "000000"

    choice.pin.setText(soft_token.pin)
    pin_at_the_end: list[str] = []
    dialog.accepted.connect(lambda: pin_at_the_end.append(choice.pin.text()))
    save(qtbot, dialog)
    assert dialog.made is not None and dialog.made.path == target  # accepted, then deleted
    enrollment = read_enrollment(target.read_bytes(), str(target))
    assert enrollment.certificate == soft_token.ec_certificate  # the one chosen
    assert pin_at_the_end == [""]  # the PIN is not kept
    status = card.status.text()
    assert str(target) in status and fingerprint(soft_token.ec_certificate) in status
