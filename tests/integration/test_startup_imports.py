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
