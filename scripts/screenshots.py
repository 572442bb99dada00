"""Screenshots of the wizard and the main window, for looking at the interface as a user would.

    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python scripts/screenshots.py DIR [--lang en]

Works offscreen too (QT_QPA_PLATFORM=offscreen), but Xvfb shows the real platform plugin.
"""

from __future__ import annotations

import argparse
import datetime as dt
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

from treem_desktop.i18n import set_language
from treem_desktop.paths import resolve_data_dir
from treem_desktop.services.commune_key import KeyFiles, ensure_commune_key
from treem_desktop.services.demo import set_up_demo
from treem_desktop.services.workspace import Workspace, open_workspace
from treem_desktop.ui.main_window import MainWindow
from treem_desktop.ui.settings_page import SettingsPage
from treem_desktop.ui.wizard import CATEGORY, KEY, LOCATION, PEOPLE, SUMMARY, SetupWizard


def save(widget: QWidget, path: Path) -> None:
    QApplication.processEvents()
    widget.grab().save(str(path))
    print(path)


def wizard_shots(out: Path) -> None:
    wizard = SetupWizard()
    wizard.show()
    save(wizard, out / "wizard-1-welcome.png")
    wizard.next()
    picker = wizard.location.picker
    picker.select("11")
    picker.search.setText("muong")
    save(wizard, out / "wizard-2-location.png")
    picker.search.setText("muong phang")
    assert wizard.currentId() == LOCATION
    wizard.next()
    assert wizard.currentId() == CATEGORY
    wizard.category.chooser.set_value("mien-nui-hai-dao-dbkk")
    save(wizard, out / "wizard-3-category.png")
    wizard.next()
    assert wizard.currentId() == PEOPLE
    wizard.people.fields.set_values("Nguyễn Thị Hà", "Lò Văn Tâm", "Phó Chủ tịch")
    save(wizard, out / "wizard-4-people.png")
    wizard.next()
    wizard.recipient.fields.set_values("Sở Y tế tỉnh Điện Biên", "syt-sai", ("UBND",))
    wizard.next()  # refused: shows the problem under the e-mail
    save(wizard, out / "wizard-5-recipient-error.png")
    wizard.recipient.fields.set_values("Sở Y tế tỉnh Điện Biên", "syt@dienbien.gov.vn", ("UBND",))
    wizard.next()
    assert wizard.currentId() == KEY
    wizard.key.first.setText("Mường Phăng 2026")
    wizard.key.second.setText("Mường Phăng 202")
    wizard.next()  # refused: the two differ
    save(wizard, out / "wizard-6-key-mismatch.png")
    wizard.key.second.setText("Mường Phăng 2026")
    wizard.next()
    assert wizard.currentId() == SUMMARY
    save(wizard, out / "wizard-7-summary.png")
    wizard.close()


def window_shots(out: Path, data: Path) -> None:
    workspace = open_workspace(resolve_data_dir(data), create=True)
    set_up_demo(workspace)
    ensure_commune_key(
        KeyFiles.in_data_dir(workspace.data_dir.path), workspace.require_profile(), b"demo-2026"
    )
    window = MainWindow(workspace, today=dt.date.today())
    window.resize(1280, 760)
    window.show()
    save(window, out / "home.png")
    window.show_page(window.page_index("settings"))
    save(window, out / "settings.png")
    settings = window.stack.currentWidget()
    assert isinstance(settings, SettingsPage)
    settings.verticalScrollBar().setValue(settings.verticalScrollBar().maximum())
    save(window, out / "settings-key.png")
    settings.key_card.save_card(out / "key-card.pdf")
    print(out / "key-card.pdf")
    evaluation_shots(window, workspace, out)
    indicator_shots(window, workspace, out)
    document_shots(window, out)
    outbox_shots(window, workspace, out, data.parent / "KINGSTON")
    window.close()
    workspace.close()


SAMPLE_ROUND = {
    "c1.a.has": True,
    "c1.b.has": True,
    "c1.c.has": True,
    "c1.d.has": False,
    "c2.x": {"numerator": 118, "denominator": 120, "points": 80},
    "c3.x": {"numerator": 0, "denominator": 1500, "points": 100},
    "c6.a": {"numerator": 19, "denominator": 20},
    "c6.b": {"numerator": 2, "denominator": 3},
    "c7.a": {"numerator": 49, "denominator": 50},
}


def evaluation_shots(window: MainWindow, workspace: Workspace, out: Path) -> None:
    from treem_desktop.services.evaluation import import_values

    import_values(
        workspace, dt.date.today().year - 2, {"c6.a": {"numerator": 15, "denominator": 18}}
    )
    import_values(workspace, dt.date.today().year, SAMPLE_ROUND)
    window.show_page(window.page_index("evaluation"))
    page = window.evaluation_page
    page.show_criterion("c6")
    save(window, out / "evaluation-c6.png")
    page.show_criterion("c1")
    save(window, out / "evaluation-c1.png")


def indicator_shots(window: MainWindow, workspace: Workspace, out: Path) -> None:
    from treem_desktop.services import indicators as ind
    from treem_desktop.services import tables as tb

    for year, values in {
        "2022": {"ct05a": 95.2, "ct03a": 10.1, "ct01": 55},
        "2023": {"ct05a": 96.0, "ct03a": 9.8, "ct01": 60},
        "2024": {"ct05a": 97.1, "ct03a": 9.6, "ct01": 64},
        "2025": {"ct05a": 98.4, "ct03a": 9.1, "ct01": 66, "ct04a": 8.2, "ct14": 99},
    }.items():
        ind.import_values(workspace, year, values)
    session = tb.open_table(workspace, "report-1555-2020", "b2-1")
    for index, grid_year in enumerate(range(2012, 2021)):
        year_row = str(grid_year)
        session.store(year_row, "chien-dich", str(3 + index))
        session.store(year_row, "doi-tuong", str(1200 + 150 * index))
        session.store(year_row, "kinh-phi", f"{15000 + 2500 * index:,}".replace(",", "."))
    window.show_page(window.page_index("indicators"))
    page = window.indicators_page
    page.year_box.setCurrentIndex(page.year_box.findData(2025))
    assert page.grid is not None
    row = next(
        r for r in range(page.grid.table.rowCount()) if page.grid.cell_id(r, 0)[0] == "ct05a"
    )
    page.grid.table.setCurrentCell(row, 2)
    save(window, out / "indicators.png")
    window.show_page(window.page_index("tables"))
    window.tables_page.select("b2-1")
    save(window, out / "table-2-1.png")
    window.tables_page.select("b2-3")
    save(window, out / "table-2-3.png")


def document_shots(window: MainWindow, out: Path) -> None:
    window.show_page(window.page_index("documents"))
    page = window.documents_page
    page.new_document("bao-cao-tu-danh-gia")
    page.new_document("ke-hoach-danh-gia-xa-phu-hop-tre-em")
    page.buttons["issue"].click()
    save(window, out / "documents.png")
    window.show_page(window.page_index("deadlines"))
    save(window, out / "deadlines.png")


def outbox_shots(window: MainWindow, workspace: Workspace, out: Path, stick: Path) -> None:
    """Two evaluation packets (one copied to a stand-in USB stick), then the outbox and home."""
    from treem_desktop.services import outbox
    from treem_desktop.services.packet_service import build_packet_of, key_signer
    from treem_desktop.services.packet_stamps import packets_folder

    signer = key_signer(workspace, b"demo-2026")
    year = str(dt.date.today().year)
    for _ in range(2):
        build_packet_of(workspace, "evaluation", year, packets_folder(workspace), signer)
    stick.mkdir(parents=True, exist_ok=True)
    first = outbox.entries(workspace)[-1]
    outbox.send(workspace, outbox.Route("usb", stick), [first.sequence])
    window.show_page(window.page_index("outbox"))
    page = window.outbox_page
    page.reload()
    sent = page.list.topLevelItem(1)  # the older packet, with its history
    assert sent is not None
    page.list.setCurrentItem(sent)
    save(window, out / "outbox.png")
    window.show_page(window.page_index("home"))
    window.show_evaluation_summary()
    save(window, out / "home-with-data.png")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--lang", default="vi")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    app = QApplication([])
    set_language(args.lang)
    wizard_shots(args.out)
    with tempfile.TemporaryDirectory() as folder:
        window_shots(args.out, Path(folder) / "data")
    app.quit()


if __name__ == "__main__":
    main()
