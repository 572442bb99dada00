"""``doc render --pdf`` paints the PDF with the window's Qt renderer, with no LibreOffice on
the machine; ``--pdf-engine libreoffice`` still converts the .docx (the tests use it)."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.integration.test_cli import SETUP, treem

pytestmark = pytest.mark.integration
PLAN = "ke-hoach-danh-gia-xa-phu-hop-tre-em"
NEXT_YEAR = str(dt.date.today().year + 1)


def pdf_info(pdf: Path) -> str:
    return subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout


def render(data: Path, pdf: Path, *extra: str, env: dict[str, str] | None = None) -> str:
    args = ["doc", "render", PLAN, "--period", NEXT_YEAR, "--draft", "--out",
            str(pdf.with_suffix(".docx")), "--pdf", str(pdf), *extra]  # fmt: skip
    command = [sys.executable, "-m", "treem_desktop", "--data-dir", str(data), *args]
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=180)
    assert done.returncode == 0, done.stderr
    return done.stderr


def test_the_pdf_is_drawn_by_qt_without_libreoffice_or_a_display(tmp_path: Path) -> None:
    data = tmp_path / "D"
    assert treem(data, *SETUP).returncode == 0
    no_office = tmp_path / "bin"  # python alone on the PATH: no soffice, no libreoffice
    no_office.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY")}
    env["PATH"] = str(no_office)
    assert shutil.which("soffice", path=env["PATH"]) is None
    stderr = render(data, tmp_path / "kh.pdf", env=env)
    assert stderr == ""  # not even Qt's start-up chatter
    info = pdf_info(tmp_path / "kh.pdf")
    assert "Treem Desktop" in info and "Pages:" in info


def test_libreoffice_when_asked(tmp_path: Path) -> None:
    data = tmp_path / "D"
    assert treem(data, *SETUP).returncode == 0
    render(data, tmp_path / "lo.pdf", "--pdf-engine", "libreoffice")
    assert "LibreOffice" in pdf_info(tmp_path / "lo.pdf")
