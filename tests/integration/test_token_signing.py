"""Signing packets with a USB token through PKCS#11, SoftHSM2 standing in (issue 6, must show 3).

The token's keys never leave it; its certificates were issued by a test sub-CA (on the token)
under a test root, the anchor a receiving office keeps. SoftHSM2 and OpenSSL are required.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization

from tests.softhsm import EC_ID, RSA_ID, SoftToken
from treem_desktop.commune import evaluation as ev
from treem_desktop.commune.commune_key import KeyFiles, ensure_commune_key, load_certificate
from treem_desktop.commune.packet_service import (
    build_evaluation_packet,
    key_signer,
    token_signer,
)
from treem_desktop.commune.workspace import Workspace
from treem_desktop.errors import TreemError
from treem_desktop.packets import PacketRejected
from treem_desktop.packets.build import archive_bytes
from treem_desktop.packets.verify import verify_packet, verify_packet_bytes
from treem_desktop.packets.zip_layout import dos_time
from treem_desktop.signing.keys import fingerprint
from treem_desktop.signing.signers import PacketSigner
from treem_desktop.signing.token import TokenCertificate, token_certificates
from treem_desktop.storage.packet_repo import packets

pytestmark = pytest.mark.integration


@pytest.fixture
def token(soft_token: SoftToken, workspace: Workspace) -> SoftToken:
    ev.import_values(workspace, 2026, {"c6.a.numerator": 19, "c6.a.denominator": 20})
    return soft_token


def on_token(token: SoftToken, key_id: bytes) -> TokenCertificate:
    found = {c.key_id: c for c in token_certificates(token.library)}
    return found[key_id.hex()]


def pem(*certificates: x509.Certificate) -> bytes:
    return b"".join(c.public_bytes(serialization.Encoding.PEM) for c in certificates)


def openssl_verify(tmp_path: Path, packet: Path, anchor: x509.Certificate) -> str:
    with zipfile.ZipFile(packet) as archive:
        archive.extract("manifest.json", tmp_path)
        archive.extract("manifest.json.p7s", tmp_path)
    (tmp_path / "root.pem").write_bytes(pem(anchor))
    done = subprocess.run(
        [
            "openssl", "cms", "-verify", "-binary", "-inform", "DER",
            "-in", str(tmp_path / "manifest.json.p7s"),
            "-content", str(tmp_path / "manifest.json"),
            "-CAfile", str(tmp_path / "root.pem"), "-purpose", "any",
            "-out", os.devnull,
        ],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return done.stderr


def test_the_token_lists_its_certificates_with_their_chain(token: SoftToken) -> None:
    found = token_certificates(token.library)
    assert {c.key_id for c in found} == {EC_ID.hex(), RSA_ID.hex()}
    for certificate in found:
        assert certificate.token_label == token.label
        assert certificate.chain == (token.sub_ca,)  # the sub-CA, not listed as a signer
        assert certificate.subject == "Lò Văn Tâm"


@pytest.mark.parametrize("key_id", [EC_ID, RSA_ID], ids=["ec-p256", "rsa-2048"])
def test_a_token_signed_packet_verifies_in_the_app_and_in_openssl(
    workspace: Workspace, token: SoftToken, tmp_path: Path, key_id: bytes
) -> None:
    chosen = on_token(token, key_id)
    built, _ = build_evaluation_packet(
        workspace, 2026, tmp_path / "out", token_signer(workspace, chosen, token.pin)
    )
    verified = verify_packet(built.path, [token.root])
    assert verified.trusted and verified.signer == chosen.certificate
    assert verified.manifest["commune"]["code"] == "03325"
    with zipfile.ZipFile(built.path) as archive:
        assert archive.read("signer.pem") == pem(chosen.certificate, token.sub_ca)
    assert "Verification successful" in openssl_verify(tmp_path, built.path, token.root)
    assert [p.signer_fingerprint for p in packets(workspace.conn)] == [
        fingerprint(chosen.certificate)
    ]


def test_a_token_packet_is_untrusted_without_its_root(
    workspace: Workspace, token: SoftToken, tmp_path: Path
) -> None:
    chosen = on_token(token, EC_ID)
    built, _ = build_evaluation_packet(
        workspace, 2026, tmp_path, token_signer(workspace, chosen, token.pin)
    )
    verify_packet(built.path, None)  # intact and signed by the token
    with pytest.raises(PacketRejected) as refused:
        verify_packet(built.path, [token.rsa_certificate])  # an end-entity, not its issuer
    assert refused.value.code == "CMS_UNTRUSTED"
    assert verify_packet(built.path, [token.sub_ca]).trusted  # a sub-CA may be the anchor too


def test_a_wrong_pin_signs_nothing_and_uses_no_number(
    workspace: Workspace, token: SoftToken, tmp_path: Path
) -> None:
    chosen = on_token(token, EC_ID)
    with pytest.raises(TreemError) as refused:
        build_evaluation_packet(
            workspace, 2026, tmp_path / "out", token_signer(workspace, chosen, "000000")
        )
    assert refused.value.code == "TOKEN_PIN_WRONG"
    assert packets(workspace.conn) == []
    assert not list((tmp_path / "out").glob("*.zip"))


def test_a_missing_library_and_a_file_that_is_not_one_are_refused(tmp_path: Path) -> None:
    with pytest.raises(TreemError) as missing:
        token_certificates(tmp_path / "khong-co.dll")
    assert missing.value.code == "TOKEN_LIBRARY_MISSING"
    fake = tmp_path / "fake.so"
    fake.write_bytes(b"MZ not a library")
    with pytest.raises(TreemError) as unloadable:
        token_certificates(fake)
    assert unloadable.value.code == "TOKEN_LIBRARY_UNLOADABLE"


def treem(data_dir: Path, *args: str, pin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("TREEM_HOME", "TREEM_PIN")}
    if pin is not None:
        env["TREEM_PIN"] = pin
    return subprocess.run(
        [sys.executable, "-m", "treem_desktop", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
        timeout=60,
    )


def test_the_command_line_signs_with_the_token_and_an_office_trusts_its_root(
    token: SoftToken, tmp_path: Path
) -> None:
    commune = tmp_path / "xa"
    setup = ["setup", "--province", "11", "--commune", "03325", "--category", "con-lai"]
    assert treem(commune, *setup).returncode == 0
    values = tmp_path / "values.json"
    values.write_text('{"c6.a.numerator": 19, "c6.a.denominator": 20}', encoding="utf-8")
    assert treem(commune, "eval", "import", "2026", str(values)).returncode == 0
    listed = treem(commune, "token", "list", "--library", str(token.library), "--json")
    assert listed.returncode == 0, listed.stderr
    ids = {c["key_id"] for c in json.loads(listed.stdout)["certificates"]}
    assert ids == {EC_ID.hex(), RSA_ID.hex()}

    build = ["packet", "build", "--kind", "evaluation", "--period", "2026"]
    build += ["--out", str(tmp_path / "out"), "--token-library", str(token.library)]
    ambiguous = treem(commune, *build, "--json", pin=token.pin)
    assert json.loads(ambiguous.stdout)["code"] == "TOKEN_CERTIFICATE_AMBIGUOUS"
    wrong = treem(commune, *build, "--token-key", EC_ID.hex(), "--json", pin="111111")
    assert wrong.returncode == 1 and json.loads(wrong.stdout)["code"] == "TOKEN_PIN_WRONG"
    done = treem(commune, *build, "--token-key", EC_ID.hex(), "--json", pin=token.pin)
    assert done.returncode == 0, done.stdout + done.stderr
    packet = Path(json.loads(done.stdout)["path"])

    office = tmp_path / "office"
    untrusted = treem(office, "packet", "verify", str(packet), "--json")
    assert untrusted.returncode == 0  # intact, signed by the token; not checked against trust
    assert json.loads(untrusted.stdout)["trusted"] is False
    root = tmp_path / "root.pem"
    root.write_bytes(pem(token.root))
    wrong_print = treem(office, "trust", "add", str(root), "--fingerprint", "AB:CD", "--json")
    assert json.loads(wrong_print.stdout)["code"] == "FINGERPRINT_MISMATCH"
    assert not (office / "trust").exists()
    added = treem(office, "trust", "add", str(root), "--fingerprint", fingerprint(token.root))
    assert added.returncode == 0, added.stdout + added.stderr
    trusted = treem(office, "packet", "verify", str(packet), "--json")
    assert trusted.returncode == 0, trusted.stdout
    assert json.loads(trusted.stdout)["trusted"] is True


@pytest.mark.parametrize(
    ("kind", "key_id", "mechanisms"),
    [
        ("ecdsa", EC_ID, ("ECDSA",)),
        # SoftHSM 2.6 has no CKM_ECDSA_SHA256: refused, so the next mechanism is used.
        ("ecdsa", EC_ID, ("ECDSA_SHA256", "ECDSA")),
        ("rsa", RSA_ID, ("RSA_PKCS",)),
        ("rsa", RSA_ID, ("SHA256_RSA_PKCS",)),
    ],
)
def test_every_signing_mechanism_makes_a_signature_that_verifies(
    token: SoftToken,
    monkeypatch: pytest.MonkeyPatch,
    kind: str,
    key_id: bytes,
    mechanisms: tuple[str, ...],
) -> None:
    from treem_desktop.signing import token as token_module
    from treem_desktop.signing.cms import verify_detached

    monkeypatch.setitem(token_module.MECHANISMS, kind, mechanisms)
    chosen = on_token(token, key_id)
    signature = token_module.sign_with_token(chosen, token.pin, b"manifest bytes")
    verified = verify_detached(b"manifest bytes", signature, [token.root])
    assert verified.signer == chosen.certificate and verified.anchor == token.root


def test_a_token_that_takes_no_mechanism_is_refused_plainly(
    token: SoftToken, monkeypatch: pytest.MonkeyPatch
) -> None:
    from treem_desktop.signing import token as token_module

    monkeypatch.setitem(token_module.MECHANISMS, "ecdsa", ("ECDSA_SHA256",))
    with pytest.raises(TreemError) as refused:
        token_module.sign_with_token(on_token(token, EC_ID), token.pin, b"manifest bytes")
    assert refused.value.code == "TOKEN_FAILED"


@pytest.mark.parametrize("signed_by", ["token-ec", "token-rsa", "commune-key"])
def test_no_damage_to_the_signature_or_signer_pem_is_accepted(
    workspace: Workspace, token: SoftToken, tmp_path: Path, signed_by: str
) -> None:
    """Bits 0, 3 and 6 of every byte of the signature and of signer.pem flipped, the ZIP rebuilt
    around them so that the damage reaches the CMS and certificate parsers (the CRC would stop it
    before): each copy refused, none a crash. (Run once with all 8 bits: 65,760 copies, none
    accepted; it found a SignedData version and algorithm parameters that were not checked and
    two crashes in reading damaged certificates, all fixed.)"""
    files = KeyFiles.in_data_dir(workspace.data_dir.path)
    if signed_by == "commune-key":
        ensure_commune_key(files, workspace.require_profile(), None)
        signer: PacketSigner = key_signer(workspace, None)
    else:
        chosen = on_token(token, EC_ID if signed_by == "token-ec" else RSA_ID)
        signer = token_signer(workspace, chosen, token.pin)
    built, _ = build_evaluation_packet(workspace, 2026, tmp_path, signer)
    trusted = [token.root, *([load_certificate(files)] if files.certificate.exists() else [])]
    with zipfile.ZipFile(built.path) as archive:
        members = [(info.filename, archive.read(info)) for info in archive.infolist()]
    stamp = dos_time(dt.datetime.fromisoformat(built.manifest["created"]))
    assert verify_packet_bytes(archive_bytes(members, stamp), trusted).trusted
    tried = 0
    for index, (name, member) in enumerate(members):
        if name not in ("manifest.json.p7s", "signer.pem"):
            continue
        for offset in range(len(member)):
            for bit in (0, 3, 6):
                damaged = bytearray(member)
                damaged[offset] ^= 1 << bit
                copy = list(members)
                copy[index] = (name, bytes(damaged))
                with pytest.raises(PacketRejected):
                    verify_packet_bytes(archive_bytes(copy, stamp), trusted)
                tried += 1
    assert tried > 3 * 1500
