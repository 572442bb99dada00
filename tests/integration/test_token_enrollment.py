"""A commune that signs with a USB token (SoftHSM2 standing in) makes its enrollment file with
that token: OpenSSL verifies it, the office trusts the token's certificate from it, then accepts
the commune's token-signed packet. A wrong PIN, a token pulled out or a Cancel write nothing."""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import zipfile
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization

from tests.integration.test_receiving_end_to_end import ok, treem
from tests.office_support import opened_office
from tests.softhsm import EC_ID, RSA_ID, SoftToken
from treem_desktop.commune.enrollment import write_enrollment_file
from treem_desktop.commune.packet_service import token_signer
from treem_desktop.commune.workspace import Workspace
from treem_desktop.core.jobs import Job, JobCancelled
from treem_desktop.errors import TreemError
from treem_desktop.handoff.enrollment import (
    Contact,
    Enrollment,
    made_now,
    make_enrollment,
    read_enrollment,
)
from treem_desktop.office.trust import trust_commune, trusted_communes
from treem_desktop.signing.keys import fingerprint
from treem_desktop.signing.signers import TokenSigner
from treem_desktop.signing.token import TokenCertificate, token_certificates
from treem_desktop.storage.settings_repo import get_setting

pytestmark = pytest.mark.integration


def on_token(token: SoftToken, key_id: bytes = EC_ID) -> TokenCertificate:
    return {c.key_id: c for c in token_certificates(token.library)}[key_id.hex()]


def openssl_verifies(folder: Path, path: Path, token: SoftToken) -> None:
    """``openssl cms -verify`` of the enrollment, chained to the token's root through the
    sub-CA the signature carries."""
    with zipfile.ZipFile(path) as archive:
        archive.extractall(folder)
    (folder / "root.pem").write_bytes(token.root.public_bytes(serialization.Encoding.PEM))
    done = subprocess.run(
        ["openssl", "cms", "-verify", "-binary", "-inform", "DER",
         "-in", str(folder / "enrollment.json.p7s"), "-content", str(folder / "enrollment.json"),
         "-CAfile", str(folder / "root.pem"), "-purpose", "any", "-out", os.devnull],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 0 and "Verification successful" in done.stderr, done.stderr


def test_the_token_enrolls_the_commune_and_the_office_then_accepts_its_token_packets(
    tmp_path: Path, soft_token: SoftToken
) -> None:
    commune, office, usb = tmp_path / "03325", tmp_path / "so-y-te", tmp_path / "USB"
    usb.mkdir()
    ok(commune, "setup", "--province", "11", "--commune", "03325", "--category", "con-lai",
       "--officer", "Lò Văn Tâm")  # fmt: skip
    wrong_pin, pin = tmp_path / "sai.txt", tmp_path / "pin.txt"
    wrong_pin.write_text("000000\n")
    pin.write_text(soft_token.pin + "\n")
    token = ["--token-library", str(soft_token.library), "--token-key", EC_ID.hex()]
    enroll = ["key", "enrollment", "--out", str(usb), "--phone", "0912 345 678", *token]

    refused = treem(commune, *enroll, "--pin-file", str(wrong_pin))
    assert refused.returncode != 0 and "Mã PIN" in refused.stderr, refused.stderr
    assert list(usb.iterdir()) == []

    made = ok(commune, *enroll, "--pin-file", str(pin))
    path = Path(made["path"])
    assert path == usb / "dang-ky-03325.treem-dangky" and made["signed_with"] == "token"
    assert made["fingerprint_sha256"] == fingerprint(soft_token.ec_certificate)
    document = json.loads(zipfile.ZipFile(path).read("enrollment.json"))
    assert document["certificate"].encode() == soft_token.ec_certificate.public_bytes(
        serialization.Encoding.PEM
    )
    openssl_verifies(tmp_path / "x", path, soft_token)

    ok(office, "setup", "--receiving", "--province", "11", "--office-name",
       "Sở Y tế tỉnh Điện Biên")  # fmt: skip
    trusted = ok(office, "receive", "trust", str(path), "--fingerprint", made["fingerprint_sha256"])
    assert trusted["contact"] == "Lò Văn Tâm, 0912 345 678"
    inputs = tmp_path / "in.json"
    inputs.write_text(json.dumps({"c6.a.numerator": 19, "c6.a": {"denominator": 20}}))
    assert treem(commune, "eval", "import", "2026", str(inputs)).returncode == 0
    sent = tmp_path / "goi"
    ok(commune, "packet", "build", "--kind", "evaluation", "--period", "2026", "--out", str(sent),
       *token, "--pin-file", str(pin))  # fmt: skip
    imported = ok(office, "receive", "import", str(sent))
    assert imported["counts"]["accepted"] == 1, imported


def test_the_rsa_certificate_enrolls_too_and_is_what_the_file_carries(
    workspace: Workspace, soft_token: SoftToken, tmp_path: Path
) -> None:
    chosen = on_token(soft_token, RSA_ID)
    made = write_enrollment_file(
        workspace, tmp_path, token_signer(workspace, chosen, soft_token.pin), "0912 345 678"
    )
    enrollment = read_enrollment(made.path.read_bytes(), str(made.path))
    assert enrollment.certificate == soft_token.rsa_certificate
    assert made.fingerprint == fingerprint(soft_token.rsa_certificate)
    with opened_office(tmp_path / "office") as office:
        trust_commune(office.conn, office.require_profile(), made.path, made.fingerprint)
        assert [t.commune_code for t in trusted_communes(office.conn)] == ["03325"]


def test_a_wrong_pin_a_pulled_out_token_or_a_cancel_write_nothing(
    workspace: Workspace, soft_token: SoftToken, tmp_path: Path
) -> None:
    chosen = on_token(soft_token)
    usb = tmp_path / "USB"
    usb.mkdir()
    cases = {
        "Mã PIN": TokenSigner(chosen, "000000"),
        "chưa được cắm": TokenSigner(  # read before, pulled out before the file is made
            dataclasses.replace(chosen, token_serial="rut-ra"), soft_token.pin
        ),
    }
    for words, signer in cases.items():
        with pytest.raises(TreemError) as caught:
            write_enrollment_file(workspace, usb, signer, "0912 345 678")
        assert words in caught.value.message()
    cancelled = Job()
    cancelled.cancel()
    with pytest.raises(JobCancelled):  # a wrong PIN never tried: not TOKEN_PIN_WRONG
        write_enrollment_file(workspace, usb, TokenSigner(chosen, "000000"), job=cancelled)
    assert list(usb.iterdir()) == []
    assert get_setting(workspace.conn, "enrollment.phone") is None  # nothing remembered


def test_the_office_refuses_a_token_file_naming_a_commune_its_certificate_does_not(
    soft_token: SoftToken,
) -> None:
    chosen = on_token(soft_token)
    enrollment = Enrollment(
        "03301", "Xã Búng Lao", "11", "Điện Biên", Contact("", "", ""), made_now(),
        chosen.certificate,
    )  # fmt: skip
    data = make_enrollment(enrollment, TokenSigner(chosen, soft_token.pin))
    with pytest.raises(TreemError) as caught:
        read_enrollment(data, "dang-ky-03301.treem-dangky")
    assert caught.value.code == "ENROLLMENT_CERT_OTHER_COMMUNE"
