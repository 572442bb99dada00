"""Numbers and dates in the conventions of the current language (babel, imported lazily).

Vietnamese: ``1.234,5`` and ``ngày 05 tháng 01 năm 2026``; English: ``1,234.5`` and
``5 January 2026``.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from treem_desktop.i18n import current_language

if TYPE_CHECKING:
    from decimal import Decimal

_BABEL_LOCALES = {"vi": "vi_VN", "en": "en_GB"}


def _locale() -> str:
    return _BABEL_LOCALES.get(current_language(), "vi_VN")


def format_number(value: int | float | Decimal, decimals: int | None = None) -> str:
    """A number with the language's separators; ``decimals`` fixes the digits after the comma."""
    from babel.numbers import format_decimal

    if decimals is None:
        return str(format_decimal(value, locale=_locale()))
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    return str(format_decimal(value, format=pattern, locale=_locale()))


def format_percent(value: float | Decimal, decimals: int = 1) -> str:
    """``95,0%`` from ``95.0`` (the value is already a percentage)."""
    return format_number(value, decimals) + "%"


def format_date_long(day: dt.date) -> str:
    """The long date of official documents: ``ngày 05 tháng 01 năm 2026``.

    Decree 30/2020 (Annex I §II.4): days below 10 and the months 1 and 2 take a leading zero,
    other months do not (``ngày 15 tháng 3 năm 2026``), so "tháng 1" cannot become "tháng 11".
    """
    if current_language() == "vi":
        return official_date(day)
    from babel.dates import format_date

    return str(format_date(day, "d MMMM yyyy", locale=_locale()))


def official_date(day: dt.date) -> str:
    """``ngày 05 tháng 01 năm 2026`` / ``ngày 15 tháng 3 năm 2026`` (Decree 30), any language."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def format_date_short(day: dt.date) -> str:
    """``05/01/2026`` in both languages (the form used in Vietnamese tables)."""
    return day.strftime("%d/%m/%Y")


def format_datetime_short(moment: dt.datetime) -> str:
    """``14:05 05/01/2026``."""
    return moment.strftime("%H:%M %d/%m/%Y")
