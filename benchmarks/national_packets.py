"""Evaluation packets from every commune of the country, for the receiving benchmark (cached).

Each commune of the official list (``core/admin_units.py``) gets its own EC P-256 key and
self-signed certificate (:mod:`treem_desktop.signing.keys`) and one evaluation packet for 2026
made by the real builder (:func:`treem_desktop.packets.build.packet_bytes`). Its ``data.json``
is what ``commune/packet_contents.py`` writes for an evaluation: plausible inputs (the demo
commune's, varied by commune) scored by the real engine, the evidence hashes, the pre-flight and
the documents' register entries. The score sheet and the two documents are random bytes of
typical sizes (xlsx and docx are ZIPs: incompressible), so the office hashes as much as it would.

Generating is done once per code version: the packets and the certificates are kept in a
temporary folder named after the version and a hash of the code that makes and checks them, so a
rerun reads them from there. Only the building is spread over processes; nothing is trusted or
imported here (:func:`trust_all` does it in the office, in one transaction).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import random
import shutil
import tempfile
import time
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from treem_desktop._version import __version__
from treem_desktop.core.admin_units import Commune, load_admin_units

PERIOD = "2026"
CERTIFICATES = "certificates.json"
PACKETS = "packets"
SHEET_BYTES = 30_000
DOCUMENT_BYTES = (40_000, 45_000)
_CODE = (
    "packets/build.py",
    "packets/layout.py",
    "packets/zip_layout.py",
    "signing/keys.py",
    "signing/cms.py",
    "standards/scoring.py",
)
_BASE_VALUES: dict[str, dict[str, Any] | bool] = {
    "c1.a.has": True,
    "c1.b.has": True,
    "c1.c.has": True,
    "c1.d.has": True,
    "c2.x": {"numerator": 41, "denominator": 42, "points": 70},
    "c3.x": {"numerator": 1, "denominator": 1846, "points": 60},
    "c4.x": {"numerator": 0, "denominator": 1846, "points": 70},
    "c5.x": {"numerator": 6, "denominator": 1846, "points": 55},
    "c6.a": {"numerator": 57, "denominator": 59, "points": 40},
    "c6.b": {"numerator": 2, "denominator": 2, "points": 40},
    "c7.a": {"numerator": 40, "denominator": 40, "points": 80},
    "c8.x": {"numerator": 19, "denominator": 212, "points": 30},
    "c8.y": {"numerator": 41, "denominator": 212, "points": 25},
    "c9.x": {"numerator": 1290, "denominator": 1402, "points": 50},
    "c10.x": {"numerator": 1375, "denominator": 1412, "points": 65},
    "c11.x": {"forums": 4, "points": 40},
    "c12.x": {"play_space": True, "activities": 9, "points": 45},
    "c13.x": {"percent": 86.5, "points": 40},
    "c13.y": {"percent": 82, "points": 40},
}
"""The demo commune's inputs of this year (commune/demo_data.py), varied by commune."""


@dataclass(frozen=True)
class NationalPackets:
    """The packets (one per commune, in ``folder``) and the communes' certificates."""

    folder: Path
    certificates: Path
    communes: int
    generated_s: float | None  # None when read from the cache

    def trusted(self) -> list[dict[str, str]]:
        """[{code, name, pem}] of every commune, as written at generation."""
        loaded: list[dict[str, str]] = json.loads(self.certificates.read_text("utf-8"))
        return loaded


def chosen_communes(count: int | None = None, province: str | None = None) -> list[Commune]:
    """The first ``count`` communes of the official list (of ``province`` when given)."""
    units = load_admin_units()
    communes = list(units.province(province).communes) if province else list(units.communes)
    return communes if count is None else communes[:count]


def code_key(communes: list[Commune]) -> str:
    """The cache's name: the app's version, the code that makes packets, the communes."""
    import treem_desktop

    root = Path(treem_desktop.__file__).parent
    digest = hashlib.sha256(Path(__file__).read_bytes())
    for name in _CODE:
        digest.update((root / name).read_bytes())
    digest.update(",".join(c.code for c in communes).encode("ascii"))
    return f"{__version__}-{len(communes)}-{digest.hexdigest()[:16]}"


def national_packets(
    count: int | None = None,
    *,
    province: str | None = None,
    cache_root: Path | None = None,
    workers: int | None = None,
) -> NationalPackets:
    """The cached packets of the chosen communes, generated first when missing."""
    communes = chosen_communes(count, province)
    root = cache_root or Path(tempfile.gettempdir()) / "treem-national-packets"
    target = root / code_key(communes)
    generated: float | None = None
    if not (target / CERTIFICATES).is_file():
        start = time.perf_counter()
        _generate(communes, target, workers or os.cpu_count() or 1)
        generated = time.perf_counter() - start
        _prune(root, target, len(communes))
    return NationalPackets(target / PACKETS, target / CERTIFICATES, len(communes), generated)


def _prune(root: Path, kept: Path, count: int) -> None:
    """Packets of the same number of communes made by an older version of the code."""
    for old in root.glob(f"*-{count}-*"):
        if old != kept and not old.name.endswith(".part"):
            shutil.rmtree(old, ignore_errors=True)


def _generate(communes: list[Commune], target: Path, workers: int) -> None:
    """Packets and certificates made in a side folder, renamed into place when whole."""
    partial = target.with_name(f"{target.name}.{os.getpid()}.part")
    shutil.rmtree(partial, ignore_errors=True)
    (partial / PACKETS).mkdir(parents=True)
    units = load_admin_units()
    jobs = [
        (c.code, c.name, category_of(c, units), c.province_code, str(partial / PACKETS))
        for c in communes
    ]
    if workers > 1:
        with ProcessPoolExecutor(workers) as pool:
            made = list(pool.map(_make_one, jobs, chunksize=64))
    else:
        made = [_make_one(job) for job in jobs]
    (partial / CERTIFICATES).write_text(json.dumps(made, ensure_ascii=False), "utf-8")
    shutil.rmtree(target, ignore_errors=True)
    partial.rename(target)


def _make_one(job: tuple[str, str, str, str, str]) -> dict[str, str]:
    """One commune's key, certificate and signed evaluation packet (written in the folder)."""
    from cryptography.hazmat.primitives import serialization

    from treem_desktop.packets.build import VIETNAM, PacketContent, packet_bytes, target_of
    from treem_desktop.signing.keys import CommuneIdentity, generate_key, self_signed_certificate
    from treem_desktop.signing.signers import KeySigner

    code, name, category, province_code, folder = job
    province = load_admin_units().province(province_code)
    identity = CommuneIdentity(code, name, province_code, province.name)
    key = generate_key()
    certificate = self_signed_certificate(key, identity)
    rng = random.Random(int(code))
    content = PacketContent(
        identity,
        "evaluation",
        PERIOD,
        1,
        evaluation_files(rng, category),
        standards=(_standard_ref(),),
        created=dt.datetime.now(VIETNAM),
    )
    data, _manifest = packet_bytes(content, KeySigner(certificate, key))
    target_of(content, Path(folder)).write_bytes(data)
    pem = certificate.public_bytes(serialization.Encoding.PEM).decode("ascii")
    return {"code": code, "name": name, "pem": pem}


def category_of(commune: Commune, units: Any) -> str:
    """Decision 06's category: a ward of a centrally-run city, else a mountain commune."""
    city = units.province(commune.province_code).is_centrally_run_city
    return "phuong-tw" if city and commune.division_type == "phường" else "mien-nui-hai-dao-dbkk"


def evaluation_files(rng: random.Random, category: str) -> dict[str, bytes]:
    """data.json, the score sheet and the evaluation plan and report, as an evaluation
    packet of ``commune/packet_contents.py`` holds them."""
    from treem_desktop.commune.packet_contents import document_member_name

    plan = document_member_name("KH", "UBND", rng.randint(1, 90), int(PERIOD), entry_id=1)
    report = document_member_name("BC", "UBND", rng.randint(1, 300), int(PERIOD), entry_id=2)
    documents = [_document_entry(plan, "KH", "ke-hoach-danh-gia-xa-phu-hop-tre-em", rng)]
    documents.append(_document_entry(report, "BC", "bao-cao-tu-danh-gia", rng))
    data = evaluation_data(rng, category, documents)
    text = json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n"
    return {
        "data.json": text.encode("utf-8"),
        f"bang-diem-{PERIOD}.xlsx": rng.randbytes(SHEET_BYTES),
        plan: rng.randbytes(DOCUMENT_BYTES[0]),
        report: rng.randbytes(DOCUMENT_BYTES[1]),
    }


def evaluation_data(
    rng: random.Random, category: str, documents: list[dict[str, Any]]
) -> dict[str, Any]:
    """An evaluation's ``data.json``: inputs, the real engine's score, evidence, pre-flight."""
    from treem_desktop.commune.evaluation import flatten_import
    from treem_desktop.commune.packet_contents import evaluation_preflight
    from treem_desktop.commune.score_data import score_json
    from treem_desktop.standards.scoring import score_round

    standard = _standard()
    values = flatten_import(varied_values(rng))
    score = score_round(standard, values, category)  # type: ignore[arg-type]
    return {
        "kind": "evaluation",
        "year": int(PERIOD),
        "inputs": dict(sorted(values.items())),
        "score": score_json(standard, score, int(PERIOD)),
        "evidence": [
            {
                "criterion": f"c{n}",
                "file": f"bien-ban-c{n}.pdf",
                "size": rng.randint(40, 900) * 1024,
                "sha256": rng.randbytes(32).hex(),
            }
            for n in (1, 6, 9, 12)
        ],  # fmt: skip
        "preflight": [item.as_json() for item in evaluation_preflight(score)],
        "documents": documents,
    }


def varied_values(rng: random.Random) -> dict[str, Any]:
    """The demo commune's inputs, scaled to a commune of another size and jittered."""
    size = rng.uniform(0.4, 3.0)
    varied: dict[str, Any] = {}
    for key, value in _BASE_VALUES.items():
        if isinstance(value, bool):
            varied[key] = rng.random() > 0.1
            continue
        inner = dict(value)
        if "denominator" in inner:
            denominator = max(1, round(inner["denominator"] * size))
            share = inner["numerator"] / inner["denominator"]
            share = min(1.0, max(0.0, share * rng.uniform(0.8, 1.2)))
            inner.update(denominator=denominator, numerator=round(denominator * share))
        if "points" in inner:
            inner["points"] = max(0, inner["points"] + rng.randint(-15, 10))
        for name in ("forums", "activities"):
            if name in inner:
                inner[name] = max(0, inner[name] + rng.randint(-3, 3))
        if "percent" in inner:
            inner["percent"] = round(min(100.0, inner["percent"] * rng.uniform(0.85, 1.1)), 1)
        varied[key] = inner
    return varied


def _document_entry(file: str, kind: str, template: str, rng: random.Random) -> dict[str, Any]:
    number = rng.randint(1, 300)
    return {
        "reference": f"{number}/{kind}-UBND",
        "type": kind,
        "issued_on": dt.date(int(PERIOD), rng.randint(2, 11), rng.randint(1, 28)).isoformat(),
        "summary": "Đánh giá xã, phường phù hợp với trẻ em năm 2026",
        "template": template,
        "file": file,
        "tasks": [
            {"content": "Rà soát, thu thập số liệu các tiêu chí",
             "lead": "Công chức văn hóa - xã hội", "partners": "Trạm Y tế, trường học",
             "due": f"{PERIOD}-10-15"},
        ],
    }  # fmt: skip


_STANDARD: Any = None


def _standard() -> Any:
    """Decision 06's standard as shipped (loaded once per process)."""
    global _STANDARD
    if _STANDARD is None:
        from treem_desktop.commune.evaluation import DEFAULT_STANDARD
        from treem_desktop.standards.loader import load_shipped, shipped_standard_files

        shipped = [load_shipped(p) for p in shipped_standard_files()]
        _STANDARD = max((s for s in shipped if s.id == DEFAULT_STANDARD), key=lambda s: s.version)
    return _STANDARD


def _standard_ref() -> dict[str, str]:
    standard = _standard()
    return {"id": standard.id, "version": str(standard.version), "sha256": standard.sha256}


def trust_all(office: Any, trusted: Iterable[dict[str, str]]) -> int:
    """Every commune's certificate trusted in the office, in one transaction (as confirmed)."""
    from cryptography import x509

    from treem_desktop.office.trust import add_certificate
    from treem_desktop.storage.database import transaction

    count = 0
    with transaction(office.conn):
        for entry in trusted:
            certificate = x509.load_pem_x509_certificate(entry["pem"].encode("ascii"))
            add_certificate(office.conn, entry["code"], entry["name"], certificate, "confirmed")
            count += 1
    return count
