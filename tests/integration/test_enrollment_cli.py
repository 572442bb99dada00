"""`treem key enrollment` at a commune, `treem receive trust` at the office, as real processes;
the signature checked by OpenSSL too."""

from __future__ import annotations

import json
import os
import subprocess
import zipfile
from pathlib import Path

import pytest

from tests.integration.test_receiving_end_to_end import ok, treem

pytestmark = pytest.mark.integration


def test_a_commune_enrolls_and_the_office_trusts_it_with_the_fingerprint(tmp_path: Path) -> None:
    office = tmp_path / "so-y-te"
    ok(
        office,
        "setup",
        "--receiving",
        "--province",
        "11",
        "--office-name",
        "Sở Y tế tỉnh Điện Biên",
    )
    commune = tmp_path / "03301"
    ok(commune, "setup", "--province", "11", "--commune", "03301", "--category", "con-lai",
       "--officer", "Lò Thị Hoa")  # fmt: skip
    usb = tmp_path / "USB"
    usb.mkdir()
    made = ok(commune, "key", "enrollment", "--out", str(usb), "--phone", "0912 345 678",
              "--email", "hoa@buonglao.gov.vn")  # fmt: skip
    path = Path(made["path"])
    assert path == usb / "dang-ky-03301.treem-dangky"
    card = ok(commune, "key", "show")["fingerprint_sha256"]
    assert made["fingerprint_sha256"] == card

    with zipfile.ZipFile(path) as archive:
        assert archive.namelist() == ["enrollment.json", "enrollment.json.p7s"]
        archive.extractall(tmp_path / "x")
    x = tmp_path / "x"
    (x / "cert.pem").write_text(json.loads((x / "enrollment.json").read_text())["certificate"])
    verified = subprocess.run(
        ["openssl", "cms", "-verify", "-binary", "-inform", "DER",
         "-in", str(x / "enrollment.json.p7s"), "-content", str(x / "enrollment.json"),
         "-CAfile", str(x / "cert.pem"), "-purpose", "any", "-out", os.devnull],
        capture_output=True, text=True,
    )  # fmt: skip
    assert verified.returncode == 0, verified.stderr

    tampered = tmp_path / "sua.treem-dangky"
    tampered.write_bytes(path.read_bytes().replace(b"0912 345 678", b"0999 999 999"))
    done = treem(office, "receive", "trust", str(tampered), "--fingerprint", card)
    assert done.returncode == 3 and "đăng ký" in done.stderr, done.stderr
    wrong = treem(office, "receive", "trust", str(path), "--fingerprint", "AB" * 32)
    assert wrong.returncode == 1
    assert ok(office, "receive", "trusted")["trusted"] == []

    trusted = ok(office, "receive", "trust", str(path), "--fingerprint", card)
    assert trusted["contact"] == "Lò Thị Hoa, 0912 345 678, hoa@buonglao.gov.vn"
    text = treem(office, "receive", "trust", str(path), "--fingerprint", card).stdout
    assert "Lò Thị Hoa, 0912 345 678" in text
    status = ok(office, "receive", "status", "--period", "2026")
    assert {c["code"] for c in status["communes"] if c["state"] == "missing"} >= {"03301"}
