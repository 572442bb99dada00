"""Issue 15, last bullet: the province's standard pack carries its targets and document
templates to the communes (docs/standard-pack.md, format version 2). Real subprocesses, real
data folders, real signatures."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from tests.integration.test_standard_pack_end_to_end import filled_values, ok, treem, values_file
from treem_desktop.paths import resources_dir

pytestmark = pytest.mark.integration
HANOI = Path(__file__).resolve().parents[1] / "data" / "targets" / "ha-noi-138-2021-example.json"
SHIPPED_PLAN = "ke-hoach-bao-ve-cham-soc-tre-em-nam"
PROVINCE_PLAN = "ke-hoach-rieng-cua-tinh"


@pytest.fixture
def office(tmp_path: Path) -> tuple[Path, dict[str, Any]]:
    folder = tmp_path / "so-y-te"
    setup = ok(folder, "setup", "--receiving", "--province", "11", "--office-name",
               "Sở Y tế tỉnh Điện Biên")  # fmt: skip
    return folder, setup


def commune_trusting(tmp_path: Path, setup: dict[str, Any]) -> Path:
    commune = tmp_path / "03301"
    ok(commune, "setup", "--province", "11", "--commune", "03301", "--category", "con-lai")
    key = setup["key"]
    ok(
        commune,
        "recipient",
        "trust",
        key["certificate"],
        "--fingerprint",
        key["fingerprint_sha256"],
    )
    return commune


def province_template(tmp_path: Path, template_id: str, version: int) -> Path:
    document = json.loads(
        (resources_dir() / "templates" / f"{SHIPPED_PLAN}.v1.json").read_text(encoding="utf-8")
    )
    document["id"], document["version"] = template_id, version
    document["label"] = {"vi": "Kế hoạch riêng của tỉnh", "en": "The province's own plan"}
    path = tmp_path / f"{template_id}.v{version}.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def make_pack(tmp_path: Path, office: Path, *extra: str) -> Path:
    values = values_file(tmp_path / "bang-diem.json", filled_values())
    out = tmp_path / "goi"
    out.mkdir(exist_ok=True)
    made = ok(office, "standard", "pack", "--from", str(values), "--out", str(out), *extra)
    return Path(made["path"])


def dump(data_dir: Path) -> list[str]:
    conn = sqlite3.connect(data_dir / "treem.sqlite3")
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def targets_shown(commune: Path) -> dict[str, dict[str, Any]]:
    shown = ok(commune, "indicators", "show", "2025")
    return {row["id"]: row for row in shown["indicators"]}


def templates_listed(commune: Path) -> dict[str, dict[str, Any]]:
    return {t["id"]: t for t in ok(commune, "doc", "list")["templates"]}


def test_the_pack_brings_the_provinces_targets_and_templates_to_the_commune(
    tmp_path: Path, office: tuple[Path, dict[str, Any]]
) -> None:
    folder, setup = office
    newer = province_template(tmp_path, SHIPPED_PLAN, 2)
    own = province_template(tmp_path, PROVINCE_PLAN, 1)
    pack = make_pack(
        tmp_path, folder, "--targets", str(HANOI), "--template", str(own), "--template", str(newer)
    )
    commune = commune_trusting(tmp_path, setup)
    assert targets_shown(commune)["ct04a"]["target_from"] == "national"
    assert PROVINCE_PLAN not in templates_listed(commune)

    imported = ok(commune, "standard", "import", str(pack))
    assert imported["targets"]["id"] == "ha-noi-138-2021"
    assert [t["id"] for t in imported["templates"]] == [PROVINCE_PLAN, SHIPPED_PLAN]
    row = targets_shown(commune)["ct04a"]
    assert (row["target_from"], row["target"]) == ("province", 7.3)  # as `targets import` does
    listed = templates_listed(commune)
    assert listed[PROVINCE_PLAN]["origin"] == "province"
    assert (listed[SHIPPED_PLAN]["version"], listed[SHIPPED_PLAN]["origin"]) == (2, "province")
    assert (commune / "mau-van-ban" / f"{PROVINCE_PLAN}.v1.json").read_bytes() == own.read_bytes()
    out = tmp_path / "ke-hoach.docx"
    ok(commune, "doc", "render", PROVINCE_PLAN, "--period", "2026", "--draft", "--out", str(out))
    assert out.stat().st_size > 0  # the province's template is used like a shipped one


def test_a_tampered_targets_member_is_refused_and_changes_nothing(
    tmp_path: Path, office: tuple[Path, dict[str, Any]]
) -> None:
    folder, setup = office
    own = province_template(tmp_path, PROVINCE_PLAN, 1)
    pack = make_pack(tmp_path, folder, "--targets", str(HANOI), "--template", str(own))
    data = pack.read_bytes()
    tampered = tmp_path / "sua.standard-pack.zip"
    tampered.write_bytes(data.replace(b'"value": 7.3', b'"value": 9.9', 1))
    assert tampered.read_bytes() != data
    commune = commune_trusting(tmp_path, setup)
    before = dump(commune)

    done = treem(commune, "standard", "import", str(tampered), "--json")
    assert done.returncode == 3, done.stderr
    assert json.loads(done.stdout)["code"] in (
        "STANDARD_PACK_DAMAGED", "STANDARD_PACK_SIGNATURE_INVALID",
    )  # fmt: skip
    assert dump(commune) == before
    assert not (commune / "mau-van-ban").exists()
    assert targets_shown(commune)["ct04a"]["target_from"] == "national"


def test_a_member_changed_with_its_zip_headers_mended_is_refused(
    tmp_path: Path, office: tuple[Path, dict[str, Any]]
) -> None:
    """The tamperer rebuilds a well-formed archive: only the signed hash list catches it."""
    from treem_desktop.packets.build import archive_bytes
    from treem_desktop.packets.zip_layout import canonical_contents, check_members

    folder, setup = office
    pack = make_pack(tmp_path, folder, "--targets", str(HANOI))
    data = pack.read_bytes()
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        infos = check_members(archive)
        members = canonical_contents(data, infos, infos[0].date_time)
    members["targets.json"] = members["targets.json"].replace(b'"value": 7.3', b'"value": 9.9')
    rebuilt = tmp_path / "mended.standard-pack.zip"
    rebuilt.write_bytes(archive_bytes(list(members.items()), infos[0].date_time))
    commune = commune_trusting(tmp_path, setup)
    before = dump(commune)
    done = treem(commune, "standard", "import", str(rebuilt), "--json")
    assert done.returncode == 3
    assert json.loads(done.stdout)["code"] == "STANDARD_PACK_SIGNATURE_INVALID"
    assert dump(commune) == before


def test_conflicting_targets_are_refused_at_the_office(
    tmp_path: Path, office: tuple[Path, dict[str, Any]]
) -> None:
    folder, _setup = office
    document = json.loads(HANOI.read_text(encoding="utf-8"))
    document["targets"][0]["indicator"] = "ct99"  # not in the national set
    conflicting = tmp_path / "chi-tieu-sai.json"
    conflicting.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    values = values_file(tmp_path / "bang-diem.json", filled_values())
    done = treem(folder, "standard", "pack", "--from", str(values), "--out", str(tmp_path),
                 "--targets", str(conflicting), "--json")  # fmt: skip
    assert done.returncode == 1
    refused = json.loads(done.stdout)
    assert refused["code"] == "TARGETS_INVALID" and refused["field"] == "$.targets[0].indicator"
    assert "ct99" in refused["details"]["technical"]  # --json keeps the technical reason
    assert refused["message"].startswith("Không nhận chỉ tiêu của tỉnh")  # in Vietnamese
    assert "Mục chỉ tiêu thứ 1 của tệp, năm 2025: chỉ tiêu được nêu không có" in refused["message"]
    assert "ct99" not in refused["message"]
    assert not list(tmp_path.glob("*.zip"))


def test_a_version_1_pack_still_imports(
    tmp_path: Path, office: tuple[Path, dict[str, Any]]
) -> None:
    from treem_desktop.handoff.standard_pack import make_pack as sign_pack
    from treem_desktop.handoff.standard_pack import signed_now
    from treem_desktop.office.folder import KEYS_DIR
    from treem_desktop.office.keys import (
        OfficeKeyFiles,
        load_office_certificate,
        unlock_office_key,
    )
    from treem_desktop.office.standard_pack import shipped_standard

    folder, setup = office
    standard = shipped_standard("qd-06-2019")
    values = [{**v, "entered_by": "Lan", "document": {"number": "1/QĐ-UBND",
              "date": "2025-08-01", "issuer": "UBND tỉnh"}} for v in filled_values()]  # fmt: skip
    document = {
        "format": "treem-standard-pack", "format_version": 1,
        "standard": {"id": standard.id, "version": standard.version, "sha256": standard.sha256},
        "office": {"name": "Sở Y tế tỉnh Điện Biên", "province_code": "11"},
        "signed_at": signed_now(), "values": values, "templates": [], "targets": None,
    }  # fmt: skip
    files = OfficeKeyFiles.in_folder(folder / KEYS_DIR)
    signed = sign_pack(document, load_office_certificate(files), unlock_office_key(files, None))
    old = tmp_path / "cu.standard-pack.zip"
    old.write_bytes(signed)
    commune = commune_trusting(tmp_path, setup)
    imported = ok(commune, "standard", "import", str(old))
    assert imported["values"] == len(values) and imported["targets"] is None
    assert targets_shown(commune)["ct04a"]["target_from"] == "national"
