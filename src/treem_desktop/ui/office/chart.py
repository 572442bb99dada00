"""A small chart of the period: bars of on time, late, not sent and refused, and the share of
communes recognised against the target (QPainter, as ui/trend_chart.py)."""

from __future__ import annotations

from treem_desktop.formatting import format_number, format_percent
from treem_desktop.i18n import _
from treem_desktop.office.status import LATE, MISSING, ON_TIME, PeriodStatus
from treem_desktop.ui.qt import (
    QColor,
    QFontMetrics,
    QPainter,
    QPaintEvent,
    QPen,
    QRectF,
    QSize,
    Qt,
    QWidget,
)

COLOURS = {
    ON_TIME: QColor("#188038"),
    LATE: QColor("#e37400"),
    MISSING: QColor("#5f6368"),
    "refused": QColor("#c5221f"),
}
SHARE = QColor("#1a73e8")
TARGET = QColor("#c5221f")
TRACK = QColor("#e8eaed")
TEXT = QColor("#202124")


class StatusChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("office_chart")
        self.status: PeriodStatus | None = None
        self.setMinimumHeight(150)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(320, 170)

    def show_status(self, status: PeriodStatus) -> None:
        self.status = status
        self.setAccessibleName(self.summary())
        self.update()

    def summary(self) -> str:
        if self.status is None:
            return ""
        return _("Recognised {share} against a target of {target}").format(
            share=format_percent(self.status.recognised_percent),
            target=format_percent(self.status.target_percent),
        )

    def bars(self) -> list[tuple[str, int, QColor]]:
        counts = self.status.counts if self.status else {}
        return [
            (_("On time"), counts.get(ON_TIME, 0), COLOURS[ON_TIME]),
            (_("Late"), counts.get(LATE, 0), COLOURS[LATE]),
            (_("Not sent"), counts.get(MISSING, 0), COLOURS[MISSING]),
            (_("Refused"), counts.get("refused", 0), COLOURS["refused"]),
        ]

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        if self.status is None:
            return
        painter = QPainter(self)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            self._draw(painter, QRectF(self.rect()).adjusted(4, 4, -4, -4))
        finally:
            painter.end()

    def _draw(self, painter: QPainter, area: QRectF) -> None:
        metrics = QFontMetrics(painter.font())
        line = metrics.height() + 6
        bars = self.bars()
        label_width = max(metrics.horizontalAdvance(b[0]) for b in bars) + 8
        biggest = max([b[1] for b in bars] + [1])
        number_width = metrics.horizontalAdvance("0000") + 6
        room = max(area.width() - label_width - number_width, 10)
        for i, (label, count, colour) in enumerate(bars):
            top = area.top() + i * line
            painter.setPen(TEXT)
            text_area = QRectF(area.left(), top, label_width, line)
            painter.drawText(text_area, int(Qt.AlignmentFlag.AlignVCenter), label)
            width = room * count / biggest
            bar = QRectF(area.left() + label_width, top + 3, width, line - 6)
            painter.fillRect(bar, colour)
            painter.drawText(
                QRectF(bar.right() + 4, top, number_width, line),
                int(Qt.AlignmentFlag.AlignVCenter),
                format_number(count),
            )
        self._draw_share(painter, area, area.top() + len(bars) * line + 4, metrics)

    def _draw_share(
        self, painter: QPainter, area: QRectF, top: float, metrics: QFontMetrics
    ) -> None:
        assert self.status is not None
        line = metrics.height()
        painter.setPen(TEXT)
        painter.drawText(QRectF(area.left(), top, area.width(), line), 0, self.summary())
        track = QRectF(area.left(), top + line + 4, area.width() - 2, max(line - 2, 10))
        painter.fillRect(track, TRACK)
        share = min(self.status.recognised_percent, 100.0) / 100.0
        painter.fillRect(
            QRectF(track.left(), track.top(), track.width() * share, track.height()), SHARE
        )
        x = track.left() + track.width() * min(self.status.target_percent, 100.0) / 100.0
        painter.setPen(QPen(TARGET, 2))
        painter.drawLine(int(x), int(track.top() - 3), int(x), int(track.bottom() + 3))
