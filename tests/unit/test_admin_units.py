"""The official list: 34 provinces, 3,321 communes, found by code and by name."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from treem_desktop.core.admin_units import (
    load_admin_units,
    normalize_code,
    search_communes,
    search_provinces,
)
from treem_desktop.core.text import fold
from treem_desktop.errors import TreemError


def test_counts_after_the_2025_reorganisation() -> None:
    units = load_admin_units()
    communes = list(units.communes)
    assert len(units.provinces) == 34
    assert len(communes) == 3321
    assert len({c.code for c in communes}) == 3321
    types = {t: sum(c.division_type == t for c in communes) for t in ("xã", "phường", "đặc khu")}
    assert types == {"xã": 2621, "phường": 687, "đặc khu": 13}
    cities = sorted(p.name for p in units.provinces if p.is_centrally_run_city)
    assert len(cities) == 6 and "Thành phố Huế" in cities


@pytest.mark.parametrize("code", ["11", "011", 11, " 11 "])
def test_province_codes_are_normalised(code: str | int) -> None:
    assert load_admin_units().province(code).name == "Điện Biên"


def test_commune_in_its_province() -> None:
    commune = load_admin_units().commune_in("11", "3325")
    assert (commune.code, commune.name, commune.short_name) == (
        "03325",
        "Xã Mường Phăng",
        "Mường Phăng",
    )


def test_unknown_codes_are_refused_with_their_code() -> None:
    units = load_admin_units()
    with pytest.raises(TreemError) as province:
        units.province("99")
    with pytest.raises(TreemError) as commune:
        units.commune("99999")
    assert (province.value.code, province.value.field) == ("PROVINCE_UNKNOWN", "province")
    assert "99" in province.value.message()
    assert (commune.value.code, commune.value.field) == ("COMMUNE_UNKNOWN", "commune")


def test_commune_of_another_province_is_refused_naming_both() -> None:
    with pytest.raises(TreemError) as caught:
        load_admin_units().commune_in("11", "00070")
    message = caught.value.message()
    assert caught.value.code == "COMMUNE_NOT_IN_PROVINCE"
    assert "Phường Hoàn Kiếm" in message and "Hà Nội" in message and "Điện Biên" in message


@pytest.mark.parametrize("query", ["muong phang", "Mường Phăng", "PHANG", "phăng", "muong  ph"])
def test_search_ignores_accents_and_case(query: str) -> None:
    province = load_admin_units().province("11")
    names = [c.name for c in search_communes(province, query)]
    assert "Xã Mường Phăng" in names


def test_search_puts_names_starting_with_the_query_first() -> None:
    province = load_admin_units().province("11")
    found = search_communes(province, "muong")
    assert found and all(c.folded_short.startswith("muong") for c in found[:3])
    assert len(search_communes(province, "")) == len(province.communes)
    assert search_communes(province, "khong co xa nay") == []


def test_dong_and_d_fold_alike() -> None:
    assert fold("Đồng Đăng") == fold("dong dang") == "dong dang"


@given(st.integers(min_value=0, max_value=99999))
def test_numeric_codes_normalise_to_fixed_width(number: int) -> None:
    code = normalize_code(str(number), 5)
    assert len(code) == max(5, len(str(number))) and int(code) == number


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("ha noi", "Thành phố Hà Nội"),
        ("HÀ NỘI", "Thành phố Hà Nội"),
        ("ho chi minh", "Thành phố Hồ Chí Minh"),
        ("tp. ho chi minh", "Thành phố Hồ Chí Minh"),
        ("hue", "Thành phố Huế"),
        ("thanh pho hue", "Thành phố Huế"),
        ("tinh ha tinh", "Hà Tĩnh"),
        ("ha tinh", "Hà Tĩnh"),
        ("chi minh", "Thành phố Hồ Chí Minh"),
        ("11", "Điện Biên"),
    ],
)
def test_provinces_are_searched_like_communes(query: str, first: str) -> None:
    found = [p.name for p in search_provinces(load_admin_units(), query)]
    assert found[0] == first
    assert "Hưng Yên" not in found


def test_an_empty_province_search_lists_all_34() -> None:
    assert len(search_provinces(load_admin_units(), "  ")) == 34
