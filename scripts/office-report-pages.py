"""The receiving office's documents as pages: a province's communes send, the office reports.

Makes the packets of every commune of one province (benchmarks/national_packets.py), imports
them into a new office folder whose documents a deputy director signs (``SIGNER``), writes
``treem receive report`` (the consolidated workbook, the
list of communes proposed for recognition and the consolidated report), renders each .docx to
PDF with LibreOffice and each page to PNG with pdftoppm, into ``DIR`` — to look at.

    python scripts/office-report-pages.py docs/screenshots/office [--province 11]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the checkout: benchmarks.*

from benchmarks.national_packets import national_packets, trust_all  # noqa: E402

from treem_desktop.office.folder import open_office  # noqa: E402
from treem_desktop.office.intake import import_packets  # noqa: E402
from treem_desktop.office.profile import build_office_profile, save_profile  # noqa: E402
from treem_desktop.office.signer import build_signer  # noqa: E402
from treem_desktop.office.sources import packet_sources  # noqa: E402
from treem_desktop.paths import resolve_data_dir  # noqa: E402

PERIOD = "2026"
SIGNER = build_signer("Nguyễn Văn An", "Phó Giám đốc")  # a made-up deputy: "KT. GIÁM ĐỐC"


def office_with_packets(folder: Path, province: str) -> Path:
    """An office folder of ``province`` holding a packet of each of its communes."""
    from treem_desktop.core.admin_units import load_admin_units

    packets = national_packets(province=province)
    unit = load_admin_units().province(province)
    named = unit.name.lower().startswith(("tỉnh", "thành phố"))
    place = unit.name if named else f"{unit.division_type} {unit.name}"  # "tỉnh Điện Biên"
    data_dir = resolve_data_dir(folder)
    with open_office(data_dir, create=True) as office:
        name = f"Sở Y tế {place[:1].lower()}{place[1:]}"
        save_profile(office.conn, build_office_profile(province, name, signer=SIGNER))
        trust_all(office, packets.trusted())
        import_packets(office, packet_sources([packets.folder]))
    return folder


def write_pages(office: Path, target: Path) -> list[Path]:
    written = target / "tep"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "treem_desktop",
            "--data-dir",
            str(office),
            "receive",
            "report",
            "--period",
            PERIOD,
            "--out",
            str(written),
        ],
        check=True,
    )
    pages = []
    for docx in sorted(written.glob("*.docx")):
        subprocess.run(
            ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(written), str(docx)],
            check=True,
            capture_output=True,
        )
        pdf = docx.with_suffix(".pdf")
        subprocess.run(
            ["pdftoppm", "-png", "-r", "60", str(pdf), str(target / docx.stem)], check=True
        )
        pages += sorted(target.glob(f"{docx.stem}*.png"))
    return pages


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("target", type=Path)
    parser.add_argument("--province", default="11", help="official code (11: Điện Biên)")
    args = parser.parse_args()
    args.target.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        office = office_with_packets(Path(scratch) / "so-y-te", args.province)
        pages = write_pages(office, args.target)
    shutil.rmtree(args.target / "tep", ignore_errors=True)
    for page in pages:
        print(page)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
