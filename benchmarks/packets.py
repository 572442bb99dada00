"""Packets of every kind end to end, and verifying one, beside floors measured in the same run.

    python benchmarks/packets.py [--runs N]

A demo commune with the year's evaluation typed in, indicator values, and six issued documents
(the yearly plan with its tasks, the self-assessment report and four more). Timed end to end,
as the Send page and ``treem packet build`` do it (``build_packet_of``: documents rendered,
score sheet and tables written, data.json, signature, the file, the outbox copy, the log):
the plan packet (the six documents), the evaluation packet and the indicator packet. Their
floor: signing and zipping the same members (``packet_bytes``). Verifying: in process
(``verify_packet``, every check and the trust), beside reading and hashing the file; and
``treem packet verify`` as a process, beside a process that reads and hashes the file.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the checkout: benchmarks.*

from benchmarks.figure import Figure, median_ms, print_figures  # noqa: E402

ISSUED = (  # six documents of 2026 for the plan packet
    "ke-hoach-bao-ve-cham-soc-tre-em-nam",
    "bao-cao-tu-danh-gia",
    "ke-hoach-danh-gia-xa-phu-hop-tre-em",
    "chuong-trinh-cong-tac-tre-em",
    "ke-hoach-tong-ket-chuong-trinh-tre-em",
    "bao-cao-chuong-trinh-hanh-dong-vi-tre-em",
)
KINDS = {"plan": 500.0, "evaluation": 500.0, "indicators": None}  # ms targets
HASH_FILE = "import hashlib, sys; hashlib.sha256(open(sys.argv[1], 'rb').read()).hexdigest()"


def set_up(folder: Path) -> object:
    """The demo commune with a year of work, its key made; the open workspace."""
    from treem_desktop.commune import documents as docs
    from treem_desktop.commune import evaluation as ev
    from treem_desktop.commune import indicators as ind
    from treem_desktop.commune.commune_key import KeyFiles, ensure_commune_key
    from treem_desktop.commune.demo import set_up_demo
    from treem_desktop.commune.workspace import open_workspace
    from treem_desktop.paths import resolve_data_dir

    workspace = open_workspace(resolve_data_dir(folder / "data"), create=True)
    profile = set_up_demo(workspace)
    ensure_commune_key(KeyFiles.in_data_dir(workspace.data_dir.path), profile, None)
    ev.import_values(workspace, 2026, {"c6.a.numerator": 19, "c6.a.denominator": 20})
    ind.import_values(workspace, "2026", {"ct04a": 8.1, "ct16": 100})
    for day, template_id in enumerate(ISSUED, start=1):
        entry = docs.new_document(workspace, template_id, 2026)
        docs.issue(workspace, entry, dt.date(2026, 2, day), accept_past=True)
    return workspace


def members(path: Path) -> dict[str, bytes]:
    """The files a built packet carries (without its manifest and signature)."""
    from treem_desktop.packets.build import ENVELOPE

    with zipfile.ZipFile(path) as archive:
        names = [n for n in archive.namelist() if n not in ENVELOPE]
        return {name: archive.read(name) for name in names}


def packet_figures(workspace: object, folder: Path, runs: int) -> list[Figure]:
    """Each kind end to end, beside signing and zipping its members."""
    from treem_desktop.commune.packet_service import build_packet_of, key_signer
    from treem_desktop.packets.build import PacketContent, packet_bytes
    from treem_desktop.signing.keys import CommuneIdentity

    signer = key_signer(workspace, None)  # type: ignore[arg-type]
    identity = CommuneIdentity("03325", "Xã Mường Phăng", "11", "Điện Biên")
    found = []
    for kind, target in KINDS.items():
        built: list[Path] = []

        def build(kind: str = kind, built: list[Path] = built) -> None:
            built.append(build_packet_of(workspace, kind, "2026", folder / "out", signer)[0].path)  # type: ignore[arg-type]

        value = median_ms(build, runs)
        content = PacketContent(identity, kind, "2026", 1, members(built[-1]))

        def sign_and_zip(content: PacketContent = content) -> object:
            return packet_bytes(content, signer)

        floor = median_ms(sign_and_zip, runs)
        what = f"{kind} packet end to end ({len(content.files)} members)"
        found.append(
            Figure(what, value, floor, "signing and zipping the same members", ms_target=target)
        )
    return found


def verify_figures(folder: Path, runs: int) -> list[Figure]:
    """A signed packet (not demo) verified in process and by ``treem packet verify``."""
    from cryptography.hazmat.primitives.serialization import Encoding

    from treem_desktop.packets.build import PacketContent, packet_bytes
    from treem_desktop.packets.verify import verify_packet
    from treem_desktop.signing.keys import CommuneIdentity, generate_key, self_signed_certificate
    from treem_desktop.signing.signers import KeySigner

    identity = CommuneIdentity("03325", "Xã Mường Phăng", "11", "Điện Biên")
    key = generate_key()
    certificate = self_signed_certificate(key, identity)
    files = {"data.json": b'{"criteria": []}' * 2_000, "ke-hoach.docx": bytes(range(256)) * 200}
    packet, _ = packet_bytes(
        PacketContent(identity, "plan", "2026", 1, files), KeySigner(certificate, key)
    )
    path, pem = folder / "packet.zip", folder / "commune.pem"
    path.write_bytes(packet)
    pem.write_bytes(certificate.public_bytes(Encoding.PEM))
    hashed = median_ms(lambda: hashlib.sha256(path.read_bytes()).digest(), runs)
    verified = median_ms(lambda: verify_packet(path, [certificate]), runs)
    command = [sys.executable, "-m", "treem_desktop", "--data-dir", str(folder / "empty")]
    command += ["packet", "verify", str(path), "--trust", str(pem)]
    check = subprocess.run(command, capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    process = median_ms(lambda: subprocess.run(command, capture_output=True, check=True), runs)
    floor = median_ms(
        lambda: subprocess.run([sys.executable, "-c", HASH_FILE, str(path)], check=True), runs
    )
    return [
        Figure(
            "verify a packet in process",
            verified,
            hashed,
            "reading and hashing the file",
            ms_target=5,
        ),
        Figure(
            "treem packet verify, as a process",
            process,
            floor,
            "a Python process reading and hashing the file",
            ratio_target=2,
        ),
    ]


def figures(runs: int) -> list[Figure]:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        workspace = set_up(folder)
        try:
            found = packet_figures(workspace, folder, runs)
        finally:
            workspace.close()  # type: ignore[attr-defined]
        return found + verify_figures(folder, runs)


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    found = figures(parser.parse_args().runs)
    print_figures(found)
    return 0 if all(f.met for f in found) else 1


if __name__ == "__main__":
    sys.exit(main())
