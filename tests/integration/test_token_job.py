"""Signing with a USB token as a long job (SoftHSM2 standing in): the step is told, and a
Cancel before the PIN is sent stops it with nothing numbered, signed or written."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.softhsm import EC_ID, SoftToken
from treem_desktop.commune import evaluation as ev
from treem_desktop.commune.packet_service import build_packet_of, token_signer
from treem_desktop.commune.workspace import Workspace
from treem_desktop.core.jobs import Job, JobCancelled, Step
from treem_desktop.signing.token import TokenCertificate, sign_with_token, token_certificates
from treem_desktop.storage.packet_repo import packets

pytestmark = pytest.mark.integration


def on_token(token: SoftToken) -> TokenCertificate:
    return {c.key_id: c for c in token_certificates(token.library)}[EC_ID.hex()]


def test_cancel_at_the_signing_step_builds_nothing_and_uses_no_number(
    workspace: Workspace, soft_token: SoftToken, tmp_path: Path
) -> None:
    ev.import_values(workspace, 2026, {"c6.a.numerator": 19, "c6.a.denominator": 20})
    signer = token_signer(workspace, on_token(soft_token), soft_token.pin)
    steps: list[Step] = []
    job = Job(steps.append)
    job.listen(lambda step: job.cancel() if step.done == 0 else None)
    with pytest.raises(JobCancelled):
        build_packet_of(workspace, "evaluation", "2026", tmp_path / "out", signer, job)
    assert packets(workspace.conn) == []
    assert not list((tmp_path / "out").glob("*.zip"))

    told: list[Step] = []
    built, _preflight = build_packet_of(
        workspace, "evaluation", "2026", tmp_path / "out", signer, Job(told.append)
    )
    assert built.path.is_file()
    assert [s.done for s in told] == [0, 1, 2, 3]
    assert told[1].label == "Đang ký bằng token (thiết bị ký số)…"


def test_a_cancelled_job_never_sends_the_pin(soft_token: SoftToken) -> None:
    job = Job()
    job.cancel()
    with pytest.raises(JobCancelled):  # a wrong PIN, never tried: not TOKEN_PIN_WRONG
        sign_with_token(on_token(soft_token), "000000", b"content", job=job)
