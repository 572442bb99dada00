"""What the review of the commune's screens at 1024×560 found: the empty documents page's
tasks tab, the template names in English, the report tables' grid using the page's height,
the wizard's summary naming the threshold in points, the restore question without gaps, and
one word for e-mail."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication, QFormLayout, QLabel
from pytestqt.qtbot import QtBot

from tests.ui.test_setup_wizard import walk_to_every_page
from treem_desktop.commune.backup import Reason, create_backup
from treem_desktop.commune.backup_restore import preview_backup
from treem_desktop.commune.commune_key import KeyFiles, ensure_commune_key
from treem_desktop.commune.workspace import Workspace
from treem_desktop.documents.templates import find_template
from treem_desktop.i18n import set_language
from treem_desktop.ui.documents.page import DocumentsPage
from treem_desktop.ui.documents.template_list import NAME_ROLE, template_name
from treem_desktop.ui.enrollment_dialog import EnrollmentDialog
from treem_desktop.ui.indicators.tables_page import TablesPage
from treem_desktop.ui.restore_dialog import RestoreDialog
from treem_desktop.ui.wizard import SUMMARY, SetupWizard

REPORT = "bao-cao-tu-danh-gia"


def documents_page(qtbot: QtBot, workspace: Workspace) -> DocumentsPage:
    page = DocumentsPage(workspace, today=dt.date(2026, 3, 2))
    qtbot.addWidget(page)
    page.resize(820, 476)  # the page's room in the main window at 1024×560
    page.show()
    qtbot.waitExposed(page)
    return page


def test_an_empty_register_leaves_no_tasks_words_floating(
    qtbot: QtBot, workspace: Workspace
) -> None:
    page = documents_page(qtbot, workspace)
    assert not page.tasks_label.isVisible()  # no rows to type in: nothing to say so
    page.new_document(REPORT)
    tab = page.tabs.widget(0)
    assert tab is not None and page.tasks_label.isVisible()
    top = page.tasks_label.mapTo(tab, QPoint(0, 0)).y()
    assert top < 20, f"the tasks' words stand {top} px down the tab"


def test_template_names_follow_the_window_language(qtbot: QtBot, workspace: Workspace) -> None:
    set_language("en")
    page = documents_page(qtbot, workspace)
    box = page.template_box
    names = [str(box.itemData(i, NAME_ROLE)) for i in range(box.count())]
    assert "BC — Self-assessment report on the child-friendly commune standard" in names
    assert not any("Báo cáo" in name or "Kế hoạch" in name for name in names)
    words = [label.text() for label in page.findChildren(QLabel)]
    assert "&Document summary:" in words and not any("trích" in w.lower() for w in words)
    vietnamese_only = replace(find_template(REPORT), label={"vi": "Báo cáo của tỉnh"})
    assert template_name(vietnamese_only) == "BC — Báo cáo của tỉnh"
    set_language("vi")
    assert template_name(find_template(REPORT)).startswith("BC — Báo cáo kết quả tự đánh giá")


def test_the_report_table_grid_takes_the_page_height(qtbot: QtBot, workspace: Workspace) -> None:
    page = TablesPage(workspace)
    qtbot.addWidget(page)
    page.resize(820, 476)
    page.show()
    qtbot.waitExposed(page)
    page.select("b2-1")  # a table with no notes under it
    QApplication.processEvents()  # the new grid laid out
    assert page.grid is not None
    bottom = page.grid.mapTo(page, QPoint(0, page.grid.height())).y()
    layout = page.layout()
    assert layout is not None
    margin = layout.contentsMargins().bottom()
    assert page.height() - margin - bottom <= 2, "empty room left under the grid"


def test_the_wizard_summary_gives_the_threshold_in_points(qtbot: QtBot) -> None:
    wizard = SetupWizard()
    qtbot.addWidget(wizard)
    wizard.show()
    for page_id in walk_to_every_page(wizard):
        if page_id == SUMMARY:
            break
    assert "ngưỡng 800 điểm" in wizard.summary.text.text()
    wizard.done(0)


def test_the_restore_question_has_no_gaps_between_its_lines(
    qtbot: QtBot, workspace: Workspace
) -> None:
    made = create_backup(workspace.data_dir, workspace.conn, reason=Reason.MANUAL)
    dialog = RestoreDialog(preview_backup(made.path), made.path)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    intro = dialog.findChild(QLabel, "restore_intro")
    assert intro is not None
    assert intro.height() <= intro.heightForWidth(intro.width()) + 2, "a gap under the intro"
    assert dialog.height() <= dialog.heightForWidth(dialog.width()) + 2


def test_the_enrollment_file_says_e_mail_as_the_other_screens_do(
    qtbot: QtBot, workspace: Workspace
) -> None:
    files = KeyFiles.in_data_dir(workspace.data_dir.path)
    ensure_commune_key(files, workspace.require_profile(), b"mat-khau-2026")
    dialog = EnrollmentDialog(workspace)
    qtbot.addWidget(dialog)
    form = next(f for f in dialog.findChildren(QFormLayout))
    label = form.labelForField(dialog.email)
    assert isinstance(label, QLabel)
    assert label.text().replace("&", "") == "Thư điện tử:"  # as in the wizard and Settings
