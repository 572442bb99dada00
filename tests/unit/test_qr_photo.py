"""Reading a key card's QR code from a picture (office/qr_photo.py): what is read, and what is
refused with a reason the office can act on."""

from __future__ import annotations

import io
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
import segno
from PIL import Image

from treem_desktop.errors import TreemError
from treem_desktop.office.qr_photo import (
    KeyCardCode,
    decode_key_card,
    key_card_code,
    read_key_card_photo,
)

FINGERPRINT = ":".join(f"{n:02X}" for n in range(0xA0, 0xC0))
OTHER = ":".join(f"{n:02X}" for n in range(0x10, 0x30))


def card_text(fingerprint: str = FINGERPRINT, code: str = "03325") -> str:
    return f"TREEM-CERT;{code};SHA256:{fingerprint}"


def qr_image(text: str, scale: int = 4) -> Image.Image:
    buffer = io.BytesIO()
    segno.make_qr(text, error="m").save(buffer, kind="png", scale=scale, border=4)
    buffer.seek(0)
    return Image.open(buffer).convert("L")


def saved(image: Image.Image, path: Path, kind: str = "PNG") -> Path:
    image.save(path, kind)
    return path


def refusal(path: Path) -> TreemError:
    with pytest.raises(TreemError) as caught:
        read_key_card_photo(path)
    return caught.value


def png_claiming(width: int, height: int) -> bytes:
    """A PNG whose header claims ``width`` × ``height`` pixels, with no pixels in it."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body)
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IEND", b"")


def test_the_code_of_a_key_card_is_read_from_png_jpeg_and_bmp(tmp_path: Path) -> None:
    expected = KeyCardCode("03325", FINGERPRINT)
    image = qr_image(card_text())
    for kind, suffix in (("PNG", "png"), ("JPEG", "JPG"), ("BMP", "bmp")):
        assert read_key_card_photo(saved(image, tmp_path / f"the.{suffix}", kind)) == expected


def test_a_transparent_background_is_read_as_white(tmp_path: Path) -> None:
    grey = qr_image(card_text())
    clear = Image.new("RGBA", grey.size, (0, 0, 0, 0))
    clear.putalpha(grey.point(lambda v: 255 - v))  # only the dark modules are painted
    assert read_key_card_photo(saved(clear, tmp_path / "trong-suot.png")).fingerprint == FINGERPRINT


def test_the_same_card_twice_in_a_picture_is_one_code(tmp_path: Path) -> None:
    card = qr_image(card_text())
    both = Image.new("L", (card.width * 2, card.height), 255)
    both.paste(card, (0, 0))
    both.paste(card, (card.width, 0))
    assert read_key_card_photo(saved(both, tmp_path / "hai.png")).fingerprint == FINGERPRINT


def test_two_different_cards_in_one_picture_are_refused(tmp_path: Path) -> None:
    first, second = qr_image(card_text()), qr_image(card_text(OTHER, "03301"))
    both = Image.new("L", (first.width + second.width, max(first.height, second.height)), 255)
    both.paste(first, (0, 0))
    both.paste(second, (first.width, 0))
    assert refusal(saved(both, tmp_path / "hai-xa.png")).code == "QR_PHOTO_SEVERAL"


def test_a_picture_without_a_qr_code_is_refused_in_vietnamese(tmp_path: Path) -> None:
    blank = saved(Image.new("RGB", (800, 600), "white"), tmp_path / "trang.png")
    error = refusal(blank)
    assert error.code == "QR_PHOTO_NO_CODE"
    assert "không có mã QR của thẻ khóa Treem" in error.message()  # tests run in Vietnamese


def test_a_qr_code_that_is_not_a_key_card_is_refused(tmp_path: Path) -> None:
    for text in ("https://example.vn/", card_text(FINGERPRINT[:-3]), "TREEM-CERT;03325;AB"):
        path = saved(qr_image(text), tmp_path / "khac.png")
        assert refusal(path).code == "QR_PHOTO_NOT_KEY_CARD", text


def test_files_that_are_not_pictures_are_refused(tmp_path: Path) -> None:
    text = tmp_path / "the.png"
    text.write_text("TREEM-CERT;03325;SHA256:" + FINGERPRINT, encoding="utf-8")
    gif = tmp_path / "the.gif"
    qr_image(card_text()).save(gif, "GIF")  # a picture, but not one of the three kinds
    cut = tmp_path / "cut.png"
    cut.write_bytes(saved(qr_image(card_text()), tmp_path / "whole.png").read_bytes()[:300])
    for path in (text, gif, cut, tmp_path / "missing.png", tmp_path):
        assert refusal(path).code == "QR_PHOTO_UNREADABLE", path


def test_pictures_too_large_are_refused_before_their_pixels_are_unpacked(tmp_path: Path) -> None:
    bomb = tmp_path / "bom.png"
    bomb.write_bytes(png_claiming(40_000, 40_000))  # 1.6 gigapixels in 57 bytes
    large = tmp_path / "lon.png"
    large.write_bytes(png_claiming(9_000, 7_000))  # 63 megapixels, under Pillow's own limit
    heavy = tmp_path / "nang.jpg"
    with heavy.open("wb") as handle:
        handle.truncate(41 * 1024 * 1024)
    for path in (bomb, large, heavy):
        assert refusal(path).code == "QR_PHOTO_TOO_LARGE", path


def test_key_card_code_takes_only_the_cards_own_text() -> None:
    assert key_card_code(card_text()) == KeyCardCode("03325", FINGERPRINT)
    assert key_card_code(card_text() + "\n") == KeyCardCode("03325", FINGERPRINT)
    assert key_card_code(card_text().lower()) is None
    assert key_card_code(card_text(code="3325")) is None
    assert key_card_code(card_text() + ";x") is None
    assert key_card_code("x" + card_text()) is None


def test_decode_refuses_bytes_over_the_limit_without_opening_them() -> None:
    with pytest.raises(TreemError) as caught:
        decode_key_card(b"\0" * (40 * 1024 * 1024 + 1), "anh.jpg")
    assert caught.value.code == "QR_PHOTO_TOO_LARGE"


def test_the_decoders_are_imported_only_when_a_picture_is_read() -> None:
    code = (
        "import sys, treem_desktop.office.qr_photo, treem_desktop.ui.office.trust_dialog, "
        "treem_desktop.ui.office.quarantine; "
        "print(sorted(m for m in ('PIL', 'zxingcpp') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
