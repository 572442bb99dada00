"""Indicator and plan packets: what they hold, their pre-flight notes, and that they verify."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import zipfile
from pathlib import Path

import pytest
from docx import Document as open_docx

from treem_desktop.commune import documents as docs
from treem_desktop.commune import evaluation as ev
from treem_desktop.commune import indicators as ind
from treem_desktop.commune.commune_key import KeyFiles, ensure_commune_key, load_certificate
from treem_desktop.commune.packet_contents import document_member_name
from treem_desktop.commune.packet_service import build_packet_of, key_signer
from treem_desktop.commune.workspace import Workspace
from treem_desktop.errors import TreemError
from treem_desktop.packets.verify import verify_packet
from treem_desktop.storage.packet_repo import packets

PLAN = "ke-hoach-bao-ve-cham-soc-tre-em-nam"


@pytest.fixture
def keyed(workspace: Workspace) -> Workspace:
    ensure_commune_key(
        KeyFiles.in_data_dir(workspace.data_dir.path), workspace.require_profile(), None
    )
    from treem_desktop.commune.document_numbering import set_numbering

    set_numbering(workspace, "register")  # numbered documents (the default leaves them blank)
    return workspace


def build(workspace: Workspace, kind: str, period: str, out: Path) -> tuple[Path, dict, list]:
    built, preflight = build_packet_of(workspace, kind, period, out, key_signer(workspace, None))
    files = KeyFiles.in_data_dir(workspace.data_dir.path)
    verified = verify_packet(built.path, [load_certificate(files)])
    return built.path, verified.files, [item.code for item in preflight]


def test_an_indicator_packet_holds_every_indicator_and_the_tables(
    keyed: Workspace, tmp_path: Path
) -> None:
    ind.import_values(keyed, "2026-H1", {"ct04a": 8.1, "ct16": 100})
    path, files, preflight = build(keyed, "indicators", "2026-H1", tmp_path)
    assert path.name == "TREEM_03325_indicators_2026-H1_0001.zip"
    data = json.loads(files["data.json"])
    values = {row["id"]: row["value"] for row in data["indicators"]}
    assert values["ct04a"] == 8.1 and values["ct16"] == 100
    assert len(values) == len(ind.active_set(keyed).indicators)
    assert data["indicator_set"]["id"] == "nap-2021-2030"
    assert preflight == ["INDICATORS_MISSING", "RATES_WITHOUT_PARTS"]  # typed alone: a note
    assert "ct04a" not in data["preflight"][0]["detail"]
    sheets = [name for name in files if name.endswith(".xlsx")]
    assert sheets, files.keys()
    for name in sheets:
        assert zipfile.ZipFile(io.BytesIO(files[name])).testzip() is None


def test_a_wrong_period_is_refused_before_anything_is_made(
    keyed: Workspace, tmp_path: Path
) -> None:
    for kind, period in (("indicators", "2026-Q3"), ("plan", "26"), ("evaluation", "2026-H1")):
        with pytest.raises(TreemError):
            build_packet_of(keyed, kind, period, tmp_path / "out", key_signer(keyed, None))
    with pytest.raises(TreemError) as unknown:
        build_packet_of(keyed, "budget", "2026", tmp_path / "out", key_signer(keyed, None))
    assert unknown.value.code == "PACKET_KIND_NOT_AVAILABLE"
    assert packets(keyed.conn) == [] and not (tmp_path / "out").exists()


def test_a_plan_packet_holds_the_issued_documents_and_names_the_drafts(
    keyed: Workspace, tmp_path: Path
) -> None:
    with pytest.raises(TreemError) as nothing:
        build(keyed, "plan", "2026", tmp_path)
    assert nothing.value.code == "PACKET_NO_DOCUMENTS"
    issued = docs.issue(keyed, docs.new_document(keyed, PLAN, 2026), dt.date(2026, 3, 2))
    draft = docs.new_document(keyed, "bao-cao-tu-danh-gia", 2026)
    ev.import_values(keyed, 2026, {"c6.a.numerator": 19, "c6.a.denominator": 20})
    path, files, preflight = build(keyed, "plan", "2026", tmp_path)
    assert path.name == "TREEM_03325_plan_2026_0001.zip"
    name = document_member_name(
        issued.type_code, issued.issuer_code, issued.number, 2026, entry_id=issued.id
    )
    assert name == f"KH-UBND-{issued.number:03d}-2026-ID{issued.id}.docx"
    assert set(files) == {"data.json", name}
    text = "\n".join(p.text for p in open_docx(io.BytesIO(files[name])).paragraphs)
    assert issued.summary.split()[0] in text
    data = json.loads(files["data.json"])
    assert data["documents"][0]["reference"] == issued.reference
    assert data["documents"][0]["tasks"], "the plan's tasks travel with it"
    assert preflight == ["DOCUMENTS_NOT_ISSUED"] and data["preflight"][0]["detail"] == [
        draft.summary
    ]


def test_member_names_are_ascii_and_flat() -> None:
    assert document_member_name("KH", "BCĐ", 5, 2026, entry_id=3) == "KH-BCD-005-2026-ID3.docx"
    assert (
        document_member_name("BC", "UBND/../x", None, 2026, entry_id=12)
        == "BC-UBND-X-000-2026-ID12.docx"
    )


def test_two_documents_left_for_the_clerk_to_number_travel_apart(
    keyed: Workspace, tmp_path: Path
) -> None:
    from treem_desktop.commune.document_numbering import set_numbering

    set_numbering(keyed, "blank")  # the clerk writes the numbers by hand
    first = docs.issue(keyed, docs.new_document(keyed, PLAN, 2026), dt.date(2026, 3, 2))
    second = docs.issue(
        keyed, docs.new_document(keyed, PLAN, 2026), dt.date(2026, 4, 1), accept_past=True
    )
    assert first.number is None and second.number is None
    _path, files, _preflight = build(keyed, "plan", "2026", tmp_path)
    names = [d["file"] for d in json.loads(files["data.json"])["documents"]]
    assert names == [
        f"KH-UBND-000-2026-ID{first.id}.docx",
        f"KH-UBND-000-2026-ID{second.id}.docx",
    ]
    assert set(names) < set(files) and files[names[0]] != files[names[1]]


def test_an_issued_document_knows_the_packet_that_carried_it(keyed: Workspace) -> None:
    from treem_desktop.commune.packet_stamps import packets_folder, stamp_for

    sent = docs.issue(keyed, docs.new_document(keyed, PLAN, 2026), dt.date(2026, 3, 2))
    assert stamp_for(keyed, sent) is None  # not sent yet
    built, _ = build_packet_of(
        keyed, "plan", "2026", packets_folder(keyed), key_signer(keyed, None)
    )
    later = docs.issue(
        keyed, docs.new_document(keyed, PLAN, 2026), dt.date(2026, 4, 1), accept_past=True
    )
    draft = docs.new_document(keyed, PLAN, 2026)
    stamp = stamp_for(keyed, sent)
    assert stamp is not None
    assert (stamp.file_name, stamp.sha256) == (built.path.name, built.sha256)
    assert stamp.packet_id == built.manifest["packet_id"]
    assert stamp.qr_text() == f"TREEM-PACKET:{stamp.packet_id}:{built.sha256}"
    assert stamp_for(keyed, later) is None and stamp_for(keyed, draft) is None

    data = bytearray(built.path.read_bytes())
    data[len(data) // 2] ^= 1  # the file damaged (or swapped) since: no stamp claims it
    built.path.write_bytes(bytes(data))
    assert stamp_for(keyed, sent) is None
    built.path.unlink()
    assert stamp_for(keyed, sent) is None


def test_an_evaluation_packet_carries_the_issued_report_and_the_evidence_hashes(
    keyed: Workspace, tmp_path: Path
) -> None:
    ev.import_values(keyed, 2026, {"c6.a.numerator": 19, "c6.a.denominator": 20})
    _path, files, preflight = build(keyed, "evaluation", "2026", tmp_path / "first")
    assert set(files) == {"data.json", "bang-diem-2026.xlsx"}
    assert "REPORT_NOT_ISSUED" in preflight
    report = docs.new_document(keyed, "bao-cao-tu-danh-gia", 2026)
    report = docs.issue(keyed, report, dt.date(2026, 11, 20))
    photo = tmp_path / "bien-ban-hop.jpg"
    photo.write_bytes(b"\xff\xd8 anh bien ban")
    ev.add_evidence_file(keyed, ev.open_round(keyed, 2026), "c6", photo)
    _path, files, preflight = build(keyed, "evaluation", "2026", tmp_path / "second")
    name = document_member_name(
        report.type_code, report.issuer_code, report.number, 2026, entry_id=report.id
    )
    assert set(files) == {"data.json", "bang-diem-2026.xlsx", name}
    assert "REPORT_NOT_ISSUED" not in preflight
    data = json.loads(files["data.json"])
    assert [d["file"] for d in data["documents"]] == [name]
    assert data["documents"][0]["reference"] == report.reference
    [evidence] = data["evidence"]
    assert evidence["criterion"] == "c6" and evidence["file"] == "bien-ban-hop.jpg"
    assert evidence["sha256"] == hashlib.sha256(photo.read_bytes()).hexdigest()
    assert zipfile.ZipFile(io.BytesIO(files[name])).testzip() is None


def test_the_report_and_the_score_sheet_sent_in_an_evaluation_packet_carry_its_line(
    keyed: Workspace, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    from treem_desktop.commune.packet_stamps import evaluation_stamp, packets_folder, stamp_for

    ev.import_values(keyed, 2026, {"c6.a.numerator": 19, "c6.a.denominator": 20})
    report = docs.new_document(keyed, "bao-cao-tu-danh-gia", 2026)
    report = docs.issue(keyed, report, dt.date(2026, 11, 20))
    evaluation = ev.open_round(keyed, 2026)
    assert evaluation_stamp(keyed, 2026, evaluation.values) is None  # nothing sent yet
    built, _ = build_packet_of(
        keyed, "evaluation", "2026", packets_folder(keyed), key_signer(keyed, None)
    )
    report_stamp = stamp_for(keyed, report)
    assert report_stamp is not None and report_stamp.sha256 == built.sha256
    stamp = evaluation_stamp(keyed, 2026, ev.open_round(keyed, 2026).values)
    assert stamp is not None and stamp.sha256 == built.sha256
    sheet = ev.export_score_sheet(
        keyed, evaluation, tmp_path / "bang-diem.xlsx", dt.date(2026, 11, 23)
    )
    page_foot = load_workbook(sheet).worksheets[0].oddFooter
    assert page_foot is not None
    assert page_foot.left.text == stamp.line() and built.path.name in stamp.line()
    ev.import_values(keyed, 2026, {"c6.a.numerator": 18})  # changed since it was sent
    assert evaluation_stamp(keyed, 2026, ev.open_round(keyed, 2026).values) is None
