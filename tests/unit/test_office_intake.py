"""Importing packets at the office: accepted, known, resubmitted, older, refused."""

from __future__ import annotations

import datetime as dt
import zipfile
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
from treem_desktop.office import packet_store as store
from treem_desktop.office.folder import OfficeFolder
from treem_desktop.office.intake import import_packets
from treem_desktop.office.resubmission import accept_packet, find_packet, packet_diff
from treem_desktop.office.sources import packet_sources
from treem_desktop.office.submissions import accepted_packets


@pytest.fixture
def office(tmp_path: Path) -> Iterator[OfficeFolder]:
    with opened_office(tmp_path) as opened:
        yield opened


def results(office: OfficeFolder, *paths: Path) -> list[str]:
    return [o.result for o in import_packets(office, packet_sources(list(paths)))]


def test_a_good_packet_is_stored_once_and_counted(office: OfficeFolder, tmp_path: Path) -> None:
    commune = make_commune("03301")
    trust(office, commune)
    packet = commune.packet(tmp_path / "in", evaluation_data(900, "recognised"))
    assert results(office, packet) == ["accepted"]
    assert results(office, packet, tmp_path / "in") == ["known", "known"]
    [kept] = store.received_where(office.conn, "1 = 1")
    assert (kept.commune_code, kept.kind, kept.period, kept.sequence) == (
        "03301",
        "evaluation",
        "2026",
        1,
    )
    assert (office.path / kept.stored_name).read_bytes() == packet.read_bytes()
    [accepted] = accepted_packets(office, "2026")
    assert accepted.data["score"]["total"] == 900


def test_a_tampered_packet_is_quarantined_with_its_reason(
    office: OfficeFolder, tmp_path: Path
) -> None:
    commune = make_commune("03301")
    trust(office, commune)
    packet = commune.packet(tmp_path / "in", evaluation_data(900, "recognised"))
    data = bytearray(packet.read_bytes())
    data[data.index(b'"total": 900') + 10] = ord("8")  # 900 -> 980 inside data.json
    tampered = tmp_path / "forged" / packet.name
    tampered.parent.mkdir()
    tampered.write_bytes(bytes(data))
    assert results(office, tampered) == ["refused"]
    [entry] = store.quarantined(office.conn)
    assert entry.code in ("PACKET_HASH_MISMATCH", "PACKET_MEMBER_DAMAGED")
    assert entry.member == "data.json"
    assert (office.path / entry.stored_name).read_bytes() == bytes(data)
    assert store.received_where(office.conn, "1 = 1") == []
    assert results(office, packet) == ["accepted"]  # the good one still comes in
    assert len(store.quarantined(office.conn)) == 1  # and the refused one stays


def test_an_untrusted_commune_waits_in_quarantine_until_trusted(
    office: OfficeFolder, tmp_path: Path
) -> None:
    commune = make_commune("03175")
    packet = commune.packet(tmp_path / "in", evaluation_data(700, "not-recognised"))
    [outcome] = import_packets(office, packet_sources([packet]))
    assert outcome.error is not None and outcome.error.code == "OFFICE_COMMUNE_NOT_TRUSTED"
    assert outcome.error.params["code"] == "03175"
    trust(office, commune)
    assert results(office, packet) == ["accepted"]
    assert store.quarantined(office.conn) == []  # resolved, kept as a record
    assert len(store.quarantined(office.conn, unresolved_only=False)) == 1


def test_a_packet_signed_by_another_key_is_refused(office: OfficeFolder, tmp_path: Path) -> None:
    trusted, impostor = make_commune("03301"), make_commune("03301")
    trust(office, trusted)
    packet = impostor.packet(tmp_path / "in", evaluation_data(900, "recognised"))
    [outcome] = import_packets(office, packet_sources([packet]))
    assert outcome.result == "refused"
    assert outcome.error is not None and outcome.error.code == "CMS_UNTRUSTED"


def test_demo_and_other_province_packets_are_refused(office: OfficeFolder, tmp_path: Path) -> None:
    demo = make_commune("03301", demo=True)
    trust(office, demo)
    elsewhere = make_commune("00004", "01")
    codes = []
    for commune in (demo, elsewhere):
        packet = commune.packet(tmp_path / "in", evaluation_data(1, "incomplete"))
        [outcome] = import_packets(office, packet_sources([packet]))
        assert outcome.error is not None
        codes.append(outcome.error.code)
    assert codes == ["PACKET_DEMO", "OFFICE_COMMUNE_OTHER_PROVINCE"]


def test_a_resubmission_waits_shows_its_changes_and_replaces_when_accepted(
    office: OfficeFolder, tmp_path: Path
) -> None:
    commune = make_commune("03301")
    trust(office, commune)
    first = commune.packet(tmp_path / "in", evaluation_data(800, "not-recognised", c6_points=4))
    second = commune.packet(tmp_path / "in", evaluation_data(860, "recognised", c6_points=10))
    assert results(office, first, second) == ["accepted", "resubmission"]
    assert [p.sequence for p in accepted_packets(office, "2026")] == [1]
    pending = store.received_where(office.conn, "state = ?", store.PENDING)[0]
    replaced, changes = packet_diff(office.conn, find_packet(office.conn, pending.packet_id[:8]))
    assert replaced.sequence == 1
    assert {(c.path, c.before, c.after) for c in changes} == {
        ("score.total", 800, 860),
        ("score.verdict", "not-recognised", "recognised"),
        ("score.criteria[c6].points", 4, 10),
    }
    accept_packet(office.conn, pending)
    assert [p.sequence for p in accepted_packets(office, "2026")] == [2]
    states = {p.sequence: p.state for p in store.received_where(office.conn, "1 = 1")}
    assert states == {1: "superseded", 2: "current"}


def test_a_packet_is_found_by_its_office_number_or_an_id_prefix_even_all_digits(
    office: OfficeFolder, tmp_path: Path
) -> None:
    """A packet id's first eight hex digits can all be digits (CI met "22328314"): the
    reference is then looked up as an office number and as a prefix, not as a number only."""
    commune = make_commune("03301")
    trust(office, commune)
    packet = commune.packet(tmp_path / "in", evaluation_data(800, "not-recognised"))
    assert results(office, packet) == ["accepted"]
    [stored] = store.received_where(office.conn, "1 = 1")
    digits_id = "22328314" + stored.packet_id[8:]
    office.conn.execute("UPDATE received_packet SET packet_id = ?", (digits_id,))
    for reference in (str(stored.id), "22328314", digits_id, digits_id.upper()):
        assert find_packet(office.conn, reference).id == stored.id, reference
    for reference in ("2232", "99999999", "22328314%", "2232831_"):
        with pytest.raises(TreemError) as caught:
            find_packet(office.conn, reference)
        assert caught.value.code == "OFFICE_PACKET_UNKNOWN", reference


def test_an_older_packet_than_one_received_is_flagged(office: OfficeFolder, tmp_path: Path) -> None:
    commune = make_commune("03301")
    trust(office, commune)
    first = commune.packet(tmp_path / "a", evaluation_data(800, "not-recognised"))
    second = commune.packet(tmp_path / "b", evaluation_data(860, "recognised"))
    assert results(office, second, first) == ["accepted", "older"]
    assert [p.sequence for p in accepted_packets(office, "2026")] == [2]


def test_packets_are_found_in_saved_emails_and_mailboxes(
    office: OfficeFolder, tmp_path: Path
) -> None:
    import mailbox
    from email.message import EmailMessage

    communes = [make_commune("03301"), make_commune("03175")]
    messages = []
    for commune in communes:
        trust(office, commune)
        packet = commune.packet(tmp_path / "in", evaluation_data(900, "recognised"))
        message = EmailMessage()
        message["Subject"] = "Gói báo cáo"
        message.set_content("Kính gửi Sở Y tế")
        message.add_attachment(
            packet.read_bytes(), maintype="application", subtype="zip", filename=packet.name
        )
        messages.append(message)
    eml = tmp_path / "thu.eml"
    eml.write_bytes(messages[0].as_bytes())
    box = mailbox.mbox(tmp_path / "hop-thu.mbox")
    box.add(messages[0])
    box.add(messages[1])
    box.close()
    assert results(office, eml) == ["accepted"]
    assert results(office, tmp_path / "hop-thu.mbox") == ["known", "accepted"]


def _mailed(packet: Path, path: Path, received: str | None, date: str | None) -> Path:
    from email.message import EmailMessage

    message = EmailMessage()
    if received is not None:
        message["Received"] = f"from mail.xa.vn by mail.soyte.dienbien.gov.vn; {received}"
        message["Received"] = "from pc-xa by mail.xa.vn; Mon, 01 Jan 2001 00:00:00 +0700"
    if date is not None:
        message["Date"] = date
    message["Subject"] = "Gói báo cáo"
    message.set_content("Kính gửi Sở Y tế")
    message.add_attachment(
        packet.read_bytes(), maintype="application", subtype="zip", filename=packet.name
    )
    path.write_bytes(message.as_bytes())
    return path


def _mail_time(moment: dt.datetime) -> str:
    from email.utils import format_datetime

    return format_datetime(moment)


def test_a_mailed_packet_is_received_when_the_office_server_took_it_not_at_import(
    office: OfficeFolder, tmp_path: Path
) -> None:
    """Imported hours after it arrived, a packet counts from the office server's Received line
    (the newest), not the sender's Date line nor the time of the import; a deadline on the day
    it arrived finds it on time."""
    from treem_desktop.office.profile import VIETNAM
    from treem_desktop.office.status import ON_TIME, period_status, set_deadline

    now = dt.datetime.now(VIETNAM).replace(microsecond=0)
    commune = make_commune("03301")
    trust(office, commune)
    packet = commune.packet(tmp_path / "in", evaluation_data(900, "recognised"),
                            created=now - dt.timedelta(hours=3))  # fmt: skip
    arrived = now - dt.timedelta(hours=2)
    mail = _mailed(packet, tmp_path / "thu.eml", _mail_time(arrived),
                   _mail_time(now - dt.timedelta(hours=2, minutes=30)))  # fmt: skip
    assert results(office, mail) == ["accepted"]
    [stored] = store.received_where(office.conn, "1 = 1")
    assert dt.datetime.fromisoformat(stored.received_at) == arrived
    set_deadline(office.conn, "evaluation", "2026", arrived.date())
    [row] = [
        r
        for r in period_status(office.conn, office.require_profile(), "2026").communes
        if r.code == "03301"
    ]
    assert row.state == ON_TIME


@pytest.mark.parametrize(
    ("received", "date", "expected"),
    [
        (None, -2, -2),  # no Received line: the sender's Date
        (-5, None, -3),  # before the packet was made: a wrong clock; the packet's own time
        (+5, None, 0),  # in the future: now
        (None, None, 0),  # nothing readable: now
    ],
)
def test_a_mail_time_is_kept_between_the_packets_making_and_now(
    office: OfficeFolder, tmp_path: Path, received: int | None, date: int | None, expected: int
) -> None:
    from treem_desktop.office.profile import VIETNAM

    now = dt.datetime.now(VIETNAM).replace(microsecond=0)
    commune = make_commune("03301")
    trust(office, commune)
    packet = commune.packet(tmp_path / "in", evaluation_data(900, "recognised"),
                            created=now - dt.timedelta(hours=3))  # fmt: skip
    hours = dt.timedelta(hours=1)
    mail = _mailed(
        packet,
        tmp_path / "thu.eml",
        None if received is None else _mail_time(now + received * hours),
        None if date is None else _mail_time(now + date * hours),
    )
    assert results(office, mail) == ["accepted"]
    [stored] = store.received_where(office.conn, "1 = 1")
    taken = dt.datetime.fromisoformat(stored.received_at)
    assert abs(taken - (now + expected * hours)) <= dt.timedelta(seconds=60)


def test_a_damaged_zip_is_refused_and_kept(office: OfficeFolder, tmp_path: Path) -> None:
    broken = tmp_path / "TREEM_03301_evaluation_2026_0001.zip"
    with zipfile.ZipFile(broken, "w") as archive:
        archive.writestr("manifest.json", "{}")
    [outcome] = import_packets(office, packet_sources([broken]))
    assert outcome.result == "refused"
    [entry] = store.quarantined(office.conn)
    assert entry.file_name == broken.name


def test_a_key_replaced_with_a_statement_by_the_old_key_is_trusted(
    office: OfficeFolder, tmp_path: Path
) -> None:
    import datetime as dt
    import json

    from treem_desktop.packets.build import PacketContent, build_packet
    from treem_desktop.packets.continuity import packet_members
    from treem_desktop.signing.key_change import sign_key_change, statement_bytes
    from treem_desktop.signing.keys import fingerprint
    from treem_desktop.signing.signers import KeySigner

    old = make_commune("03301")
    trust(office, old)
    new = make_commune("03301")
    statement = statement_bytes(
        old.certificate, new.certificate, old.identity, dt.datetime.now(dt.UTC), "máy hỏng"
    )
    signature = sign_key_change(statement, old.certificate, old.key)
    files = {"data.json": json.dumps(evaluation_data(900, "recognised")).encode()}
    files |= packet_members([(statement, signature)])
    content = PacketContent(new.identity, "evaluation", "2026", 1, files)
    (tmp_path / "in").mkdir()
    packet = build_packet(content, KeySigner(new.certificate, new.key), tmp_path / "in").path
    assert results(office, packet) == ["accepted"]
    trusted = {r[0] for r in office.conn.execute("SELECT fingerprint FROM trusted_certificate")}
    assert fingerprint(new.certificate) in trusted
    new.sequence = 1
    later = new.packet(tmp_path / "in2", evaluation_data(900, "recognised"), "indicators")
    assert results(office, later) == ["accepted"]  # the new key alone is trusted now
