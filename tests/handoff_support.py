"""Shared by the outbox tests: signed packets in a commune's log and outbox, the receiving
office's key, a credential store in memory, and free loopback ports."""

from __future__ import annotations

import contextlib
import datetime as dt
import email
import socket
import threading
from collections.abc import Callable, Iterator
from email import policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import keyring
import pytest
from cryptography import x509
from keyring.backend import KeyringBackend

from treem_desktop.commune.commune_key import KeyFiles, ensure_commune_key, unlock_key
from treem_desktop.commune.handoff_settings import set_handoff_setting
from treem_desktop.commune.outbox import keep_packet
from treem_desktop.commune.workspace import Workspace
from treem_desktop.packets.build import PacketContent, build_packet
from treem_desktop.signing.keys import (
    CommuneIdentity,
    PrivateKey,
    generate_key,
    identity_from_certificate,
    self_signed_certificate,
)
from treem_desktop.signing.signers import KeySigner
from treem_desktop.storage import packet_repo
from treem_desktop.storage.outbox_repo import OutboxEntry, entry

OFFICE = CommuneIdentity("11", "Sở Y tế tỉnh Điện Biên", "11", "Điện Biên")


class MemoryKeyring(KeyringBackend):
    """A credential store in memory (the headless test machine has none)."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.secrets.pop((service, username), None)


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    store = MemoryKeyring()
    keyring.set_keyring(store)
    yield store
    keyring.set_keyring(previous)


@contextlib.contextmanager
def webdav_share(
    root: Path,
    port: int,
    users: dict[str, str] | None = None,
    wrap: Callable[[Any], Any] | None = None,
) -> Iterator[int]:
    """A real WebDAV server (wsgidav on cheroot) on loopback ``port`` serving ``root``; with
    ``users`` (name → password) it asks for basic authentication; ``wrap`` wraps the WSGI app
    (a share that refuses some methods). Yields the port; stopped on leaving."""
    from cheroot import wsgi
    from wsgidav.wsgidav_app import WsgiDAVApp  # type: ignore[import-untyped]

    config: dict[str, Any] = {
        "host": "127.0.0.1",
        "port": port,
        "provider_mapping": {"/": str(root)},
        "simple_dc": {"user_mapping": {"*": True}},
        "verbose": 0,
        "logging": {"enable": False},
    }
    if users:
        config["http_authenticator"] = {
            "accept_basic": True,
            "accept_digest": False,
            "default_to_digest": False,
        }
        mapping = {name: {"password": secret} for name, secret in users.items()}
        config["simple_dc"] = {"user_mapping": {"*": mapping}}
    app = WsgiDAVApp(config)
    server = wsgi.Server(
        ("127.0.0.1", port), wrap(app) if wrap else app, timeout=2, shutdown_timeout=1
    )
    server.prepare()
    thread = threading.Thread(target=server.serve, daemon=True)
    thread.start()
    try:
        yield port
    finally:
        server.stop()
        thread.join(5)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def add_packets(workspace: Workspace, count: int, size: int = 3000) -> list[OutboxEntry]:
    """``count`` signed packets built, logged and kept in the outbox, as the app does."""
    files = KeyFiles.in_data_dir(workspace.data_dir.path)
    certificate, _created = ensure_commune_key(files, workspace.require_profile(), None)
    identity = identity_from_certificate(certificate)
    assert identity is not None
    key = unlock_key(files, None)
    made = []
    for _ in range(count):
        sequence, previous = packet_repo.next_sequence(workspace.conn)
        content = PacketContent(
            identity,
            "evaluation",
            "2026",
            sequence,
            {"data.json": b'{"x": 1}', "bang-diem-2026.xlsx": bytes(range(256)) * (size // 256)},
            previous_packet_sha256=previous,
        )
        out = workspace.data_dir.path.parent / "built"
        out.mkdir(exist_ok=True)
        built = build_packet(content, KeySigner(certificate, key), out)
        packet_repo.record_packet(
            workspace.conn,
            packet_repo.PacketRecord(
                sequence, content.packet_id, "evaluation", "2026", built.path.name,
                built.sha256, previous, built.manifest["created"], "AA",
            ),
        )  # fmt: skip
        keep_packet(workspace, built.path)
        found = entry(workspace.conn, sequence)
        assert found is not None
        made.append(found)
    return made


def office_key(identity: CommuneIdentity = OFFICE) -> tuple[x509.Certificate, PrivateKey]:
    key = generate_key()
    return self_signed_certificate(key, identity, 365, now=dt.datetime.now(dt.UTC)), key


def write_certificate(certificate: x509.Certificate, path: Path) -> Path:
    from cryptography.hazmat.primitives import serialization

    path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    return path


class Inbox:
    """An aiosmtpd handler that keeps every message it accepts."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        parsed = email.message_from_bytes(envelope.content, policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        self.messages.append(parsed)
        return "250 OK"


def attachment(message: EmailMessage) -> tuple[str, bytes]:
    [part] = list(message.iter_attachments())
    payload = part.get_payload(decode=True)
    assert isinstance(payload, bytes)
    return str(part.get_filename()), payload


def configure_mail(workspace: Workspace, port: int) -> None:
    set_handoff_setting(workspace, "mail.host", "127.0.0.1")
    set_handoff_setting(workspace, "mail.port", str(port))
    set_handoff_setting(workspace, "mail.security", "none")
    set_handoff_setting(workspace, "mail.from", "xa.muongphang@example.com")
