"""Packets carry the commune's key-change statements: an office that trusts only an old key
trusts the new one through them, and through nothing else."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pytest
from cryptography import x509

from treem_desktop.commune import evaluation as ev
from treem_desktop.commune.commune_key import KeyFiles, ensure_commune_key, load_certificate
from treem_desktop.commune.key_replace import replace_key
from treem_desktop.commune.packet_service import build_packet_of, key_signer
from treem_desktop.commune.workspace import Workspace
from treem_desktop.packets import PacketRejected
from treem_desktop.packets.build import PacketContent, packet_bytes
from treem_desktop.packets.verify import verify_packet, verify_packet_bytes
from treem_desktop.signing.keys import (
    CommuneIdentity,
    generate_key,
    identity_from_certificate,
    self_signed_certificate,
)

OLD, MIDDLE, NEW = b"mat khau cu 2024", b"mat khau giua 2025", b"mat khau moi 2026"


@pytest.fixture
def replaced_twice(workspace: Workspace) -> tuple[Workspace, list[x509.Certificate]]:
    files = KeyFiles.in_data_dir(workspace.data_dir.path)
    profile = workspace.require_profile()
    ensure_commune_key(files, profile, OLD)
    certificates = [load_certificate(files)]
    replace_key(files, profile, OLD, MIDDLE, "token bị mất", dt.datetime(2025, 1, 2, 8, 0))
    certificates.append(load_certificate(files))
    replace_key(files, profile, MIDDLE, NEW, "đổi định kỳ", dt.datetime(2026, 1, 2, 8, 0))
    certificates.append(load_certificate(files))
    ev.import_values(workspace, 2026, {"c6.a.numerator": 19, "c6.a.denominator": 20})
    return workspace, certificates


def test_an_office_that_trusts_the_first_key_trusts_the_third(
    replaced_twice: tuple[Workspace, list[x509.Certificate]], tmp_path: Path
) -> None:
    workspace, (first, second, third) = replaced_twice
    built, _ = build_packet_of(
        workspace, "evaluation", "2026", tmp_path, key_signer(workspace, NEW)
    )
    verified = verify_packet(built.path, [first])
    assert verified.trusted and verified.through_key_change and verified.signer == third
    names = set(verified.files)
    assert {"doi-khoa-1.json", "doi-khoa-1.json.p7s", "doi-khoa-2.json"} <= names
    assert verify_packet(built.path, [second]).through_key_change
    direct = verify_packet(built.path, [third])
    assert direct.trusted and not direct.through_key_change


def test_statements_vouch_only_from_a_trusted_key(
    replaced_twice: tuple[Workspace, list[x509.Certificate]], tmp_path: Path
) -> None:
    workspace, _certificates = replaced_twice
    built, _ = build_packet_of(
        workspace, "evaluation", "2026", tmp_path, key_signer(workspace, NEW)
    )
    stranger = self_signed_certificate(generate_key(), _identity(workspace))
    with pytest.raises(PacketRejected) as refused:
        verify_packet(built.path, [stranger])
    assert refused.value.code == "CMS_UNTRUSTED"


def test_a_broken_link_in_the_chain_leaves_the_packet_untrusted(
    replaced_twice: tuple[Workspace, list[x509.Certificate]], tmp_path: Path
) -> None:
    """The first statement swapped for the second (re-listed and re-signed by the commune, as a
    forger with the NEW key could): the old key never vouched for that, so no trust."""
    workspace, (first, _second, _third) = replaced_twice
    built, _ = build_packet_of(
        workspace, "evaluation", "2026", tmp_path, key_signer(workspace, NEW)
    )
    with zipfile.ZipFile(built.path) as archive:
        files = {info.filename: archive.read(info) for info in archive.infolist()}
    files["doi-khoa-1.json"], files["doi-khoa-1.json.p7s"] = (
        files["doi-khoa-2.json"],
        files["doi-khoa-2.json.p7s"],
    )
    envelope = ("manifest.json", "manifest.json.p7s", "signer.pem")
    content = PacketContent(
        _identity(workspace),
        "evaluation",
        "2026",
        9,
        {name: data for name, data in files.items() if name not in envelope},
        created=dt.datetime.fromisoformat(built.manifest["created"]),
    )
    resigned, _ = packet_bytes(content, key_signer(workspace, NEW))
    with pytest.raises(PacketRejected) as refused:
        verify_packet_bytes(resigned, [first])
    assert refused.value.code == "CMS_UNTRUSTED"


def _identity(workspace: Workspace) -> CommuneIdentity:
    identity = identity_from_certificate(
        load_certificate(KeyFiles.in_data_dir(workspace.data_dir.path))
    )
    assert identity is not None
    return identity
