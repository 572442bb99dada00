"""Must show 1 of issue 15: three communes send, the office imports, follows up, receipts go
back and mark the communes' packets acknowledged. Real subprocesses, real data folders."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.integration
COMMUNES = ("03301", "03175", "03283")


def treem(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("TREEM_HOME", "TREEM_LANG")}
    env.pop("TREEM_PASSPHRASE", None)
    return subprocess.run(
        [sys.executable, "-m", "treem_desktop", "--data-dir", str(data_dir), *args],
        capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL, timeout=120,
    )  # fmt: skip


def ok(data_dir: Path, *args: str) -> dict[str, Any]:
    done = treem(data_dir, *args, "--json")
    assert done.returncode == 0, done.stderr
    document: dict[str, Any] = json.loads(done.stdout)
    return document


def send_evaluation(data: Path, tmp_path: Path, numerator: int, out: Path) -> dict[str, Any]:
    inputs = tmp_path / f"in-{numerator}.json"
    inputs.write_text(json.dumps({"c6.a.numerator": numerator, "c6.a": {"denominator": 20}}))
    assert treem(data, "eval", "import", "2026", str(inputs)).returncode == 0
    return ok(
        data, "packet", "build", "--kind", "evaluation", "--period", "2026", "--out", str(out)
    )


def tampered_copy(packet: Path, target: Path) -> Path:
    data = bytearray(packet.read_bytes())
    start = data.index(b'"kind": "evaluation"', data.index(b"data.json"))
    data[start + 9] = ord("E")  # "evaluation" -> "Evaluation" inside data.json, size kept
    target.write_bytes(bytes(data))
    return target


def test_three_communes_send_and_the_office_follows_up_and_acknowledges(tmp_path: Path) -> None:
    office = tmp_path / "so-y-te"
    setup = ok(office, "setup", "--receiving", "--province", "11", "--office-name",
               "Sở Y tế tỉnh Điện Biên")  # fmt: skip
    office_cert = setup["key"]["certificate"]
    sent = tmp_path / "USB"
    packets: dict[str, list[dict[str, Any]]] = {}
    for number, code in enumerate(COMMUNES):
        data = tmp_path / code
        ok(data, "setup", "--province", "11", "--commune", code, "--category", "con-lai")
        packets[code] = [send_evaluation(data, tmp_path, 10 + number, sent)]
        card = ok(data, "key", "show")["fingerprint_sha256"]
        first = packets[code][0]["path"]
        assert treem(office, "receive", "trust", first, "--fingerprint", "AB" * 32).returncode == 1
        ok(office, "receive", "trust", first, "--fingerprint", card)
    resubmitted = send_evaluation(tmp_path / "03283", tmp_path, 19, sent)
    packets["03283"].append(resubmitted)
    duplicate = sent / "thu-lai" / Path(packets["03301"][0]["path"]).name
    duplicate.parent.mkdir()
    shutil.copy(packets["03301"][0]["path"], duplicate)
    forged = tampered_copy(Path(packets["03175"][0]["path"]), sent / "TREEM_03175_sua.zip")

    imported = treem(office, "receive", "import", str(sent), "--json")
    assert imported.returncode == 3, imported.stderr
    report = json.loads(imported.stdout)
    assert report["counts"] == {
        "accepted": 3, "resubmission": 1, "older": 0, "known": 1, "refused": 1,
    }  # fmt: skip
    again = treem(office, "receive", "import", str(sent / "thu-lai"), "--json")
    assert again.returncode == 0 and json.loads(again.stdout)["counts"]["known"] == 1

    quarantine = ok(office, "receive", "quarantine")["quarantine"]
    assert [(q["file_name"], q["member"]) for q in quarantine] == [(forged.name, "data.json")]
    assert quarantine[0]["code"] == "PACKET_MEMBER_DAMAGED"  # its CRC no longer matches
    assert "data.json" in quarantine[0]["reason"]
    assert Path(quarantine[0]["path"]).read_bytes() == forged.read_bytes()

    status = ok(office, "receive", "status", "--period", "2026")
    assert status["counts"] == {
        "on-time": 3, "late": 0, "missing": 42, "expected": 45, "received": 3, "refused": 1,
    }  # fmt: skip
    rows = {row["code"]: row for row in status["communes"]}
    assert rows["03283"]["sequence"] == 1 and rows["03283"]["resubmission_waiting"]
    assert rows["03301"]["verdict"] and rows["03301"]["total"] is not None

    pending = resubmitted["packet_id"]
    diff = ok(office, "receive", "diff", pending)
    changed = {c["path"]: (c["before"], c["after"]) for c in diff["changes"]}
    assert changed["inputs.c6.a.numerator"] == (12, 19)
    ok(office, "receive", "accept", pending)
    status = ok(office, "receive", "status", "--period", "2026")
    rows = {row["code"]: row for row in status["communes"]}
    assert rows["03283"]["sequence"] == 2 and not rows["03283"]["resubmission_waiting"]

    receipts = tmp_path / "giay-bao-nhan"
    written = ok(office, "receive", "receipts", "--out", str(receipts))["receipts"]
    assert len(written) == 4  # three first packets and the accepted resubmission
    assert ok(office, "receive", "receipts", "--out", str(receipts))["receipts"] == []
    office_fingerprint = ok(office, "receive", "trusted")  # the office folder still opens
    assert len(office_fingerprint["trusted"]) == 3
    fingerprint = setup["key"]["fingerprint_sha256"]
    for code in COMMUNES:
        data = tmp_path / code
        ok(data, "recipient", "trust", office_cert, "--fingerprint", fingerprint)
        done = treem(data, "outbox", "receipt", str(receipts))
        assert done.returncode == 3  # the other communes' receipts are refused here
        states = {p["sequence"]: p["state"] for p in ok(data, "outbox", "list")["packets"]}
        assert set(states.values()) == {"acknowledged"}, (code, states)
        assert len(states) == len(packets[code])
