"""Packets against the real tools: ``openssl cms -verify`` and ``treem packet verify`` (exit 3)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from treem_desktop.packets.build import PacketContent, build_packet
from treem_desktop.services.commune_key import KeyFiles, load_certificate, unlock_key
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


def treem(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("TREEM_HOME", "TREEM_LANG", "TREEM_PASSPHRASE")
    }
    return subprocess.run(
        [sys.executable, "-m", "treem_desktop", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        env=env,
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
