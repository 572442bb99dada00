"""Every template as LibreOffice prints it: docx, then real soffice, real PDF, pdftotext.

Nothing here is skipped: without soffice or poppler's tools the tests fail.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest

from treem_desktop.commune import evaluation as ev
from treem_desktop.commune import indicators as ind
from treem_desktop.commune.demo import DEMO_REQUEST
from treem_desktop.commune.document_data import commune_data
from treem_desktop.commune.setup import build_profile, save_commune
from treem_desktop.commune.tables import open_table
from treem_desktop.commune.workspace import Workspace, open_workspace
from treem_desktop.documents.compose import compose
from treem_desktop.documents.docx_render import render_docx
from treem_desktop.documents.templates import load_templates
from treem_desktop.paths import resolve_data_dir

pytestmark = pytest.mark.integration

SIGNER = "Lò Văn Tâm"  # the demo commune's chairman (tests/conftest.py's workspace)
TEMPLATES = {t.id: (number, t) for number, t in enumerate(load_templates(), start=1)}
HA_NOI = Path(__file__).resolve().parents[1] / "data" / "targets" / "ha-noi-138-2021-example.json"


def run(*command: str | Path, home: Path | None = None) -> str:
    assert shutil.which(str(command[0])), f"{command[0]} is not installed"
    env = dict(os.environ, HOME=str(home)) if home else None
    done = subprocess.run(
        [str(c) for c in command], capture_output=True, text=True, env=env, timeout=300
    )
    assert done.returncode == 0, done.stderr
    return unicodedata.normalize("NFC", done.stdout)


@pytest.fixture(scope="module")
def filled_workspace(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    """The demo commune (signer Lò Văn Tâm) with data for every insert."""
    opened = open_workspace(resolve_data_dir(tmp_path_factory.mktemp("data")), create=True)
    save_commune(opened, build_profile(DEMO_REQUEST))
    ind.import_targets(opened, HA_NOI)
    ind.import_values(opened, "2026", {"ct04a": 8.1, "ct16": 100})
    bang = open_table(opened, "report-nap-2021-2030", "b2-1")
    bang.store("2025", "kinh-phi", "15.000")
    bang = open_table(opened, "report-nap-2021-2030", "b2-3")
    bang.store("2026-2030-xa", "1a", "1")
    bang.store("2026-2030-xa", "1b", "2")
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def pdf_texts(
    filled_workspace: Workspace, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, str]:
    """Each template composed, rendered to docx and converted by ``soffice`` in one run
    (with a profile of its own), then read back with pdftotext."""
    workspace = filled_workspace
    folder = tmp_path_factory.mktemp("templates-pdf")
    evaluation = ev.import_values(workspace, 2026, {"c6.a.numerator": 19, "c6.a.denominator": 20})
    profile = workspace.require_profile()
    files = []
    for template_id, (number, template) in TEMPLATES.items():
        document = compose(
            template,
            profile,
            2026,
            number,
            dt.date(2026, 3, 5),
            evaluation=evaluation,
            data=commune_data(workspace),
        )
        files.append(render_docx(document, folder / f"{template_id}.docx"))
    home = folder / "home"
    home.mkdir()
    run("soffice", "--headless", "--convert-to", "pdf", "--outdir", folder, *files, home=home)
    texts = {}
    for template_id in TEMPLATES:
        pdf = folder / f"{template_id}.pdf"
        assert pdf.is_file(), template_id
        texts[template_id] = " ".join(run("pdftotext", pdf, "-").split())
    return texts


@pytest.mark.parametrize("template_id", list(TEMPLATES))
def test_the_pdf_has_the_national_title_the_number_and_the_signer(
    pdf_texts: dict[str, str], template_id: str
) -> None:
    number, template = TEMPLATES[template_id]
    text = pdf_texts[template_id]
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        f"Số: {number:02d}/{template.type_code}-UBND",
        "Mường Phăng, ngày 05 tháng",  # the proper name only (Decree 30)
        template.kind_text,
        "TM. ỦY BAN NHÂN DÂN",
        SIGNER,
        "- Lưu: VT, VHXH.",
    ):
        assert expected in text, (template_id, expected)
    assert "{" not in text and "}" not in text


def test_the_outline_report_prints_its_tables_and_appendices(pdf_texts: dict[str, str]) -> None:
    text = pdf_texts["bao-cao-chuong-trinh-hanh-dong-vi-tre-em"]
    for expected in (
        "Phụ lục I",
        "Bảng 1.1. Các văn bản chỉ đạo",
        "Bảng 2.1. Truyền thông, vận động xã hội",
        "15.000",
        "Bảng 2.3. Tổ chức bộ máy",
        "(1a)",
        "Phụ lục II",
        "Chậm tiến độ",
        "Kèm theo Báo cáo số",
    ):
        assert expected in text, expected
    assert "2012" not in text and "Kính gửi" not in text and "cấp cấp" not in text


def test_the_targets_plan_prints_the_provinces_target(pdf_texts: dict[str, str]) -> None:
    text = pdf_texts["ke-hoach-bao-ve-cham-soc-tre-em-nam"]
    assert "Chỉ tiêu quốc gia đến năm 2030" in text and "Chỉ tiêu của xã năm 2026" in text
    assert "≤ 6,8%" in text and "138/KH-UBND" in text
