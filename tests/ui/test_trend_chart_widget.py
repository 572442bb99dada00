"""The trend chart draws in a widget and as a PNG that documents can embed."""

from __future__ import annotations

from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from treem_desktop.charts.trend import TrendChart, TrendPoint
from treem_desktop.ui.trend_chart import TrendChartWidget, chart_png

CHART = TrendChart(
    "Trẻ em dưới 1 tuổi được tiêm chủng đầy đủ",
    "%",
    tuple(
        TrendPoint(p, v)
        for p, v in [("2022", 95.2), ("2023", None), ("2024", 97.1), ("2025", 98.4)]
    ),
    target=97.0,
    target_label="Mục tiêu 2025: ≥ 97%",
    series_label="Thực hiện",
)


def test_png_has_the_line_and_the_target(qtbot: QtBot) -> None:
    data = chart_png(CHART, 900, 500)
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    image = QImage.fromData(data)
    assert (image.width(), image.height()) == (900, 500)
    colours = {image.pixelColor(x, y).name() for x in range(0, 900, 3) for y in range(0, 500, 3)}
    assert "#1a73e8" in colours  # the line
    assert "#c5221f" in colours  # the dashed target


def test_widget_paints(qtbot: QtBot) -> None:
    widget = TrendChartWidget(CHART)
    qtbot.addWidget(widget)
    widget.resize(600, 360)
    widget.show()
    qtbot.waitExposed(widget)
    shot = widget.grab().toImage()
    names = {
        shot.pixelColor(x, y).name()
        for x in range(0, shot.width(), 2)
        for y in range(0, shot.height(), 2)
    }
    assert "#1a73e8" in names
