"""The fingerprint read from a photo (or a scan) of a commune's key card (thẻ khóa).

The key card's QR code holds ``TREEM-CERT;<commune code>;SHA256:<fingerprint>``
(:func:`treem_desktop.commune.commune_key.fingerprint_qr_text`). The office photographs the
printed card with a phone, or scans it, and Treem fills the fingerprint field from the picture;
the officer still confirms it, and the comparison with the certificate is the one for a typed
fingerprint. The picture may come from anywhere: its size is capped before it is decoded (a
small file can unpack to billions of pixels) and whatever a damaged file makes the decoders
raise becomes a refusal. Pillow and zxing-cpp are imported only when a picture is read.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from treem_desktop.errors import TreemError

if TYPE_CHECKING:
    from PIL import Image

MAX_FILE_MB = 40  # a 50-megapixel phone photo is 10–25 MB
MAX_MEGAPIXELS = 60
DECODE_SIDE = 3000  # pixels: the QR code of an A4 card photographed whole keeps ~10 per module
FORMATS = ("PNG", "JPEG", "BMP")
KEY_CARD_CODE = re.compile(r"TREEM-CERT;([0-9]{5});SHA256:((?:[0-9A-F]{2}:){31}[0-9A-F]{2})")


@dataclass(frozen=True)
class KeyCardCode:
    """What a key card's QR code says: the commune's code and its certificate's fingerprint."""

    commune_code: str
    fingerprint: str  # upper-case hex pairs, "AB:CD:…"


def key_card_code(text: str) -> KeyCardCode | None:
    """The key card's code in ``text`` (a QR code's content), or None if it is something else."""
    match = KEY_CARD_CODE.fullmatch(text.strip())
    if match is None:
        return None
    return KeyCardCode(match.group(1), match.group(2))


def read_key_card_photo(path: Path) -> KeyCardCode:
    """The key card's code in the picture at ``path`` (PNG, JPEG or BMP), or a TreemError."""
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_MB * 1024 * 1024 + 1)
    except OSError as exc:
        raise TreemError("QR_PHOTO_UNREADABLE", path=str(path)) from exc
    return decode_key_card(data, str(path))


def decode_key_card(data: bytes, name: str) -> KeyCardCode:
    """The key card's code in the picture ``data``; refused (TreemError) when it is not a
    picture, is too large, holds no key card's QR code or the codes of several cards."""
    if len(data) > MAX_FILE_MB * 1024 * 1024:
        raise _too_large(name)
    texts = _qr_texts(_greyscale(data, name))
    codes = {code for code in map(key_card_code, texts) if code is not None}
    if len(codes) > 1:
        raise TreemError("QR_PHOTO_SEVERAL", path=name)
    if codes:
        return codes.pop()
    raise TreemError("QR_PHOTO_NOT_KEY_CARD" if texts else "QR_PHOTO_NO_CODE", path=name)


def _too_large(name: str) -> TreemError:
    return TreemError("QR_PHOTO_TOO_LARGE", path=name, limit=MAX_MEGAPIXELS, megabytes=MAX_FILE_MB)


def _greyscale(data: bytes, name: str) -> Image.Image:
    """The picture in shades of grey, at most :data:`DECODE_SIDE` pixels on its longer side."""
    import warnings

    from PIL import Image

    try:
        with warnings.catch_warnings():
            # Pillow warns past 89 megapixels; the cap below refuses well before that.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=FORMATS)
        width, height = image.size
        if width * height > MAX_MEGAPIXELS * 1_000_000:
            raise _too_large(name)
        image.draft("L", (DECODE_SIDE, DECODE_SIDE))  # a JPEG is decoded at 1/2, 1/4… at once
        grey = _on_white(image).convert("L")
        grey.thumbnail((DECODE_SIDE, DECODE_SIDE))
        return grey
    except TreemError:
        raise
    except Image.DecompressionBombError as exc:
        raise _too_large(name) from exc
    except Exception as exc:  # noqa: BLE001 - a damaged or hostile file can raise anything
        raise TreemError("QR_PHOTO_UNREADABLE", path=name) from exc


def _on_white(image: Image.Image) -> Image.Image:
    """A transparent background made white (a transparent pixel is black once grey)."""
    from PIL import Image

    if image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info:
        rgba = image.convert("RGBA")
        return Image.alpha_composite(Image.new("RGBA", rgba.size, "white"), rgba)
    return image


def _qr_texts(image: Image.Image) -> list[str]:
    """The text of every QR code zxing-cpp finds in ``image``."""
    import zxingcpp

    qr_only = zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)
    found = zxingcpp.read_barcodes(image, formats=qr_only)
    return [barcode.text for barcode in found if barcode.valid]
