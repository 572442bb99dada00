"""Packets against the real tools: ``openssl cms -verify`` and ``treem packet verify`` (exit 3)."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from treem_desktop.commune.commune_key import KeyFiles, load_certificate, unlock_key
from treem_desktop.packets.build import PacketContent, archive_bytes, build_packet
from treem_desktop.signing.keys import (
    CommuneIdentity,
    generate_key,
    identity_from_certificate,
    self_signed_certificate,
)
from treem_desktop.signing.signers import KeySigner

pytestmark = pytest.mark.integration
SETUP = ["setup", "--province", "11", "--commune", "03325", "--category", "con-lai"]
FILES = {"data.json": b'{"tong_diem": 872}', "bang-diem-2026.xlsx": b"PK" + bytes(3000)}


def treem(
    data_dir: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in ("TREEM_HOME", "TREEM_LANG", "TREEM_PASSPHRASE")
    }
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "treem_desktop", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        env=environment,
        stdin=subprocess.DEVNULL,
        timeout=60,
    )


@pytest.fixture
def commune(tmp_path: Path) -> Path:
    data = tmp_path / "xa"
    assert treem(data, *SETUP).returncode == 0
    return data


def built_packet(data: Path, out: Path) -> Path:
    files = KeyFiles.in_data_dir(data)
    certificate = load_certificate(files)
    identity = identity_from_certificate(certificate)
    assert identity is not None
    content = PacketContent(identity, "evaluation", "2026", 1, FILES)
    out.mkdir(exist_ok=True)
    return build_packet(content, KeySigner(certificate, unlock_key(files, None)), out).path


def test_openssl_verifies_the_manifest_signature(commune: Path, tmp_path: Path) -> None:
    packet = built_packet(commune, tmp_path / "out")
    unpacked = tmp_path / "unpacked"
    with zipfile.ZipFile(packet) as archive:
        archive.extractall(unpacked)
    done = subprocess.run(
        [
            "openssl", "cms", "-verify", "-binary", "-inform", "DER",
            "-in", str(unpacked / "manifest.json.p7s"),
            "-content", str(unpacked / "manifest.json"),
            "-CAfile", str(unpacked / "signer.pem"),
            "-purpose", "any", "-out", os.devnull,
        ],
        capture_output=True,
        text=True,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Verification successful" in done.stderr


def tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_verify_accepts_a_good_packet_and_trusts_the_folders_own_key(
    commune: Path, tmp_path: Path
) -> None:
    packet = built_packet(commune, tmp_path / "out")
    done = treem(commune, "packet", "verify", str(packet), "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["trusted"] is True and report["commune"]["code"] == "03325"
    assert report["files"] == ["data.json", "bang-diem-2026.xlsx"]  # data first, then by name
    text = treem(commune, "packet", "verify", str(packet))
    assert "Xã Mường Phăng" in text.stdout and "tin cậy" in text.stdout


def test_verify_refuses_with_exit_3_and_writes_nothing(commune: Path, tmp_path: Path) -> None:
    packet = built_packet(commune, tmp_path / "out")
    data = bytearray(packet.read_bytes())
    data[len(data) // 2] ^= 0x01
    packet.write_bytes(bytes(data))
    office = tmp_path / "office"  # a receiving computer with no data folder yet
    before = tree(tmp_path)
    done = treem(office, "packet", "verify", str(packet), "--json")
    assert done.returncode == 3
    report = json.loads(done.stdout)
    assert report["status"] == "error" and report["code"].startswith("PACKET_")
    assert "Lỗi:" in done.stderr
    assert tree(tmp_path) == before and not office.exists()


def test_a_forged_packet_is_untrusted_for_the_office(commune: Path, tmp_path: Path) -> None:
    forger_key = generate_key()
    identity = CommuneIdentity("03325", "Xã Mường Phăng", "11", "Điện Biên")
    forger = self_signed_certificate(forger_key, identity)
    out = tmp_path / "forged"
    out.mkdir()
    forged = build_packet(
        PacketContent(identity, "evaluation", "2026", 1, FILES), KeySigner(forger, forger_key), out
    )
    cert = tmp_path / "xa.pem"
    assert treem(commune, "key", "export", "--out", str(cert)).returncode == 0
    office = tmp_path / "office"
    done = treem(office, "packet", "verify", str(forged.path), "--trust", str(cert), "--json")
    assert done.returncode == 3
    assert json.loads(done.stdout)["code"] == "CMS_UNTRUSTED"
    untrusted = treem(office, "packet", "verify", str(forged.path))
    assert untrusted.returncode == 0  # intact; the output says it was not checked against trust
    assert "Chưa đối chiếu" in untrusted.stdout


def test_packet_build_chains_packets_and_verifies(commune: Path, tmp_path: Path) -> None:
    inputs = tmp_path / "in.json"
    inputs.write_text('{"c6.a.numerator": 19, "c6.a": {"denominator": 20}}', encoding="utf-8")
    assert treem(commune, "eval", "import", "2026", str(inputs)).returncode == 0
    out = tmp_path / "gui-di"
    first = treem(commune, "packet", "build", "--kind", "evaluation", "--period", "2026",
                  "--out", str(out), "--json")  # fmt: skip
    assert first.returncode == 0, first.stderr
    one = json.loads(first.stdout)
    assert one["sequence"] == 1
    codes = {(item["code"], item["target"]) for item in one["preflight"]}
    assert ("INPUTS_MISSING", "c1") in codes and ("INPUTS_MISSING", "c6") in codes
    second = json.loads(
        treem(
            commune,
            "packet",
            "build",
            "--kind",
            "evaluation",
            "--period",
            "2026",
            "--out",
            str(out),
            "--json",
        ).stdout  # fmt: skip
    )
    assert second["sequence"] == 2
    packet = Path(second["path"])
    assert packet.name == "TREEM_03325_evaluation_2026_0002.zip"
    with zipfile.ZipFile(packet) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        data = json.loads(archive.read("data.json"))
    assert manifest["previous_packet_sha256"] == one["sha256"]
    assert manifest["standards"][0]["id"] == data["score"]["standard"]["id"]
    assert data["inputs"]["c6.a.numerator"] == 19
    assert data["score"]["total"] is not None
    verified = treem(tmp_path / "office", "packet", "verify", str(packet), "--json")
    assert verified.returncode == 0, verified.stderr
    assert json.loads(verified.stdout)["sequence"] == 2


def test_packet_build_with_a_wrong_passphrase_makes_nothing(tmp_path: Path) -> None:
    data = tmp_path / "xa"
    secret = tmp_path / "pass.txt"
    secret.write_text("mật khẩu xã 2026\n", encoding="utf-8")
    assert treem(data, *SETUP, "--passphrase-file", str(secret)).returncode == 0
    inputs = tmp_path / "in.json"
    inputs.write_text('{"c6.a.numerator": 19}', encoding="utf-8")
    assert treem(data, "eval", "import", "2026", str(inputs)).returncode == 0
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("không phải mật khẩu\n", encoding="utf-8")
    out = tmp_path / "gui-di"
    refused = treem(data, "packet", "build", "--kind", "evaluation", "--period", "2026",
                    "--out", str(out), "--passphrase-file", str(wrong), "--json")  # fmt: skip
    assert refused.returncode == 1
    assert json.loads(refused.stdout)["code"] == "KEY_PASSPHRASE_WRONG"
    assert not out.exists() or list(out.iterdir()) == []
    good = treem(data, "packet", "build", "--kind", "evaluation", "--period", "2026",
                 "--out", str(out), "--passphrase-file", str(secret), "--json")  # fmt: skip
    assert good.returncode == 0, good.stderr
    assert json.loads(good.stdout)["sequence"] == 1  # the refused attempt used no number


def test_indicator_and_plan_packets_from_the_command_line(commune: Path, tmp_path: Path) -> None:
    def build(kind: str, period: str) -> subprocess.CompletedProcess[str]:
        return treem(commune, "packet", "build", "--kind", kind, "--period", period,
                     "--out", str(tmp_path / "o"), "--json")  # fmt: skip

    nothing = build("plan", "2026")
    assert nothing.returncode == 1
    assert json.loads(nothing.stdout)["code"] == "PACKET_NO_DOCUMENTS"
    unknown = build("budget", "2026")
    assert json.loads(unknown.stdout)["code"] == "PACKET_KIND_NOT_AVAILABLE"
    values = tmp_path / "values.json"
    values.write_text('{"ct04a": 8.1}', encoding="utf-8")
    assert treem(commune, "indicators", "import", "2026-H1", str(values)).returncode == 0
    done = build("indicators", "2026-H1")
    assert done.returncode == 0, done.stdout + done.stderr
    report = json.loads(done.stdout)
    assert report["preflight"][0]["code"] == "INDICATORS_MISSING"
    verified = treem(commune, "packet", "verify", report["path"], "--json")
    assert verified.returncode == 0 and json.loads(verified.stdout)["kind"] == "indicators"


def _members(data: bytes) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [(info.filename, archive.read(info)) for info in archive.infolist()]


def _stamp(data: bytes) -> tuple[int, int, int, int, int, int]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.infolist()[0].date_time


def _one_member_zip(name: str, data: bytes = b"x", deflate: bool = False) -> bytes:
    buffer = io.BytesIO()
    info = zipfile.ZipInfo(name)
    info.compress_type = zipfile.ZIP_DEFLATED if deflate else zipfile.ZIP_STORED
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(info, data)
    return buffer.getvalue()


def _flipped(data: bytes) -> bytes:
    changed = bytearray(data)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        info = archive.getinfo("bang-diem-2026.xlsx")
    changed[info.header_offset + 30 + len(info.filename) + info.file_size // 2] ^= 0x20
    return bytes(changed)


def _forged(data: bytes, tmp_path: Path) -> bytes:
    key = generate_key()
    identity = CommuneIdentity("03325", "Xã Mường Phăng", "11", "Điện Biên")
    out = tmp_path / "forger"
    out.mkdir()
    content = PacketContent(identity, "evaluation", "2026", 1, FILES)
    built = build_packet(content, KeySigner(self_signed_certificate(key, identity), key), out)
    return built.path.read_bytes()


BAD_PACKETS: dict[str, tuple[Callable[[bytes, Path], bytes], str]] = {
    "flipped byte": (lambda d, _t: _flipped(d), "PACKET_MEMBER_DAMAGED"),
    "member added": (
        lambda d, _t: archive_bytes([*_members(d), ("virus.exe", b"MZ")], _stamp(d)),
        "PACKET_MEMBER_UNDECLARED",
    ),
    "member removed": (
        lambda d, _t: archive_bytes(
            [m for m in _members(d) if m[0] != "bang-diem-2026.xlsx"], _stamp(d)
        ),
        "PACKET_MEMBER_MISSING",
    ),
    "member renamed": (
        lambda d, _t: archive_bytes(
            [
                ("bang-diem-2025.xlsx" if n == "bang-diem-2026.xlsx" else n, b)
                for n, b in _members(d)
            ],
            _stamp(d),
        ),
        "PACKET_MEMBER_UNDECLARED",
    ),
    "dot-dot path": (lambda _d, _t: _one_member_zip("../../evil.bat"), "PACKET_UNSAFE_PATH"),
    "absolute path": (lambda _d, _t: _one_member_zip("/etc/cron.d/evil"), "PACKET_UNSAFE_PATH"),
    "zip bomb": (
        lambda _d, _t: _one_member_zip("data.json", b"\0" * (20 * 2**20), deflate=True),
        "PACKET_COMPRESSION_RATIO",
    ),
    "another commune's key": (_forged, "CMS_UNTRUSTED"),
    "truncated": (lambda d, _t: d[: len(d) // 2], "PACKET_TRUNCATED"),
}


@pytest.mark.parametrize("case", list(BAD_PACKETS))
def test_each_bad_packet_exits_3_with_its_code_and_writes_nothing(
    commune: Path, tmp_path: Path, case: str
) -> None:
    make, code = BAD_PACKETS[case]
    good = built_packet(commune, tmp_path / "out")
    cert = tmp_path / "xa.pem"
    assert treem(commune, "key", "export", "--out", str(cert)).returncode == 0
    bad = tmp_path / "bad.zip"
    bad.write_bytes(make(good.read_bytes(), tmp_path))
    home = tmp_path / "home"  # the office's home and settings folders, watched for writes
    home.mkdir()
    before = tree(tmp_path)
    env = {
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "XDG_STATE_HOME": str(home / "state"),
    }
    office = tmp_path / "office"
    done = treem(office, "packet", "verify", str(bad), "--trust", str(cert), "--json", env=env)
    assert done.returncode == 3, done.stderr
    report = json.loads(done.stdout)
    assert report["code"] == code, report
    assert tree(tmp_path) == before and not office.exists()


def test_a_demo_packet_is_built_without_a_passphrase_and_refused_with_exit_3(
    tmp_path: Path,
) -> None:
    import datetime as dt

    from treem_desktop.commune.demo import set_up_demo
    from treem_desktop.commune.workspace import open_workspace
    from treem_desktop.paths import resolve_data_dir

    data = tmp_path / "demo"
    workspace = open_workspace(resolve_data_dir(data), create=True)
    set_up_demo(workspace, dt.date.today())
    workspace.close()
    year = str(dt.date.today().year)
    built = treem(data, "packet", "build", "--kind", "evaluation", "--period", year,
                  "--out", str(tmp_path / "out"), "--json")  # fmt: skip
    assert built.returncode == 0, built.stderr
    report = json.loads(built.stdout)
    assert report["demo"] is True
    with zipfile.ZipFile(report["path"]) as archive:
        assert json.loads(archive.read("manifest.json"))["demo"] is True

    office = tmp_path / "office"
    refused = treem(office, "packet", "verify", report["path"])
    assert refused.returncode == 3, (refused.stdout, refused.stderr)
    assert "gói thử (demo)" in refused.stderr and "từ chối" in refused.stderr
    as_json = treem(office, "packet", "verify", report["path"], "--json")
    assert as_json.returncode == 3
    assert json.loads(as_json.stdout)["code"] == "PACKET_DEMO"
