"""E-mail over STARTTLS and SSL with a login, against aiosmtpd on loopback.

The server's certificate is made here for 127.0.0.1 and trusted through ``SSL_CERT_FILE``
(OpenSSL reads it when Treem builds its default context), so the real verification path runs.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import ssl
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from tests.handoff_support import (
    Inbox,
    MemoryKeyring,
    add_packets,
    attachment,
    free_port,
    memory_keyring,
)
from treem_desktop.commune.handoff_settings import set_handoff_setting
from treem_desktop.commune.outbox import Route, packet_file, send
from treem_desktop.commune.workspace import Workspace

__all__ = ["memory_keyring"]
USER, PASSWORD = "xa03325", "mật-khẩu-thư"


def server_certificate(folder: Path) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "smtp.pem", folder / "smtp.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


def authenticator(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> Any:
    ok = isinstance(data, LoginPassword) and (data.login, data.password) == (
        USER.encode(),
        PASSWORD.encode("utf-8"),
    )
    return AuthResult(success=ok, handled=False)


@pytest.fixture
def tls(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ssl.SSLContext:
    cert, key = server_certificate(tmp_path)
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    return context


def serve(inbox: Inbox, port: int, tls: ssl.SSLContext, implicit: bool) -> Controller:
    options: dict[str, Any] = {"ssl_context": tls} if implicit else {"tls_context": tls}
    controller = Controller(
        inbox,
        hostname="127.0.0.1",
        port=port,
        authenticator=authenticator,
        auth_require_tls=not implicit,
        require_starttls=not implicit,
        **options,
    )
    controller.start()
    return controller


@pytest.fixture(params=["starttls", "ssl"])
def secured(
    request: pytest.FixtureRequest, tls: ssl.SSLContext
) -> Iterator[tuple[str, int, Inbox]]:
    port, inbox = free_port(), Inbox()
    controller = serve(inbox, port, tls, implicit=request.param == "ssl")
    yield request.param, port, inbox
    controller.stop()


def test_a_packet_goes_over_tls_with_the_stored_password(
    workspace: Workspace, secured: tuple[str, int, Inbox], memory_keyring: MemoryKeyring
) -> None:
    security, port, inbox = secured
    [packet] = add_packets(workspace, 1)
    for key, value in (
        ("mail.host", "127.0.0.1"),
        ("mail.port", str(port)),
        ("mail.security", security),
        ("mail.user", USER),
        ("mail.from", "xa.muongphang@example.com"),
        ("mail.password", "sai"),
    ):
        set_handoff_setting(workspace, key, value)
    [refused] = send(workspace, Route.parse("email"))
    assert refused.error is not None
    assert refused.error.code == "MAIL_AUTH_FAILED", refused.error.params
    assert refused.state == "failed" and inbox.messages == []
    set_handoff_setting(workspace, "mail.password", PASSWORD)
    [outcome] = send(workspace, Route.parse("email"))
    assert outcome.error is None, outcome.error
    [message] = inbox.messages
    assert attachment(message)[1] == packet_file(workspace, packet).read_bytes()
