"""Drawing a :class:`TrendChart` with QPainter: in a widget, or into a PNG for documents.

Drawn with Qt itself rather than a chart library: PySide6-Essentials has no QtCharts, and one
line with points, a dashed target and two axes do not earn the size of another package.
"""

from __future__ import annotations

from treem_desktop.charts.trend import Scale, TrendChart, value_scale
from treem_desktop.formatting import format_number
from treem_desktop.i18n import _
from treem_desktop.ui.qt import (
    QBuffer,
    QByteArray,
    QColor,
    QFontMetrics,
    QImage,
    QIODevice,
    QPainter,
    QPaintEvent,
    QPen,
    QPointF,
    QRectF,
    Qt,
    QWidget,
)

LINE = QColor("#1a73e8")
TARGET = QColor("#c5221f")
GRID = QColor("#dadce0")
TEXT = QColor("#202124")


def draw_trend(painter: QPainter, area: QRectF, chart: TrendChart) -> None:
    """Draw the whole chart (title, axes, grid, target, line, points) inside ``area``."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    metrics = QFontMetrics(painter.font())
    line_height = metrics.height()
    scale = value_scale(chart)
    labels = [_tick_text(t) for t in scale.ticks]
    left = area.left() + max(metrics.horizontalAdvance(x) for x in labels) + 10
    plot = QRectF(
        left,
        area.top() + line_height * 2,
        area.right() - left - 12,
        area.height() - line_height * 4.5,
    )
    painter.setPen(TEXT)
    painter.drawText(
        QRectF(area.left(), area.top(), area.width(), line_height * 1.5),
        int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop),
        f"{chart.title} ({chart.unit})",
    )
    _draw_grid(painter, plot, scale, labels, metrics)
    _draw_periods(painter, plot, chart, metrics)
    if chart.target is not None:
        _draw_target(painter, plot, scale, chart)
    _draw_line(painter, plot, scale, chart)
    _draw_legend(painter, QPointF(plot.left(), area.bottom() - line_height * 0.4), chart, metrics)
    painter.restore()


def _draw_legend(
    painter: QPainter, origin: QPointF, chart: TrendChart, metrics: QFontMetrics
) -> None:
    """Under the chart: the line's meaning, then the target's (dashed)."""
    y = origin.y() - metrics.ascent() / 3
    painter.setPen(QPen(LINE, 2.5))
    painter.drawLine(QPointF(origin.x(), y), QPointF(origin.x() + 24, y))
    painter.setPen(TEXT)
    painter.drawText(QPointF(origin.x() + 30, origin.y()), chart.series_label)
    if chart.target is None:
        return
    x = origin.x() + 60 + metrics.horizontalAdvance(chart.series_label)
    pen = QPen(TARGET, 2)
    pen.setStyle(Qt.PenStyle.DashLine)
    painter.setPen(pen)
    painter.drawLine(QPointF(x, y), QPointF(x + 24, y))
    painter.setPen(TEXT)
    painter.drawText(QPointF(x + 30, origin.y()), chart.target_label)


def _tick_text(value: float) -> str:
    return format_number(value, 0 if value == int(value) else 1)


def _y(plot: QRectF, scale: Scale, value: float) -> float:
    return plot.bottom() - scale.fraction(value) * plot.height()


def _x(plot: QRectF, chart: TrendChart, index: int) -> float:
    count = max(len(chart.points), 1)
    return plot.left() + plot.width() * (index + 0.5) / count


def _draw_grid(
    painter: QPainter, plot: QRectF, scale: Scale, labels: list[str], metrics: QFontMetrics
) -> None:
    spacing = plot.height() / max(len(scale.ticks) - 1, 1)
    step = max(1, -int(-metrics.height() * 1.2 // max(spacing, 1)))  # labels never overlap
    for index, (tick, label) in enumerate(zip(scale.ticks, labels, strict=True)):
        y = _y(plot, scale, tick)
        painter.setPen(QPen(GRID, 1))
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        if index % step:
            continue
        painter.setPen(TEXT)
        width = metrics.horizontalAdvance(label)
        painter.drawText(QPointF(plot.left() - width - 6, y + metrics.ascent() / 2 - 1), label)
    painter.setPen(QPen(TEXT, 1))
    painter.drawLine(plot.bottomLeft(), plot.bottomRight())


def period_text(period: str) -> str:
    """``2025``, or ``6 tháng đầu 2025`` for ``2025-H1`` (never the stored id)."""
    year, _dash, half = period.partition("-")
    if half == "H1":
        return _("H1 {year}").format(year=year)
    if half == "H2":
        return _("H2 {year}").format(year=year)
    return period


def _draw_periods(
    painter: QPainter, plot: QRectF, chart: TrendChart, metrics: QFontMetrics
) -> None:
    """The periods under the axis; every second (third…) one when they would overlap."""
    painter.setPen(TEXT)
    texts = [period_text(p.period) for p in chart.points]
    room = plot.width() / max(len(texts), 1)
    widest = max((metrics.horizontalAdvance(t) for t in texts), default=0) + 8
    step = max(1, -int(-widest // max(room, 1)))
    for index, text in enumerate(texts):
        if (len(texts) - 1 - index) % step:
            continue  # the newest period is always named
        width = metrics.horizontalAdvance(text)
        x = _x(plot, chart, index)
        painter.drawText(QPointF(x - width / 2, plot.bottom() + metrics.height()), text)


def _draw_target(painter: QPainter, plot: QRectF, scale: Scale, chart: TrendChart) -> None:
    assert chart.target is not None
    y = _y(plot, scale, chart.target)
    pen = QPen(TARGET, 2)
    pen.setStyle(Qt.PenStyle.DashLine)
    painter.setPen(pen)
    painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))


def _draw_line(painter: QPainter, plot: QRectF, scale: Scale, chart: TrendChart) -> None:
    painter.setPen(QPen(LINE, 2.5))
    previous: QPointF | None = None
    for index, point in enumerate(chart.points):
        if point.value is None:
            previous = None  # a gap: no data for that period
            continue
        here = QPointF(_x(plot, chart, index), _y(plot, scale, point.value))
        if previous is not None:
            painter.drawLine(previous, here)
        previous = here
    painter.setBrush(LINE)
    for index, point in enumerate(chart.points):
        if point.value is not None:
            centre = QPointF(_x(plot, chart, index), _y(plot, scale, point.value))
            painter.drawEllipse(centre, 4, 4)
            painter.drawText(centre + QPointF(-10, -9), _tick_text(point.value))


class TrendChartWidget(QWidget):
    """The chart in the window; it redraws itself at any size."""

    def __init__(self, chart: TrendChart | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trend_chart")
        self.setMinimumSize(300, 150)
        self.chart = chart

    def show_chart(self, chart: TrendChart) -> None:
        self.chart = chart
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self)
        painter.fillRect(self.rect(), Qt.GlobalColor.white)
        if self.chart is not None:
            draw_trend(painter, QRectF(self.rect()).adjusted(8, 8, -8, -8), self.chart)
        painter.end()


def chart_png(chart: TrendChart, width: int = 900, height: int = 500) -> bytes:
    """The chart as PNG bytes, for a document or a file (needs a QGuiApplication)."""
    image = QImage(width, height, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    font = painter.font()
    font.setPointSizeF(font.pointSizeF() * width / 600)
    painter.setFont(font)
    draw_trend(painter, QRectF(10, 10, width - 20, height - 20), chart)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stubs say bytes; str works
    return bytes(data.data())
