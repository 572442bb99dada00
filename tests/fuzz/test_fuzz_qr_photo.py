"""The key card photo reader fed hostile pictures: damaged PNG, JPEG and BMP files and random
bytes are refused with a TreemError or read into a key card's code, never a crash."""

from __future__ import annotations

import io

import pytest
import segno
from hypothesis import strategies as st
from PIL import Image

from tests.fuzz.support import SIZES, counted, mutated
from treem_desktop.errors import TreemError
from treem_desktop.office.qr_photo import KEY_CARD_CODE, decode_key_card

FINGERPRINT = ":".join(f"{n:02X}" for n in range(32))
CARD = f"TREEM-CERT;03325;SHA256:{FINGERPRINT}"


def seed(kind: str) -> bytes:
    """A small picture of the key card's QR code, as ``kind`` writes it."""
    buffer = io.BytesIO()
    segno.make_qr(CARD, error="m").save(buffer, kind="png", scale=2, border=4)
    buffer.seek(0)
    out = io.BytesIO()
    Image.open(buffer).convert("L").save(out, kind)
    return out.getvalue()


SEEDS = {kind: seed(kind) for kind in ("PNG", "JPEG", "BMP")}


def check(data: bytes) -> None:
    try:
        found = decode_key_card(data, "fuzz")
    except TreemError as error:
        assert error.message()
        return
    assert KEY_CARD_CODE.fullmatch(f"TREEM-CERT;{found.commune_code};SHA256:{found.fingerprint}")


def test_the_seeds_are_read() -> None:
    for data in SEEDS.values():
        assert decode_key_card(data, "seed").fingerprint == FINGERPRINT


@pytest.mark.parametrize("examples", SIZES)
def test_damaged_pictures_are_refused_or_read(examples: int) -> None:
    pictures = st.one_of([mutated(data) for data in SEEDS.values()] + [st.binary(max_size=400)])
    counted("key card photo", examples, pictures, check)
