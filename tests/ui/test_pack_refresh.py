"""The province's standard pack imported from Settings shows on every page already open,
without a restart: its templates on the documents page, its points (no longer "provisional")
on the evaluation page and the home page, its targets on the indicators page."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pytestqt.qtbot import QtBot

from tests.handoff_support import office_key, write_certificate
from tests.integration.test_standard_pack_end_to_end import filled_values
from tests.ui.test_province_template_mark import OWN_PLAN, SOURCE, template_bytes
from treem_desktop.commune import evaluation as ev
from treem_desktop.commune.receipts import trust_recipient
from treem_desktop.commune.workspace import Workspace
from treem_desktop.handoff.standard_pack import listed, make_pack, template_member
from treem_desktop.office.standard_pack import shipped_standard
from treem_desktop.signing.keys import fingerprint
from treem_desktop.ui.evaluation.page import EvaluationPage
from treem_desktop.ui.main_window import MainWindow

HANOI = Path(__file__).resolve().parents[1] / "data" / "targets" / "ha-noi-138-2021-example.json"
TODAY = dt.date(2026, 11, 23)


def province_pack(workspace: Workspace, tmp_path: Path, *, trusted: bool = True) -> Path:
    """A pack signed by the office the commune registered: the values, Hà Nội's targets and
    one template of the province's own."""
    certificate, key = office_key()
    if trusted:
        pem = write_certificate(certificate, tmp_path / "office.pem")
        trust_recipient(workspace, pem, fingerprint(certificate))
    targets = HANOI.read_bytes()
    template = (template_member(OWN_PLAN, 1), template_bytes(OWN_PLAN, 1, "Kế hoạch của tỉnh"))
    standard = shipped_standard("qd-06-2019")
    document = {
        "format": "treem-standard-pack", "format_version": 2,
        "standard": {"id": standard.id, "version": standard.version, "sha256": standard.sha256},
        "office": {"name": "Sở Y tế tỉnh Điện Biên", "province_code": "11"},
        "signed_at": "2026-03-02T09:15:00+07:00",
        "values": [{**v, "entered_by": "Lan", "document": SOURCE} for v in filled_values()],
        "templates": [listed(*template)], "targets": listed("targets.json", targets),
    }  # fmt: skip
    pack = tmp_path / "tinh.standard-pack.zip"
    pack.write_bytes(make_pack(document, certificate, key, [("targets.json", targets), template]))
    return pack


def points_shown(page: EvaluationPage) -> dict[str, str]:
    """The criteria list's points column: "*" marks points not confirmed (tạm tính)."""
    criteria = page.criteria
    return {criteria.criterion_id(row): points for row, points in criteria.points.items()}


def open_pages(qtbot: QtBot, workspace: Workspace) -> MainWindow:
    """The window with the documents, evaluation and indicators pages built, then Settings."""
    window = MainWindow(workspace, today=TODAY)
    qtbot.addWidget(window)
    window.show()
    for name in ("documents", "evaluation", "indicators", "tables", "settings"):
        window.show_page(window.page_index(name))
    return window


def test_an_imported_pack_shows_on_the_open_pages_without_a_restart(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path
) -> None:
    ev.import_values(workspace, 2026, {"c2.x.numerator": 49, "c2.x.denominator": 50})
    window = open_pages(qtbot, workspace)
    pack = province_pack(workspace, tmp_path)
    documents, evaluation = window.documents_page, window.evaluation_page
    assert documents.template_box.findData(OWN_PLAN) < 0
    assert evaluation.evaluation is not None and evaluation.evaluation.score().provisional
    assert points_shown(evaluation)["c2"].endswith("*")
    assert window.indicators_page.targets_label.text().startswith("Chỉ tiêu: của Trung ương")
    evaluation.show_criterion("c7")

    assert window.settings_page.province_pack.import_file(pack)

    assert documents.template_box.findData(OWN_PLAN) >= 0  # no restart
    assert not points_shown(evaluation)["c2"].endswith("*")  # the pack's points: not provisional
    assert evaluation.view is not None and evaluation.view.criterion.id == "c7"  # kept
    assert "của tỉnh" in window.indicators_page.targets_label.text()
    shown = window.settings_page.province_pack.result.text()
    assert "Kế hoạch của tỉnh" in shown and "Sở Y tế tỉnh Điện Biên" in (
        window.settings_page.province_pack.kept.text()
    )
    window.show_page(window.page_index("home"))
    assert "tạm tính" not in window.home.evaluation_text.text()


def test_a_refused_pack_says_why_and_changes_nothing(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path
) -> None:
    window = open_pages(qtbot, workspace)
    pack = province_pack(workspace, tmp_path, trusted=False)
    box = window.settings_page.province_pack
    assert not box.import_file(pack)
    assert box.problem.isVisible() and "Hộp thư đi → Cài đặt gửi" in box.problem.text()
    assert window.documents_page.template_box.findData(OWN_PLAN) < 0
    assert "treem" not in box.problem.text()  # no command line in the window
