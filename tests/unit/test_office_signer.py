"""The receiving office's signer: its Decree 30 wording, its storage (a folder of the previous
schema opens and migrates) and the signature block, header and "Nơi nhận" of its documents."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from docx import Document as WordFile

from treem_desktop.documents.docx_render import render_docx
from treem_desktop.errors import TreemError
from treem_desktop.office.consolidate import Consolidation
from treem_desktop.office.folder import open_office
from treem_desktop.office.migrations import OFFICE_CHAIN
from treem_desktop.office.profile import OfficeProfile, build_office_profile
from treem_desktop.office.report_documents import consolidated_report, recognition_list
from treem_desktop.office.setup import change_office_details
from treem_desktop.office.signer import (
    OfficeSigner,
    build_signer,
    office_signature_heading,
    signer_notes,
)
from treem_desktop.paths import DataDirChoice

SNAPSHOTS = Path(__file__).resolve().parent.parent / "data" / "db"


def heading(title: str, authority: str = "") -> tuple[str, ...]:
    return office_signature_heading(build_signer("Nguyễn Văn An", title, authority))


def test_the_director_signs_in_his_own_right_and_a_deputy_signs_kt() -> None:
    assert heading("Giám đốc") == ("GIÁM ĐỐC",)
    assert heading("Giám đốc", "KT.") == ("GIÁM ĐỐC",)  # the head never signs for himself
    assert heading("Phó Giám đốc") == ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC")  # a deputy always KT.
    assert heading("  phó  giám đốc ") == ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC")
    assert heading("Chánh Văn phòng") == ("CHÁNH VĂN PHÒNG",)  # another title: as chosen
    assert heading("Chánh Văn phòng", "KT.") == ("KT. GIÁM ĐỐC", "CHÁNH VĂN PHÒNG")


def test_a_signer_is_checked_before_it_is_kept() -> None:
    assert build_signer("  Nguyễn   Văn An ", "Giám đốc").name == "Nguyễn Văn An"
    assert build_signer("", "Giám đốc") == OfficeSigner()  # the name may come later
    with pytest.raises(TreemError) as too_long:
        build_signer("A" * 101, "Giám đốc")
    assert too_long.value.code == "FIELD_TOO_LONG"
    with pytest.raises(TreemError) as no_title:
        build_signer("Nguyễn Văn An", "  ")
    assert (no_title.value.code, no_title.value.field) == ("FIELD_REQUIRED", "signer_title")
    with pytest.raises(TreemError) as control:
        build_signer("Nguyễn\x07Văn An", "Giám đốc")
    assert control.value.code == "FIELD_BAD_CHARACTERS"


def test_an_office_folder_of_the_previous_schema_opens_with_no_signer_yet(
    data_dir: DataDirChoice,
) -> None:
    data_dir.path.mkdir(parents=True, exist_ok=True)
    shutil.copy(SNAPSHOTS / "office-schema-3.sqlite", data_dir.database)
    with open_office(data_dir) as office:
        applied = [r[0] for r in office.conn.execute("SELECT name FROM _sqlite_migrations")]
        profile = office.require_profile()
        assert applied == list(OFFICE_CHAIN.names)
        assert profile.name == "Sở Y tế tỉnh Điện Biên"
        assert profile.signer == OfficeSigner("", "Giám đốc", "")
        assert signer_notes(profile.signer)  # said, not blocking
        deputy = build_signer("Lò Văn Minh", "Phó Giám đốc")
        change_office_details(office, "Sở Y tế tỉnh Điện Biên", deputy)
    with open_office(data_dir) as office:
        assert office.require_profile().signer == OfficeSigner("Lò Văn Minh", "Phó Giám đốc", "KT.")
    assert signer_notes(deputy) == []


def test_a_refused_change_keeps_the_stored_details(data_dir: DataDirChoice) -> None:
    with open_office(data_dir, create=True) as office:
        with office.transaction():
            from treem_desktop.office.profile import save_profile

            save_profile(office.conn, build_office_profile("11", "Sở Y tế tỉnh Điện Biên"))
        with pytest.raises(TreemError):
            change_office_details(office, "", build_signer("Lò Văn Minh", "Giám đốc"))
        assert office.require_profile().signer == OfficeSigner()


def empty_period(profile: OfficeProfile) -> Consolidation:
    return Consolidation(
        "2026", profile.province_code, profile.province_name, (), (), (), (), {}, 45
    )


def test_the_documents_sign_as_the_profile_says_under_the_province() -> None:
    signer = build_signer("Lò Văn Minh", "Phó Giám đốc")
    profile = build_office_profile("11", "Sở Y tế tỉnh Điện Biên", signer=signer)
    listing = recognition_list(empty_period(profile), profile, 75.0)
    report = consolidated_report(empty_period(profile), profile, 75.0)
    for document in (listing, report):
        assert document.signature.authority_lines == ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC")
        assert document.signature.name == "Lò Văn Minh"
        assert document.parent_lines == ("UBND TỈNH ĐIỆN BIÊN",)
        assert document.issuer_lines == ("SỞ Y TẾ",)  # the province is on the line above
        assert document.number.text().endswith("-SYT")
        assert document.place_and_date().startswith("Điện Biên, ngày ")
    assert report.addressees == ("Ủy ban nhân dân tỉnh Điện Biên",)  # a report to the level above
    assert report.recipients == ("Như trên", "Lưu: VT.")
    assert listing.recipients == ("UBND tỉnh Điện Biên (để báo cáo)", "Lưu: VT.")
    basis = listing.body[0].runs[0].text  # type: ignore[union-attr]
    assert "Quyết định số 06/QĐ-TTg ngày 03/01/2019 của Thủ tướng Chính phủ" in basis


def test_a_city_is_named_as_a_city_and_an_unknown_signer_leaves_the_name_blank() -> None:
    profile = build_office_profile("01", "Sở Y tế thành phố Hà Nội")
    report = consolidated_report(empty_period(profile), profile, 75.0)
    assert report.parent_lines == ("UBND THÀNH PHỐ HÀ NỘI",)
    assert report.issuer_lines == ("SỞ Y TẾ",)
    assert report.addressees == ("Ủy ban nhân dân thành phố Hà Nội",)
    assert report.place_and_date().startswith("Hà Nội, ngày ")
    assert report.signature.authority_lines == ("GIÁM ĐỐC",)
    assert report.signature.name == ""


def test_the_signature_block_is_printed_in_the_docx(tmp_path: Path) -> None:
    signer = build_signer("Lò Văn Minh", "Phó Giám đốc")
    profile = build_office_profile("11", "Sở Y tế tỉnh Điện Biên", signer=signer)
    path = render_docx(consolidated_report(empty_period(profile), profile, 75.0), tmp_path / "a")
    block = WordFile(str(path)).tables[-1].rows[0].cells
    assert "- Như trên;" in block[0].text and "- Lưu: VT." in block[0].text
    assert [p.text for p in block[1].paragraphs if p.text] == [
        "KT. GIÁM ĐỐC",
        "PHÓ GIÁM ĐỐC",
        "Lò Văn Minh",
    ]
