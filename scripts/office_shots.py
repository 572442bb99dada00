"""Screenshots of the receiving office's window and dialogs (``scripts/screenshots.py`` calls
:func:`office_shots`), over the office of ``office_shot_data``: the dashboard, its filters, an
import's summary, refused packets, a resubmission, trusting a commune, the office's details
and a new office's setup."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QRect
from PySide6.QtGui import QPixmap
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

sys.path.insert(0, str(Path(__file__).resolve().parent))  # scripts/: the sibling modules

from office_shot_data import office_folder  # type: ignore[import-not-found]  # noqa: E402
from treem_desktop.office.folder import OfficeFolder, open_office  # noqa: E402
from treem_desktop.office.followup import LATE, MISSING  # noqa: E402
from treem_desktop.paths import resolve_data_dir  # noqa: E402
from treem_desktop.ui.window_fit import FRAME  # noqa: E402

Saver = Callable[[QWidget, Path], None]
OverSaver = Callable[[QPixmap, QWidget, Path], None]


def office_shots(out: Path, scratch: Path, room: QRect, save: Saver, save_over: OverSaver) -> None:
    """Every office screen at the screen space ``room``, into ``out``."""
    from treem_desktop.ui.office.window import OfficeWindow

    folder = office_folder(scratch / "so-y-te")
    with open_office(resolve_data_dir(folder)) as office:
        window = OfficeWindow(office)
        window.setGeometry(FRAME.inside(room))
        window.show()
        save(window, out / "1-dashboard.png")
        window.dashboard.show_filter(LATE)
        save(window, out / "2-dashboard-late.png")
        window.dashboard.show_filter(MISSING)
        save(window, out / "3-dashboard-missing.png")
        window.dashboard.show_filter("all")
        QTest.qWait(20)  # the columns take the widths of the rows shown again
        background = window.grab()
        summary_shot(window, office, scratch, background, out, save_over)
        dialog_shots(window, office, background, out, save_over)
        setup_shot(scratch, background, out, save_over)
        window.close()


def summary_shot(
    window: QWidget, office: OfficeFolder, scratch: Path, background: QPixmap, out: Path,
    save_over: OverSaver,
) -> None:  # fmt: skip
    """The message an import ends with: the mailbox read again (all known, one refused)."""
    from treem_desktop.office.followup import import_until_stopped, tally
    from treem_desktop.office.sources import packet_sources

    outcomes, stopped = import_until_stopped(office, packet_sources([scratch / "hop-thu"]))
    window._imported(tally(outcomes), stopped)  # type: ignore[attr-defined]
    box = window.findChild(QMessageBox, "import_summary")
    assert box is not None
    save_over(background, box, out / "dialog-import-summary.png")
    box.done(0)


def dialog_shots(
    window: QWidget, office: OfficeFolder, background: QPixmap, out: Path, save_over: OverSaver
) -> None:
    from treem_desktop.office.followup import waiting_resubmissions
    from treem_desktop.ui.office.quarantine import QuarantineDialog
    from treem_desktop.ui.office.resubmission import ResubmissionDialog
    from treem_desktop.ui.office.setup_dialog import OfficeSetupDialog
    from treem_desktop.ui.office.trust_dialog import TrustDialog

    quarantine = QuarantineDialog(office, window)
    quarantine.show()
    save_over(background, quarantine, out / "dialog-refused.png")
    fingerprint = quarantine.trust_selected()
    if fingerprint is not None:
        save_over(background, fingerprint, out / "dialog-refused-fingerprint.png")
        fingerprint.done(0)
    quarantine.done(0)
    (pending, *_rest) = waiting_resubmissions(office.conn, "2026")
    resubmission = ResubmissionDialog(office, pending, window)
    resubmission.show()
    save_over(background, resubmission, out / "dialog-resubmission.png")
    resubmission.done(0)
    trust = TrustDialog(office, window)
    trust.show()
    trust.trust()  # nothing chosen: says what to do first
    save_over(background, trust, out / "dialog-trust.png")
    trust.done(0)
    details = OfficeSetupDialog(office.data_dir, parent=window, office=office)
    details.show()
    save_over(background, details, out / "dialog-office-details.png")
    details.done(0)


def setup_shot(scratch: Path, background: QPixmap, out: Path, save_over: OverSaver) -> None:
    """A new office's setup, half answered."""
    from treem_desktop.ui.office.setup_dialog import OfficeSetupDialog

    dialog = OfficeSetupDialog(resolve_data_dir(scratch / "moi"))
    dialog.name.setText("Sở Y tế tỉnh Điện Biên")
    dialog.provinces.field.setText("dien bien")
    dialog.show()
    QApplication.processEvents()
    save_over(background, dialog, out / "dialog-setup.png")
    dialog.done(0)
