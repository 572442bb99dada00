"""Building and verifying a signed evaluation packet (targets: under 1 s and under 20 ms).

    python benchmarks/packets.py [--runs N]

Times packing and signing an evaluation packet (data.json, a score sheet, a plan and a PDF of
typical sizes: manifest, hashes, detached CMS signature, canonical ZIP) and verifying it
(ZIP safety and layout, schema, every hash, the signature, the signer against the commune and
a trusted certificate). Rendering the documents themselves is timed by docx_render.py. Each
median is printed beside a floor measured in the same run: hashing the same bytes once, the
least any packet must do.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import os
import statistics
import sys
import time
from collections.abc import Callable

from treem_desktop.packets.build import VIETNAM, PacketContent, packet_bytes
from treem_desktop.packets.verify import verify_packet_bytes
from treem_desktop.signing.keys import CommuneIdentity, generate_key, self_signed_certificate
from treem_desktop.signing.signers import KeySigner

BUILD_BUDGET_MS = 1000.0
VERIFY_BUDGET_MS = 20.0
FILES = {
    "data.json": b'{"criteria": []}' * 2_000,  # ~32 KB of inputs, scores and indicators
    "bang-diem-2026.xlsx": os.urandom(30_000),  # xlsx and docx are ZIPs: incompressible
    "ke-hoach-2026.docx": os.urandom(45_000),
    "bao-cao-2026.pdf": os.urandom(250_000),
}


def median_ms(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def whole_packets(runs: int) -> dict[str, float]:
    """Median times of building real evaluation and plan packets from a demo commune's data:
    the evaluation packet with its score sheet and self-assessment report (.docx), the plan
    packet with the year's plan and report; data.json, signature, the file and the packet log."""
    import tempfile
    from pathlib import Path

    from treem_desktop.paths import resolve_data_dir
    from treem_desktop.services import documents as docs
    from treem_desktop.services import evaluation as ev
    from treem_desktop.services.commune_key import KeyFiles, ensure_commune_key
    from treem_desktop.services.demo import set_up_demo
    from treem_desktop.services.packet_service import build_packet_of, key_signer
    from treem_desktop.services.workspace import open_workspace

    with tempfile.TemporaryDirectory() as folder:
        workspace = open_workspace(resolve_data_dir(Path(folder) / "data"), create=True)
        try:
            profile = set_up_demo(workspace)
            ensure_commune_key(KeyFiles.in_data_dir(workspace.data_dir.path), profile, None)
            ev.import_values(workspace, 2026, {"c6.a.numerator": 19, "c6.a.denominator": 20})
            plan = docs.new_document(workspace, "ke-hoach-bao-ve-cham-soc-tre-em-nam", 2026)
            docs.issue(workspace, plan, dt.date(2026, 3, 2))
            report = docs.new_document(workspace, "bao-cao-tu-danh-gia", 2026)
            docs.issue(workspace, report, dt.date(2026, 11, 20))
            signer = key_signer(workspace, None)
            out = Path(folder) / "out"
            timed: dict[str, float] = {}
            for kind in ("evaluation", "plan"):

                def build(kind: str = kind) -> object:
                    return build_packet_of(workspace, kind, "2026", out, signer)

                timed[kind] = median_ms(build, runs)
            return timed
        finally:
            workspace.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=31)
    args = parser.parse_args()
    identity = CommuneIdentity("03325", "Xã Mường Phăng", "11", "Điện Biên")
    key = generate_key()
    certificate = self_signed_certificate(key, identity)
    content = PacketContent(
        identity, "evaluation", "2026", 1, FILES, created=dt.datetime.now(VIETNAM)
    )
    packet, _ = packet_bytes(content, KeySigner(certificate, key))
    verify_packet_bytes(packet, [certificate])  # warm: imports, schema
    floor = median_ms(lambda: [hashlib.sha256(d).digest() for d in FILES.values()], args.runs)
    build = median_ms(lambda: packet_bytes(content, KeySigner(certificate, key)), args.runs)
    verify = median_ms(lambda: verify_packet_bytes(packet, [certificate]), args.runs)
    print(f"packet: {len(packet) / 1024:.0f} KiB, {len(FILES) + 3} members, {args.runs} runs")
    print(f"floor (hash the files once):  {floor:8.2f} ms")
    print(
        f"build (manifest, sign, zip):  {build:8.2f} ms  ({build / floor:5.1f}x floor; "
        f"target < {BUILD_BUDGET_MS:.0f} ms)"
    )
    print(
        f"verify (every check, trust):  {verify:8.2f} ms  ({verify / floor:5.1f}x floor; "
        f"target < {VERIFY_BUDGET_MS:.0f} ms)"
    )
    whole = whole_packets(max(3, args.runs // 6))
    for kind, elapsed in whole.items():
        print(
            f"{kind + ' packet, end to end:':29} {elapsed:8.2f} ms  (data, sheet or documents, "
            f"signature, file, log; target < {BUILD_BUDGET_MS:.0f} ms)"
        )
    ok = build < BUILD_BUDGET_MS and verify < VERIFY_BUDGET_MS
    ok = ok and all(elapsed < BUILD_BUDGET_MS for elapsed in whole.values())
    print("within targets" if ok else "OVER TARGET")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
