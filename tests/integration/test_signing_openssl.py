"""Treem's detached signatures as the receiving office's OpenSSL sees them (issue 6, must show 1).

OpenSSL is required: without it these tests fail rather than skip.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

from treem_desktop.signing.cms import sign_detached, verify_detached
from treem_desktop.signing.keys import (
    CommuneIdentity,
    PrivateKey,
    generate_key,
    self_signed_certificate,
)

pytestmark = pytest.mark.integration
MUONG_PHANG = CommuneIdentity("03199", "Xã Mường Phăng", "11", "Tỉnh Điện Biên")
CONTENT = '{"format": 1, "xã": "Mường Phăng", "kỳ": "2025"}\n'.encode()


def openssl() -> str:
    path = shutil.which("openssl")
    assert path is not None, "the openssl command is required for these tests"
    return path


def pem(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(serialization.Encoding.PEM)


def openssl_verify(
    tmp_path: Path, content: bytes, signature: bytes, ca_file: bytes
) -> subprocess.CompletedProcess[str]:
    (tmp_path / "manifest.json").write_bytes(content)
    (tmp_path / "manifest.json.p7s").write_bytes(signature)
    (tmp_path / "cert.pem").write_bytes(ca_file)
    command = [
        openssl(),
        "cms",
        "-verify",
        "-binary",
        "-inform",
        "DER",
        "-in",
        str(tmp_path / "manifest.json.p7s"),
        "-content",
        str(tmp_path / "manifest.json"),
        "-CAfile",
        str(tmp_path / "cert.pem"),
        "-purpose",
        "any",
        "-out",
        str(tmp_path / "verified.out"),
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)


def ec_signer() -> tuple[x509.Certificate, PrivateKey]:
    key = generate_key()
    return self_signed_certificate(key, MUONG_PHANG), key


def rsa_signer() -> tuple[x509.Certificate, PrivateKey]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return self_signed_certificate(key, MUONG_PHANG), key


@pytest.mark.parametrize("make_signer", [ec_signer, rsa_signer], ids=["ec-p256", "rsa-2048"])
def test_openssl_verifies_a_treem_signature(
    tmp_path: Path, make_signer: Callable[[], tuple[x509.Certificate, PrivateKey]]
) -> None:
    cert, key = make_signer()
    signature = sign_detached(CONTENT, cert, key)
    done = openssl_verify(tmp_path, CONTENT, signature, pem(cert))
    assert done.returncode == 0, done.stderr
    assert "Verification successful" in done.stderr
    assert (tmp_path / "verified.out").read_bytes() == CONTENT
    assert verify_detached(CONTENT, signature, [cert]).signer == cert


def test_openssl_refuses_tampered_content(tmp_path: Path) -> None:
    cert, key = ec_signer()
    signature = sign_detached(CONTENT, cert, key)
    tampered = CONTENT.replace(b"2025", b"2026")
    done = openssl_verify(tmp_path, tampered, signature, pem(cert))
    assert done.returncode != 0
    assert "Verification successful" not in done.stderr


def test_openssl_refuses_a_signer_it_does_not_trust(tmp_path: Path) -> None:
    _, key = ec_signer()
    cert = self_signed_certificate(key, MUONG_PHANG)
    stranger, _ = ec_signer()
    done = openssl_verify(tmp_path, CONTENT, sign_detached(CONTENT, cert, key), pem(stranger))
    assert done.returncode != 0


def test_openssl_verifies_a_certificate_issued_by_a_ca(tmp_path: Path) -> None:
    ca_key = generate_key()
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Cục Chứng thực Thử nghiệm")])
    now = dt.datetime.now(dt.UTC)
    ca = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .sign(ca_key, hashes.SHA256())
    )
    key = generate_key()
    leaf = (
        x509.CertificateBuilder()
        .subject_name(self_signed_certificate(key, MUONG_PHANG).subject)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .sign(ca_key, hashes.SHA256())
    )
    signature = sign_detached(CONTENT, leaf, key)
    done = openssl_verify(tmp_path, CONTENT, signature, pem(ca))
    assert done.returncode == 0, done.stderr
    assert verify_detached(CONTENT, signature, [ca]).anchor == ca
