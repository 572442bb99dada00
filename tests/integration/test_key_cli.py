"""``treem setup`` creates the commune's key; ``treem key show/export/protect`` (docs/cli.md)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration
SETUP = ["setup", "--province", "11", "--commune", "03325", "--category", "con-lai"]


def treem(
    data_dir: Path, *args: str, passphrase: str | None = None
) -> subprocess.CompletedProcess[str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("TREEM_HOME", "TREEM_LANG", "TREEM_PASSPHRASE")
    }
    if passphrase is not None:
        env["TREEM_PASSPHRASE"] = passphrase
    return subprocess.run(
        [sys.executable, "-m", "treem_desktop", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
        timeout=60,
    )


def test_setup_without_a_passphrase_says_the_key_is_unprotected(tmp_path: Path) -> None:
    data = tmp_path / "D"
    done = treem(data, *SETUP, "--json")
    assert done.returncode == 0, done.stderr
    key = json.loads(done.stdout)["key"]
    assert key["created"] is True and key["protected"] is False
    assert key["commune_code"] == "03325" and key["province_code"] == "11"
    text = treem(data, "key", "show")
    assert "CHƯA được bảo vệ" in text.stdout
    assert key["fingerprint_sha256"] in text.stdout


def test_the_exported_certificate_is_what_openssl_reads(tmp_path: Path) -> None:
    data = tmp_path / "D"
    assert treem(data, *SETUP, passphrase="mật khẩu xã 2026").returncode == 0
    shown = json.loads(treem(data, "key", "show", "--json").stdout)
    assert shown["protected"] is True
    exported = treem(data, "key", "export", "--out", str(tmp_path / "xa.pem"))
    assert exported.returncode == 0, exported.stderr
    assert "PRIVATE" not in (tmp_path / "xa.pem").read_text()
    read = subprocess.run(
        ["openssl", "x509", "-in", str(tmp_path / "xa.pem"), "-noout", "-fingerprint", "-sha256"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert read.stdout.strip().split("=", 1)[1] == shown["fingerprint_sha256"]


def test_a_repeated_setup_keeps_the_key(tmp_path: Path) -> None:
    data = tmp_path / "D"
    first = json.loads(treem(data, *SETUP, "--json").stdout)["key"]
    again = json.loads(treem(data, *SETUP, "--json", passphrase="another one 123").stdout)["key"]
    assert again["created"] is False
    assert again["fingerprint_sha256"] == first["fingerprint_sha256"]
    assert again["protected"] is False


def test_a_short_passphrase_is_refused_and_nothing_is_created(tmp_path: Path) -> None:
    data = tmp_path / "D"
    short = treem(data, *SETUP, passphrase="1234")
    assert short.returncode == 1
    assert "quá ngắn" in short.stderr
    assert not data.exists()


def test_protect_then_protect_again(tmp_path: Path) -> None:
    data = tmp_path / "D"
    assert treem(data, *SETUP).returncode == 0
    none_given = treem(data, "key", "protect")
    assert none_given.returncode == 1 and "Cần mật khẩu" in none_given.stderr
    secret = tmp_path / "pass.txt"
    secret.write_text("mật khẩu xã 2026\n", encoding="utf-8")
    protected = treem(data, "key", "protect", "--passphrase-file", str(secret))
    assert protected.returncode == 0, protected.stderr
    assert json.loads(treem(data, "key", "show", "--json").stdout)["protected"] is True
    twice = treem(data, "key", "protect", "--passphrase-file", str(secret), "--json")
    assert twice.returncode == 1
    assert json.loads(twice.stdout)["code"] == "KEY_ALREADY_PROTECTED"


def test_key_show_before_setup(tmp_path: Path) -> None:
    shown = treem(tmp_path / "D", "key", "show", "--json")
    assert shown.returncode == 1
    assert json.loads(shown.stdout)["code"] == "KEY_MISSING"
