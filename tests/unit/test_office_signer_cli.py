"""``treem setup --receiving`` names the office's signer, and a later run changes only what it
names; ``treem receive report`` says when the signer's name is missing and writes anyway."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from docx import Document as WordFile

OFFICE = ("setup", "--receiving", "--province", "11", "--office-name", "Sở Y tế tỉnh Điện Biên")


def treem(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k != "TREEM_HOME"}
    environment["TREEM_PASSPHRASE"] = "Sở Y tế Điện Biên 2026"
    return subprocess.run(
        [sys.executable, "-m", "treem_desktop", "--data-dir", str(data_dir), "--json", *args],
        capture_output=True, text=True, env=environment, stdin=subprocess.DEVNULL, timeout=120,
    )  # fmt: skip


def signer_of(done: subprocess.CompletedProcess[str]) -> dict[str, str]:
    assert done.returncode == 0, done.stderr
    return dict(json.loads(done.stdout)["office"]["signer"])


def test_setup_names_the_signer_and_a_later_run_keeps_what_it_does_not_name(
    tmp_path: Path,
) -> None:
    office = tmp_path / "so-y-te"
    first = signer_of(treem(office, *OFFICE))
    assert first == {"name": "", "title": "Giám đốc", "authority": ""}
    deputy = signer_of(treem(office, *OFFICE, "--signer", "Lò Văn Minh",
                             "--signer-title", "Phó Giám đốc"))  # fmt: skip
    assert deputy == {"name": "Lò Văn Minh", "title": "Phó Giám đốc", "authority": "KT."}
    assert signer_of(treem(office, *OFFICE)) == deputy  # nothing named, nothing changed
    other = signer_of(treem(office, *OFFICE, "--signer-title", "Chánh Văn phòng",
                            "--signing-as", "kt"))  # fmt: skip
    assert other == {"name": "Lò Văn Minh", "title": "Chánh Văn phòng", "authority": "KT."}
    refused = treem(office, *OFFICE, "--signer", "A" * 101)
    assert refused.returncode == 1
    assert signer_of(treem(office, *OFFICE)) == other


def test_a_commune_setup_still_signs_as_chairman(tmp_path: Path) -> None:
    done = treem(tmp_path / "xa", "setup", "--province", "11", "--commune", "03325")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["signer_title"] == "Chủ tịch"


def test_the_report_without_a_signer_name_is_written_and_says_so(tmp_path: Path) -> None:
    office = tmp_path / "so-y-te"
    signer_of(treem(office, *OFFICE))
    out = tmp_path / "van-ban"
    done = treem(office, "receive", "report", "--period", "2026", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert len(json.loads(done.stdout)["notes"]) == 1  # the signer's name is missing
    report = WordFile(str(out / "bao-cao-tong-hop-2026.docx"))
    block = report.tables[-1].rows[0].cells[1]
    assert [p.text for p in block.paragraphs if p.text.strip()] == ["GIÁM ĐỐC"]
