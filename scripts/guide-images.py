"""The user guide's pictures, made again from the application as it is now.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/guide-images.py

Runs the screenshot script (scripts/screenshots.py) into a scratch folder: the pages at
1024×560 (a 1024×600 laptop less its taskbar) and the setup window at 1366×728, where it fits
whole. Then it copies the shots the guide shows into ``resources/guide/images/``, made smaller
(at most IMAGE_WIDTH pixels wide, 8-bit colours), and removes pictures the guide no longer
uses. Run it after changing a page, then look at the guide (F1 in the window).
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication

import screenshots  # type: ignore[import-not-found]  # scripts/screenshots.py, beside this
from treem_desktop.i18n import set_language
from treem_desktop.paths import guide_dir

PAGES_SCREEN = "1024x560"
WIZARD_SCREEN = "1366x728"
IMAGE_WIDTH = 640
DESKTOP = QColor("#3a6ea5")  # what screenshots.py paints around the setup window

SHOTS = {
    "first-run.png": f"{WIZARD_SCREEN}/wizard/wizard-2-location.png",
    "home.png": f"{PAGES_SCREEN}/data/1-home-with-data.png",
    "evaluation.png": f"{PAGES_SCREEN}/data/2-evaluation-c6.png",
    "indicators.png": f"{PAGES_SCREEN}/data/3-indicators.png",
    "tables.png": f"{PAGES_SCREEN}/data/4-tables-2-1.png",
    "documents.png": f"{PAGES_SCREEN}/data/5-documents.png",
    "deadlines.png": f"{PAGES_SCREEN}/data/6-deadlines.png",
    "packet.png": f"{PAGES_SCREEN}/data/dialog-packet-evaluation.png",
    "outbox.png": f"{PAGES_SCREEN}/data/7-outbox.png",
    "settings.png": f"{PAGES_SCREEN}/fresh/8-settings.png",
    "backups.png": f"{PAGES_SCREEN}/fresh/9-backups.png",
}
"""Each picture of the guide and the screenshot it is made from."""


def take_shots(out: Path) -> None:
    """The screenshots the guide uses, in Vietnamese, under ``out/<screen>/``."""
    with screenshots.closing_modal_boxes():
        screenshots.wizard_shots(
            out / WIZARD_SCREEN / "wizard", screenshots.screen_room(WIZARD_SCREEN)
        )
        room = screenshots.screen_room(PAGES_SCREEN)
        with tempfile.TemporaryDirectory() as scratch:
            screenshots.fresh_shots(out / PAGES_SCREEN / "fresh", Path(scratch) / "data", room)
        with tempfile.TemporaryDirectory() as scratch:
            screenshots.data_shots(out / PAGES_SCREEN / "data", Path(scratch) / "data", room)


def without_desktop(image: QImage) -> QImage:
    """The part of ``image`` that is not the plain desktop drawn around a window."""
    background = DESKTOP.rgb()
    rows = [y for y in range(image.height()) if _row_has_window(image, y, background)]
    columns = [x for x in range(image.width()) if image.pixel(x, image.height() // 2) != background]
    if not rows or not columns:
        return image
    return image.copy(
        QRect(columns[0], rows[0], columns[-1] - columns[0] + 1, rows[-1] - rows[0] + 1)
    )


def _row_has_window(image: QImage, y: int, background: int) -> bool:
    return image.pixel(image.width() // 2, y) != background


def small(image: QImage) -> QImage:
    """At most IMAGE_WIDTH wide, smoothly scaled, in 256 colours (a few tens of kilobytes)."""
    if image.width() > IMAGE_WIDTH:
        image = image.scaledToWidth(IMAGE_WIDTH, Qt.TransformationMode.SmoothTransformation)
    return image.convertToFormat(
        QImage.Format.Format_Indexed8, Qt.ImageConversionFlag.ThresholdDither
    )


def copy_shots(shots: Path, images: Path) -> None:
    images.mkdir(parents=True, exist_ok=True)
    for name, source in SHOTS.items():
        image = QImage(str(shots / source))
        if image.isNull():
            sys.exit(f"the screenshot {source} was not made")
        if "/wizard/" in source:
            image = without_desktop(image)
        small(image).save(str(images / name))
        print(images / name, f"{(images / name).stat().st_size // 1024} KB")
    for old in images.glob("*.png"):
        if old.name not in SHOTS:
            old.unlink()
            print("removed", old)


def main() -> None:
    app = QApplication([])
    set_language("vi")
    started = dt.datetime.now()
    with tempfile.TemporaryDirectory() as scratch:
        take_shots(Path(scratch))
        copy_shots(Path(scratch), guide_dir() / "images")
    print(f"done in {(dt.datetime.now() - started).total_seconds():.1f} s")
    app.quit()


if __name__ == "__main__":
    main()
