"""Opening a data folder still settles what a kill left (issue 14), now that the packet code is
loaded only when something is left (issue 16)."""

from __future__ import annotations

from treem_desktop.commune import workspace as workspace_module
from treem_desktop.commune.workspace import Workspace, open_workspace
from treem_desktop.paths import DataDirChoice
from treem_desktop.storage import packet_repo


def test_the_reserved_state_is_the_one_the_packet_log_writes() -> None:
    assert workspace_module.RESERVED_STATE == packet_repo.BUILDING


def test_an_outbox_copy_cut_short_is_removed_when_the_folder_opens(
    workspace: Workspace, data_dir: DataDirChoice
) -> None:
    outbox = data_dir.outbox_dir
    outbox.mkdir(parents=True, exist_ok=True)
    cut_short = outbox / ".TREEM_03325_plan_2026_0001.zip.a1b2.part"
    cut_short.write_bytes(b"PK")
    kept = outbox / "TREEM_03325_plan_2026_0001.zip"
    kept.write_bytes(b"PK")
    workspace.close()
    reopened = open_workspace(data_dir, create=False)
    try:
        assert not cut_short.exists()
        assert kept.exists()
    finally:
        reopened.close()


def test_a_folder_with_nothing_left_opens_with_nothing_to_settle(
    workspace: Workspace,
) -> None:
    assert not workspace_module._left_by_a_kill(workspace)
