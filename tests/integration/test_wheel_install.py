"""The built wheel, installed in a fresh venv outside the checkout, runs the commands an
officer's scripts use (issue 16, "installs anywhere"): nothing may be read from the checkout.

The dependencies come from ``requirements.lock`` (hash-checked) through a wheelhouse kept
between runs (``TREEM_WHEELHOUSE``, else ``~/.cache/treem-desktop/wheelhouse``): filled from
the package index the first time, offline afterwards (about 40 s then, most of it unpacking
PySide6).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.integration.test_cli import SETUP

pytestmark = pytest.mark.integration
REPO = Path(__file__).resolve().parents[2]
LOCK = REPO / "requirements.lock"
SOURCES = ("src", "resources", "forms", "pyproject.toml", "setup.py", "MANIFEST.in", "README.md")
BUILD_REQUIREMENTS = ("setuptools>=68", "wheel")
PLAN = "ke-hoach-danh-gia-xa-phu-hop-tre-em"


def pip(*args: str, timeout: int = 600) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "pip", "--disable-pip-version-check", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout)


def fill_wheelhouse(wheelhouse: Path) -> None:
    """The locked dependencies and the build's requirements, offline when already there."""
    wanted = (("-r", str(LOCK)), BUILD_REQUIREMENTS)
    for requirements in wanted:
        offline = pip(
            "download",
            "--no-index",
            "--find-links",
            str(wheelhouse),
            "--only-binary",
            ":all:",
            "-d",
            str(wheelhouse),
            *requirements,
        )
        if offline.returncode != 0:
            online = pip("download", "--only-binary", ":all:", "-d", str(wheelhouse), *requirements)
            assert online.returncode == 0, online.stderr


@pytest.fixture(scope="session")
def wheelhouse() -> Path:
    default = Path.home() / ".cache" / "treem-desktop" / "wheelhouse"
    folder = Path(os.environ.get("TREEM_WHEELHOUSE") or default)
    folder.mkdir(parents=True, exist_ok=True)
    fill_wheelhouse(folder)
    return folder


def build_wheel(source_copy: Path, out: Path, wheelhouse: Path) -> Path:
    """``pip wheel`` of a copy of the sources (the shared checkout gets no build/ folder)."""
    for name in SOURCES:
        origin = REPO / name
        if origin.is_dir():
            ignore = shutil.ignore_patterns("__pycache__", "*.egg-info")
            shutil.copytree(origin, source_copy / name, ignore=ignore)
        else:
            shutil.copy2(origin, source_copy / name)
    built = pip(
        "wheel",
        "--no-deps",
        "--no-index",
        "--find-links",
        str(wheelhouse),
        "-w",
        str(out),
        str(source_copy),
    )
    assert built.returncode == 0, built.stderr
    (wheel,) = out.glob("treem_desktop-*.whl")
    return wheel


def fresh_venv(folder: Path, wheel: Path, wheelhouse: Path) -> Path:
    """A venv without the system's packages, the lock's dependencies and the wheel in it."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(folder)], check=True)
    python = folder / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    offline = ("--python", str(python), "install", "--no-index", "--find-links", str(wheelhouse))
    locked = pip(*offline, "--require-hashes", "-r", str(LOCK))
    assert locked.returncode == 0, locked.stderr
    package = pip(*offline, "--no-deps", str(wheel))
    assert package.returncode == 0, package.stderr
    return python


def outside_env() -> dict[str, str]:
    dropped = ("PYTHONPATH", "TREEM_HOME", "TREEM_LANG", "VIRTUAL_ENV", "QT_QPA_PLATFORM")
    return {k: v for k, v in os.environ.items() if k not in dropped}


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory, wheelhouse: Path) -> Path:
    """The ``treem`` script of a fresh venv holding the wheel; the seconds each step took."""
    root = tmp_path_factory.mktemp("wheel-install")
    started = time.monotonic()
    wheel = build_wheel(root / "source", root / "dist", wheelhouse)
    built = time.monotonic()
    python = fresh_venv(root / "venv", wheel, wheelhouse)
    print(
        f"\nwheel built in {built - started:.1f} s, venv made in {time.monotonic() - built:.1f} s"
    )
    shutil.rmtree(root / "source")  # nothing of the sources is left to read from
    return python


def run(python: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    script = python.parent / ("treem.exe" if os.name == "nt" else "treem")
    return subprocess.run(
        [str(script), *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=outside_env(),
        timeout=180,
    )


def test_the_package_reads_its_data_from_the_installed_wheel(
    installed: Path, tmp_path: Path
) -> None:
    probe = (
        "from treem_desktop import paths, i18n; i18n.set_language('vi');"
        "print(paths.install_root()); print(i18n._('Error: {message}'))"
    )
    done = subprocess.run(
        [str(installed), "-c", probe],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=outside_env(),
    )
    assert done.returncode == 0, done.stderr
    root, translated = done.stdout.splitlines()
    venv = installed.parent.parent
    assert Path(root).is_relative_to(venv) and Path(root).name == "_data"
    assert not Path(root).is_relative_to(REPO)
    assert translated == "Lỗi: {message}"


def test_setup_score_pdf_and_packet_from_the_installed_wheel(
    installed: Path, tmp_path: Path
) -> None:
    data = tmp_path / "D"
    start = time.monotonic()
    done = run(installed, tmp_path, "--data-dir", str(data), *SETUP)
    assert done.returncode == 0, done.stderr
    assert "Đã thiết lập Xã Mường Phăng, Điện Biên" in done.stdout
    values = tmp_path / "values.json"
    values.write_text('{"c6.a.numerator": 19, "c6.a": {"denominator": 20}}', encoding="utf-8")
    imported = run(
        installed, tmp_path, "--data-dir", str(data), "eval", "import", "2026", str(values)
    )
    assert imported.returncode == 0, imported.stderr

    score = run(installed, tmp_path, "--data-dir", str(data), "eval", "score", "2026", "--json")
    assert score.returncode == 0, score.stderr
    assert json.loads(score.stdout)["standard"]["id"] == "qd-06-2019"

    pdf = tmp_path / "kh.pdf"
    next_year = str(dt.date.today().year + 1)  # no deadline of the plan has passed
    rendered = run(
        installed,
        tmp_path,
        "--data-dir",
        str(data),
        "doc",
        "render",
        PLAN,
        "--period",
        next_year,
        "--out",
        str(tmp_path / "kh.docx"),
        "--pdf",
        str(pdf),
    )
    assert rendered.returncode == 0, rendered.stderr
    assert "/KH-UBND" in rendered.stdout and str(tmp_path / "kh.docx") in rendered.stdout
    assert pdf.read_bytes().startswith(b"%PDF-")

    packet = run(
        installed,
        tmp_path,
        "--data-dir",
        str(data),
        "packet",
        "build",
        "--kind",
        "evaluation",
        "--period",
        "2026",
        "--out",
        str(tmp_path / "out"),
        "--json",
    )
    assert packet.returncode == 0, packet.stderr
    assert Path(json.loads(packet.stdout)["path"]).is_file()
    print(f"\nfour commands from the wheel in {time.monotonic() - start:.1f} s")
