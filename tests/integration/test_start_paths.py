"""What each way of starting Treem loads: the window reads its few options without the
command line's parser; ``treem packet verify`` loads neither the window, the documents nor the
signing machinery."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration
IMPORTED = re.compile(r"^import time:\s+\d+ \|\s+\d+ \|\s+(\S+)", re.M)


def environment() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("TREEM_HOME", "TREEM_PASSPHRASE")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def test_the_window_starts_without_the_command_line_parser(tmp_path: Path) -> None:
    base = [sys.executable, "-m", "treem_desktop", "--data-dir", str(tmp_path / "D")]
    setup = ["setup", "--province", "11", "--commune", "03325", "--category", "con-lai"]
    subprocess.run([*base, *setup], check=True, env=environment(), capture_output=True)
    probe = subprocess.run(
        [sys.executable, "-X", "importtime", *base[1:], "--startup-probe"],
        env=environment(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert probe.returncode == 0, probe.stderr[-2000:]
    assert "shown" in probe.stdout
    modules = set(IMPORTED.findall(probe.stderr))
    assert "treem_desktop.ui.main_window" in modules  # the check sees the imports
    assert "treem_desktop.cli.parser" not in modules


def test_packet_verify_loads_no_window_document_or_signing_code(tmp_path: Path) -> None:
    from cryptography.hazmat.primitives.serialization import Encoding

    from treem_desktop.packets.build import PacketContent, packet_bytes
    from treem_desktop.signing.keys import CommuneIdentity, generate_key, self_signed_certificate
    from treem_desktop.signing.signers import KeySigner

    identity = CommuneIdentity("03325", "Xã Mường Phăng", "11", "Điện Biên")
    key = generate_key()
    certificate = self_signed_certificate(key, identity)
    packet, _ = packet_bytes(
        PacketContent(identity, "plan", "2026", 1, {"data.json": b"{}"}),
        KeySigner(certificate, key),
    )
    (tmp_path / "p.zip").write_bytes(packet)
    (tmp_path / "c.pem").write_bytes(certificate.public_bytes(Encoding.PEM))
    verify = ["packet", "verify", str(tmp_path / "p.zip"), "--trust", str(tmp_path / "c.pem")]
    run = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "treem_desktop"]
        + ["--data-dir", str(tmp_path / "D"), *verify],
        env=environment(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    modules = set(IMPORTED.findall(run.stderr))
    assert "treem_desktop.signing.cms" in modules  # the check sees the imports
    assert {m.split(".")[0] for m in modules}.isdisjoint({"PySide6", "docx", "openpyxl"})
    unwanted = {
        "cryptography.hazmat.primitives.serialization.pkcs7",  # signing only
        "importlib.resources",  # paths reads the package's folder
    }
    assert modules.isdisjoint(unwanted), sorted(modules & unwanted)
