"""The home page: the commune, the year, what is due soon, what waits in the outbox."""

from __future__ import annotations

import datetime as dt

from treem_desktop.core.categories import load_categories
from treem_desktop.core.commune import CommuneProfile
from treem_desktop.formatting import format_date_short
from treem_desktop.i18n import _
from treem_desktop.ui.looks import set_colours, set_font
from treem_desktop.ui.qt import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
    Signal,
)

FACTS = ("category", "officer", "signer", "recipient")


class HomePage(QWidget):
    """What the officer sees first: who they are working for and what needs doing.

    Plain labels only: the first rich-text label costs about 7 ms, on the start-up path.
    """

    open_outbox = Signal()
    """The officer asked for the outbox page."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("home_page")
        self.title = QLabel()
        self.title.setObjectName("home_title")
        set_font(self.title, point_size=20, bold=True)
        self.subtitle = QLabel()
        self.subtitle.setObjectName("home_subtitle")
        self.demo_badge = QLabel(
            _("Demo data: the commune and names are samples. Set up your own commune in Settings.")
        )
        self.demo_badge.setObjectName("demo_badge")
        self.demo_badge.setFrameShape(QFrame.Shape.Box)
        self.demo_badge.setMargin(6)
        self.demo_badge.setWordWrap(True)
        set_colours(self.demo_badge, background="#fff4ce", foreground="#3d3000")
        self.fact_values = {name: QLabel() for name in FACTS}
        self.due = _section(_("Due soon"), _("Nothing is due in the next 7 days, nothing is late."))
        self.due_text = self.due.findChildren(QLabel)[-1]
        self.due_text.setObjectName("home_due")
        self.outbox = _section(_("Outbox"), _("No packet is waiting to be sent."))
        self.outbox_text = self.outbox.findChildren(QLabel)[-1]
        self.outbox_text.setObjectName("home_outbox")
        self.open_outbox_button: QPushButton | None = None  # made with the first outbox line
        self.evaluation = _section(_("Child-friendly commune evaluation"), "")
        self.evaluation_text = self.evaluation.findChildren(QLabel)[-1]
        self.evaluation_text.setObjectName("home_evaluation")
        layout = QVBoxLayout(self)
        # Spaced to fit a 1024×600 laptop whole (tests/ui/test_home_fit.py): nothing squeezed.
        layout.setContentsMargins(24, 12, 24, 12)
        layout.setSpacing(8)
        for widget in (self.title, self.subtitle, self.demo_badge):
            layout.addWidget(widget)
        layout.addLayout(self._facts_form())
        layout.addWidget(self.evaluation)
        layout.addWidget(self.due)
        layout.addWidget(self.outbox)
        layout.addStretch(1)

    def _facts_form(self) -> QFormLayout:
        captions = {
            "category": _("Category"),
            "officer": _("Officer in charge"),
            "signer": _("Signer"),
            "recipient": _("Receiving office"),
        }
        form = QFormLayout()
        form.setVerticalSpacing(3)
        for name, value in self.fact_values.items():
            value.setObjectName(f"fact_{name}")
            value.setWordWrap(True)
            set_font(value, bold=True)
            form.addRow(captions[name] + ":", value)
        return form

    def show_outbox(self, summary: str, failed: bool) -> None:
        """The outbox line, in red when a packet failed to send, with its button."""
        self.outbox_text.setText(summary)
        set_colours(self.outbox_text, foreground="#a50e0e" if failed else "#505050")
        if self.open_outbox_button is None:
            self._add_outbox_button()

    def _add_outbox_button(self) -> None:
        """After the window has painted: the first push button costs milliseconds at start-up."""
        button = QPushButton(_("&Open the outbox (Ctrl+7)"))
        button.setObjectName("home_open_outbox")
        button.clicked.connect(self.open_outbox.emit)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(button)
        layout = self.outbox.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.addLayout(row)
        self.open_outbox_button = button

    def facts_text(self) -> str:
        """The facts shown, one per line (for tests and accessibility tools)."""
        return "\n".join(label.text() for label in self.fact_values.values())

    def show_profile(self, profile: CommuneProfile, demo: bool, today: dt.date) -> None:
        category = load_categories().get(profile.category)
        self.title.setText(
            _("People's Committee of {commune}").format(commune=profile.commune.name_in_sentence)
        )
        self.subtitle.setText(
            _("{province} · year {year} · {date}").format(
                province=profile.province_name, year=today.year, date=format_date_short(today)
            )
        )
        self.demo_badge.setVisible(demo)
        missing = _("not entered")
        values = {
            "category": _("{label} (threshold {threshold} points)").format(
                label=category.label, threshold=category.threshold
            ),
            "officer": profile.officer_name or missing,
            "signer": f"{profile.signer_name or missing} — {profile.signer_title}",
            "recipient": profile.recipient_name or missing,
        }
        for name, text in values.items():
            self.fact_values[name].setText(text)


def _section(title: str, empty_text: str) -> QFrame:
    frame = QFrame()
    frame.setFrameShape(QFrame.Shape.StyledPanel)
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(10, 6, 10, 6)
    layout.setSpacing(2)
    heading = QLabel(title)
    set_font(heading, point_size=13, bold=True)
    body = QLabel(empty_text)
    body.setWordWrap(True)
    set_colours(body, foreground="#505050")
    layout.addWidget(heading)
    layout.addWidget(body)
    return frame
