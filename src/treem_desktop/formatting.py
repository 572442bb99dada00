"""Numbers and dates in the conventions of the current language (babel, imported lazily).

Vietnamese: ``1.234,5`` and ``ngày 05 tháng 01 năm 2026``; English: ``1,234.5`` and
``5 January 2026``.

Numbers of the two languages are written here with babel's own symbols and rounding (its
pattern ``#,##0.###``, half to even), without loading babel's locale data: that costs 30–70 ms
on the first number, at start-up, and a babel call per cell made a 300-cell form slow.
Anything unusual (not finite, very large, another locale) still goes through babel.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation

from treem_desktop.i18n import current_language

_BABEL_LOCALES = {"vi": "vi_VN", "en": "en_GB"}
# (decimal, group) symbols of babel's locales, checked against babel by the tests.
_SYMBOLS = {"vi_VN": (",", "."), "en_GB": (".", ",")}
_DEFAULT_DECIMALS = 3  # babel's default pattern #,##0.### for both locales
_LARGEST = Decimal(10) ** 15  # beyond it, babel decides


def _locale() -> str:
    return _BABEL_LOCALES.get(current_language(), "vi_VN")


def format_number(value: int | float | Decimal, decimals: int | None = None) -> str:
    """A number with the language's separators; ``decimals`` fixes the digits after the comma."""
    locale = _locale()
    text = _written(value, decimals, locale)
    return text if text is not None else _babel_number(value, decimals, locale)


def _written(value: int | float | Decimal, decimals: int | None, locale: str) -> str | None:
    """What babel would write, worked out here; None when babel must decide."""
    symbols = _SYMBOLS.get(locale)
    if symbols is None or isinstance(value, bool):
        return None
    number = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    if not number.is_finite() or abs(number) >= _LARGEST:
        return None
    most = _DEFAULT_DECIMALS if decimals is None else max(decimals, 0)
    least = 0 if decimals is None else most
    try:
        rounded = abs(number).quantize(Decimal(1).scaleb(-most), rounding=ROUND_HALF_EVEN)
    except InvalidOperation:
        return None
    whole, _dot, fraction = f"{rounded:f}".partition(".")
    while len(fraction) > least and fraction.endswith("0"):
        fraction = fraction[:-1]
    point, group = symbols
    text = f"{int(whole):,}".replace(",", group) + (point + fraction if fraction else "")
    return "-" + text if number.is_signed() else text


def _babel_number(value: int | float | Decimal, decimals: int | None, locale: str) -> str:
    from babel.numbers import format_decimal

    if decimals is None:
        return str(format_decimal(value, locale=locale))
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    return str(format_decimal(value, format=pattern, locale=locale))


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
