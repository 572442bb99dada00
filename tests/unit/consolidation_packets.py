"""Real packets for the consolidation tests: two communes of Điện Biên set up with the
commune-side command line, each sending an evaluation and an indicators packet for 2026."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

EVALUATION = {  # the demo commune's values of this year (commune/demo_data.py), shortened
    "c1.a.has": True, "c1.b.has": True, "c1.c.has": True, "c1.d.has": True,
    "c2.x": {"numerator": 41, "denominator": 42, "points": 70},
    "c3.x": {"numerator": 1, "denominator": 1846, "points": 60},
    "c4.x": {"numerator": 0, "denominator": 1846, "points": 70},
    "c5.x": {"numerator": 6, "denominator": 1846, "points": 55},
    "c6.a": {"numerator": 57, "denominator": 59}, "c6.b": {"numerator": 2, "denominator": 2},
    "c7.a": {"numerator": 40, "denominator": 40},
    "c8.x": {"numerator": 19, "denominator": 212, "points": 30},
    "c8.y": {"numerator": 41, "denominator": 212, "points": 25},
    "c9.x": {"numerator": 1290, "denominator": 1402, "points": 50},
    "c10.x": {"numerator": 1375, "denominator": 1412, "points": 65},
    "c11.x": {"forums": 4, "points": 40},
    "c12.x": {"play_space": True, "activities": 9, "points": 45},
    "c13.x": {"percent": 86.5, "points": 40}, "c13.y": {"percent": 82, "points": 40},
}  # fmt: skip
COMMUNES = {
    "03325": {"ct02": 92.5, "ct03a": 8.1, "ct13": 3},
    "03301": {"ct02": 80, "ct03a": 12.4, "ct13": 2},
}
LOW_POINTS = {"c11.x": {"forums": 0, "points": 0}}  # 03301 scores 0 on criterion 11


def treem(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    environment = {
        k: v for k, v in os.environ.items() if k not in ("TREEM_HOME", "TREEM_PASSPHRASE")
    }
    done = subprocess.run(
        [sys.executable, "-m", "treem_desktop", "--data-dir", str(data_dir), *args],
        capture_output=True, text=True, env=environment, stdin=subprocess.DEVNULL, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, (args, done.stdout, done.stderr)
    return done


def build_packets(root: Path) -> list[Path]:
    """Set up both communes, enter their values and build their packets into ``root/out``."""
    out = root / "out"
    for code, indicator_values in COMMUNES.items():
        data = root / code
        treem(data, "setup", "--province", "11", "--commune", code, "--category", "con-lai")
        values = dict(EVALUATION, **(LOW_POINTS if code == "03301" else {}))
        (root / f"{code}-eval.json").write_text(json.dumps(values), "utf-8")
        (root / f"{code}-ind.json").write_text(json.dumps(indicator_values), "utf-8")
        treem(data, "eval", "import", "2026", str(root / f"{code}-eval.json"))
        treem(data, "indicators", "import", "2026", str(root / f"{code}-ind.json"))
        for kind in ("evaluation", "indicators"):
            treem(data, "packet", "build", "--kind", kind, "--period", "2026", "--out", str(out))
    return sorted(out.glob("TREEM_*.zip"))


def packet_json(packet: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    """The manifest and data.json of a packet."""
    with zipfile.ZipFile(packet) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        data = json.loads(archive.read("data.json"))
    return manifest, data
