"""A key replacement cut short at every step (a power cut runs no clean-up): afterwards the key
and certificate in use always belong together — the old pair with no statement, or the new pair
with its statement — and the commune can sign."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from treem_desktop.commune import key_replace, key_settle
from treem_desktop.commune.commune_key import (
    KeyFiles,
    ensure_commune_key,
    load_certificate,
    unlock_key,
)
from treem_desktop.commune.key_history import history_dir
from treem_desktop.commune.workspace import Workspace
from treem_desktop.errors import TreemError
from treem_desktop.signing.keys import fingerprint

OLD, NEW = b"mat khau cu 2026", b"mat khau moi 2026"
STEPS = 6  # pending key, pending certificate, signature, statement, rename key, rename cert


class PowerCut(BaseException):
    """Not an Exception: no ``except`` clean-up runs, as when the power goes."""


def counting(original: Callable[..., Any], cut_at: int, done: list[int]) -> Callable[..., Any]:
    def step(*args: Any, **kwargs: Any) -> Any:
        done.append(1)
        if len(done) == cut_at:
            raise PowerCut
        return original(*args, **kwargs)

    return step


@pytest.mark.parametrize("cut_at", range(1, STEPS + 2))
def test_a_replacement_cut_at_any_step_leaves_a_usable_matching_pair(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch, cut_at: int
) -> None:
    files = KeyFiles.in_data_dir(workspace.data_dir.path)
    profile = workspace.require_profile()
    ensure_commune_key(files, profile, OLD)
    old = fingerprint(load_certificate(files))
    done: list[int] = []
    monkeypatch.setattr(
        key_replace, "save_new_key", counting(key_replace.save_new_key, cut_at, done)
    )
    monkeypatch.setattr(
        key_replace, "write_verified", counting(key_replace.write_verified, cut_at, done)
    )
    monkeypatch.setattr(key_settle, "rename", counting(key_settle.rename, cut_at, done))
    try:
        key_replace.replace_key(files, profile, OLD, NEW, "", dt.datetime(2026, 5, 1, 9, 0))
        finished = True
    except PowerCut:
        finished = False
    monkeypatch.undo()  # the computer starts again

    assert finished is (cut_at > STEPS)
    statements = list(history_dir(files).glob("*-key-change.json"))
    certificate = load_certificate(files)  # settles a cut-short replacement
    assert not any(p.name.endswith(".pending") for p in files.folder.iterdir())
    if statements:  # committed: the new pair, opened with the new passphrase
        assert fingerprint(certificate) != old
        unlock_key(files, NEW)
        with pytest.raises(TreemError):
            unlock_key(files, OLD)
    else:  # not committed: the old pair, untouched
        assert fingerprint(certificate) == old
        unlock_key(files, OLD)
    assert (cut_at > 4) is bool(statements)  # writing the statement (step 4) is the commit
