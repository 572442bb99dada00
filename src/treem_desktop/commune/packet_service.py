"""Building the commune's packets: pre-flight, contents, signature, packet log.

What each kind holds is in :mod:`.packet_contents`; who signs (the commune's key or a USB
token) is a :class:`~treem_desktop.signing.signers.PacketSigner`.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from treem_desktop.commune.commune_key import KeyFiles, load_certificate, unlock_key
from treem_desktop.commune.packet_contents import PARTS, PreflightItem, evaluation_preflight
from treem_desktop.commune.preferences import is_demo
from treem_desktop.commune.workspace import Workspace
from treem_desktop.core.jobs import Job, job_or_none
from treem_desktop.errors import TreemError
from treem_desktop.i18n import _
from treem_desktop.storage import packet_repo

if TYPE_CHECKING:
    from treem_desktop.packets.build import BuiltPacket
    from treem_desktop.signing.signers import KeySigner, PacketSigner, TokenSigner
    from treem_desktop.signing.token import TokenCertificate

log = logging.getLogger(__name__)

BUILDABLE_KINDS = tuple(PARTS)

__all__ = [
    "BUILDABLE_KINDS",
    "PreflightItem",
    "build_evaluation_packet",
    "build_packet_of",
    "evaluation_preflight",
    "key_signer",
    "token_signer",
]


def key_signer(workspace: Workspace, passphrase: bytes | None) -> KeySigner:
    """The commune's own key on this computer, checked to name this commune, unlocked."""
    from treem_desktop.signing.keys import identity_from_certificate
    from treem_desktop.signing.signers import KeySigner

    profile = workspace.require_profile()
    files = KeyFiles.in_data_dir(workspace.data_dir.path)
    if is_demo(workspace) and not files.exist():
        from treem_desktop.commune.demo import ensure_demo_key

        ensure_demo_key(workspace)  # the demo signs at once, with a key marked as demo
    certificate = load_certificate(files)
    identity = identity_from_certificate(certificate)
    if identity is None or identity.commune_code != profile.commune.code:
        raise TreemError("KEY_CERT_MISMATCH", path=str(files.certificate))
    return KeySigner(certificate, unlock_key(files, passphrase))


def token_signer(workspace: Workspace, chosen: TokenCertificate, pin: str) -> TokenSigner:
    """An officer's USB token, when its certificate names this commune and its province."""
    from treem_desktop.signing.commune_names import certificate_names_commune
    from treem_desktop.signing.signers import TokenSigner

    profile = workspace.require_profile()
    if not certificate_names_commune(
        chosen.certificate, profile.commune.name, profile.province_name
    ):
        raise TreemError(
            "TOKEN_CERT_NOT_COMMUNE", subject=chosen.subject, commune=profile.commune.name
        )
    if not pin:
        raise TreemError("TOKEN_PIN_WRONG", token=chosen.token_label)
    return TokenSigner(chosen, pin)


def build_packet_of(
    workspace: Workspace,
    kind: str,
    period: str,
    out_dir: Path,
    signer: PacketSigner,
    job: Job | None = None,
) -> tuple[BuiltPacket, list[PreflightItem]]:
    """The ``kind`` packet of ``period`` signed by ``signer`` in ``out_dir``, logged.
    ``job`` is told its steps (contents, signature, outbox) and may stop it before signing."""
    from treem_desktop.commune.packet_numbers import (
        settle_reservations,
        skipped_numbers,
        write_numbered,
    )
    from treem_desktop.packets.build import PacketContent
    from treem_desktop.signing.keys import CommuneIdentity, is_demo_certificate

    if kind not in PARTS:
        raise TreemError("PACKET_KIND_NOT_AVAILABLE", kind=kind)
    job = job_or_none(job)
    job.step(0, 3, _("Gathering the packet's contents…"))
    profile = workspace.require_profile()
    parts = PARTS[kind](workspace, period)
    blocking = [item for item in parts.preflight if item.blocking]
    if blocking:
        raise TreemError("PACKET_PREFLIGHT_BLOCKING", code=blocking[0].code)
    identity = CommuneIdentity(
        commune_code=profile.commune.code,
        commune_name=profile.commune.name,
        province_code=profile.commune.province_code,
        province_name=profile.province_name,
    )
    settle_reservations(workspace)  # a packet a kill left half-recorded: adopted or void
    sequence, previous = packet_repo.next_sequence(workspace.conn)
    content = PacketContent(
        commune=identity,
        kind=parts.kind,
        period=parts.period,
        sequence=sequence,
        files={**parts.files, **_key_changes(workspace, signer), **skipped_numbers(workspace)},
        previous_packet_sha256=previous,
        standards=parts.standards,
        demo=is_demo(workspace) or is_demo_certificate(signer.certificates[0]),
    )
    out_dir.mkdir(parents=True, exist_ok=True)
    job.check()  # nothing numbered or signed yet
    job.step(1, 3, _signing_words(signer))
    built = write_numbered(workspace, content, signer, out_dir)
    job.step(2, 3, _("Keeping a copy in the outbox…"))
    _keep_in_outbox(workspace, built.path)
    job.step(3, 3)
    return built, parts.preflight


def _signing_words(signer: PacketSigner) -> str:
    from treem_desktop.signing.signers import TokenSigner

    if isinstance(signer, TokenSigner):
        return _("Signing with the token…")
    return _("Signing the packet…")


def _key_changes(workspace: Workspace, signer: PacketSigner) -> dict[str, bytes]:
    """The key-change statements leading to the commune key that signs (packets/continuity)."""
    from treem_desktop.commune.key_history import history_dir
    from treem_desktop.packets.continuity import chain_to, packet_members
    from treem_desktop.signing.keys import fingerprint
    from treem_desktop.signing.signers import KeySigner

    if not isinstance(signer, KeySigner):
        return {}
    files = KeyFiles.in_data_dir(workspace.data_dir.path)
    return packet_members(chain_to(history_dir(files), fingerprint(signer.certificate)))


def build_evaluation_packet(
    workspace: Workspace, year: int, out_dir: Path, signer: PacketSigner
) -> tuple[BuiltPacket, list[PreflightItem]]:
    """The evaluation packet of ``year`` (see :func:`build_packet_of`)."""
    return build_packet_of(workspace, "evaluation", str(year), out_dir, signer)


def _keep_in_outbox(workspace: Workspace, path: Path) -> None:
    """The outbox keeps its own copy; when that fails the packet is still built and logged
    (shown as "file missing" in the outbox, added again with ``treem outbox add``)."""
    from treem_desktop.commune.outbox import keep_packet

    try:
        keep_packet(workspace, path)
    except TreemError as error:
        log.warning("packet %s not copied into the outbox: %s", path.name, error.code)
