"""A send off the window's thread uses its own connection: the window saving a field at the
same moment neither breaks the send's record nor shares its transaction (found in review:
with one shared connection the delivered packet stayed "queued" and went out again)."""

from __future__ import annotations

import threading

import pytest

import treem_desktop.handoff.webdav as webdav
from tests.handoff_support import add_packets, memory_keyring
from treem_desktop.commune.handoff_settings import set_handoff_setting
from treem_desktop.commune.outbox import Route, send, send_queued
from treem_desktop.commune.workspace import Workspace
from treem_desktop.errors import TreemError
from treem_desktop.storage.database import transaction
from treem_desktop.storage.outbox_repo import entry

__all__ = ["memory_keyring"]


def test_a_background_send_and_a_save_in_the_window_at_once(
    workspace: Workspace, memory_keyring: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    [packet] = add_packets(workspace, 1)
    set_handoff_setting(workspace, "upload.url", "http://127.0.0.1:9/treem/")

    def offline(*_args: object, **_kwargs: object) -> bool:
        raise TreemError("UPLOAD_OFFLINE", url="http://127.0.0.1:9/treem/", detail="refused")

    monkeypatch.setattr(webdav, "upload_packet", offline)
    send(workspace, Route("upload"))
    assert state(workspace, packet.sequence) == "queued"

    delivered: list[int] = []
    window_saving = threading.Event()
    saved = threading.Event()

    def deliver(*_args: object, **_kwargs: object) -> bool:
        delivered.append(1)
        window_saving.wait(5)
        return True

    monkeypatch.setattr(webdav, "upload_packet", deliver)

    def window_saves() -> None:  # the officer saves a field while the send is under way
        with transaction(workspace.conn):
            workspace.conn.execute(
                "INSERT INTO app_setting (key, value) VALUES ('x', '1') "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value"
            )
            window_saving.set()
            saved.wait(0.5)

    window = threading.Thread(target=window_saves)
    window.start()
    with workspace.own_connection() as own:
        send_queued(own)  # what the window's retry does, in its worker thread
    saved.set()
    window.join()
    assert len(delivered) == 1
    assert state(workspace, packet.sequence) == "sent"
    assert workspace.conn.execute("SELECT value FROM app_setting WHERE key = 'x'").fetchone()[0]


def state(workspace: Workspace, sequence: int) -> str:
    found = entry(workspace.conn, sequence)
    assert found is not None
    return found.state
