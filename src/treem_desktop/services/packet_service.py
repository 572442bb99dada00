"""Building the commune's packets from its data: pre-flight, contents, signature, register.

Only the evaluation packet is built so far (the score sheet and ``data.json``); the indicator
and plan packets come later (issue 6's note says so).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from treem_desktop.errors import TreemError
from treem_desktop.services import evaluation as ev
from treem_desktop.services.commune_key import KeyFiles, load_certificate, unlock_key
from treem_desktop.services.score_data import score_json
from treem_desktop.services.workspace import Workspace
from treem_desktop.standards.scoring import Score, SubState
from treem_desktop.storage import packet_repo

if TYPE_CHECKING:
    from treem_desktop.packets.build import BuiltPacket

log = logging.getLogger(__name__)

BUILDABLE_KINDS = ("evaluation",)


@dataclass(frozen=True)
class PreflightItem:
    """One thing to look at before sending.

    Attributes:
        code: stable identifier (``INPUTS_MISSING``, ``VALUES_UNCONFIRMED``, ``PROVISIONAL``).
        target: where to fix it: a criterion id such as ``c6``, or "" for the whole round.
        detail: the input ids or criterion numbers concerned.
        blocking: True when the packet cannot be built until it is fixed.
    """

    code: str
    target: str
    detail: tuple[str, ...]
    blocking: bool = False

    def as_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "target": self.target,
            "detail": list(self.detail),
            "blocking": self.blocking,
        }


def evaluation_preflight(score: Score) -> list[PreflightItem]:
    """What is missing or uncertain in a round: missing inputs by criterion, unconfirmed values."""
    items: list[PreflightItem] = []
    for criterion in score.criteria:
        missing = tuple(
            input_id
            for sub in criterion.subs
            if sub.state == SubState.MISSING_INPUTS
            for input_id in sub.missing
        )
        if missing:
            items.append(PreflightItem("INPUTS_MISSING", criterion.id, missing))
    unconfirmed = tuple(c.id for c in score.criteria if c.unconfirmed)
    if unconfirmed:
        items.append(PreflightItem("VALUES_UNCONFIRMED", "", unconfirmed))
    return items


def build_evaluation_packet(
    workspace: Workspace, year: int, out_dir: Path, passphrase: bytes | None
) -> tuple[BuiltPacket, list[PreflightItem]]:
    """The signed evaluation packet of ``year`` in ``out_dir``, recorded in the packet log."""
    from treem_desktop.packets.build import PacketContent, build_packet
    from treem_desktop.signing.keys import fingerprint, identity_from_certificate

    profile = workspace.require_profile()
    evaluation = ev.open_round(workspace, year)
    score = evaluation.score()
    preflight = evaluation_preflight(score)
    files = KeyFiles.in_data_dir(workspace.data_dir.path)
    certificate = load_certificate(files)
    identity = identity_from_certificate(certificate)
    if identity is None or identity.commune_code != profile.commune.code:
        raise TreemError("KEY_CERT_MISMATCH", path=str(files.certificate))
    key = unlock_key(files, passphrase)
    standard = evaluation.standard
    data = {
        "kind": "evaluation",
        "year": year,
        "inputs": dict(sorted(evaluation.values.items())),
        "score": score_json(standard, score, year),
        "preflight": [item.as_json() for item in preflight],
    }
    contents = {
        "data.json": (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8"),
        f"bang-diem-{year}.xlsx": _score_sheet_bytes(workspace, evaluation),
    }
    sequence, previous = packet_repo.next_sequence(workspace.conn)
    content = PacketContent(
        commune=identity,
        kind="evaluation",
        period=str(year),
        sequence=sequence,
        files=contents,
        previous_packet_sha256=previous,
        standards=(
            {"id": standard.id, "version": str(standard.version), "sha256": standard.sha256},
        ),
    )
    out_dir.mkdir(parents=True, exist_ok=True)
    built = build_packet(content, certificate, key, out_dir)
    try:
        packet_repo.record_packet(
            workspace.conn,
            packet_repo.PacketRecord(
                sequence=sequence,
                packet_id=content.packet_id,
                kind="evaluation",
                period=str(year),
                file_name=built.path.name,
                sha256=built.sha256,
                previous_sha256=previous,
                created=built.manifest["created"],
                signer_fingerprint=fingerprint(certificate),
            ),
        )
    except BaseException:
        built.path.unlink(missing_ok=True)  # a packet not in the log was never made
        raise
    _keep_in_outbox(workspace, built.path)
    return built, preflight


def _keep_in_outbox(workspace: Workspace, path: Path) -> None:
    """The outbox keeps its own copy; when that fails the packet is still built and logged
    (shown as "file missing" in the outbox, added again with ``treem outbox add``)."""
    from treem_desktop.services.outbox import keep_packet

    try:
        keep_packet(workspace, path)
    except TreemError as error:
        log.warning("packet %s not copied into the outbox: %s", path.name, error.code)


def _score_sheet_bytes(workspace: Workspace, evaluation: ev.EvaluationRound) -> bytes:
    with tempfile.TemporaryDirectory(prefix="treem-packet-") as folder:
        path = Path(folder) / "sheet.xlsx"
        ev.export_score_sheet(workspace, evaluation, path, dt.date.today())
        return path.read_bytes()
