"""Screenshots of the wizard, every page and the dialogs, at the sizes of commune laptops.

    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python scripts/screenshots.py DIR [--lang en]

Works offscreen too (QT_QPA_PLATFORM=offscreen), but Xvfb shows the real platform plugin.

For each screen (1024×600 and 1366×768, each less a 40 px taskbar: ``--screens 1024x560,1366x728``)
it writes ``DIR/<screen>/wizard/``, ``DIR/<screen>/fresh/`` (a new demo commune, no data),
``DIR/<screen>/data/`` (with an evaluation round, indicators, tables, documents and packets) and
``DIR/<screen>/office/`` (a receiving office of Điện Biên a week after its deadline:
scripts/office_shots.py); ``--only office`` or ``--only commune`` for one side.
The main window gets what it gets on that screen less its title bar and borders
(:func:`treem_desktop.ui.window_fit.fit_window`); the wizard and the dialogs are drawn where they
open, over a picture of the screen's free space, so whatever does not fit is cut off as it would
be. README's pictures are ``1366x728/fresh/1-home.png`` and ``1366x728/data/7-outbox.png``,
copied to ``docs/screenshots/``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QPoint, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from treem_desktop.commune.commune_key import KeyFiles, ensure_commune_key
from treem_desktop.commune.demo import DEMO_REQUEST
from treem_desktop.commune.setup import build_profile, save_commune
from treem_desktop.commune.workspace import Workspace, open_workspace
from treem_desktop.paths import resolve_data_dir
from treem_desktop.ui.app import switch_language
from treem_desktop.ui.main_window import PAGES, MainWindow
from treem_desktop.ui.settings_page import SettingsPage
from treem_desktop.ui.window_fit import FRAME
from treem_desktop.ui.wizard import (
    CATEGORY,
    KEY,
    LOCATION,
    PEOPLE,
    SUMMARY,
    SetupWizard,
    fit_wizard,
)

SCREENS = "1024x560,1366x728"
PASSPHRASE = b"demo-2026"


def save(widget: QWidget, path: Path) -> None:
    QApplication.processEvents()
    path.parent.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(path))
    print(path)


def save_over(background: QPixmap, dialog: QWidget, path: Path) -> None:
    """``dialog`` drawn centred over ``background`` (its top kept on screen, as Qt places it)."""
    QApplication.processEvents()
    picture = QPixmap(background)
    shot = dialog.grab()
    corner = QPoint(
        (picture.width() - shot.width()) // 2, max(0, (picture.height() - shot.height()) // 2)
    )
    painter = QPainter(picture)
    painter.drawPixmap(corner, shot)
    painter.end()
    path.parent.mkdir(parents=True, exist_ok=True)
    picture.save(str(path))
    too_big = shot.width() > picture.width() or shot.height() > picture.height()
    print(path, f"(cut: {shot.width()}x{shot.height()})" if too_big else "")


def desktop(room: QRect) -> QPixmap:
    picture = QPixmap(room.size())
    picture.fill(QColor("#3a6ea5"))
    return picture


@contextmanager
def closing_modal_boxes() -> Iterator[list[str]]:
    """Message boxes raised meanwhile are noted and closed, so the script never waits for them."""
    seen: list[str] = []

    def close() -> None:
        modal = QApplication.activeModalWidget()
        if isinstance(modal, QMessageBox):
            seen.append(modal.windowTitle())
            modal.close()

    timer = QTimer()
    timer.timeout.connect(close)
    timer.start(200)
    try:
        yield seen
    finally:
        timer.stop()
        for title in seen:
            print("  closed a message box:", title)


def wizard_shots(out: Path, room: QRect) -> None:
    wizard = SetupWizard()
    fit_wizard(wizard, room)  # as on a laptop with this much room above its taskbar
    wizard.show()
    try:
        wizard_steps(wizard, out, room)
    except Exception as error:  # the wizard is being changed: the other shots still come
        print("  the wizard's shots stopped:", repr(error))
    wizard.done(0)


def wizard_steps(wizard: SetupWizard, out: Path, room: QRect) -> None:
    screen = desktop(room)
    save_over(screen, wizard, out / "wizard-1-welcome.png")
    wizard.next()
    picker = wizard.location.picker
    picker.select("11")
    picker.search.setText("muong")
    save_over(screen, wizard, out / "wizard-2-location.png")
    picker.select("11", "03325")  # Xã Mường Phăng
    assert wizard.currentId() == LOCATION
    wizard.next()
    assert wizard.currentId() == CATEGORY
    wizard.category.chooser.set_value("mien-nui-hai-dao-dbkk")
    save_over(screen, wizard, out / "wizard-3-category.png")
    wizard.next()
    assert wizard.currentId() == PEOPLE
    wizard.people.fields.set_values("Nguyễn Thị Hà", "Lò Văn Tâm", "Phó Chủ tịch")
    save_over(screen, wizard, out / "wizard-4-people.png")
    wizard.next()
    wizard.recipient.fields.set_values("Sở Y tế tỉnh Điện Biên", "syt-sai", ("UBND",))
    wizard.next()  # refused: shows the problem under the e-mail
    save_over(screen, wizard, out / "wizard-5-recipient-error.png")
    wizard.recipient.fields.set_values("Sở Y tế tỉnh Điện Biên", "syt@dienbien.gov.vn", ("UBND",))
    wizard.next()
    assert wizard.currentId() == KEY
    wizard.key.first.setText("Mường Phăng 2026")
    wizard.key.second.setText("Mường Phăng 202")
    wizard.next()  # refused: the two differ
    save_over(screen, wizard, out / "wizard-6-key-mismatch.png")
    wizard.key.second.setText("Mường Phăng 2026")
    wizard.next()
    assert wizard.currentId() == SUMMARY
    save_over(screen, wizard, out / "wizard-7-summary.png")


def open_commune(data: Path) -> Workspace:
    """Xã Mường Phăng as the wizard leaves it: the demo's names, a key, no data (the demo
    commune's own sample data is made by :func:`set_up_demo`, which is not used here so that
    the shots show the same data whatever the demo holds)."""
    workspace = open_workspace(resolve_data_dir(data), create=True)
    save_commune(workspace, build_profile(DEMO_REQUEST))
    ensure_commune_key(
        KeyFiles.in_data_dir(workspace.data_dir.path), workspace.require_profile(), PASSPHRASE
    )
    return workspace


def sized_window(workspace: Workspace, room: QRect) -> MainWindow:
    """The main window as :func:`fit_window` sizes it for the screen space ``room``."""
    window = MainWindow(workspace, today=dt.date.today())
    window.setWindowState(Qt.WindowState.WindowNoState)
    window.setGeometry(FRAME.inside(room))
    window.show()
    return window


def fresh_shots(out: Path, data: Path, room: QRect) -> None:
    """Every page of a commune just set up, and the dialogs they open."""
    workspace = open_commune(data)
    window = sized_window(workspace, room)
    for index, name in enumerate(PAGES):
        window.show_page(index)
        save(window, out / f"{index + 1}-{name}.png")
    settings_bottom(window, out / "8-settings-key.png")
    dialog_shots(window, out)
    window.close()
    workspace.close()


def settings_bottom(window: MainWindow, path: Path) -> None:
    window.show_page(window.page_index("settings"))
    settings = window.stack.currentWidget()
    assert isinstance(settings, SettingsPage)
    settings.verticalScrollBar().setValue(settings.verticalScrollBar().maximum())
    save(window, path)


def opened_settings(window: MainWindow) -> QDialog:
    window.outbox_page.open_settings()
    return window.outbox_page.settings_dialog


def dialog_shots(window: MainWindow, out: Path) -> None:
    """The packet dialogs of the three pages and the sending settings, over the window."""
    openers = {
        "evaluation": lambda: window.evaluation_page.open_packet_dialog(),
        "indicators": lambda: window.indicators_page.open_packet_dialog(),
        "documents": lambda: window.documents_page.open_packet_dialog(),
        "outbox": lambda: opened_settings(window),
    }
    for page, opener in openers.items():
        window.show_page(window.page_index(page))
        background = window.grab()
        dialog = opener()
        if not isinstance(dialog, QDialog):
            continue
        name = "sending-settings" if page == "outbox" else f"packet-{page}"
        save_over(background, dialog, out / f"dialog-{name}.png")
        dialog.done(0)


def data_shots(out: Path, data: Path, room: QRect) -> None:
    """The pages of a commune with a year of data in it."""
    workspace = open_commune(data)
    evaluation_data(workspace)
    indicator_data(workspace)
    document_data(workspace)
    window = sized_window(workspace, room)
    save(window, out / "1-home.png")
    evaluation_shots(window, out)
    indicator_shots(window, out)
    document_shots(window, out)
    outbox_shots(window, workspace, out, data.parent / "KINGSTON")
    settings_bottom(window, out / "8-settings-key.png")
    settings_card(window, out / "key-card.pdf")
    dialog_shots(window, out)
    from commune_dialog_shots import (  # type: ignore[import-not-found]  # scripts/
        backup_shots,
        key_dialog_shots,
    )

    key_dialog_shots(window, out, save_over)
    backup_shots(window, workspace, out, save, save_over)
    window.close()
    workspace.close()


def settings_card(window: MainWindow, path: Path) -> None:
    window.settings_page.key_card.save_card(path)
    print(path)


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


def evaluation_data(workspace: Workspace) -> None:
    from treem_desktop.commune.evaluation import import_values

    year = dt.date.today().year
    import_values(workspace, year - 2, {"c6.a": {"numerator": 15, "denominator": 18}})
    import_values(workspace, year, SAMPLE_ROUND)


def indicator_data(workspace: Workspace) -> None:
    from treem_desktop.commune import indicators as ind
    from treem_desktop.commune import tables as tb

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


def document_data(workspace: Workspace) -> None:
    """A self-assessment report (draft) and an evaluation plan, issued."""
    from treem_desktop.commune import documents as docs

    today = dt.date.today()
    docs.new_document(workspace, "bao-cao-tu-danh-gia", today.year)
    plan = docs.new_document(workspace, "ke-hoach-danh-gia-xa-phu-hop-tre-em", today.year)
    docs.issue(workspace, plan, min(today, dt.date(today.year, 2, 20)))  # before its deadlines


def evaluation_shots(window: MainWindow, out: Path) -> None:
    window.show_page(window.page_index("evaluation"))
    page = window.evaluation_page
    for criterion in ("c1", "c2", "c6"):
        page.show_criterion(criterion)
        save(window, out / f"2-evaluation-{criterion}.png")


def indicator_shots(window: MainWindow, out: Path) -> None:
    window.show_page(window.page_index("indicators"))
    page = window.indicators_page
    page.year_box.setCurrentIndex(page.year_box.findData(2025))
    assert page.grid is not None
    row = next(
        r for r in range(page.grid.table.rowCount()) if page.grid.cell_id(r, 0)[0] == "ct05a"
    )
    page.grid.table.setCurrentCell(row, 2)
    save(window, out / "3-indicators.png")
    window.show_page(window.page_index("tables"))
    window.tables_page.select("b2-1")
    save(window, out / "4-tables-2-1.png")
    window.tables_page.select("b2-3")
    save(window, out / "4-tables-2-3.png")


def document_shots(window: MainWindow, out: Path) -> None:
    window.show_page(window.page_index("documents"))
    page = window.documents_page
    page.reload()
    save(window, out / "5-documents.png")
    window.show_page(window.page_index("deadlines"))
    save(window, out / "6-deadlines.png")


def outbox_shots(window: MainWindow, workspace: Workspace, out: Path, stick: Path) -> None:
    """Two evaluation packets (one copied to a stand-in USB stick), then the outbox and home."""
    from treem_desktop.commune import outbox
    from treem_desktop.commune.packet_service import build_packet_of, key_signer
    from treem_desktop.commune.packet_stamps import packets_folder

    signer = key_signer(workspace, PASSPHRASE)
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
    save(window, out / "7-outbox.png")
    window.show_page(window.page_index("home"))
    window.show_evaluation_summary()
    save(window, out / "1-home-with-data.png")


def scoring_editor_shot(out: Path, data: Path, room: QRect) -> None:
    """The office's scoring-table editor, half filled, with one criterion not adding up."""
    from treem_desktop.office.folder import open_office
    from treem_desktop.office.setup import set_up_office
    from treem_desktop.office.standard_pack import save_draft, shipped_standard
    from treem_desktop.ui.office.scoring_draft import ScoringDraft, Source
    from treem_desktop.ui.office.scoring_editor import SIZE, ScoringEditor

    folder = resolve_data_dir(data)
    set_up_office(folder, "11", "Sở Y tế tỉnh Điện Biên", "province", None)
    draft = ScoringDraft(shipped_standard("qd-06-2019"))
    draft.default_source = Source("Nguyễn Thị Lan", "123/QĐ-UBND", "2025-08-01", "UBND tỉnh")
    half = {"max_total": 1000, "c1.max_points": 100, "c2.max_points": 80, "c2.x.max_points": 75}
    for target, value in half.items():
        draft.entries[target].value = float(value)
    draft.entries["c2.x.bands"].bands = [(90.0, 75.0), (70.0, 37.5)]
    with open_office(folder) as office:
        save_draft(office, draft.standard, draft.to_json())
        editor = ScoringEditor(office)
        editor.resize(QSize(*SIZE).boundedTo(FRAME.inside(room).size()))
        editor.show()
        c2 = next(g for g in editor.groups if g.objectName() == "group_c2")
        c2.fields["c2.max_points"].setFocus()
        save_over(desktop(room), editor, out / "scoring-editor.png")
        editor.close()


def commune_shots(folder: Path, room: QRect) -> None:
    wizard_shots(folder / "wizard", room)
    with tempfile.TemporaryDirectory() as scratch:
        fresh_shots(folder / "fresh", Path(scratch) / "data", room)
    with tempfile.TemporaryDirectory() as scratch:
        data_shots(folder / "data", Path(scratch) / "data", room)


def every_office_shot(out: Path, room: QRect) -> None:
    """The office's window and dialogs (scripts/office_shots.py), then its scoring editor."""
    from office_shots import office_shots  # type: ignore[import-not-found]  # scripts/

    with tempfile.TemporaryDirectory() as scratch:
        office_shots(out, Path(scratch), room, save, save_over)
    with tempfile.TemporaryDirectory() as scratch:
        scoring_editor_shot(out, Path(scratch) / "office", room)


def screen_room(text: str) -> QRect:
    width, height = (int(part) for part in text.split("x"))
    return QRect(0, 0, width, height)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--lang", default="vi")
    parser.add_argument("--screens", default=SCREENS, help="free screen sizes, e.g. 1024x560")
    parser.add_argument("--only", choices=("commune", "office"), help="one side's shots only")
    args = parser.parse_args()
    app = QApplication([])
    switch_language(args.lang)  # the app's words and Qt's own (OK, Close, Cancel)
    with closing_modal_boxes():
        for name in args.screens.split(","):
            room, folder = screen_room(name), args.out / name
            if args.only != "office":
                commune_shots(folder, room)
            if args.only != "commune":
                every_office_shot(folder / "office", room)
    app.quit()


if __name__ == "__main__":
    main()
