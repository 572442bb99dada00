"""The office reads a commune's fingerprint from a photo of its printed key card: the real card
(ui/key_card.py) rendered as on paper, then made to look like a phone's photo of it."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageFilter
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.office_support import evaluation_data, make_commune, opened_office
from treem_desktop.commune.commune_key import KeyFiles, KeySummary, ensure_commune_key, summarize
from treem_desktop.commune.workspace import Workspace
from treem_desktop.office import packet_store as store
from treem_desktop.office.folder import OfficeFolder
from treem_desktop.office.intake import import_packets
from treem_desktop.office.qr_photo import read_key_card_photo
from treem_desktop.office.sources import packet_sources
from treem_desktop.office.trust import trusted_communes
from treem_desktop.signing.keys import fingerprint
from treem_desktop.ui.key_card import PDF_RESOLUTION, paint_card
from treem_desktop.ui.office.quarantine import QuarantineDialog
from treem_desktop.ui.office.trust_dialog import TrustDialog
from treem_desktop.ui.qt import (
    QColor,
    QDialog,
    QDialogButtonBox,
    QImage,
    QLabel,
    QMessageBox,
    QPainter,
    QPushButton,
)

A4_PIXELS = (round(8.27 * PDF_RESOLUTION), round(11.69 * PDF_RESOLUTION))


def printed_card(summary: KeySummary, target: Path) -> Path:
    """The key card as it prints (one A4 page at 300 dpi), saved as a PNG."""
    image = QImage(*A4_PIXELS, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    paint_card(painter, summary)
    painter.end()
    assert image.save(str(target))
    return target


def photographed(scan: Path, target: Path, *, width: int, angle: float) -> Path:
    """``scan`` as a phone sees it: smaller, turned on a desk, washed out, blurred, grainy,
    lit from one side, saved as a JPEG of quality 60."""
    with Image.open(scan) as page:
        photo = page.convert("L").resize((width, round(width * 1.414)), Image.Resampling.BILINEAR)
    photo = photo.point(lambda v: 45 + v * 170 // 255)  # neither black ink nor white paper
    photo = photo.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=90)
    photo = photo.filter(ImageFilter.GaussianBlur(1.2))
    grain = Image.effect_noise(photo.size, 20)  # around 128
    photo = ImageChops.add(photo, grain, offset=-128)
    shade = Image.linear_gradient("L").rotate(90).resize(photo.size).point(lambda v: 255 - v // 3)
    photo = ImageChops.multiply(photo, shade)
    buffer = io.BytesIO()
    photo.convert("RGB").save(buffer, "JPEG", quality=60)
    target.write_bytes(buffer.getvalue())
    return target


@pytest.fixture
def summary(workspace: Workspace) -> KeySummary:
    files = KeyFiles.in_data_dir(workspace.data_dir.path)
    ensure_commune_key(files, workspace.require_profile(), "mật khẩu xã 2026".encode())
    return summarize(files)


def test_the_printed_card_and_photos_of_it_give_the_certificates_fingerprint(
    qtbot: QtBot, workspace: Workspace, summary: KeySummary, tmp_path: Path
) -> None:
    from cryptography import x509

    files = KeyFiles.in_data_dir(workspace.data_dir.path)
    certificate = x509.load_pem_x509_certificate(files.certificate.read_bytes())
    scan = printed_card(summary, tmp_path / "the-khoa.png")
    read = read_key_card_photo(scan)
    assert read.fingerprint == fingerprint(certificate) == summary.fingerprint
    assert read.commune_code == summary.commune_code
    for number, (width, angle) in enumerate([(1600, 10.0), (1200, -9.0), (2400, 12.0)]):
        photo = photographed(scan, tmp_path / f"anh-{number}.jpg", width=width, angle=angle)
        assert read_key_card_photo(photo).fingerprint == summary.fingerprint, photo


@pytest.fixture
def office(tmp_path: Path) -> Iterator[OfficeFolder]:
    with opened_office(tmp_path) as opened:
        yield opened


def press_ok(qtbot: QtBot, dialog: QDialog) -> None:
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None
    qtbot.mouseClick(buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def test_the_trust_dialogs_button_fills_the_fingerprint_from_a_photo_of_the_card(
    qtbot: QtBot,
    workspace: Workspace,
    summary: KeySummary,
    office: OfficeFolder,
    tmp_path: Path,
) -> None:
    files = KeyFiles.in_data_dir(workspace.data_dir.path)
    scan = printed_card(summary, tmp_path / "the-khoa.png")
    photo = photographed(scan, tmp_path / "IMG_0001.JPG", width=1600, angle=10.0)
    dialog = TrustDialog(office)
    qtbot.addWidget(dialog)
    dialog.ask_path = lambda: files.certificate
    qtbot.mouseClick(dialog.choose, Qt.MouseButton.LeftButton)
    field = dialog.fingerprint_field
    field.ask_photo = lambda: tmp_path / "khong-phai-anh.png"
    (tmp_path / "khong-phai-anh.png").write_text("không phải ảnh", encoding="utf-8")
    qtbot.mouseClick(field.photo_button, Qt.MouseButton.LeftButton)
    assert field.problem.isVisibleTo(dialog) and "PNG, JPEG" in field.problem.text()
    assert dialog.fingerprint.text() == ""
    field.ask_photo = lambda: photo
    qtbot.mouseClick(field.photo_button, Qt.MouseButton.LeftButton)
    assert dialog.fingerprint.text() == summary.fingerprint
    assert summary.commune_code in field.note.text() and not field.problem.isVisibleTo(dialog)
    assert trusted_communes(office.conn) == []  # filled, not yet confirmed
    press_ok(qtbot, dialog)
    assert dialog.trusted is not None and dialog.trusted.fingerprint == summary.fingerprint


def test_the_photo_button_has_its_own_keyboard_shortcut(qtbot: QtBot, office: OfficeFolder) -> None:
    dialog = TrustDialog(office)
    qtbot.addWidget(dialog)
    texts = [w.text() for w in dialog.findChildren(QPushButton) + dialog.findChildren(QLabel)]
    keys = [text[text.index("&") + 1].lower() for text in texts if "&" in text]
    assert dialog.fingerprint_field.photo_button.text() == "Đọc mã &QR từ ảnh…"
    assert len(keys) == len(set(keys)) and "q" in keys


def test_trusting_from_a_refused_packet_takes_the_fingerprint_from_a_photo(
    qtbot: QtBot, office: OfficeFolder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    commune = make_commune("03301")
    packet = commune.packet(tmp_path / "in", evaluation_data(700, "not-recognised"))
    import_packets(office, packet_sources([packet]))
    assert len(store.quarantined(office.conn)) == 1
    card = KeySummary(
        subject="", common_name="Xã Mường Pồn", commune_code="03301", province_code="11",
        not_before=dt.datetime(2026, 1, 1), not_after=dt.datetime(2031, 1, 1),
        fingerprint=fingerprint(commune.certificate), protected=True,
    )  # fmt: skip
    photo = photographed(
        printed_card(card, tmp_path / "the.png"), tmp_path / "anh.jpg", width=1400, angle=-8.0
    )
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: shown.append(text))
    quarantine = QuarantineDialog(office)
    qtbot.addWidget(quarantine)
    asked = quarantine.trust_selected()
    assert asked is not None
    qtbot.waitUntil(asked.isVisible)
    asked.field.ask_photo = lambda: photo
    qtbot.mouseClick(asked.field.photo_button, Qt.MouseButton.LeftButton)
    assert asked.fingerprint() == card.fingerprint
    press_ok(qtbot, asked)
    assert [t.commune_code for t in trusted_communes(office.conn)] == ["03301"]
    assert store.quarantined(office.conn) == [] and len(shown) == 1
