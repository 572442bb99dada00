"""Receipts: made by the office, checked at the commune against the office's registered
certificate; a good one marks its packet acknowledged, others are refused with their reason."""

from __future__ import annotations

import dataclasses
from email.message import EmailMessage
from pathlib import Path

import pytest
from cryptography import x509
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.handoff_support import add_packets, office_key, write_certificate
from treem_desktop.commune.outbox import entries
from treem_desktop.commune.receipts import import_receipts, trust_recipient
from treem_desktop.commune.workspace import Workspace
from treem_desktop.errors import TreemError
from treem_desktop.handoff.receipt import (
    Receipt,
    ReceiptRejected,
    make_receipt,
    receipt_file_name,
    received_now,
    verify_receipt,
)
from treem_desktop.signing.keys import PrivateKey, fingerprint
from treem_desktop.storage.outbox_repo import OutboxEntry

Office = tuple[x509.Certificate, PrivateKey]
OFFICE_KEY = office_key()


@pytest.fixture
def office(workspace: Workspace, tmp_path: Path) -> Office:
    certificate, key = office_key()
    pem = write_certificate(certificate, tmp_path / "so-y-te.pem")
    trust_recipient(workspace, pem, fingerprint(certificate))
    return certificate, key


def receipt_for(entry: OutboxEntry, **changes: object) -> Receipt:
    receipt = Receipt(
        packet_id=entry.packet_id,
        packet_sha256=entry.sha256,
        packet_file_name=entry.file_name,
        commune_code="03325",
        sequence=entry.sequence,
        received=received_now(),
        office="Sở Y tế tỉnh Điện Biên",
    )
    return dataclasses.replace(receipt, **changes)  # type: ignore[arg-type]


def write_receipt(folder: Path, receipt: Receipt, signer: Office) -> Path:
    path = folder / receipt_file_name(receipt.packet_file_name)
    path.write_bytes(make_receipt(receipt, *signer))
    return path


def test_a_receipt_marks_its_packet_acknowledged(
    workspace: Workspace, office: Office, tmp_path: Path
) -> None:
    first, second = add_packets(workspace, 2)
    path = write_receipt(tmp_path, receipt_for(second), office)
    [outcome] = import_receipts(workspace, [path])
    assert outcome.error is None and outcome.sequence == second.sequence
    states = {e.sequence: (e.state, e.receipt_office) for e in entries(workspace)}
    assert states == {
        first.sequence: ("built", ""),
        second.sequence: ("acknowledged", "Sở Y tế tỉnh Điện Biên"),
    }


def test_a_receipt_signed_by_an_unknown_key_is_refused(
    workspace: Workspace, office: Office, tmp_path: Path
) -> None:
    [packet] = add_packets(workspace, 1)
    stranger = office_key()
    path = write_receipt(tmp_path, receipt_for(packet), stranger)
    [outcome] = import_receipts(workspace, [path])
    assert outcome.error is not None and outcome.error.code == "RECEIPT_UNTRUSTED"
    assert entries(workspace)[0].state == "built"


def test_a_receipt_for_an_unknown_packet_is_refused(
    workspace: Workspace, office: Office, tmp_path: Path
) -> None:
    [packet] = add_packets(workspace, 1)
    other = receipt_for(packet, packet_id="00000000-0000-4000-8000-000000000000")
    [outcome] = import_receipts(workspace, [write_receipt(tmp_path, other, office)])
    assert outcome.error is not None and outcome.error.code == "RECEIPT_PACKET_UNKNOWN"
    assert entries(workspace)[0].state == "built"


def test_a_receipt_with_another_hash_or_commune_is_refused(
    workspace: Workspace, office: Office, tmp_path: Path
) -> None:
    [packet] = add_packets(workspace, 1)
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    wrong_hash = write_receipt(tmp_path / "a", receipt_for(packet, packet_sha256="0" * 64), office)
    wrong_commune = write_receipt(tmp_path / "b", receipt_for(packet, commune_code="99999"), office)
    codes = [
        o.error.code for o in import_receipts(workspace, [wrong_hash, wrong_commune]) if o.error
    ]
    assert codes == ["RECEIPT_HASH_MISMATCH", "RECEIPT_COMMUNE_MISMATCH"]


def test_a_changed_byte_anywhere_is_refused(
    workspace: Workspace, office: Office, tmp_path: Path
) -> None:
    [packet] = add_packets(workspace, 1)
    path = write_receipt(tmp_path, receipt_for(packet), office)
    data = bytearray(path.read_bytes())
    where = data.index(b'"sequence"') + 14
    data[where] ^= 0x01
    path.write_bytes(bytes(data))
    [outcome] = import_receipts(workspace, [path])
    assert outcome.error is not None
    assert outcome.error.code in ("RECEIPT_DAMAGED", "RECEIPT_SIGNATURE_INVALID")
    assert entries(workspace)[0].state == "built"


def test_receipts_from_a_folder_and_a_saved_email_one_bad_one_does_not_stop_the_rest(
    workspace: Workspace, office: Office, tmp_path: Path
) -> None:
    first, second = add_packets(workspace, 2)
    folder = tmp_path / "stick"
    folder.mkdir()
    write_receipt(folder, receipt_for(first), office)
    (folder / "rac.receipt.zip").write_bytes(b"not a zip")
    message = EmailMessage()
    message["Subject"] = "Giấy báo nhận"
    message.set_content("Đã nhận.")
    data = make_receipt(receipt_for(second), *office)
    name = receipt_file_name(second.file_name)
    message.add_attachment(data, maintype="application", subtype="zip", filename=name)
    eml = tmp_path / "bao-nhan.eml"
    eml.write_bytes(message.as_bytes())
    outcomes = import_receipts(workspace, [folder, eml])
    assert sorted((o.sequence or 0, o.error.code if o.error else "") for o in outcomes) == [
        (0, "RECEIPT_DAMAGED"),
        (first.sequence, ""),
        (second.sequence, ""),
    ]
    assert {e.state for e in entries(workspace)} == {"acknowledged"}


def test_the_office_is_registered_only_with_its_fingerprint(
    workspace: Workspace, tmp_path: Path
) -> None:
    certificate, _key = office_key()
    pem = write_certificate(certificate, tmp_path / "office.pem")
    with pytest.raises(TreemError) as wrong:
        trust_recipient(workspace, pem, "AB:" * 31 + "AB")
    assert wrong.value.code == "RECIPIENT_FINGERPRINT_MISMATCH"
    with pytest.raises(TreemError) as none:
        import_receipts(workspace, [tmp_path])
    assert none.value.code == "RECIPIENT_NOT_TRUSTED"
    loose = fingerprint(certificate).replace(":", "").lower()
    assert trust_recipient(workspace, pem, loose) == certificate


@settings(max_examples=25, deadline=None)
@given(
    office_name=st.text(
        st.characters(categories=["L", "N", "P"], include_characters=" "), min_size=1, max_size=80
    ).filter(str.strip),
    sequence=st.integers(min_value=1, max_value=9999),
    commune=st.from_regex(r"\A[0-9]{5}\Z"),
)
def test_a_receipt_round_trips(office_name: str, sequence: int, commune: str) -> None:
    certificate, key = OFFICE_KEY
    receipt = Receipt("0b0e5a5e-8d0c-4b8c-9a53-3f3c2f1e8a11", "b" * 64,
                      "TREEM_1.zip", commune, sequence, received_now(), office_name)  # fmt: skip
    data = make_receipt(receipt, certificate, key)
    assert verify_receipt(data, "r", certificate) == receipt


def test_every_changed_byte_is_refused() -> None:
    certificate, key = OFFICE_KEY
    receipt = Receipt("0b0e5a5e-8d0c-4b8c-9a53-3f3c2f1e8a11", "c" * 64,
                      "TREEM_1.zip", "03325", 7, received_now(), "Sở Y tế")  # fmt: skip
    data = make_receipt(receipt, certificate, key)
    accepted = []
    for index in range(len(data)):
        changed = bytearray(data)
        changed[index] ^= 0x01
        try:
            verify_receipt(bytes(changed), "r", certificate)
        except ReceiptRejected:
            continue
        accepted.append(index)
    assert accepted == []


def test_a_folder_or_mail_without_receipts_says_so(
    workspace: Workspace, office: Office, tmp_path: Path
) -> None:
    add_packets(workspace, 1)
    empty = tmp_path / "stick"
    empty.mkdir()
    message = EmailMessage()
    message["Subject"] = "Không có tệp"
    message.set_content("Thư không đính kèm giấy báo nhận.")
    eml = tmp_path / "thu.eml"
    eml.write_bytes(message.as_bytes())
    outcomes = import_receipts(workspace, [empty, eml])
    assert [(o.source, o.error.code if o.error else "") for o in outcomes] == [
        (str(empty), "RECEIPT_NONE_FOUND"),
        (str(eml), "RECEIPT_NONE_FOUND"),
    ]
    assert {e.state for e in entries(workspace)} == {"built"}


def test_a_huge_saved_mail_is_not_read(
    workspace: Workspace, office: Office, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from treem_desktop.commune import receipts

    monkeypatch.setattr(receipts, "MAX_MAIL_BYTES", 1000)
    eml = tmp_path / "lon.eml"
    eml.write_bytes(b"Subject: x\n\n" + b"a" * 2000)
    [outcome] = import_receipts(workspace, [eml])
    assert outcome.error is not None and outcome.error.code == "RECEIPT_MAIL_TOO_LARGE"


def test_the_same_receipt_twice_acknowledges_once(
    workspace: Workspace, office: Office, tmp_path: Path
) -> None:
    from treem_desktop.storage.outbox_repo import history

    [packet] = add_packets(workspace, 1)
    path = write_receipt(tmp_path, receipt_for(packet), office)
    import_receipts(workspace, [path])
    [again] = import_receipts(workspace, [path])
    assert again.error is None and again.office == "Sở Y tế tỉnh Điện Biên"
    actions = [a.action for a in history(workspace.conn, packet.sequence)]
    assert actions == ["kept", "acknowledged"]


def test_a_file_that_is_not_a_certificate_is_named_as_such(
    workspace: Workspace, tmp_path: Path
) -> None:
    not_a_certificate = tmp_path / "so-y-te.pem"
    not_a_certificate.write_text("Kính gửi UBND xã", encoding="utf-8")
    with pytest.raises(TreemError) as raised:
        trust_recipient(workspace, not_a_certificate, "AB" * 32)
    assert raised.value.code == "RECIPIENT_CERT_UNREADABLE"
    assert "chứng thư số" in raised.value.message()


def test_a_mail_built_to_break_the_parser_is_refused_not_a_crash(
    workspace: Workspace, office: Office, tmp_path: Path
) -> None:
    nested = tmp_path / "long-nhau.eml"
    depth = 3000
    head = "".join(
        f'Content-Type: multipart/mixed; boundary="b{i}"\n\n--b{i}\n' for i in range(depth)
    )
    nested.write_text("Subject: x\nMIME-Version: 1.0\n" + head, encoding="ascii")
    [outcome] = import_receipts(workspace, [nested])
    assert outcome.error is not None and outcome.error.code == "RECEIPT_UNREADABLE"
