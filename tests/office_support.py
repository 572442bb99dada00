"""Shared by the receiving office's tests: an office folder, and communes' signed packets
made in-process with keys of their own (as `treem packet build` makes them)."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import serialization

from treem_desktop.core.admin_units import load_admin_units
from treem_desktop.office.folder import OfficeFolder, open_office
from treem_desktop.office.profile import build_office_profile, save_profile
from treem_desktop.office.trust import add_certificate
from treem_desktop.packets.build import PacketContent, build_packet
from treem_desktop.paths import DataDirChoice, resolve_data_dir
from treem_desktop.signing.keys import (
    CommuneIdentity,
    PrivateKey,
    generate_key,
    self_signed_certificate,
)
from treem_desktop.signing.signers import KeySigner

PROVINCE = "11"


@dataclass
class Commune:
    """A commune of Điện Biên with its own key, numbering its packets as the app does."""

    identity: CommuneIdentity
    certificate: x509.Certificate
    key: PrivateKey
    sequence: int = 0

    def packet(
        self,
        out: Path,
        data: dict[str, Any],
        kind: str = "evaluation",
        period: str = "2026",
        *,
        demo: bool = False,
        created: dt.datetime | None = None,
    ) -> Path:
        self.sequence += 1
        files = {"data.json": json.dumps(data).encode("utf-8")}
        content = PacketContent(self.identity, kind, period, self.sequence, files, demo=demo)
        if created is not None:
            content = dataclasses.replace(content, created=created)
        out.mkdir(parents=True, exist_ok=True)
        return build_packet(content, KeySigner(self.certificate, self.key), out).path

    def pem(self, path: Path) -> Path:
        path.write_bytes(self.certificate.public_bytes(serialization.Encoding.PEM))
        return path


def make_commune(code: str, province: str = PROVINCE, *, demo: bool = False) -> Commune:
    units = load_admin_units()
    commune = units.commune_in(province, code)
    identity = CommuneIdentity(code, commune.name, province, units.province(province).name)
    key = generate_key()
    now = dt.datetime.now(dt.UTC)
    return Commune(identity, self_signed_certificate(key, identity, 365, now=now, demo=demo), key)


def communes_of(count: int, province: str = PROVINCE) -> list[Commune]:
    codes = [c.code for c in load_admin_units().province(province).communes[:count]]
    return [make_commune(code, province) for code in codes]


def trust(office: OfficeFolder, commune: Commune) -> None:
    identity = commune.identity
    add_certificate(
        office.conn, identity.commune_code, identity.commune_name, commune.certificate, "confirmed"
    )


def evaluation_data(total: float, verdict: str, c6_points: float = 10) -> dict[str, Any]:
    """A ``data.json`` shaped as an evaluation packet's (scores by criterion)."""
    return {
        "kind": "evaluation",
        "year": 2026,
        "inputs": {"c6.a.numerator": 19},
        "score": {
            "total": total,
            "verdict": verdict,
            "provisional": True,
            "criteria": [
                {"id": "c1", "points": 0, "sub_indicators": []},
                {"id": "c6", "points": c6_points, "sub_indicators": [{"id": "c6.a", "points": 5}]},
            ],
        },
        "preflight": [],
    }


def office_dir(tmp_path: Path) -> DataDirChoice:
    return resolve_data_dir(tmp_path / "so-y-te")


@contextlib.contextmanager
def opened_office(tmp_path: Path) -> Iterator[OfficeFolder]:
    """An office of Điện Biên province, set up, its folder open."""
    with open_office(office_dir(tmp_path), create=True) as opened:
        save_profile(opened.conn, build_office_profile(PROVINCE, "Sở Y tế tỉnh Điện Biên"))
        yield opened
