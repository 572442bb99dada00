"""Upload against a real WebDAV server on loopback (wsgidav on cheroot), reached through a
small TCP relay that can cut the connection in the middle of an upload."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.handoff_support import (
    MemoryKeyring,
    add_packets,
    free_port,
    memory_keyring,
    webdav_share,
)
from treem_desktop.commune.handoff_settings import set_handoff_setting
from treem_desktop.commune.outbox import Route, entries, packet_file, send, send_queued
from treem_desktop.commune.workspace import Workspace
from treem_desktop.handoff import webdav
from treem_desktop.storage.outbox_repo import history

__all__ = ["memory_keyring"]


@pytest.fixture
def dav_root(tmp_path: Path) -> Path:
    root = tmp_path / "office-share"
    root.mkdir()
    return root


@pytest.fixture
def dav_port(dav_root: Path) -> Iterator[int]:
    with webdav_share(dav_root, free_port()) as port:
        yield port


class CuttingRelay:
    """Forwards loopback TCP to the server; closes a connection once ``cut_after`` bytes of
    request have passed, for the next ``cuts`` connections that get that far."""

    def __init__(self, target: int, cut_after: int) -> None:
        self.target = target
        self.cut_after = cut_after
        self.cuts = 0
        self.cut_done = 0
        self.forwarded = bytearray()  # every request byte that reached the server
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(("127.0.0.1", self.target))
            threading.Thread(target=self._pump_up, args=(client, upstream), daemon=True).start()
            threading.Thread(target=self._pump_down, args=(upstream, client), daemon=True).start()

    def _pump_up(self, client: socket.socket, upstream: socket.socket) -> None:
        passed = 0
        try:
            while data := client.recv(65536):
                passed += len(data)
                if self.cuts > 0 and passed > self.cut_after:
                    self.cuts -= 1
                    self.cut_done += 1
                    break
                upstream.sendall(data)
                self.forwarded += data
        except OSError:
            pass
        for end in (client, upstream):
            end.close()

    def _pump_down(self, upstream: socket.socket, client: socket.socket) -> None:
        try:
            while data := upstream.recv(65536):
                client.sendall(data)
        except OSError:
            pass

    def requests(self, method: str, name: str) -> int:
        """How many ``method`` requests for the member ``name`` reached the server."""
        line = f"{method} /xa-muong-phang/{name} HTTP/".encode()
        return bytes(self.forwarded).count(line)

    def close(self) -> None:
        self.listener.close()


@pytest.fixture
def relay(dav_port: int) -> Iterator[CuttingRelay]:
    made = CuttingRelay(dav_port, cut_after=100_000)
    yield made
    made.close()


@pytest.fixture(autouse=True)
def quick_retries(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(webdav, "BACKOFF_S", 0.0)


def configure(workspace: Workspace, port: int) -> None:
    set_handoff_setting(workspace, "upload.url", f"http://127.0.0.1:{port}/xa-muong-phang/")


def test_an_upload_arrives_byte_for_byte_with_its_hash_beside_it(
    workspace: Workspace, dav_root: Path, dav_port: int
) -> None:
    (dav_root / "xa-muong-phang").mkdir()
    [packet] = add_packets(workspace, 1, size=300_000)
    configure(workspace, dav_port)
    [outcome] = send(workspace, Route.parse("upload"))
    assert outcome.error is None and outcome.delivered
    folder = dav_root / "xa-muong-phang"
    assert (folder / packet.file_name).read_bytes() == packet_file(workspace, packet).read_bytes()
    assert (folder / (packet.file_name + ".sha256")).read_text().split()[0] == packet.sha256
    assert sorted(p.name for p in folder.iterdir()) == [
        packet.file_name,
        packet.file_name + ".sha256",
    ]
    assert entries(workspace)[0].state == "sent"


def test_a_packet_already_on_the_server_is_not_sent_again(
    workspace: Workspace, dav_root: Path, dav_port: int
) -> None:
    (dav_root / "xa-muong-phang").mkdir()
    [packet] = add_packets(workspace, 1)
    configure(workspace, dav_port)
    send(workspace, Route.parse("upload"))
    stamp = (dav_root / "xa-muong-phang" / packet.file_name).stat().st_mtime_ns
    [again] = send(workspace, Route.parse("upload"), [packet.sequence])
    assert again.state == "sent" and not again.delivered
    assert (dav_root / "xa-muong-phang" / packet.file_name).stat().st_mtime_ns == stamp
    assert [a.action for a in history(workspace.conn, packet.sequence)][-1] == "already_there"


def test_a_connection_cut_mid_upload_is_retried_and_leaves_one_copy(
    workspace: Workspace, dav_root: Path, relay: CuttingRelay
) -> None:
    (dav_root / "xa-muong-phang").mkdir()
    [packet] = add_packets(workspace, 1, size=600_000)
    configure(workspace, relay.port)
    relay.cuts = 1
    [outcome] = send(workspace, Route.parse("upload"))
    assert relay.cut_done == 1
    assert outcome.error is None and outcome.state == "sent"
    assert relay.requests("MOVE", packet.file_name + ".part") == 1  # put in place once
    folder = dav_root / "xa-muong-phang"
    assert (folder / packet.file_name).read_bytes() == packet_file(workspace, packet).read_bytes()
    assert sorted(p.name for p in folder.iterdir()) == [
        packet.file_name,
        packet.file_name + ".sha256",
    ]


def test_cut_every_time_it_stays_queued_then_goes_once_the_line_is_back(
    workspace: Workspace, dav_root: Path, relay: CuttingRelay
) -> None:
    (dav_root / "xa-muong-phang").mkdir()
    [packet] = add_packets(workspace, 1, size=600_000)
    configure(workspace, relay.port)
    relay.cuts = webdav.RETRIES
    [outcome] = send(workspace, Route.parse("upload"))
    assert outcome.error is not None and outcome.error.code == "UPLOAD_OFFLINE"
    assert outcome.state == "queued" and entries(workspace)[0].state == "queued"
    folder = dav_root / "xa-muong-phang"
    assert not (folder / packet.file_name).exists()
    [later] = send_queued(workspace)
    assert later.state == "sent"
    assert (folder / packet.file_name).read_bytes() == packet_file(workspace, packet).read_bytes()
    assert [p.name for p in folder.iterdir() if p.name.endswith(".zip")] == [packet.file_name]
    assert send_queued(workspace) == []
    assert relay.requests("PUT", packet.file_name + ".part") == webdav.RETRIES + 1
    assert relay.requests("MOVE", packet.file_name + ".part") == 1  # exactly one arrival


def test_with_no_server_the_packets_stay_queued(workspace: Workspace) -> None:
    add_packets(workspace, 2)
    configure(workspace, free_port())
    outcomes = send(workspace, Route.parse("upload"))
    assert [o.state for o in outcomes] == ["queued", "queued"]
    assert {e.state for e in entries(workspace)} == {"queued"}


@pytest.fixture
def locked_dav(dav_root: Path) -> Iterator[int]:
    with webdav_share(dav_root, free_port(), users={"xa03325": "mật-khẩu"}) as port:
        yield port


def test_the_upload_password_comes_from_the_credential_store(
    workspace: Workspace, dav_root: Path, locked_dav: int, memory_keyring: MemoryKeyring
) -> None:
    [packet] = add_packets(workspace, 1)
    configure(workspace, locked_dav)
    set_handoff_setting(workspace, "upload.user", "xa03325")
    set_handoff_setting(workspace, "upload.password", "sai")
    [refused] = send(workspace, Route.parse("upload"))
    assert refused.error is not None and refused.error.code == "UPLOAD_AUTH_FAILED"
    assert refused.state == "failed"
    set_handoff_setting(workspace, "upload.password", "mật-khẩu")
    [outcome] = send(workspace, Route.parse("upload"))
    assert outcome.error is None and outcome.state == "sent"
    assert (dav_root / "xa-muong-phang" / packet.file_name).is_file()  # folder made with MKCOL
    assert "mật-khẩu" not in "\n".join(workspace.conn.iterdump())


def test_the_size_is_read_with_propfind_when_head_has_no_length(
    dav_root: Path, dav_port: int
) -> None:
    import httpx

    (dav_root / "a.zip").write_bytes(b"x" * 1234)
    with httpx.Client() as client:
        url = webdav.member_url(f"http://127.0.0.1:{dav_port}/", "a.zip")
        assert webdav._propfind_size(client, url) == 1234
        assert webdav._propfind_size(client, url + "-none") is None


def test_with_the_server_down_it_stays_queued_then_goes_exactly_once(
    workspace: Workspace, dav_root: Path
) -> None:
    first, second = add_packets(workspace, 2)
    port = free_port()
    configure(workspace, port)  # nothing listens there yet
    outcomes = send(workspace, Route.parse("upload"))
    assert [o.state for o in outcomes] == ["queued", "queued"]
    with webdav_share(dav_root, port):
        later = send_queued(workspace)
        assert [(o.sequence, o.state) for o in later] == [
            (first.sequence, "sent"),
            (second.sequence, "sent"),
        ]
        assert send_queued(workspace) == []  # nothing left: never sent twice
    folder = dav_root / "xa-muong-phang"
    for packet in (first, second):
        assert (folder / packet.file_name).read_bytes() == packet_file(
            workspace, packet
        ).read_bytes()
    assert sorted(p.name for p in folder.iterdir() if p.suffix == ".zip") == sorted(
        [first.file_name, second.file_name]
    )
