"""The sending settings dialog: the security choices keep their raw value, a wrong value is
named by its field's caption and gets the focus, the receiving office's certificate is one
short line, every label has a mnemonic and a buddy, and the two groups' fields line up.

New strings are compared through ``_()`` so that the tests hold in both languages."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.handoff_support import MemoryKeyring, memory_keyring, office_key, write_certificate
from treem_desktop.commune import handoff_settings as hs
from treem_desktop.commune.receipts import trust_recipient
from treem_desktop.commune.workspace import Workspace
from treem_desktop.i18n import _, set_language
from treem_desktop.signing.keys import fingerprint
from treem_desktop.ui.profile_fields import ProblemLabel
from treem_desktop.ui.qt import QComboBox, QGroupBox, QLineEdit, QPoint, QPushButton
from treem_desktop.ui.sending_settings import SendingSettingsDialog, without_mnemonic

__all__ = ["memory_keyring"]


@pytest.fixture
def open_dialog(qtbot: QtBot, workspace: Workspace) -> Iterator[type[SendingSettingsDialog]]:
    def make() -> SendingSettingsDialog:
        dialog = SendingSettingsDialog(workspace)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        return dialog

    yield make  # type: ignore[misc]


def combo(dialog: SendingSettingsDialog, key: str) -> QComboBox:
    field = dialog.fields[key]
    assert isinstance(field, QComboBox)
    return field


def edit(dialog: SendingSettingsDialog, key: str) -> QLineEdit:
    field = dialog.fields[key]
    assert isinstance(field, QLineEdit)
    return field


@pytest.mark.parametrize("security", hs.MAIL_SECURITY)
def test_the_security_choice_shows_words_and_saves_its_raw_value(
    open_dialog: type[SendingSettingsDialog],
    workspace: Workspace,
    memory_keyring: MemoryKeyring,
    security: str,
) -> None:
    dialog = open_dialog()  # type: ignore[call-arg]
    box = combo(dialog, "mail.security")
    assert box.currentData() == "starttls"  # nothing saved yet
    assert [box.itemData(i) for i in range(box.count())] == list(hs.MAIL_SECURITY)
    assert all(box.itemText(i) not in hs.MAIL_SECURITY for i in range(box.count()))
    assert edit(dialog, "mail.limit_mb").placeholderText() == "10"
    box.setCurrentIndex(box.findData(security))
    port = str(hs.DEFAULT_PORTS[security])
    assert port in box.currentText()
    assert edit(dialog, "mail.port").placeholderText() == port
    dialog.save()
    assert not dialog.isVisible()
    assert hs.handoff_settings(workspace)["mail.security"] == security
    again = open_dialog()  # type: ignore[call-arg]
    assert combo(again, "mail.security").currentData() == security
    assert edit(again, "mail.port").placeholderText() == port


def test_a_wrong_port_is_named_by_its_caption_in_red_and_gets_the_focus(
    open_dialog: type[SendingSettingsDialog], workspace: Workspace
) -> None:
    dialog = open_dialog()  # type: ignore[call-arg]
    port = edit(dialog, "mail.port")
    port.setText("cổng")
    dialog.save()
    assert dialog.isVisible()
    assert isinstance(dialog.problem, ProblemLabel) and dialog.problem.isVisible()
    assert "color" in dialog.problem.styleSheet()
    caption = without_mnemonic(_("&Port"))
    assert dialog.caption("mail.port") == caption == ("Cổng", "Port")[_("&Port") == "&Port"]
    assert dialog.problem.text() == _("{field}: “{value}” is not valid — {expected}.").format(
        field=caption, value="cổng", expected=_("a port number from 1 to 65535")
    )
    assert "mail.port" not in dialog.problem.text()
    assert dialog.focusWidget() is port and port.selectedText() == "cổng"
    assert hs.setting(workspace, "mail.port") == ""
    port.setText("587")
    dialog.save()
    assert not dialog.isVisible() and hs.setting(workspace, "mail.port") == "587"


def test_the_certificate_is_one_short_line_with_the_whole_fingerprint_in_its_tooltip(
    open_dialog: type[SendingSettingsDialog], workspace: Workspace, tmp_path: Path
) -> None:
    dialog = open_dialog()  # type: ignore[call-arg]
    assert dialog.recipient.text() == _("Receiving office's certificate: not registered.")
    certificate, _key = office_key()
    full = fingerprint(certificate)
    trust_recipient(workspace, write_certificate(certificate, tmp_path / "office.pem"), full)
    dialog = open_dialog()  # type: ignore[call-arg]
    pairs = full.split(":")
    short = f"{pairs[0]}:{pairs[1]}:…:{pairs[-2]}:{pairs[-1]}"
    text = dialog.recipient.text()
    assert text == _(
        "Receiving office's certificate: {name} (registered; fingerprint {short})"
    ).format(name="UBND Sở Y tế tỉnh Điện Biên", short=short)
    assert full not in text and "CN=" not in text and len(text) < 120
    tooltip = dialog.recipient.toolTip()
    assert full in tooltip and "CN=UBND Sở Y tế tỉnh Điện Biên" in tooltip


@pytest.mark.parametrize("language", ["vi", "en"])
def test_every_label_has_a_buddy_and_every_mnemonic_is_unique(
    open_dialog: type[SendingSettingsDialog], language: str
) -> None:
    set_language(language)
    dialog = open_dialog()  # type: ignore[call-arg]
    assert set(dialog.fields) == set(hs.SPECS)
    for key, label in dialog.labels.items():
        assert label.buddy() is dialog.fields[key], key
    texts = [label.text() for label in dialog.labels.values()]
    texts += [group.title() for group in dialog.findChildren(QGroupBox)]
    texts.append(dialog.recipient_button.text())
    letters = []
    for text in texts:
        found = re.findall(r"&([^&])", text.replace("&&", ""))
        assert len(found) == 1, text
        assert found[0].isascii() and found[0].isalnum(), text  # a key on every keyboard
        letters.append(found[0].lower())
    buttons = [
        b.text() for b in dialog.findChildren(QPushButton) if b is not dialog.recipient_button
    ]
    assert sorted(buttons) == sorted([_("Save"), _("Cancel")])
    taken = {b.replace("&", "")[0].lower() for b in buttons}  # a style's automatic mnemonics
    assert len(set(letters)) == len(letters), letters
    assert not taken & set(letters)


def test_each_password_follows_its_user_name_and_the_groups_fields_line_up(
    open_dialog: type[SendingSettingsDialog],
) -> None:
    dialog = open_dialog()  # type: ignore[call-arg]
    keys = list(dialog.fields)
    for prefix in ("mail.", "upload."):
        assert keys.index(prefix + "password") == keys.index(prefix + "user") + 1
    mail, upload = dialog.findChildren(QGroupBox)
    assert (mail.title(), upload.title()) == (_("&E-mail"), _("Uplo&ad to a server"))
    lefts = {dialog.fields[k].mapTo(dialog, QPoint(0, 0)).x() for k in ("mail.host", "upload.url")}
    assert len(lefts) == 1
