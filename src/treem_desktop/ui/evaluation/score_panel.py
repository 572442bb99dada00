"""The score panel, always visible: total, threshold, verdict and the reasons."""

from __future__ import annotations

from treem_desktop.core.categories import load_categories
from treem_desktop.formatting import format_number
from treem_desktop.i18n import _
from treem_desktop.standards.score_text import reason_text, verdict_text
from treem_desktop.standards.scoring import Score, Verdict
from treem_desktop.ui.looks import set_colours, set_font
from treem_desktop.ui.qt import QFrame, QLabel, QVBoxLayout, QWidget

VERDICT_COLOURS = {
    Verdict.RECOGNISED: ("#e6f4ea", "#0d652d"),
    Verdict.NOT_RECOGNISED: ("#fce8e6", "#a50e0e"),
    Verdict.INCOMPLETE: ("#fef7e0", "#7a5b00"),
}


class ScorePanel(QFrame):
    """Total, threshold for the commune's category, verdict, and why."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("score_panel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setMinimumWidth(240)
        self.total = QLabel()
        self.total.setObjectName("score_total")
        set_font(self.total, point_size=22, bold=True)
        self.threshold = QLabel()
        self.threshold.setObjectName("score_threshold")
        self.threshold.setWordWrap(True)
        self.verdict = QLabel()
        self.verdict.setObjectName("score_verdict")
        self.verdict.setMargin(8)
        self.verdict.setWordWrap(True)
        set_font(self.verdict, point_size=14, bold=True)
        self.reasons = QLabel()
        self.reasons.setObjectName("score_reasons")
        self.reasons.setWordWrap(True)
        heading = QLabel(_("Score"))
        set_font(heading, point_size=12, bold=True)
        layout = QVBoxLayout(self)
        for widget in (heading, self.total, self.threshold, self.verdict, self.reasons):
            layout.addWidget(widget)
        layout.addStretch(1)

    def show_score(self, score: Score, extra_reasons: list[str]) -> None:
        self.total.setText(
            _("{total} points").format(
                total=format_number(score.total, 0 if score.total == int(score.total) else 1)
            )
        )
        category = load_categories().get(score.category)
        threshold = format_number(score.threshold.number, 0) if score.threshold.known else "?"
        self.threshold.setText(
            _("Threshold for “{category}”: {threshold} points").format(
                category=category.label, threshold=threshold
            )
        )
        text = verdict_text(score.verdict)
        if score.provisional and score.verdict is not Verdict.INCOMPLETE:
            text += " — " + _("provisional")
        self.verdict.setText(text)
        background, foreground = VERDICT_COLOURS[score.verdict]
        set_colours(self.verdict, background=background, foreground=foreground)
        lines = [reason_text(r) for r in score.reasons] + extra_reasons
        self.reasons.setText("\n".join(f"• {line}" for line in lines))
