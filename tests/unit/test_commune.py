"""The commune profile: validation with clear messages, the signature heading, categories."""

from __future__ import annotations

from dataclasses import replace

import pytest

from treem_desktop.commune.demo import DEMO_REQUEST
from treem_desktop.commune.setup import build_profile
from treem_desktop.core.admin_units import load_admin_units
from treem_desktop.core.categories import load_categories
from treem_desktop.core.commune import (
    CommuneProfile,
    cleaned_profile,
    signature_heading,
    suggested_category,
    validate_profile,
)
from treem_desktop.errors import TreemError
from treem_desktop.i18n import set_language


@pytest.fixture
def profile() -> CommuneProfile:
    return build_profile(DEMO_REQUEST)


def test_thresholds_per_category_are_the_confirmed_ones() -> None:
    categories = load_categories()
    assert {c.id: c.threshold for c in categories.categories} == {
        "phuong-tw": 900,
        "mien-nui-hai-dao-dbkk": 800,
        "con-lai": 850,
    }
    assert all(c.confirmed for c in categories.categories)
    assert "06/QĐ-TTg" in categories.source


def test_demo_profile_is_valid(profile: CommuneProfile) -> None:
    assert validate_profile(profile) == []
    assert profile.threshold == 800


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"category": "thanh-pho"}, "category", "CATEGORY_UNKNOWN"),
        ({"signer_title": "  "}, "signer_title", "FIELD_REQUIRED"),
        ({"officer_name": "A" * 101}, "officer_name", "FIELD_TOO_LONG"),
        ({"signer_name": "Lò\x00Tâm"}, "signer_name", "FIELD_BAD_CHARACTERS"),
        ({"recipient_email": "syt.dienbien"}, "recipient_email", "EMAIL_INVALID"),
        ({"recipient_email": "a b@x.vn"}, "recipient_email", "EMAIL_INVALID"),
        ({"issuer_abbreviations": ()}, "issuer_abbreviations", "FIELD_REQUIRED"),
        ({"issuer_abbreviations": ("UB ND",)}, "issuer_abbreviations", "ABBREVIATION_INVALID"),
    ],
)
def test_each_problem_names_its_field(
    profile: CommuneProfile, changes: dict[str, object], field: str, code: str
) -> None:
    problems = validate_profile(replace(profile, **changes))  # type: ignore[arg-type]
    assert [(p.field, p.code) for p in problems] == [(field, code)]
    assert problems[0].message()  # a sentence, in Vietnamese by default


def test_messages_are_vietnamese_by_default_and_english_on_request(
    profile: CommuneProfile,
) -> None:
    bad = replace(profile, recipient_email="khong-hop-le")
    assert "không phải là địa chỉ thư điện tử hợp lệ" in validate_profile(bad)[0].message()
    set_language("en")
    assert "is not a valid e-mail address" in validate_profile(bad)[0].message()


def test_cleaning_tidies_spaces_and_case(profile: CommuneProfile) -> None:
    messy = replace(
        profile,
        officer_name="  Nguyễn   Thị Hà ",
        issuer_abbreviations=(" ubnd", "bcđ ", ""),
    )
    tidy = cleaned_profile(messy)
    assert tidy.officer_name == "Nguyễn Thị Hà"
    assert tidy.issuer_abbreviations == ("UBND", "BCĐ")


def test_cleaning_refuses_what_is_invalid(profile: CommuneProfile) -> None:
    with pytest.raises(TreemError) as caught:
        cleaned_profile(replace(profile, recipient_email="@"))
    assert caught.value.field == "recipient_email"


@pytest.mark.parametrize(
    ("title", "heading"),
    [
        ("Chủ tịch", ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")),
        ("chủ tịch ", ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")),
        ("Phó Chủ tịch", ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")),
    ],
)
def test_signature_heading_follows_decree_30(title: str, heading: tuple[str, ...]) -> None:
    assert signature_heading(title) == heading


def test_suggested_category_for_wards_of_centrally_run_cities() -> None:
    units = load_admin_units()
    assert suggested_category(units.commune("00070"), units) == "phuong-tw"  # Hoàn Kiếm
    assert suggested_category(units.commune("03325"), units) == "con-lai"  # a xã
