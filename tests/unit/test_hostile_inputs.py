"""Issue 14, defects 2, 3 and 7: impossible numbers, readers that crashed, receipts' fields.

Every case runs the real command line in this process: a refusal is exit status 1 (3 for a
receipt) with a sentence in Vietnamese, never "An unexpected error stopped Treem" and a crash log.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from pathlib import Path

import pytest

from tests.handoff_support import add_packets, office_key, write_certificate
from treem_desktop.__main__ import main
from treem_desktop.commune.receipts import import_receipts, trust_recipient
from treem_desktop.commune.workspace import Workspace
from treem_desktop.core.outside_json import OutsideDataError, load_json
from treem_desktop.handoff.receipt import RECEIPT, SIGNATURE, SIGNER, receipt_file_name
from treem_desktop.paths import DataDirChoice
from treem_desktop.signing.keys import fingerprint
from treem_desktop.storage.outbox_repo import OutboxEntry

CRASH = "Treem gặp lỗi ngoài dự kiến"


@pytest.fixture
def commune(workspace: Workspace, data_dir: DataDirChoice) -> DataDirChoice:
    """The demo commune's data folder, closed so that the command line can open it."""
    workspace.close()
    return data_dir


def treem(data_dir: DataDirChoice, capsys: pytest.CaptureFixture[str], *args: str) -> tuple:
    code = main(["--data-dir", str(data_dir.path), *args])
    out, err = capsys.readouterr()
    return code, out, err


def written(tmp_path: Path, name: str, content: str | bytes) -> str:
    path = tmp_path / name
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    return str(path)


def refused(result: tuple, code: int = 1) -> str:
    status, _out, err = result
    assert status == code, err
    assert CRASH not in err and "Lỗi:" in err
    return str(err)


# --- Defect 2: impossible values ---------------------------------------------------------


def test_nan_is_refused_and_score_json_stays_json(
    commune: DataDirChoice, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    nan = written(tmp_path, "nan.json", '{"c13.x.percent": NaN}')
    refused(treem(commune, capsys, "eval", "import", "2026", nan))
    good = written(tmp_path, "good.json", '{"c13.x.percent": 85.5}')
    assert treem(commune, capsys, "eval", "import", "2026", good)[0] == 0
    code, out, err = treem(commune, capsys, "eval", "score", "2026", "--json")
    assert code == 0, err
    json.loads(out, parse_constant=lambda name: pytest.fail(f"{name} in JSON output"))


@pytest.mark.parametrize(
    ("document", "words"),
    [
        ('{"ct11a": 5e300}', "ct11a"),
        ('{"ct01": 1e39}', "ct01"),
        ('{"ct13": 20000000}', "quá lớn"),
    ],
)
def test_huge_indicator_values_are_refused_and_show_still_works(
    commune: DataDirChoice,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    document: str,
    words: str,
) -> None:
    path = written(tmp_path, "values.json", document)
    assert words in refused(treem(commune, capsys, "indicators", "import", "2025", path))
    assert treem(commune, capsys, "indicators", "show", "2025", "--json")[0] == 0


@pytest.mark.parametrize(
    "document",
    ['{"c6.a.denominator": 1e39}', '{"c6.a.denominator": Infinity}', '{"c2.x.points": 1e300}'],
)
def test_huge_evaluation_inputs_are_refused(
    commune: DataDirChoice,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    document: str,
) -> None:
    refused(treem(commune, capsys, "eval", "import", "2026", written(tmp_path, "v.json", document)))


# --- Defect 3: readers that crashed ------------------------------------------------------


@pytest.mark.parametrize(
    "content",
    ["[" * 100_000, '{"ct01": ' + "9" * 5000 + "}", '{"ct01": 1e400}', b'{"ct01": "\xff\xfe"}'],
    ids=["deep", "long-integer", "1e400", "not-utf8"],
)
@pytest.mark.parametrize(
    "command",
    [
        ("eval", "import", "2026"),
        ("indicators", "import", "2025"),
        ("targets", "import"),
        ("standard", "import"),
    ],
    ids=lambda c: "-".join(c),
)
def test_malformed_json_is_refused_by_every_reader(
    commune: DataDirChoice,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    content: str | bytes,
    command: tuple[str, ...],
) -> None:
    path = written(tmp_path, "hostile.json", content)
    refused(treem(commune, capsys, *command, path))
    assert not list(commune.log_dir.glob("crash-*.log"))


def test_nan_on_a_whole_number_input_is_refused(
    commune: DataDirChoice, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    for text in ('{"c6.a.denominator": NaN}', '{"c6.a.denominator": "nan"}'):
        path = written(tmp_path, "v.json", text)
        refused(treem(commune, capsys, "eval", "import", "2026", path))


def test_a_year_too_large_for_sqlite_is_refused(
    commune: DataDirChoice, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = written(tmp_path, "v.json", "{}")
    refused(treem(commune, capsys, "eval", "import", "9" * 20, path))
    refused(treem(commune, capsys, "eval", "score", "9" * 20))


def test_a_target_file_version_too_large_for_sqlite_is_refused(
    commune: DataDirChoice, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    example = Path(__file__).parents[1] / "data" / "targets" / "ha-noi-138-2021-example.json"
    document = json.loads(example.read_text(encoding="utf-8"))
    document["version"] = 10**20
    path = written(tmp_path, "t.json", json.dumps(document))
    refused(treem(commune, capsys, "targets", "import", path))


@pytest.mark.parametrize("damage", ["crc", "zlib", "xml", "cut"])
def test_a_broken_workbook_is_refused(
    commune: DataDirChoice,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    damage: str,
) -> None:
    good = written(tmp_path, "good.json", '{"c6.a.denominator": 20}')
    assert treem(commune, capsys, "eval", "import", "2026", good)[0] == 0
    book = tmp_path / "round.xlsx"
    assert treem(commune, capsys, "eval", "export", "2026", "--out", str(book))[0] == 0
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(_damaged_workbook(book.read_bytes(), damage))
    refused(treem(commune, capsys, "eval", "import", "2027", str(broken)))


def _damaged_workbook(data: bytes, damage: str) -> bytes:
    if damage == "cut":
        return data[: len(data) // 2]
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename.startswith("xl/worksheets/") and damage == "xml":
                content = content[: len(content) // 2]
            target.writestr(info, content)
    result = bytearray(out.getvalue())
    if damage in ("crc", "zlib"):
        sheets = [i for i in zipfile.ZipFile(out).infolist() if "worksheets/sheet" in i.filename]
        for info in sheets:
            start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
            if damage == "crc":
                result[start + info.compress_size // 2] ^= 0xFF
            else:
                result[start : start + 4] = b"\xff\xff\xff\xff"
    return bytes(result)


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("upload.url", "https://[::1/"),
        ("upload.url", "http://host:99999/"),
        ("mail.from", "a\udcff@xa.gov.vn"),
        ("mail.host", "smtp\udc80.vn"),
        ("mail.user", "x" * 10_000),
    ],
)
def test_settings_that_crashed_are_refused(
    commune: DataDirChoice,
    capsys: pytest.CaptureFixture[str],
    key: str,
    value: str,
) -> None:
    refused(treem(commune, capsys, "settings", "set", key, value))
    code, out, _err = treem(commune, capsys, "settings", "show", "--json")
    assert code == 0 and json.loads(out)[key] == ""


def test_json_reader_limits() -> None:
    for text in ("[" * 65 + "]" * 65, "NaN", "-Infinity", "1" * 19, "1e400"):
        with pytest.raises(OutsideDataError):
            load_json(text)
    assert load_json("\ufeff" + "[" * 64 + "]" * 64) is not None
    assert load_json(b'{"a": 123456789012345678}') == {"a": 123456789012345678}


# --- Receipts: version 11.3, and defect 7 ------------------------------------------------


@pytest.fixture
def office(workspace: Workspace, tmp_path: Path) -> tuple:
    certificate, key = office_key()
    pem = write_certificate(certificate, tmp_path / "so-y-te.pem")
    trust_recipient(workspace, pem, fingerprint(certificate))
    return certificate, key


def signed_receipt(fields: dict[str, object], office: tuple) -> bytes:
    """A receipt the office really signed, whatever its fields say."""
    from treem_desktop.packets.build import archive_bytes
    from treem_desktop.signing.cms import sign_detached

    certificate, key = office
    from cryptography.hazmat.primitives import serialization

    signed = (json.dumps(fields, ensure_ascii=False, indent=2) + "\n").encode()
    members = [
        (RECEIPT, signed),
        (SIGNATURE, sign_detached(signed, certificate, key)),
        (SIGNER, certificate.public_bytes(serialization.Encoding.PEM)),
    ]
    return archive_bytes(members, (2026, 3, 2, 9, 14, 0))


def fields_for(entry: OutboxEntry, **changes: object) -> dict[str, object]:
    fields: dict[str, object] = {
        "format": "treem-receipt",
        "format_version": 1,
        "packet_id": entry.packet_id,
        "packet_sha256": entry.sha256,
        "packet_file_name": entry.file_name,
        "commune_code": "03325",
        "sequence": entry.sequence,
        "received": dt.datetime(2026, 3, 2, 9, 15, tzinfo=dt.UTC).isoformat(),
        "office": "Sở Y tế tỉnh Điện Biên",
    }
    return {**fields, **changes}


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({}, None),
        ({"sequence": 999}, "RECEIPT_FIELD_MISMATCH"),
        ({"sequence": -5}, "RECEIPT_INVALID"),
        ({"packet_file_name": "../../etc/passwd"}, "RECEIPT_INVALID"),
        ({"packet_file_name": "TREEM_03325_evaluation_2026_0009.zip"}, "RECEIPT_FIELD_MISMATCH"),
        ({"received": "hôm qua"}, "RECEIPT_INVALID"),
        ({"received": "2026-03-02"}, "RECEIPT_INVALID"),
        ({"office": ""}, "RECEIPT_INVALID"),
        ({"office": "   "}, "RECEIPT_INVALID"),
        ({"format_version": 11.3}, "RECEIPT_INVALID"),
    ],
)
def test_every_field_of_a_signed_receipt_is_checked(
    workspace: Workspace,
    office: tuple,
    tmp_path: Path,
    changes: dict[str, object],
    code: str | None,
) -> None:
    [packet] = add_packets(workspace, 1)
    path = tmp_path / receipt_file_name(packet.file_name)
    path.write_bytes(signed_receipt(fields_for(packet, **changes), office))
    [outcome] = import_receipts(workspace, [path])
    assert (outcome.error.code if outcome.error else None) == code
    if outcome.error is not None:
        assert "không nhận" in outcome.error.message().casefold()


def test_a_receipt_zip_claiming_version_11_3_is_refused(
    workspace: Workspace, office: tuple, tmp_path: Path
) -> None:
    [packet] = add_packets(workspace, 1)
    data = bytearray(signed_receipt(fields_for(packet), office))
    central = data.index(b"PK\x01\x02")
    data[central + 6 : central + 8] = (113).to_bytes(2, "little")  # version needed: 11.3
    path = tmp_path / receipt_file_name(packet.file_name)
    path.write_bytes(bytes(data))
    [outcome] = import_receipts(workspace, [path])
    assert outcome.error is not None and outcome.error.code == "RECEIPT_DAMAGED"
