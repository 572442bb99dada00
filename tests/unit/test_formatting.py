"""Vietnamese conventions for numbers and dates (babel), English on request."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from treem_desktop.formatting import (
    format_date_long,
    format_date_short,
    format_datetime_short,
    format_number,
    format_percent,
)
from treem_desktop.i18n import set_language


def test_vietnamese_numbers() -> None:
    assert format_number(1234.5, 1) == "1.234,5"
    assert format_number(1234567) == "1.234.567"
    assert format_number(Decimal("0.05"), 2) == "0,05"
    assert format_percent(95) == "95,0%"


def test_vietnamese_dates() -> None:
    day = dt.date(2026, 1, 5)
    assert format_date_long(day) == "ngày 05 tháng 01 năm 2026"
    assert format_date_short(day) == "05/01/2026"
    assert format_datetime_short(dt.datetime(2026, 1, 5, 14, 5)) == "14:05 05/01/2026"


def test_english_numbers_and_dates() -> None:
    set_language("en")
    assert format_number(1234.5, 1) == "1,234.5"
    assert format_date_long(dt.date(2026, 1, 5)) == "5 January 2026"


def test_official_dates_follow_decree_30_zeros() -> None:
    from treem_desktop.formatting import official_date

    assert official_date(dt.date(2026, 1, 5)) == "ngày 05 tháng 01 năm 2026"
    assert official_date(dt.date(2026, 2, 28)) == "ngày 28 tháng 02 năm 2026"
    assert official_date(dt.date(2026, 3, 15)) == "ngày 15 tháng 3 năm 2026"
    assert official_date(dt.date(2026, 11, 9)) == "ngày 09 tháng 11 năm 2026"
    assert format_date_long(dt.date(2026, 12, 1)) == "ngày 01 tháng 12 năm 2026"
