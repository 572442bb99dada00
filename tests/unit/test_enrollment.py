"""The enrollment file: made at the commune from its data folder, trusted at the office only
with the right fingerprint, for a commune of its province, whole and signed, never a demo one;
its contact then shows in the list of communes that have not sent."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.office_support import Commune, make_commune, opened_office
from treem_desktop.commune.commune_key import KeyFiles, ensure_commune_key
from treem_desktop.commune.enrollment import enrollment_key_signer, write_enrollment_file
from treem_desktop.commune.workspace import Workspace
from treem_desktop.errors import TreemError
from treem_desktop.handoff.enrollment import (
    DOCUMENT,
    SIGNATURE,
    Contact,
    Enrollment,
    looks_like_enrollment,
    made_now,
    make_enrollment,
    read_enrollment,
)
from treem_desktop.office.folder import OfficeFolder
from treem_desktop.office.followup import missing_communes
from treem_desktop.office.status import period_status
from treem_desktop.office.trust import trust_commune, trusted_communes
from treem_desktop.packets.build import archive_bytes
from treem_desktop.signing.keys import fingerprint
from treem_desktop.signing.signers import KeySigner
from treem_desktop.storage.settings_repo import set_setting

CONTACT = Contact("Lò Thị Hoa", "0912 345 678", "hoa@buonglao.gov.vn")


@pytest.fixture
def office(tmp_path: Path) -> Iterator[OfficeFolder]:
    with opened_office(tmp_path) as opened:
        yield opened


def enrollment_of(commune: Commune, contact: Contact = CONTACT) -> bytes:
    identity = commune.identity
    enrollment = Enrollment(
        identity.commune_code, identity.commune_name, identity.province_code,
        identity.province_name, contact, made_now(), commune.certificate,
    )  # fmt: skip
    return make_enrollment(enrollment, KeySigner(commune.certificate, commune.key))


def written(data: bytes, folder: Path, name: str = "dang-ky.treem-dangky") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data)
    return folder / name


def refused(office: OfficeFolder, path: Path, expected: str) -> str:
    with pytest.raises(TreemError) as caught:
        trust_commune(office.conn, office.require_profile(), path, expected)
    assert caught.value.message()
    return caught.value.code


def members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_the_office_trusts_the_file_with_the_right_fingerprint_and_keeps_the_contact(
    office: OfficeFolder, tmp_path: Path
) -> None:
    commune = make_commune("03301")
    path = written(enrollment_of(commune), tmp_path)
    typed = fingerprint(commune.certificate).replace(":", " ").lower()  # as read on the phone
    trusted = trust_commune(office.conn, office.require_profile(), path, typed)
    assert (trusted.commune_code, trusted.contact) == (
        "03301", "Lò Thị Hoa, 0912 345 678, hoa@buonglao.gov.vn",
    )  # fmt: skip
    assert [t.fingerprint for t in trusted_communes(office.conn)] == [
        fingerprint(commune.certificate)
    ]
    status = period_status(office.conn, office.require_profile(), "2026")
    contacts = {m.code: m.contact for m in missing_communes(office.conn, status)}
    assert contacts["03301"] == trusted.contact
    assert contacts["03175"] == ""


def test_a_wrong_fingerprint_trusts_nothing(office: OfficeFolder, tmp_path: Path) -> None:
    commune = make_commune("03301")
    path = written(enrollment_of(commune), tmp_path)
    other = fingerprint(make_commune("03301").certificate)
    assert refused(office, path, other) == "OFFICE_FINGERPRINT_MISMATCH"
    assert trusted_communes(office.conn) == []


def test_a_changed_phone_is_refused_whether_the_zip_was_mended_or_not(
    office: OfficeFolder, tmp_path: Path
) -> None:
    commune = make_commune("03301")
    right = fingerprint(commune.certificate)
    original = enrollment_of(commune)
    edited = original.replace(b"0912 345 678", b"0999 999 999")
    assert refused(office, written(edited, tmp_path / "a"), right) == "ENROLLMENT_DAMAGED"
    parts = members(original)
    document = parts[DOCUMENT].replace(b"0912 345 678", b"0999 999 999")
    mended = archive_bytes(
        [(DOCUMENT, document), (SIGNATURE, parts[SIGNATURE])], (2026, 3, 2, 9, 0, 0)
    )
    path = written(mended, tmp_path / "b")
    assert refused(office, path, right) == "ENROLLMENT_SIGNATURE_INVALID"
    assert trusted_communes(office.conn) == []


def test_another_provinces_commune_a_demo_key_and_a_borrowed_certificate_are_refused(
    office: OfficeFolder, tmp_path: Path
) -> None:
    hanoi = make_commune("00004", "01")
    path = written(enrollment_of(hanoi), tmp_path / "hn")
    assert refused(office, path, fingerprint(hanoi.certificate)) == "OFFICE_COMMUNE_OTHER_PROVINCE"
    demo = make_commune("03325", demo=True)
    path = written(enrollment_of(demo), tmp_path / "demo")
    assert refused(office, path, fingerprint(demo.certificate)) == "PACKET_DEMO"

    # A file naming 03301 but carrying (and signed by) 03175's certificate.
    borrowed, other = make_commune("03301"), make_commune("03175")
    borrowed.certificate, borrowed.key = other.certificate, other.key
    path = written(enrollment_of(borrowed), tmp_path / "borrowed")
    assert refused(office, path, fingerprint(other.certificate)) == "ENROLLMENT_CERT_OTHER_COMMUNE"
    assert trusted_communes(office.conn) == []


def test_a_document_with_an_unexpected_field_is_refused_even_if_signed(tmp_path: Path) -> None:
    commune = make_commune("03301")
    parts = members(enrollment_of(commune))
    document = json.loads(parts[DOCUMENT])
    document["contact"]["fax"] = "0215 000"
    content = json.dumps(document, ensure_ascii=False).encode()
    signature = KeySigner(commune.certificate, commune.key).sign(content)
    data = archive_bytes([(DOCUMENT, content), (SIGNATURE, signature)], (2026, 3, 2, 9, 0, 0))
    with pytest.raises(TreemError) as caught:
        read_enrollment(data, "x")
    assert (caught.value.code, caught.value.params["detail"]) == (
        "ENROLLMENT_INVALID", "contact: fields",
    )  # fmt: skip


def test_the_commune_makes_its_file_from_the_profile_and_remembers_the_contact(
    workspace: Workspace, tmp_path: Path
) -> None:
    files = KeyFiles.in_data_dir(workspace.data_dir.path)
    certificate, _created = ensure_commune_key(files, workspace.require_profile(), b"mat khau 2026")
    set_setting(workspace.conn, "mail.from", "xa.muongphang@example.com")
    with pytest.raises(TreemError) as wrong:
        enrollment_key_signer(workspace, b"sai mat khau")
    assert wrong.value.code == "KEY_PASSPHRASE_WRONG"
    signer = enrollment_key_signer(workspace, b"mat khau 2026")
    with pytest.raises(TreemError) as phone:
        write_enrollment_file(workspace, tmp_path, signer, "gọi tôi")
    assert (phone.value.code, phone.value.field) == ("ENROLLMENT_PHONE_INVALID", "phone")

    made = write_enrollment_file(workspace, tmp_path, signer, "0912 345 678")
    assert made.path == tmp_path / "dang-ky-03325.treem-dangky"
    data = made.path.read_bytes()
    assert looks_like_enrollment(data)
    enrollment = read_enrollment(data, str(made.path))
    assert enrollment.contact == Contact(
        "Nguyễn Thị Hà", "0912 345 678", "xa.muongphang@example.com"
    )
    assert (enrollment.commune_code, enrollment.certificate) == ("03325", certificate)
    again = write_enrollment_file(workspace, tmp_path / "lai.treem-dangky", signer)
    assert again.contact == enrollment.contact  # phone and e-mail remembered


def test_another_communes_key_signs_no_enrollment_file(
    workspace: Workspace, tmp_path: Path
) -> None:
    other = make_commune("03301")
    usb = tmp_path / "USB"
    usb.mkdir()
    with pytest.raises(TreemError) as caught:
        write_enrollment_file(workspace, usb, KeySigner(other.certificate, other.key))
    assert caught.value.code == "ENROLLMENT_KEY_OTHER_COMMUNE"
    assert list(usb.iterdir()) == []


def test_a_packet_is_not_taken_for_an_enrollment_file(tmp_path: Path) -> None:
    from tests.office_support import evaluation_data

    packet = make_commune("03301").packet(tmp_path, evaluation_data(1, "incomplete"))
    assert not looks_like_enrollment(packet.read_bytes())
    assert not looks_like_enrollment(b"PK\x03\x04")


def test_the_signed_document_follows_its_published_schema() -> None:
    import jsonschema

    schema_path = Path(__file__).resolve().parents[2] / "resources" / "schemas"
    schema = json.loads((schema_path / "enrollment-1.schema.json").read_text(encoding="utf-8"))
    document = json.loads(members(enrollment_of(make_commune("03301")))[DOCUMENT])
    jsonschema.validate(document, schema, format_checker=jsonschema.FormatChecker())
    document["contact"]["phone"] = "gọi tôi"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, schema)
