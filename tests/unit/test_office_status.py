"""The follow-up of a period, the trust step and the receipts, at the office."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.office_support import (
    evaluation_data,
    make_commune,
    opened_office,
    trust,
)
from treem_desktop.errors import TreemError
from treem_desktop.handoff.receipt import verify_receipt
from treem_desktop.office import packet_store as store
from treem_desktop.office.folder import KEYS_DIR, OfficeFolder, open_office
from treem_desktop.office.intake import import_packets
from treem_desktop.office.keys import OfficeKeyFiles, ensure_office_key
from treem_desktop.office.receipts import write_receipts
from treem_desktop.office.sources import packet_sources
from treem_desktop.office.status import period_status, set_deadline, set_target
from treem_desktop.office.trust import trust_commune
from treem_desktop.paths import resolve_data_dir
from treem_desktop.signing.keys import fingerprint


@pytest.fixture
def office(tmp_path: Path) -> Iterator[OfficeFolder]:
    with opened_office(tmp_path) as opened:
        yield opened


def test_status_counts_expected_received_late_missing_refused_and_the_share(
    office: OfficeFolder, tmp_path: Path
) -> None:
    profile = office.require_profile()
    good, fair, unknown = make_commune("03301"), make_commune("03175"), make_commune("03283")
    for commune in (good, fair):
        trust(office, commune)
    sources = [
        good.packet(tmp_path / "in", evaluation_data(900, "recognised")),
        fair.packet(tmp_path / "in", evaluation_data(700, "not-recognised", c6_points=0)),
        unknown.packet(tmp_path / "in", evaluation_data(1, "incomplete")),
    ]
    import_packets(office, packet_sources(sources))
    status = period_status(office.conn, profile, "2026")
    assert status.counts == {
        "on-time": 2, "late": 0, "missing": 43, "expected": 45, "received": 2, "refused": 1,
    }  # fmt: skip
    rows = {c.code: c for c in status.communes}
    assert (rows["03301"].total, rows["03301"].verdict) == (900, "recognised")
    assert rows["03175"].criteria_at_zero == ("c1", "c6")
    assert (rows["03283"].state, rows["03283"].refused) == ("missing", 1)
    assert (status.recognised, status.target_percent) == (1, 75.0)
    assert status.as_json()["recognised_percent"] == round(100 / 45, 1)
    assert period_status(office.conn, profile, "2025").target_percent == 65.0
    set_target(office.conn, 50)
    set_deadline(office.conn, "evaluation", "2026", dt.date(2020, 1, 1))
    late = period_status(office.conn, profile, "2026")
    assert (late.target_percent, late.target_source) == (50.0, "province")
    assert late.counts["late"] == 2 and late.counts["on-time"] == 0


def test_trust_needs_the_right_fingerprint_and_a_commune_of_the_province(
    office: OfficeFolder, tmp_path: Path
) -> None:
    profile = office.require_profile()
    commune = make_commune("03301")
    pem = commune.pem(tmp_path / "xa.pem")
    with pytest.raises(TreemError) as wrong:
        trust_commune(office.conn, profile, pem, "AB" * 32)
    assert wrong.value.code == "OFFICE_FINGERPRINT_MISMATCH"
    right = fingerprint(commune.certificate).replace(":", "").lower()
    assert trust_commune(office.conn, profile, pem, right).commune_code == "03301"
    elsewhere = make_commune("00004", "01")
    with pytest.raises(TreemError) as other:
        trust_commune(
            office.conn, profile, elsewhere.pem(tmp_path / "hn.pem"),
            fingerprint(elsewhere.certificate),
        )  # fmt: skip
    assert other.value.code == "OFFICE_COMMUNE_OTHER_PROVINCE"
    demo = make_commune("03175", demo=True)
    packet = demo.packet(tmp_path / "in", evaluation_data(1, "incomplete"), demo=True)
    with pytest.raises(TreemError) as refused:
        trust_commune(office.conn, profile, packet, fingerprint(demo.certificate))
    assert refused.value.code == "PACKET_DEMO"


def test_receipts_are_signed_once_per_accepted_packet(office: OfficeFolder, tmp_path: Path) -> None:
    profile = office.require_profile()
    certificate, _created = ensure_office_key(
        OfficeKeyFiles.in_folder(office.path / KEYS_DIR), profile, None
    )
    commune = make_commune("03301")
    trust(office, commune)
    packet = commune.packet(tmp_path / "in", evaluation_data(900, "recognised"))
    import_packets(office, packet_sources([packet]))
    [written] = write_receipts(office, tmp_path / "receipts", None)
    receipt = verify_receipt(written.read_bytes(), str(written), certificate)
    [kept] = store.received_where(office.conn, "1 = 1")
    assert (receipt.packet_sha256, receipt.packet_file_name) == (kept.sha256, packet.name)
    assert (receipt.sequence, receipt.office) == (1, "Sở Y tế tỉnh Điện Biên")
    assert write_receipts(office, tmp_path / "receipts", None) == []


def test_a_commune_folder_is_not_opened_as_an_office(tmp_path: Path) -> None:
    from treem_desktop.storage.opening import open_database

    data_dir = resolve_data_dir(tmp_path / "xa")
    data_dir.path.mkdir()
    open_database(data_dir.database).close()  # a commune's database
    for create in (False, True):
        with pytest.raises(TreemError) as refused:
            open_office(data_dir, create=create)
        assert refused.value.code == "OFFICE_FOLDER_IS_COMMUNE"
    (data_dir.path / "keys").mkdir()
    (data_dir.path / "keys" / "commune-cert.pem").write_text("…")
    with pytest.raises(TreemError) as keys:
        open_office(data_dir, create=True)
    assert keys.value.code == "OFFICE_FOLDER_IS_COMMUNE"
