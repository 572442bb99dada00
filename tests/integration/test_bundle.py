"""The frozen bundle: ``scripts/build-bundle.sh`` builds it, smoke-tests it and checks its size.

About a minute on two cores (build ~50 s, smoke test ~10 s), so it is marked slow: CI runs
it, ``-m 'not slow'`` skips it. It needs PyInstaller (the ``package`` extra).
"""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SIZE_LIMIT_MB = 75

pytestmark = [
    pytest.mark.integration,
    pytest.mark.slow,
    pytest.mark.skipif(
        importlib.util.find_spec("PyInstaller") is None,
        reason="PyInstaller is not installed (pip install -e '.[package]')",
    ),
]


def test_the_bundle_builds_passes_its_smoke_test_and_fits_the_size(tmp_path: Path) -> None:
    environment = {**os.environ, "BUNDLE_DIST": str(tmp_path / "dist")}
    environment["BUNDLE_WORK"] = str(tmp_path / "work")
    done = subprocess.run(
        [str(ROOT / "scripts" / "build-bundle.sh")],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "smoke test passed" in done.stdout
    size = re.search(r"compressed \(tar\.gz\): (\d+) MB", done.stdout)
    assert size is not None, done.stdout
    assert int(size.group(1)) <= SIZE_LIMIT_MB
    bundle = tmp_path / "dist" / "treem"
    assert (bundle / "treem").is_file() and (bundle / "TreemDesktop").is_file()
    locales = {p.stem for p in (bundle / "_internal" / "babel" / "locale-data").glob("*.dat")}
    assert locales == {"root", "vi", "vi_VN", "en", "en_001", "en_GB"}
