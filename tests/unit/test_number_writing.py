"""Numbers written without babel's locale data are exactly what babel writes."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest
from babel import Locale
from babel.numbers import format_decimal, get_decimal_symbol, get_group_symbol

from treem_desktop import formatting
from treem_desktop.formatting import format_number
from treem_desktop.i18n import set_language


def samples() -> list[int | float | Decimal]:
    chance = random.Random(1555)
    found: list[int | float | Decimal] = [0, -0.0, 0.0004, -0.0004, 0.0005, 0.0015, 2.0005, 2.25]
    found += [999, 1000, -1000, 999_999.9995, 10**14, -(10**14) + 1, 12.5, 0.125, 1e-7]
    found += [Decimal("0.05"), Decimal("1234.5678"), Decimal("-0.0000"), Decimal("1E+3")]
    for _ in range(3000):
        digits = chance.randint(0, 12)
        found.append(chance.randint(-(10**digits), 10**digits))
        found.append(round(chance.uniform(-1, 1) * 10**digits, chance.randint(0, 6)))
        found.append(chance.uniform(-1, 1) * 10 ** chance.randint(-4, 9))
    return found


@pytest.mark.parametrize(("language", "locale"), [("vi", "vi_VN"), ("en", "en_GB")])
def test_written_as_babel_writes_them(language: str, locale: str) -> None:
    set_language(language)
    for value in samples():
        assert format_number(value) == format_decimal(value, locale=locale), value
        for decimals in (0, 1, 2):
            pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
            expected = format_decimal(value, format=pattern, locale=locale)
            assert format_number(value, decimals) == expected, (value, decimals)


@pytest.mark.parametrize("locale", ["vi_VN", "en_GB"])
def test_symbols_and_pattern_are_babels(locale: str) -> None:
    point, group = formatting._SYMBOLS[locale]
    assert (point, group) == (get_decimal_symbol(locale), get_group_symbol(locale))
    assert Locale.parse(locale).decimal_formats[None].pattern == "#,##0.###"


def test_unusual_numbers_still_go_to_babel() -> None:
    set_language("vi")
    assert format_number(float("nan")) == format_decimal(float("nan"), locale="vi_VN")
    assert format_number(10**20) == "100.000.000.000.000.000.000"
