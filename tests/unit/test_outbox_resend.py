"""The outbox's edges: a re-send never makes a delivered packet "queued" or "failed"; a stick
that is really the data folder is refused; the mail server's size limit and its "try later";
an upload share that keeps its temporary file; packets from before the outbox existed."""

from __future__ import annotations

import errno
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from tests.handoff_support import (
    Inbox,
    add_packets,
    configure_mail,
    free_port,
    memory_keyring,
    webdav_share,
)
from treem_desktop.commune.handoff_settings import on_this_computer, set_handoff_setting
from treem_desktop.commune.outbox import (
    Route,
    entries,
    from_before_the_outbox,
    outbox_folder,
    send,
    send_queued,
)
from treem_desktop.commune.outbox_text import nothing_sent, outcome_line
from treem_desktop.commune.workspace import Workspace
from treem_desktop.errors import TreemError
from treem_desktop.handoff import usb, webdav
from treem_desktop.storage.outbox_repo import entry, history

__all__ = ["memory_keyring"]


class Mailroom:
    """A real SMTP server on loopback whose answer to DATA can be changed."""

    def __init__(self, port: int, **options: Any) -> None:
        self.inbox = Inbox()
        self.answer = ""
        self.goodbye = "221 Bye"
        self.controller = Controller(self, hostname="127.0.0.1", port=port, **options)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        if self.answer:
            return self.answer
        return await self.inbox.handle_DATA(server, session, envelope)

    async def handle_QUIT(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        return self.goodbye


@pytest.fixture
def mail_port() -> int:
    return free_port()


@pytest.fixture
def mailroom(mail_port: int) -> Iterator[Mailroom]:
    room = Mailroom(mail_port, data_size_limit=60_000)
    room.controller.start()
    yield room
    room.controller.stop()


def stick(tmp_path: Path) -> Path:
    folder = tmp_path / "USB"
    folder.mkdir(exist_ok=True)
    return folder


def test_the_outbox_folder_itself_is_not_a_stick(workspace: Workspace) -> None:
    [packet] = add_packets(workspace, 1)
    with pytest.raises(TreemError) as raised:
        send(workspace, Route.parse(f"usb:{outbox_folder(workspace)}"))
    assert raised.value.code == "USB_BUILD_FOLDER"
    assert entries(workspace)[0].state == "built"
    assert [a.action for a in history(workspace.conn, packet.sequence)] == ["kept"]


def test_a_folder_inside_the_data_folder_is_not_a_stick(workspace: Workspace) -> None:
    add_packets(workspace, 1)
    inside = workspace.data_dir.path / "sao-luu"
    inside.mkdir()
    with pytest.raises(TreemError) as raised:
        send(workspace, Route.parse(f"usb:{inside}"))
    assert raised.value.code == "USB_INSIDE_DATA_FOLDER"
    assert "USB" in raised.value.message() and list(inside.iterdir()) == []


def test_a_file_held_open_by_another_program_says_so_and_leaves_nothing(
    workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    [packet] = add_packets(workspace, 1)
    target = stick(tmp_path)

    def busy(source: Any, destination: Any) -> None:
        raise OSError(errno.EBUSY, os.strerror(errno.EBUSY))

    monkeypatch.setattr(usb.os, "replace", busy)
    [outcome] = send(workspace, Route.parse(f"usb:{target}"))
    assert outcome.error is not None and outcome.error.code == "USB_IN_USE"
    assert list(target.iterdir()) == []  # neither the packet nor its .part
    assert entries(workspace)[0].state == "failed"


def test_a_windows_sharing_violation_is_a_file_in_use() -> None:
    error = OSError(errno.EACCES, "The process cannot access the file")
    error.winerror = 32  # type: ignore[attr-defined]
    assert usb._usb_error(error, Path("E:/")).code == "USB_IN_USE"
    assert usb._usb_error(OSError(errno.EACCES, "denied"), Path("E:/")).code == "USB_READ_ONLY"


def test_a_resend_with_the_server_down_leaves_a_delivered_packet_sent(
    workspace: Workspace, tmp_path: Path, mail_port: int
) -> None:
    [packet] = add_packets(workspace, 1)
    [by_stick] = send(workspace, Route.parse(f"usb:{stick(tmp_path)}"))
    assert by_stick.state == "sent"
    before = entry(workspace.conn, packet.sequence)
    assert before is not None
    configure_mail(workspace, mail_port)  # nothing listens there
    [again] = send(workspace, Route.parse("email"), [packet.sequence])
    assert again.error is not None and again.error.code == "OUTBOX_RESEND_OFFLINE"
    assert again.state == "sent"
    after = entry(workspace.conn, packet.sequence)
    assert after is not None
    assert (after.state, after.route, after.destination, after.sent_at) == (
        "sent",
        "usb",
        before.destination,
        before.sent_at,
    )
    assert send_queued(workspace) == []  # not left to go by itself later
    assert [a.action for a in history(workspace.conn, packet.sequence)][-1] == "failed"


def test_a_stick_that_fails_keeps_a_packet_queued_for_e_mail_on_its_route(
    workspace: Workspace,
    tmp_path: Path,
    mail_port: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    [packet] = add_packets(workspace, 1)
    configure_mail(workspace, mail_port)
    [queued] = send(workspace, Route.parse("email"))  # server down: queued for e-mail
    assert queued.state == "queued"
    send(workspace, Route.parse(f"usb:{tmp_path / 'pulled-out'}"))  # no such stick
    kept = entry(workspace.conn, packet.sequence)
    assert kept is not None and (kept.state, kept.route) == ("queued", "email")
    room = Mailroom(mail_port)
    room.controller.start()
    try:
        [sent] = send_queued(workspace)
    finally:
        room.controller.stop()
    assert sent.state == "sent" and len(room.inbox.messages) == 1


def test_a_packet_over_the_servers_size_limit_is_refused_as_too_large(
    workspace: Workspace, mailroom: Mailroom, mail_port: int
) -> None:
    add_packets(workspace, 1, size=200_000)
    configure_mail(workspace, mail_port)
    [outcome] = send(workspace, Route.parse("email"))
    assert outcome.error is not None and outcome.error.code == "MAIL_TOO_LARGE"
    assert outcome.state == "failed"  # not queued: it would never go
    assert "USB" in outcome.error.message()
    assert mailroom.inbox.messages == []


def test_a_try_later_answer_keeps_the_packet_queued_then_it_goes_once(
    workspace: Workspace, mailroom: Mailroom, mail_port: int
) -> None:
    add_packets(workspace, 1)
    configure_mail(workspace, mail_port)
    mailroom.answer = "451 4.3.0 Mailbox busy, try again later"
    [outcome] = send(workspace, Route.parse("email"))
    assert outcome.error is not None and outcome.error.code == "MAIL_OFFLINE"
    assert outcome.state == "queued"
    mailroom.answer = ""
    [later] = send_queued(workspace)
    assert later.state == "sent"
    assert send_queued(workspace) == [] and len(mailroom.inbox.messages) == 1


def test_send_all_leaves_out_packets_from_before_the_outbox(
    workspace: Workspace, tmp_path: Path
) -> None:
    old, new = add_packets(workspace, 2)
    with workspace.conn:  # as migration 7 left them: an entry "built" and no history
        workspace.conn.execute("DELETE FROM outbox_attempt WHERE sequence = ?", (old.sequence,))
    target = stick(tmp_path)
    [outcome] = send(workspace, Route.parse(f"usb:{target}"))
    assert outcome.sequence == new.sequence
    [chosen] = send(workspace, Route.parse(f"usb:{target}"), [old.sequence])
    assert chosen.state == "sent"
    assert sorted(p.name for p in target.iterdir()) == sorted([old.file_name, new.file_name])


class RefusingMethods:
    """WSGI middleware: the share answers ``status`` to the given methods (as some upload
    shares do for MOVE and DELETE)."""

    def __init__(self, app: Callable[..., Any], refused: dict[str, str]) -> None:
        self.app = app
        self.refused = refused

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        status = self.refused.get(environ["REQUEST_METHOD"])
        if status is None:
            return self.app(environ, start_response)
        start_response(status, [("Content-Length", "0")])
        return [b""]


@pytest.fixture
def strict_share(tmp_path: Path) -> Iterator[tuple[int, Path]]:
    root = tmp_path / "share"
    root.mkdir()
    refused = {"MOVE": "405 Method Not Allowed", "DELETE": "403 Forbidden"}
    with webdav_share(root, free_port(), wrap=lambda app: RefusingMethods(app, refused)) as port:
        yield port, root


def test_a_share_that_keeps_the_temporary_file_is_a_warning_not_a_failure(
    workspace: Workspace, strict_share: tuple[int, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    port, root = strict_share
    monkeypatch.setattr(webdav, "BACKOFF_S", 0.01)
    [packet] = add_packets(workspace, 1)
    set_handoff_setting(workspace, "upload.url", f"http://127.0.0.1:{port}/")
    [outcome] = send(workspace, Route.parse("upload"))
    assert outcome.error is None and outcome.state == "sent"
    assert outcome.warnings == ["UPLOAD_PART_LEFT"]
    assert (root / packet.file_name).read_bytes() == (
        outbox_folder(workspace) / packet.file_name
    ).read_bytes()
    assert (root / (packet.file_name + ".part")).is_file()
    assert f"{packet.file_name}.part" in outcome_line(outcome)


def test_nothing_to_send_names_the_packets_left_out(workspace: Workspace) -> None:
    [old] = add_packets(workspace, 1)
    with workspace.conn:
        workspace.conn.execute("DELETE FROM outbox_attempt WHERE sequence = ?", (old.sequence,))
    assert [e.sequence for e in from_before_the_outbox(workspace)] == [old.sequence]
    assert "1" in nothing_sent(1) and nothing_sent(1) != nothing_sent(0)


def test_a_password_is_never_sent_unencrypted_to_another_computer(
    workspace: Workspace, memory_keyring: Any
) -> None:
    add_packets(workspace, 1)
    configure_mail(workspace, 2525)  # security none
    set_handoff_setting(workspace, "mail.host", "192.0.2.10")
    set_handoff_setting(workspace, "mail.user", "xa03325")
    set_handoff_setting(workspace, "mail.password", "mật-khẩu")
    with pytest.raises(TreemError) as mail:
        send(workspace, Route.parse("email"))
    assert mail.value.code == "PASSWORD_UNENCRYPTED"
    set_handoff_setting(workspace, "upload.url", "http://192.0.2.10/dav/")
    set_handoff_setting(workspace, "upload.user", "xa03325")
    set_handoff_setting(workspace, "upload.password", "mật-khẩu")
    with pytest.raises(TreemError) as upload:
        send(workspace, Route.parse("upload"))
    assert upload.value.code == "PASSWORD_UNENCRYPTED"
    assert entries(workspace)[0].state == "built"  # nothing was queued
    assert on_this_computer("127.0.0.1") and on_this_computer("localhost")
    assert on_this_computer("[::1]") and not on_this_computer("mail.gov.vn")


def test_a_port_in_other_digits_is_refused_not_a_crash(workspace: Workspace) -> None:
    with pytest.raises(TreemError) as raised:
        set_handoff_setting(workspace, "mail.port", "²⁵")
    assert raised.value.code == "SETTING_INVALID"


def mail_server_down(
    monkeypatch: pytest.MonkeyPatch, meanwhile: Callable[[Workspace, int], None]
) -> None:
    """E-mail whose server cannot be reached; ``meanwhile(workspace, sequence)`` runs first
    for each packet tried (another thread's work, a count)."""
    from treem_desktop.commune import routes

    def email(ws: Workspace) -> routes.Deliver:
        def deliver(entry: Any, path: Path, warnings: list[str]) -> tuple[bool, str]:
            meanwhile(ws, entry.sequence)
            raise TreemError("MAIL_OFFLINE", host="mail.example", detail="down")

        return deliver

    monkeypatch.setattr(routes, "_email", email)


def test_a_receipt_imported_during_a_send_is_never_overwritten(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The office's receipt arrives (another thread) while a send of the packet is running and
    ends with the server down: the packet stays acknowledged."""
    from treem_desktop.storage.outbox_repo import ACKNOWLEDGED, Change, record

    [packet] = add_packets(workspace, 1)

    def receipt_arrives(ws: Workspace, sequence: int) -> None:
        receipt = Change("acknowledged", "2026-12-06T08:00:00+07:00", state=ACKNOWLEDGED)
        record(ws.conn, sequence, receipt)

    mail_server_down(monkeypatch, receipt_arrives)
    send(workspace, Route.parse("email"))
    after = entry(workspace.conn, packet.sequence)
    assert after is not None and after.state == "acknowledged"
    assert [a.action for a in history(workspace.conn, packet.sequence)][-1] == "failed"


def test_re_sends_with_the_server_down_wait_for_it_once(
    workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    packets = add_packets(workspace, 3)
    send(workspace, Route.parse(f"usb:{stick(tmp_path)}"))
    calls: list[int] = []
    mail_server_down(monkeypatch, lambda _ws, sequence: calls.append(sequence))
    outcomes = send(workspace, Route.parse("email"), [p.sequence for p in packets])
    assert len(calls) == 1  # the first found the server down; the others did not wait again
    assert {o.error.code for o in outcomes if o.error} == {"OUTBOX_RESEND_OFFLINE"}
    assert {e.state for e in entries(workspace)} == {"sent"}


def test_a_server_that_took_the_message_but_not_the_goodbye_gets_it_once(
    workspace: Workspace, mailroom: Mailroom, mail_port: int
) -> None:
    add_packets(workspace, 1)
    configure_mail(workspace, mail_port)
    mailroom.goodbye = "421 Closing, sorry"
    [outcome] = send(workspace, Route.parse("email"))
    assert outcome.error is None and outcome.state == "sent"
    assert send_queued(workspace) == []
    assert len(mailroom.inbox.messages) == 1


def test_an_upload_address_with_a_password_inside_is_refused(workspace: Workspace) -> None:
    with pytest.raises(TreemError) as raised:
        set_handoff_setting(workspace, "upload.url", "http://xa:MatKhau123@files.example.org/")
    assert raised.value.code == "SETTING_INVALID"
    assert "MatKhau123" not in "\n".join(workspace.conn.iterdump())
