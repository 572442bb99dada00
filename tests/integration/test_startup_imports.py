"""Start-up stays light: the heavy libraries load only when a job needs them (STYLE.md)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration
HEAVY = ("cryptography", "asn1crypto", "docx", "openpyxl", "segno", "jsonschema", "lxml")
HANDOFF = ("keyring", "httpx", "smtplib", "httpcore")  # the outbox loads them when it sends


def test_opening_the_window_imports_no_heavy_library(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("TREEM_HOME", "TREEM_PASSPHRASE")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    data = str(tmp_path / "D")
    base = [sys.executable, "-m", "treem_desktop", "--data-dir", data]
    setup = ["setup", "--province", "11", "--commune", "03325", "--category", "con-lai"]
    subprocess.run([*base, *setup], check=True, env=env, capture_output=True, timeout=60)
    probe = subprocess.run(
        [sys.executable, "-X", "importtime", *base[1:], "--startup-probe"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert probe.returncode == 0, probe.stderr[-2000:]
    assert "shown" in probe.stdout
    imported = {
        match.group(1).split(".")[0]
        for match in re.finditer(r"^import time:\s+\d+ \|\s+\d+ \|\s+(\S+)", probe.stderr, re.M)
    }
    assert "PySide6" in imported  # the check sees the imports
    assert imported.isdisjoint(HEAVY + HANDOFF), sorted(imported & set(HEAVY + HANDOFF))


# `treem packet verify` reads a packet and checks its signature: nothing of the documents, the
# indicators, the spreadsheets, the window or the formatting of numbers, and no JSON Schema
# library for a manifest that conforms (a packet is checked in a few milliseconds).
NOT_FOR_VERIFY = ("docx", "openpyxl", "PySide6", "babel", "jsonschema", "lxml", "segno")
NOT_FOR_VERIFY_OURS = (
    "treem_desktop.documents.compose",
    "treem_desktop.commune.documents",
    "treem_desktop.indicators",
    "treem_desktop.commune.evaluation",
    "treem_desktop.storage",
    "treem_desktop.cli.doc_commands",
    "treem_desktop.cli.eval_commands",
)


def test_packet_verify_imports_only_what_it_checks_with(tmp_path: Path) -> None:
    from cryptography.hazmat.primitives.serialization import Encoding

    from treem_desktop.packets.build import PacketContent, packet_bytes
    from treem_desktop.signing.keys import CommuneIdentity, generate_key, self_signed_certificate
    from treem_desktop.signing.signers import KeySigner

    identity = CommuneIdentity("03325", "Xã Mường Phăng", "11", "Điện Biên")
    key = generate_key()
    certificate = self_signed_certificate(key, identity)
    files = {"data.json": b'{"criteria": []}'}
    packet, _ = packet_bytes(
        PacketContent(identity, "plan", "2026", 1, files), KeySigner(certificate, key)
    )
    (tmp_path / "p.zip").write_bytes(packet)
    (tmp_path / "c.pem").write_bytes(certificate.public_bytes(Encoding.PEM))
    env = {k: v for k, v in os.environ.items() if k not in ("TREEM_HOME", "TREEM_PASSPHRASE")}
    verify = ["packet", "verify", str(tmp_path / "p.zip"), "--trust", str(tmp_path / "c.pem")]
    run = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "treem_desktop"]
        + ["--data-dir", str(tmp_path / "D"), *verify],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    modules = set(re.findall(r"^import time:\s+\d+ \|\s+\d+ \|\s+(\S+)", run.stderr, re.M))
    assert "treem_desktop.packets.verify" in modules  # the check sees the imports
    libraries = {name.split(".")[0] for name in modules}
    assert libraries.isdisjoint(NOT_FOR_VERIFY), sorted(libraries & set(NOT_FOR_VERIFY))
    ours = sorted(m for m in modules if m.startswith(NOT_FOR_VERIFY_OURS))
    assert not ours, ours
