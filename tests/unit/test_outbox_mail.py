"""E-mail against a real SMTP server on loopback (aiosmtpd): the attachment arrives byte for
byte; with the server down the packet stays queued; when it is back it is sent exactly once."""

from __future__ import annotations

import email
from collections.abc import Iterator
from email import policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from tests.handoff_support import (
    Inbox,
    add_packets,
    attachment,
    configure_mail,
    free_port,
    memory_keyring,
)
from treem_desktop.commune.handoff_settings import set_handoff_setting
from treem_desktop.commune.outbox import (
    Route,
    entries,
    packet_file,
    save_eml,
    send,
    send_queued,
    send_queued_if_online,
)
from treem_desktop.commune.workspace import Workspace
from treem_desktop.storage.outbox_repo import history

__all__ = ["memory_keyring"]


class SmtpServer:
    def __init__(self, port: int) -> None:
        self.inbox = Inbox()
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=port)

    def start(self) -> None:
        self.controller.start()

    def stop(self) -> None:
        self.controller.stop()


@pytest.fixture
def port() -> int:
    return free_port()


@pytest.fixture
def smtp(port: int) -> Iterator[SmtpServer]:
    server = SmtpServer(port)
    yield server
    if server.controller._thread is not None:  # noqa: SLF001 - stopped once only
        server.stop()


def test_a_queued_packet_arrives_byte_for_byte_with_a_vietnamese_subject(
    workspace: Workspace, smtp: SmtpServer, port: int
) -> None:
    [packet] = add_packets(workspace, 1, size=200_000)
    configure_mail(workspace, port)
    smtp.start()
    [outcome] = send(workspace, Route.parse("email"))
    assert outcome.error is None, outcome.error
    [message] = smtp.inbox.messages
    name, data = attachment(message)
    assert name == packet.file_name
    assert data == packet_file(workspace, packet).read_bytes()
    assert message["To"] == "syt.dienbien@example.com"
    assert "Xã Mường Phăng" in message["Subject"] and "2026" in message["Subject"]
    assert "đánh giá" in message["Subject"]
    [entry] = entries(workspace)
    assert (entry.state, entry.route, entry.destination) == (
        "sent",
        "email",
        "syt.dienbien@example.com",
    )


def test_with_the_server_down_it_stays_queued_then_goes_exactly_once(
    workspace: Workspace, smtp: SmtpServer, port: int
) -> None:
    first, second = add_packets(workspace, 2)
    configure_mail(workspace, port)
    outcomes = send(workspace, Route.parse("email"))  # nothing listens on the port yet
    assert [o.state for o in outcomes] == ["queued", "queued"]
    assert {o.error.code for o in outcomes if o.error} == {"MAIL_OFFLINE"}
    assert {e.state for e in entries(workspace)} == {"queued"}
    smtp.start()
    again = send_queued(workspace)
    assert [(o.sequence, o.state) for o in again] == [
        (first.sequence, "sent"),
        (second.sequence, "sent"),
    ]
    assert send_queued(workspace) == []  # nothing left: never sent twice
    assert sorted(attachment(m)[0] for m in smtp.inbox.messages) == [
        first.file_name,
        second.file_name,
    ]
    actions = [a.action for a in history(workspace.conn, first.sequence)]
    assert actions == ["kept", "queued", "failed", "sent"]


def test_the_password_comes_from_the_credential_store_and_is_not_kept_elsewhere(
    workspace: Workspace, memory_keyring: Any
) -> None:
    set_handoff_setting(workspace, "mail.password", "mật-khẩu-bí-mật")
    assert list(memory_keyring.secrets.values()) == ["mật-khẩu-bí-mật"]
    dump = "\n".join(workspace.conn.iterdump())
    assert "mật-khẩu-bí-mật" not in dump


def test_a_packet_larger_than_the_mail_limit_is_sent_with_a_warning(
    workspace: Workspace, smtp: SmtpServer, port: int
) -> None:
    add_packets(workspace, 1, size=1_200_000)
    configure_mail(workspace, port)
    set_handoff_setting(workspace, "mail.limit_mb", "1")
    smtp.start()
    [outcome] = send(workspace, Route.parse("email"))
    assert outcome.state == "sent"
    assert outcome.warnings == ["MAIL_LARGER_THAN_LIMIT"]


def test_save_as_eml_holds_the_packet_and_changes_no_state(
    workspace: Workspace, tmp_path: Path
) -> None:
    [packet] = add_packets(workspace, 1)
    set_handoff_setting(workspace, "mail.from", "xa.muongphang@example.com")
    target = save_eml(workspace, packet.sequence, tmp_path)
    message = email.message_from_bytes(target.read_bytes(), policy=policy.default)
    assert isinstance(message, EmailMessage)
    assert attachment(message)[1] == packet_file(workspace, packet).read_bytes()
    assert entries(workspace)[0].state == "built"
    assert history(workspace.conn, packet.sequence)[-1].action == "saved_eml"


def test_the_online_check_sends_queued_packets_only_when_the_server_answers(
    workspace: Workspace, smtp: SmtpServer, port: int
) -> None:
    [packet] = add_packets(workspace, 1)
    configure_mail(workspace, port)
    send(workspace, Route.parse("email"))
    attempts = len(history(workspace.conn, packet.sequence))
    assert send_queued_if_online(workspace) == []  # one TCP check, no send attempt
    assert len(history(workspace.conn, packet.sequence)) == attempts
    smtp.start()
    [outcome] = send_queued_if_online(workspace)
    assert outcome.state == "sent" and len(smtp.inbox.messages) == 1
    assert send_queued_if_online(workspace) == []
