"""``treem outbox``, ``treem recipient trust`` and ``treem settings`` as a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.handoff_support import office_key, write_certificate
from treem_desktop.handoff.receipt import Receipt, make_receipt, receipt_file_name, received_now
from treem_desktop.signing.keys import fingerprint

pytestmark = pytest.mark.integration
SETUP = ["setup", "--province", "11", "--commune", "03325", "--category", "con-lai",
         "--recipient-email", "syt.dienbien@example.com"]  # fmt: skip


def treem(
    data_dir: Path, *args: str, stdin: str | None = None, home: Path | None = None
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("TREEM_HOME", "TREEM_LANG")}
    if home is not None:  # a credential store in a file, for the password tests
        env["PYTHON_KEYRING_BACKEND"] = "keyrings.alt.file.PlaintextKeyring"
        env["XDG_DATA_HOME"] = str(home)
    return subprocess.run(
        [sys.executable, "-m", "treem_desktop", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        env=env,
        input=stdin,
        stdin=None if stdin is not None else subprocess.DEVNULL,
        timeout=90,
    )


@pytest.fixture
def commune_with_packet(tmp_path: Path) -> Path:
    data = tmp_path / "xa"
    assert treem(data, *SETUP).returncode == 0
    inputs = tmp_path / "in.json"
    inputs.write_text('{"c6.a.numerator": 19, "c6.a": {"denominator": 20}}', encoding="utf-8")
    assert treem(data, "eval", "import", "2026", str(inputs)).returncode == 0
    built = treem(data, "packet", "build", "--kind", "evaluation", "--period", "2026",
                  "--out", str(tmp_path / "built"))  # fmt: skip
    assert built.returncode == 0, built.stderr
    return data


def listed(data: Path) -> list[dict[str, object]]:
    done = treem(data, "outbox", "list", "--json")
    assert done.returncode == 0, done.stderr
    packets: list[dict[str, object]] = json.loads(done.stdout)["packets"]
    return packets


def test_a_built_packet_goes_by_usb_and_a_receipt_acknowledges_it(
    commune_with_packet: Path, tmp_path: Path
) -> None:
    data = commune_with_packet
    [packet] = listed(data)
    assert (packet["state"], packet["file_in_outbox"]) == ("built", True)
    stick = tmp_path / "KINGSTON"
    stick.mkdir()
    sent = treem(data, "outbox", "send", "--via", f"usb:{stick}")
    assert sent.returncode == 0, sent.stderr
    assert (stick / str(packet["file_name"])).is_file()
    assert listed(data)[0]["state"] == "sent"
    assert "Đã gửi" in treem(data, "outbox", "list").stdout

    certificate, key = office_key()
    pem = write_certificate(certificate, tmp_path / "office.pem")
    wrong = treem(data, "recipient", "trust", str(pem), "--fingerprint", "AB" * 32)
    assert wrong.returncode == 1
    right = treem(data, "recipient", "trust", str(pem), "--fingerprint", fingerprint(certificate))
    assert right.returncode == 0, right.stderr

    receipt = Receipt(
        str(packet["packet_id"]), str(packet["sha256"]), str(packet["file_name"]), "03325",
        1, received_now(), "Sở Y tế tỉnh Điện Biên",
    )  # fmt: skip
    forged = tmp_path / "forged" / receipt_file_name(receipt.packet_file_name)
    forged.parent.mkdir()
    forged.write_bytes(make_receipt(receipt, *office_key()))
    refused = treem(data, "outbox", "receipt", str(forged), "--json")
    assert refused.returncode == 3
    assert json.loads(refused.stdout)["receipts"][0]["error"]["code"] == "RECEIPT_UNTRUSTED"
    good = tmp_path / receipt_file_name(receipt.packet_file_name)
    good.write_bytes(make_receipt(receipt, certificate, key))
    accepted = treem(data, "outbox", "receipt", str(good))
    assert accepted.returncode == 0, accepted.stderr
    [final] = listed(data)
    assert final["state"] == "acknowledged"
    history = final["history"]
    assert isinstance(history, list)
    actions = [a["action"] for a in history]
    assert actions == ["kept", "sent", "acknowledged"]


def test_a_missing_stick_and_a_bad_route_are_user_errors(
    commune_with_packet: Path, tmp_path: Path
) -> None:
    missing = treem(commune_with_packet, "outbox", "send", "--via", f"usb:{tmp_path / 'E'}")
    assert missing.returncode == 1
    assert "USB" in missing.stdout
    assert listed(commune_with_packet)[0]["state"] == "failed"
    bad = treem(commune_with_packet, "outbox", "send", "--via", "pigeon")
    assert bad.returncode == 1 and "pigeon" in bad.stderr


def test_settings_are_checked_and_the_password_goes_to_the_credential_store(
    tmp_path: Path,
) -> None:
    data = tmp_path / "xa"
    assert treem(data, *SETUP).returncode == 0
    home = tmp_path / "home"
    assert treem(data, "settings", "set", "mail.port", "cổng").returncode == 1
    assert treem(data, "settings", "set", "mail.host", "smtp.example.com").returncode == 0
    secret = treem(data, "settings", "set", "mail.password", stdin="mật-khẩu\n", home=home)
    assert secret.returncode == 0, secret.stderr
    assert "mật-khẩu" not in secret.stdout
    shown = json.loads(treem(data, "settings", "show", "--json", home=home).stdout)
    assert shown["mail.host"] == "smtp.example.com"
    assert shown["mail.password"] == "***"
    assert shown["language"] == "vi"
    assert treem(data, "settings", "set", "language", "en").returncode == 0
    assert json.loads(treem(data, "settings", "show", "--json").stdout)["language"] == "en"
    assert b"m\xe1\xba\xadt-kh\xe1\xba\xa9u" not in (data / "treem.sqlite3").read_bytes()


def test_openssl_verifies_a_receipt_signature(tmp_path: Path) -> None:
    import zipfile

    certificate, key = office_key()
    receipt = Receipt("0b0e5a5e-8d0c-4b8c-9a53-3f3c2f1e8a11", "a" * 64,
                      "TREEM_03325_evaluation_2026_0001.zip", "03325", 1, received_now(),
                      "Sở Y tế tỉnh Điện Biên")  # fmt: skip
    path = tmp_path / receipt_file_name(receipt.packet_file_name)
    path.write_bytes(make_receipt(receipt, certificate, key))
    with zipfile.ZipFile(path) as archive:
        assert archive.namelist() == ["receipt.json", "receipt.json.p7s", "signer.pem"]
        archive.extractall(tmp_path / "x")
    x = tmp_path / "x"
    done = subprocess.run(
        ["openssl", "cms", "-verify", "-binary", "-inform", "DER",
         "-in", str(x / "receipt.json.p7s"), "-content", str(x / "receipt.json"),
         "-CAfile", str(x / "signer.pem"), "-purpose", "any", "-out", os.devnull],
        capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
