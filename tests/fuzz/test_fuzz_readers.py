"""Every reader of outside data, fed garbage (issue 14): random bytes, mutated valid files and
structured garbage. A reader either refuses with a :class:`TreemError` (a Vietnamese sentence)
or accepts something sound; it never crashes, never accepts a mutated signed file, and writes
nothing outside the data folder.
"""

from __future__ import annotations

import json
import math
import shutil
from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from hypothesis import strategies as st

from tests.fuzz.support import (
    GARBAGE,
    SIZES,
    counted,
    document_changed,
    file_garbage,
    json_bytes,
    mutated,
)
from tests.handoff_support import add_packets, office_key, write_certificate
from treem_desktop.cli.output import json_text
from treem_desktop.commune import evaluation as ev
from treem_desktop.commune import indicators as ind
from treem_desktop.commune.workspace import Workspace
from treem_desktop.core.outside_json import MAX_AMOUNT, MAX_COUNT, OutsideDataError, load_json
from treem_desktop.errors import TreemError

REPO = Path(__file__).resolve().parents[2]
TARGETS = REPO / "tests" / "data" / "targets" / "ha-noi-138-2021-example.json"


@pytest.fixture
def sandbox(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A working folder; at the end nothing new may exist outside the data folder and it."""
    work = tmp_path / "in"
    work.mkdir()
    monkeypatch.chdir(work)
    before = _outside(tmp_path)
    yield work
    assert _outside(tmp_path) == before, "a reader wrote outside the data folder"


def _outside(root: Path) -> set[Path]:
    allowed = (root / "data", root / "in")
    return {p for p in root.rglob("*") if not any(p.is_relative_to(a) for a in allowed)}


def refused_or(check: Any) -> Any:
    """Run ``check``; a TreemError is a refusal (its message must be printable)."""

    def run(value: Any) -> None:
        try:
            check(value)
        except TreemError as error:
            assert error.message()

    return run


# --- JSON -------------------------------------------------------------------------------


@pytest.mark.parametrize("examples", SIZES)
def test_json_reader(examples: int) -> None:
    def check(data: bytes) -> None:
        try:
            document = load_json(data)
        except OutsideDataError as error:
            assert error.detail
            return
        json.dumps(document, allow_nan=False)

    seed = json_bytes({"c6.a.numerator": 19, "c6.a.denominator": [20, {"x": 1.5}]})
    counted("json", examples, file_garbage(seed), check)


# --- Evaluation inputs ------------------------------------------------------------------


@pytest.mark.parametrize("examples", SIZES)
def test_eval_import(examples: int, workspace: Workspace, sandbox: Path) -> None:
    standard = ev.latest_standard(workspace)[0]
    ids = [i.id for c in standard.criteria for s in c.sub_indicators for i in s.inputs]
    documents = st.one_of(
        st.dictionaries(st.sampled_from(ids), GARBAGE, max_size=6), GARBAGE.map(lambda g: g)
    )

    def check(document: Any) -> None:
        # what import_values checks before it writes anything (the writing is storage's)
        changes = ev.parse_changes(standard, ev.flatten_import(document))
        ev.check_merged(standard, {k: v for k, v in changes.items() if v is not None}, changes)
        for value in changes.values():
            if not isinstance(value, bool) and value is not None:
                assert math.isfinite(value) and 0 <= value <= MAX_COUNT
        json_text({"values": changes})

    counted("eval import", examples, documents, refused_or(check))


@pytest.mark.parametrize("examples", SIZES)
def test_eval_import_file(examples: int, sandbox: Path) -> None:
    from treem_desktop.cli.eval_commands import _read_inputs

    path = sandbox / "inputs.json"

    def check(data: bytes) -> None:
        path.write_bytes(data)
        json_text({"document": _read_inputs(path)})

    seed = json_bytes({"c6.a.numerator": 19, "c13.x.percent": 85.5})
    counted("eval import file", examples, file_garbage(seed), refused_or(check))


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    import datetime as dt

    from treem_desktop.commune.demo import DEMO_REQUEST
    from treem_desktop.commune.setup import build_profile, save_commune
    from treem_desktop.commune.workspace import open_workspace
    from treem_desktop.paths import resolve_data_dir

    folder = tmp_path_factory.mktemp("book")
    opened = open_workspace(resolve_data_dir(folder / "data"), create=True)
    try:
        save_commune(opened, build_profile(DEMO_REQUEST))
        evaluation = ev.import_values(opened, 2026, {"c6.a.denominator": 20, "c1.a.has": True})
        path = ev.export_score_sheet(opened, evaluation, folder / "b.xlsx", dt.date(2026, 11, 2))
    finally:
        opened.close()
    return path.read_bytes()


XLSX_SIZES = [
    pytest.param(50, id="fast"),
    pytest.param(10_000, id="slow", marks=pytest.mark.slow),
]


@pytest.mark.parametrize("examples", XLSX_SIZES)
def test_eval_import_workbook(examples: int, workbook: bytes, sandbox: Path) -> None:
    from treem_desktop.exports.input_sheet import read_input_sheet

    path = sandbox / "book.xlsx"

    def check(data: bytes) -> None:
        path.write_bytes(data)
        assert isinstance(read_input_sheet(path), dict)

    counted("eval import xlsx", examples, mutated(workbook), refused_or(check))


# --- Indicators, targets, standards, forms, templates -------------------------------------


@pytest.mark.parametrize("examples", SIZES)
def test_indicators_import(examples: int, workspace: Workspace, sandbox: Path) -> None:
    from treem_desktop.formatting import format_number

    ids = [i.id for i in ind.active_set(workspace).indicators]
    documents = st.one_of(st.dictionaries(st.sampled_from(ids), GARBAGE, max_size=6), GARBAGE)

    def check(document: Any) -> None:
        ind.import_values(workspace, "2025", document)
        for row in ind.rows(workspace, "2025"):
            if row.actual is not None:
                assert math.isfinite(row.actual) and 0 <= row.actual <= MAX_AMOUNT
                format_number(row.actual, 2)

    counted("indicators import", examples, documents, refused_or(check))


@pytest.mark.parametrize("examples", SIZES)
def test_target_files(examples: int) -> None:
    from treem_desktop.indicators.loader import override_from_bytes, shipped_indicator_set
    from treem_desktop.indicators.targets import apply_override

    seed = TARGETS.read_bytes()
    national = shipped_indicator_set(ind.NATIONAL_SET)

    def check(data: bytes) -> None:
        apply_override(national, override_from_bytes(data, "fuzz"))

    strategy = file_garbage(seed, json.loads(seed))
    counted("target files", examples, strategy, refused_or(check))


def _never_loads(load: Any) -> Any:
    """Random bytes and structured garbage are never a valid file."""

    def check(data: bytes) -> None:
        with pytest.raises(TreemError):
            load(data, "fuzz")

    return check


@pytest.mark.parametrize("examples", SIZES)
def test_standard_files(examples: int) -> None:
    from treem_desktop.standards.loader import shipped_standard_files, standard_from_bytes

    seed = shipped_standard_files()[0].read_bytes()
    counted(
        "standards (changed)",
        examples,
        file_garbage(seed, json.loads(seed)),
        refused_or(lambda data: standard_from_bytes(data, "fuzz")),
    )
    garbage = st.one_of(st.binary(max_size=400), GARBAGE.map(json_bytes))
    counted("standards (garbage)", examples, garbage, _never_loads(standard_from_bytes))


@pytest.mark.parametrize("kind", ["indicator_set", "table_form"])
@pytest.mark.parametrize("examples", SIZES)
def test_form_files(examples: int, kind: str) -> None:
    from treem_desktop.indicators import loader

    load = loader.indicator_set_from_bytes if kind == "indicator_set" else _table_form
    seed = loader.shipped_files(kind)[0].read_bytes()
    strategy = file_garbage(seed, json.loads(seed))
    counted(f"forms {kind}", examples, strategy, refused_or(lambda data: load(data, "fuzz")))


def _table_form(data: bytes, origin: str) -> Any:
    from treem_desktop.indicators.loader import table_form_from_bytes

    return table_form_from_bytes(data, origin)


@pytest.mark.parametrize("examples", SIZES)
def test_templates(examples: int) -> None:
    from treem_desktop.documents.templates import template_files, template_from_bytes

    seed = template_files()[0].read_bytes()
    strategy = file_garbage(seed, json.loads(seed))
    counted("templates", examples, strategy, refused_or(lambda d: template_from_bytes(d, "fuzz")))


# --- Settings ---------------------------------------------------------------------------


@pytest.mark.parametrize("examples", SIZES)
def test_settings_values(examples: int, workspace: Workspace) -> None:
    from treem_desktop.commune.handoff_settings import SPECS, handoff_settings, set_handoff_setting

    keys = st.sampled_from([k for k, spec in SPECS.items() if not spec.secret])
    values = st.one_of(
        st.text(max_size=60),
        st.from_regex(r"\Ahttps?://[\[\]:@/a-z0-9.%-]{0,30}\Z"),
        st.sampled_from(["https://[::1/", "http://h:99999/", "a\udcff@b.vn", "x" * 3000]),
    )

    def check(pair: tuple[str, str]) -> None:
        set_handoff_setting(workspace, *pair)
        json_text(handoff_settings(workspace))

    counted("settings", examples, st.tuples(keys, values), refused_or(check))


# --- Packets, receipts, saved e-mails ----------------------------------------------------


@pytest.fixture(scope="module")
def signed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A signed packet, a signed receipt for it and an e-mail carrying that receipt."""
    from treem_desktop.commune.demo import DEMO_REQUEST
    from treem_desktop.commune.setup import build_profile, save_commune
    from treem_desktop.commune.workspace import open_workspace
    from treem_desktop.handoff.receipt import Receipt, make_receipt, received_now
    from treem_desktop.paths import resolve_data_dir

    folder = tmp_path_factory.mktemp("signed")
    opened = open_workspace(resolve_data_dir(folder / "data"), create=True)
    try:
        save_commune(opened, build_profile(DEMO_REQUEST))
        [packet] = add_packets(opened, 1, size=600)
        packet_bytes = (folder / "built" / packet.file_name).read_bytes()
    finally:
        opened.close()
    certificate, key = office_key()
    receipt = Receipt(packet.packet_id, packet.sha256, packet.file_name, "03325",
                      packet.sequence, received_now(), "Sở Y tế")  # fmt: skip
    receipt_bytes = make_receipt(receipt, certificate, key)
    message = EmailMessage()
    message["Subject"] = "Giấy báo nhận"
    message.set_content("Đã nhận.")
    message.add_attachment(receipt_bytes, "application", "zip", filename="r.receipt.zip")
    return {
        "packet": packet_bytes,
        "receipt": receipt_bytes,
        "eml": message.as_bytes(),
        "office": certificate,
    }


@pytest.mark.parametrize("examples", SIZES)
def test_packets(examples: int, signed: dict[str, Any]) -> None:
    from treem_desktop.packets.verify import verify_packet_bytes

    original = signed["packet"]

    def check(data: bytes) -> None:
        if data != original:
            with pytest.raises(TreemError):
                verify_packet_bytes(data, None)

    strategy = st.one_of(mutated(original), st.binary(max_size=400))
    counted("packets", examples, strategy, check)


@pytest.mark.parametrize("examples", SIZES)
def test_receipts(examples: int, signed: dict[str, Any]) -> None:
    from treem_desktop.handoff.receipt import verify_receipt

    original = signed["receipt"]

    def check(data: bytes) -> None:
        if data != original:
            with pytest.raises(TreemError):
                verify_receipt(data, "fuzz", signed["office"])

    strategy = st.one_of(mutated(original), st.binary(max_size=400))
    counted("receipts", examples, strategy, check)


@pytest.mark.parametrize("examples", SIZES)
def test_saved_emails(
    examples: int, signed: dict[str, Any], workspace: Workspace, sandbox: Path
) -> None:
    from treem_desktop.commune.receipts import import_receipts, trust_recipient
    from treem_desktop.signing.keys import fingerprint

    pem = write_certificate(signed["office"], sandbox / "office.pem")
    trust_recipient(workspace, pem, fingerprint(signed["office"]))
    path = sandbox / "saved.eml"

    def check(data: bytes) -> None:
        path.write_bytes(data)
        for outcome in import_receipts(workspace, [path]):
            assert outcome.error is not None  # the packet is not this workspace's
            assert outcome.error.message()

    strategy = st.one_of(mutated(signed["eml"]), st.binary(max_size=400))
    counted("saved e-mails", examples, strategy, check)


@pytest.mark.parametrize("examples", SIZES)
def test_office_mail(examples: int, signed: dict[str, Any], sandbox: Path) -> None:
    """Saved e-mails (.eml, .mbox) at the receiving office: the packets attached, or a refusal;
    a packet changed on the way never verifies."""
    from treem_desktop.office.sources import packet_sources
    from treem_desktop.packets.verify import verify_packet_bytes

    original = signed["packet"]
    message = EmailMessage()
    message["Subject"] = "Gói số liệu"
    message.set_content("Gửi kèm gói.")
    message.add_attachment(original, "application", "zip", filename="goi.zip")
    eml = message.as_bytes()
    mbox = b"From xa@example.vn Mon Dec  7 10:15:00 2026\n" + eml + b"\n"

    def check(pair: tuple[str, bytes]) -> None:
        path = sandbox / f"thu{pair[0]}"
        path.write_bytes(pair[1])
        for source in packet_sources([path]):
            data = source.read()
            if data != original:
                with pytest.raises(TreemError):
                    verify_packet_bytes(data, None)

    mails = st.one_of(mutated(eml), st.binary(max_size=400))
    boxes = st.one_of(mutated(mbox), st.binary(max_size=400))
    strategy = st.one_of(st.tuples(st.just(".eml"), mails), st.tuples(st.just(".mbox"), boxes))
    counted("office e-mails", examples, strategy, refused_or(check))


# --- Backups ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def backup(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A real backup of a set-up folder, and its members' checksums."""
    from treem_desktop.commune.backup import Reason, create_backup
    from treem_desktop.commune.demo import DEMO_REQUEST
    from treem_desktop.commune.setup import build_profile, save_commune
    from treem_desktop.commune.workspace import open_workspace
    from treem_desktop.paths import resolve_data_dir

    folder = tmp_path_factory.mktemp("backup")
    opened = open_workspace(resolve_data_dir(folder / "data"), create=True)
    try:
        save_commune(opened, build_profile(DEMO_REQUEST))
        ev.import_values(opened, 2026, {"c6.a.denominator": 20, "c1.a.has": True})
        made = create_backup(opened.data_dir, opened.conn, reason=Reason.MANUAL, to=folder)
    finally:
        opened.close()
    manifest = made.manifest
    return {
        "bytes": made.path.read_bytes(),
        "manifest": manifest.as_json(),
        "members": {m.name: m.sha256 for m in manifest.members},
    }


def _with_manifest(original: bytes, document: Any) -> bytes:
    """``original`` with its manifest replaced by ``document``, the other members kept."""
    import io
    import zipfile

    from treem_desktop.storage.backup_file import MANIFEST_NAME

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        if original:
            with zipfile.ZipFile(io.BytesIO(original)) as source:
                for info in source.infolist():
                    if info.filename != MANIFEST_NAME:
                        target.writestr(info, source.read(info))
        target.writestr(MANIFEST_NAME, json_bytes(document))
    return out.getvalue()


def _restored(folder: Path) -> dict[str, str]:
    """The data files restored in ``folder`` and their SHA-256 (SQLite's side files left out)."""
    import hashlib

    side = ("backups", "logs", "treem.lock", "treem.sqlite3-wal", "treem.sqlite3-shm")
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in folder.rglob("*")
        if p.is_file() and p.relative_to(folder).parts[0] not in side
    }


@pytest.mark.parametrize("examples", SIZES)
def test_backups(examples: int, backup: dict[str, Any], tmp_path: Path, sandbox: Path) -> None:
    """Before a preview or a restore: a changed backup is refused, or restores exactly the
    data that were backed up; what the preview shows never crashes."""
    from treem_desktop.commune.backup_restore import preview_backup, restore_backup
    from treem_desktop.commune.backup_summary import describe
    from treem_desktop.paths import resolve_data_dir

    path = sandbox / "sao-luu.zip"
    target = tmp_path / "data" / "restored"

    def check(data: bytes) -> None:
        path.write_bytes(data)
        manifest = preview_backup(path)
        describe(manifest.summary, manifest.created, manifest.reason)
        shutil.rmtree(target, ignore_errors=True)
        target.mkdir(parents=True)
        restore_backup(resolve_data_dir(target), path)
        assert _restored(target) == backup["members"], "a changed backup was restored"

    def never(data: bytes) -> None:
        path.write_bytes(data)
        with pytest.raises(TreemError):
            preview_backup(path)

    original = backup["bytes"]
    changed = document_changed(backup["manifest"]).map(lambda d: _with_manifest(original, d))
    strategy = st.one_of(mutated(original), changed)
    counted("backups (changed)", examples, strategy, refused_or(check))
    garbage = st.one_of(st.binary(max_size=400), GARBAGE.map(lambda g: _with_manifest(b"", g)))
    counted("backups (garbage)", examples, garbage, never)
