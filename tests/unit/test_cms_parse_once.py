"""A packet checked against trusted certificates reads its signature once."""

from __future__ import annotations

from pathlib import Path

import pytest

from treem_desktop.packets.build import PacketContent, packet_bytes
from treem_desktop.packets.verify import verify_packet
from treem_desktop.signing import CMS_DIGEST_MISMATCH, SigningError, cms
from treem_desktop.signing.keys import CommuneIdentity, generate_key, self_signed_certificate
from treem_desktop.signing.signers import KeySigner

IDENTITY = CommuneIdentity("03325", "Xã Mường Phăng", "11", "Điện Biên")


def test_verifying_with_trust_parses_the_signature_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    key = generate_key()
    certificate = self_signed_certificate(key, IDENTITY)
    packet, _ = packet_bytes(
        PacketContent(IDENTITY, "plan", "2026", 1, {"data.json": b"{}"}),
        KeySigner(certificate, key),
    )
    path = tmp_path / "p.zip"
    path.write_bytes(packet)
    parsed: list[bytes] = []
    real = cms._parse

    def counted(signature: bytes) -> object:
        parsed.append(signature)
        return real(signature)

    monkeypatch.setattr(cms, "_parse", counted)
    cms._read.cache_clear()
    verified = verify_packet(path, [certificate])
    assert verified.trusted
    assert len(parsed) == 1


def test_a_signature_read_before_still_checks_the_content() -> None:
    key = generate_key()
    certificate = self_signed_certificate(key, IDENTITY)
    signature = cms.sign_detached(b"the manifest", certificate, key)
    assert cms.verify_detached(b"the manifest", signature, [certificate]).anchor == certificate
    with pytest.raises(SigningError) as raised:
        cms.verify_detached(b"another manifest", signature, [certificate])
    assert raised.value.code == CMS_DIGEST_MISMATCH
