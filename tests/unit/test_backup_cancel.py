"""Backups and restores report real progress and stop on Cancel, leaving the folder as it was."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from treem_desktop.commune.backup import Reason, create_backup, list_backups
from treem_desktop.commune.backup_restore import restore_backup
from treem_desktop.commune.workspace import Workspace
from treem_desktop.core.jobs import Job, JobCancelled, Step
from treem_desktop.paths import DataDirChoice

EVIDENCE_BYTES = 3 * 1024 * 1024  # twelve chunks of 256 KiB per file


def _every_file(folder: Path) -> dict[str, str]:
    """Every file of the data folder (backups and hidden folders too) but the log, hashed."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.relative_to(folder).parts[0] != "logs"
    }


def _add_evidence(data_dir: DataDirChoice, files: int = 2) -> None:
    folder = data_dir.path / "evidence" / "2026"
    folder.mkdir(parents=True, exist_ok=True)
    for index in range(files):
        (folder / f"anh-{index}.jpg").write_bytes(os.urandom(EVIDENCE_BYTES))


def _cancelled_at(label: str, fraction: float) -> tuple[Job, list[Step]]:
    """A job that cancels itself once the stage ``label`` is ``fraction`` done."""
    steps: list[Step] = []
    job = Job(steps.append)

    def cancel_midway(step: Step) -> None:
        if step.label == label and step.total > 1 and step.done >= step.total * fraction:
            job.cancel()

    job.listen(cancel_midway)
    return job, steps


def _restore(workspace: Workspace, source: Path, job: Job) -> Callable[[], object]:
    return lambda: workspace.with_database_closed(
        lambda: restore_backup(workspace.data_dir, source, job)
    )


def test_a_backup_reports_its_bytes_to_the_end(
    workspace: Workspace, data_dir: DataDirChoice
) -> None:
    _add_evidence(data_dir)
    steps: list[Step] = []
    made = create_backup(data_dir, workspace.conn, reason=Reason.MANUAL, job=Job(steps.append))
    for stage in ("Đang ghi bản sao lưu…", "Đang kiểm tra bản sao lưu…"):
        counted = [s for s in steps if s.label == stage]
        assert counted[-1].done == counted[-1].total >= 2 * EVIDENCE_BYTES // 1024
        assert [s.done for s in counted] == sorted(s.done for s in counted)
        assert len(counted) > 10
    assert made.path.is_file()


@pytest.mark.parametrize("stage", ["Đang ghi bản sao lưu…", "Đang kiểm tra bản sao lưu…"])
def test_a_backup_cancelled_midway_leaves_no_file(
    workspace: Workspace, data_dir: DataDirChoice, stage: str
) -> None:
    _add_evidence(data_dir)
    workspace.with_database_closed(lambda: None)  # no -shm index (SQLite rewrites it on reads)
    before = _every_file(data_dir.path)
    job, steps = _cancelled_at(stage, 0.3)
    with pytest.raises(JobCancelled):
        create_backup(data_dir, workspace.conn, reason=Reason.MANUAL, job=job)
    assert any(s.label == stage for s in steps)
    assert not data_dir.backups_dir.exists() or not any(data_dir.backups_dir.iterdir())
    assert not [p for p in data_dir.path.iterdir() if p.name.startswith(".backup-")]
    workspace.with_database_closed(lambda: None)
    assert _every_file(data_dir.path) == before


@pytest.mark.parametrize(
    "stage", ["Đang kiểm tra và giải nén bản sao lưu…", "Đang ghi bản sao lưu…"]
)
def test_a_restore_cancelled_midway_leaves_the_folder_byte_identical(
    workspace: Workspace, data_dir: DataDirChoice, stage: str
) -> None:
    _add_evidence(data_dir)
    source = create_backup(data_dir, workspace.conn, reason=Reason.MANUAL).path
    workspace.conn.execute("UPDATE commune SET officer_name = 'Người khác'")
    (data_dir.path / "evidence" / "2026" / "moi.txt").write_text("mới", encoding="utf-8")
    workspace.with_database_closed(lambda: None)  # one file: no WAL, no -shm index
    before = _every_file(data_dir.path)
    job, steps = _cancelled_at(stage, 0.4)

    with pytest.raises(JobCancelled):
        _restore(workspace, source, job)()

    assert any(s.label == stage and 0 < s.done < s.total for s in steps)
    workspace.with_database_closed(lambda: None)
    assert _every_file(data_dir.path) == before
    assert [b.path for b in list_backups(data_dir)] == [source]
    officer = workspace.conn.execute("SELECT officer_name FROM commune").fetchone()[0]
    assert officer == "Người khác"


def test_a_restore_not_cancelled_reports_both_stages(
    workspace: Workspace, data_dir: DataDirChoice
) -> None:
    _add_evidence(data_dir, files=1)
    source = create_backup(data_dir, workspace.conn, reason=Reason.MANUAL).path
    steps: list[Step] = []
    _restore(workspace, source, Job(steps.append))()
    labels = [s.label for s in steps if s.total > 1 and s.done == s.total]
    assert labels[0] == "Đang kiểm tra và giải nén bản sao lưu…"
    assert labels[-1] == "Đang kiểm tra bản sao lưu…"  # the data before, backed up
    assert len(list_backups(data_dir)) == 2
