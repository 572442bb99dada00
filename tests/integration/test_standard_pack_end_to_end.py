"""Must show 2 of issue 15: the office fills the standard's open values and signs them; a commune
imports the pack, its score changes and stops being provisional for those values; values that do
not add up are refused at the office, a tampered pack (or another office's) at the commune.
Real subprocesses, real data folders."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.integration
DOCUMENT = {"number": "123/QĐ-UBND", "date": "2025-08-01", "issuer": "UBND tỉnh Điện Biên"}
MAXIMA = {"c2": 75, "c3": 75, "c4": 75, "c5": 75, "c9": 75, "c10": 75, "c11": 50, "c12": 50}
TWO_ITEMS = {"c8": (50, 50), "c13": (40, 35)}  # 725 with the rest: 1.000 − 275 known


def treem(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("TREEM_HOME", "TREEM_LANG")}
    env.pop("TREEM_PASSPHRASE", None)
    return subprocess.run(
        [sys.executable, "-m", "treem_desktop", "--data-dir", str(data_dir), *args],
        capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL, timeout=120,
    )  # fmt: skip


def ok(data_dir: Path, *args: str) -> dict[str, Any]:
    done = treem(data_dir, *args, "--json")
    assert done.returncode == 0, done.stderr
    document: dict[str, Any] = json.loads(done.stdout)
    return document


def rate_item(item: str, maximum: int) -> list[dict[str, Any]]:
    bands = [{"at_least": 90, "points": maximum}, {"at_least": 70, "points": maximum // 2}]
    return [
        {"target": f"{item}.max_points", "value": maximum},
        {"target": f"{item}.bands", "bands": bands},
        {"target": f"{item}.otherwise", "value": 0},
    ]


def filled_values() -> list[dict[str, Any]]:
    values: list[dict[str, Any]] = [{"target": "max_total", "value": 1000}]
    values += [{"target": "c1.max_points", "value": 100}]
    for item, points in zip("abcd", (50, 15, 15, 20), strict=True):
        values.append({"target": f"c1.{item}.yes_points", "value": points})
        values.append({"target": f"c1.{item}.max_points", "value": points})
    for criterion, maximum in MAXIMA.items():
        values.append({"target": f"{criterion}.max_points", "value": maximum})
        if criterion in ("c11", "c12"):
            values.append({"target": f"{criterion}.x.max_points", "value": maximum})
        else:
            values += rate_item(f"{criterion}.x", maximum)
    for criterion, (x, y) in TWO_ITEMS.items():
        values.append({"target": f"{criterion}.max_points", "value": x + y})
        values += rate_item(f"{criterion}.x", x) + rate_item(f"{criterion}.y", y)
    six = [{"at_least": 95, "points": 50}, {"at_least": 80, "points": 30}]
    values += [{"target": "c6.a.bands", "bands": six}, {"target": "c6.a.otherwise", "value": 0}]
    return values


def values_file(path: Path, values: list[dict[str, Any]]) -> Path:
    document = {
        "format": "treem-standard-values",
        "standard": {"id": "qd-06-2019", "version": 1},
        "entered_by": "Nguyễn Thị Lan, Phòng Trẻ em",
        "document": DOCUMENT,
        "values": values,
    }
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def test_the_province_pack_rescores_a_commune_and_bad_packs_are_refused(tmp_path: Path) -> None:
    office = tmp_path / "so-y-te"
    setup = ok(office, "setup", "--receiving", "--province", "11", "--office-name",
               "Sở Y tế tỉnh Điện Biên")  # fmt: skip
    not_adding_up = [
        {**v, "value": 80} if v["target"] == "c2.max_points" else v for v in filled_values()
    ]
    wrong = values_file(tmp_path / "sai.json", not_adding_up)
    refused = treem(
        office, "standard", "pack", "--from", str(wrong), "--out", str(tmp_path), "--json"
    )
    assert refused.returncode == 1
    error = json.loads(refused.stdout)
    assert error["code"] == "STANDARD_VALUES_REFUSED"
    assert "Tiêu chí 2" in error["message"] and "1.005" in error["message"], error  # Vietnamese
    assert not list(tmp_path.glob("*.zip"))
    values = values_file(tmp_path / "bang-diem.json", filled_values())
    pack = Path(
        ok(office, "standard", "pack", "--from", str(values), "--out", str(tmp_path))["path"]
    )

    commune = tmp_path / "03301"
    ok(commune, "setup", "--province", "11", "--commune", "03301", "--category", "con-lai")
    inputs = {
        "c2.x": {"numerator": 18, "denominator": 20},
        "c6.a": {"numerator": 17, "denominator": 20},
    }
    (tmp_path / "in.json").write_text(json.dumps(inputs))
    ok(commune, "eval", "import", "2026", str(tmp_path / "in.json"))
    before = {c["id"]: c for c in ok(commune, "eval", "score", "2026")["criteria"]}
    assert before["c2"]["points"] is None and before["c6"]["unconfirmed"]

    untrusted = treem(commune, "standard", "import", str(pack), "--json")
    assert (
        untrusted.returncode == 1
        and json.loads(untrusted.stdout)["code"] == "RECIPIENT_NOT_TRUSTED"
    )
    fingerprint = setup["key"]["fingerprint_sha256"]
    ok(commune, "recipient", "trust", setup["key"]["certificate"], "--fingerprint", fingerprint)
    tampered = tmp_path / "sua.standard-pack.zip"
    data = pack.read_bytes()
    tampered.write_bytes(data.replace(b'"value": 75', b'"value": 95', 1))
    assert data != tampered.read_bytes()
    done = treem(commune, "standard", "import", str(tampered), "--json")
    assert done.returncode == 3 and json.loads(done.stdout)["code"] in (
        "STANDARD_PACK_DAMAGED", "STANDARD_PACK_SIGNATURE_INVALID",
    ), done.stderr  # fmt: skip
    assert ok(commune, "eval", "score", "2026")["criteria"][1]["points"] is None

    other = tmp_path / "so-khac"
    ok(other, "setup", "--receiving", "--province", "12", "--office-name", "Sở Y tế tỉnh Lai Châu")
    (tmp_path / "khac").mkdir()
    foreign = ok(other, "standard", "pack", "--from", str(values), "--out", str(tmp_path / "khac"))
    done = treem(commune, "standard", "import", foreign["path"], "--json")
    assert done.returncode == 3 and json.loads(done.stdout)["code"] == "STANDARD_PACK_UNTRUSTED"

    imported = ok(commune, "standard", "import", str(pack))
    assert imported["values"] == len(filled_values())
    [row] = imported["rounds"]
    assert row["before"]["total"] < row["after"]["total"]
    after = {c["id"]: c for c in ok(commune, "eval", "score", "2026")["criteria"]}
    assert after["c2"]["points"] == 75 and not after["c2"]["unconfirmed"]  # 90 % → the top band
    assert after["c6"]["known_points"] == 30 + before["c6"]["known_points"]  # 85 %: lower band
    assert not after["c6"]["unconfirmed"] and after["c6"]["max_points"]["status"] == "confirmed"
    assert after["c2"]["max_points"]["status"] == "confirmed-pack"
