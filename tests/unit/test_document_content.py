"""What the documents say: phường words, a conclusion that follows the verdict, no "?*".

Every template is composed for a xã and a phường of Cao Bằng, rendered to docx and read back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import docx
import pytest

from tests.unit.test_scoring import full_round
from treem_desktop.commune import evaluation as ev
from treem_desktop.commune.document_data import commune_data
from treem_desktop.commune.setup import SetupRequest, build_profile, save_commune
from treem_desktop.commune.workspace import Workspace, open_workspace
from treem_desktop.documents.compose import compose
from treem_desktop.documents.docx_render import render_docx
from treem_desktop.documents.templates import find_template, load_templates
from treem_desktop.paths import resolve_data_dir
from treem_desktop.standards.round import EvaluationRound

XA = SetupRequest(
    province_code="04",
    commune_code="01477",  # Xã Trùng Khánh
    category="mien-nui-hai-dao-dbkk",
    officer_name="Nông Thị Lan",
    signer_name="Hoàng Văn Thái",
    signer_title="Chủ tịch",
    recipient_name="Sở Y tế tỉnh Cao Bằng",
)
PHUONG = SetupRequest(
    province_code="04",
    commune_code="01273",  # Phường Thục Phán
    category="con-lai",
    officer_name="Đàm Thị Hoa",
    signer_name="Lương Văn Hùng",
    signer_title="Phó Chủ tịch",
    recipient_name="Sở Y tế tỉnh Cao Bằng",
)
TEMPLATE_IDS = [t.id for t in load_templates()]
REPORT = "bao-cao-tu-danh-gia"


def scored_round(workspace: Workspace, points_per_criterion: float) -> EvaluationRound:
    """A 2026 round with every criterion scored (tests.unit.test_scoring.full_round)."""
    started = ev.open_or_start_round(workspace, 2026)
    return replace(started, values=dict(full_round(points_per_criterion)))


def open_commune(tmp_path: Path, request: SetupRequest) -> Workspace:
    workspace = open_workspace(resolve_data_dir(tmp_path / "data"), create=True)
    save_commune(workspace, build_profile(request))
    return workspace


@pytest.fixture(params=[XA, PHUONG], ids=["xa", "phuong"])
def commune(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Workspace]:
    workspace = open_commune(tmp_path, request.param)
    yield workspace
    workspace.close()


def document_text(
    workspace: Workspace,
    template_id: str,
    folder: Path,
    evaluation: EvaluationRound | None = None,
    year: int = 2026,
) -> str:
    """The docx of ``template_id`` for the commune, read back: paragraphs, then every cell."""
    document = compose(
        find_template(template_id),
        workspace.require_profile(),
        year,
        None,
        dt.date(year, 3, 5),
        evaluation=evaluation,
        data=commune_data(workspace),
    )
    word = docx.Document(str(render_docx(document, folder / f"{template_id}.docx")))
    texts = [p.text for p in word.paragraphs]
    for table in word.tables:
        for row in table.rows:
            texts += [cell.text for cell in row.cells]
    return "\n".join(texts)


@pytest.mark.parametrize("template_id", TEMPLATE_IDS)
def test_every_template_uses_the_words_of_the_units_kind(
    commune: Workspace, tmp_path: Path, template_id: str
) -> None:
    evaluation = ev.import_values(commune, 2026, {"c6.a.numerator": 19, "c6.a.denominator": 20})
    text = document_text(commune, template_id, tmp_path, evaluation)
    kind = commune.require_profile().commune.division_type
    wrong = ("Công an phường", "tổ dân phố") if kind == "xã" else ("Công an xã", "thôn, bản")
    for words in wrong:
        assert words not in text, (template_id, words)
    if kind == "phường":
        assert "Phòng Kinh tế," in text or "Phòng Kinh tế" not in text  # never the xã's office
    assert "?*" not in text and "—*" not in text and "{" not in text


def test_the_phuong_plans_name_its_police_and_residential_groups(tmp_path: Path) -> None:
    workspace = open_commune(tmp_path, PHUONG)
    text = document_text(workspace, "ke-hoach-danh-gia-xa-phu-hop-tre-em", tmp_path)
    assert "Công an phường" in text
    text = document_text(workspace, "ke-hoach-bao-ve-cham-soc-tre-em-nam", tmp_path)
    assert "Phòng Kinh tế, Hạ tầng và Đô thị" in text and "tổ dân phố" in text
    workspace.close()


@pytest.mark.parametrize("template_id", [t for t in TEMPLATE_IDS if t.startswith("bao-cao")])
def test_a_report_has_no_addressee_line(
    commune: Workspace, tmp_path: Path, template_id: str
) -> None:
    assert "Kính gửi" not in document_text(commune, template_id, tmp_path)


def test_a_recognised_total_asks_the_department_to_appraise_and_submit(
    commune: Workspace, tmp_path: Path
) -> None:
    evaluation = scored_round(commune, 70)
    assert evaluation.score().total >= evaluation.score().threshold.number
    text = document_text(commune, REPORT, tmp_path, evaluation)
    assert "đề nghị Sở Y tế tỉnh Cao Bằng thẩm định, trình cấp có thẩm quyền công nhận" in text
    assert "xem xét, thẩm định và công nhận" not in text  # a Sở does not recognise


def test_a_total_under_the_threshold_asks_for_no_recognition(
    commune: Workspace, tmp_path: Path
) -> None:
    evaluation = scored_round(commune, 30)
    assert evaluation.score().total < (evaluation.score().threshold.number or 0)
    text = document_text(commune, REPORT, tmp_path, evaluation)
    assert "công nhận" not in text.replace("chưa đề nghị công nhận", "").replace(
        "ngưỡng công nhận", ""
    ).replace("Ngưỡng điểm công nhận", "")
    assert "chưa đạt tiêu chuẩn" in text and "còn thiếu" in text and "kế hoạch" in text


def test_too_little_data_says_what_is_missing_and_prints_words_not_marks(
    commune: Workspace, tmp_path: Path
) -> None:
    evaluation = ev.import_values(commune, 2026, {"c6.a.numerator": 19, "c6.a.denominator": 20})
    text = document_text(commune, REPORT, tmp_path, evaluation)
    assert "Chưa đủ số liệu để kết luận" in text and "chưa chấm" in text
    assert "trình cấp có thẩm quyền" not in text
    assert "?*" not in text and "—*" not in text and "\n?\n" not in text
