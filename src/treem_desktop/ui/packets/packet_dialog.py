"""Making a packet (evaluation, indicators, plan): the pre-flight list, who signs, build, check.

Each pre-flight line names what is missing; “Fix” (or Enter, or a double click) closes the
dialog and opens that criterion, so the officer fixes it in one step and comes back.
After building, the packet is verified at once with the same code the receiving office runs.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from treem_desktop.commune.commune_key import KeyFiles, key_is_protected, load_certificate
from treem_desktop.commune.packet_contents import PREFLIGHT, criteria_total
from treem_desktop.commune.packet_service import PreflightItem, build_packet_of
from treem_desktop.commune.packet_stamps import PACKETS_DIR_NAME
from treem_desktop.commune.preferences import is_demo
from treem_desktop.commune.workspace import Workspace
from treem_desktop.core.jobs import Job, JobCancelled
from treem_desktop.errors import TreemError
from treem_desktop.i18n import N_, _
from treem_desktop.standards.model import tr
from treem_desktop.ui.looks import set_colours
from treem_desktop.ui.ops import in_own_connection, run_op
from treem_desktop.ui.packets.confirm import confirm_incomplete, missing_lines
from treem_desktop.ui.packets.token_panel import SignerChoice
from treem_desktop.ui.profile_fields import ProblemLabel
from treem_desktop.ui.qt import (
    QDialog,
    QEvent,
    QFormLayout,
    QHBoxLayout,
    QKeyEvent,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QObject,
    QPushButton,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)

if TYPE_CHECKING:
    from cryptography import x509

    from treem_desktop.packets.build import BuiltPacket

    BuildOutcome = tuple[BuiltPacket, dict[str, object]] | TreemError

OUTBOX_DIR_NAME = PACKETS_DIR_NAME


def preflight_text(
    item: PreflightItem,
    inputs: dict[str, str] | None = None,
    names: dict[str, str] | None = None,
    numbers: dict[str, str] | None = None,
) -> str:
    """One pre-flight line, naming the missing inputs and indicators by their labels (the
    rates typed alone by their numbers: 5a, 14)."""
    if item.code == "INPUTS_MISSING":
        known = inputs or {}
        labels = [_input_name(i, known) for i in item.detail]
        return _("Criterion {criterion}: {count} input(s) not entered ({inputs})").format(
            criterion=item.target.removeprefix("c"),
            count=len(item.detail),
            inputs="; ".join(labels),
        )
    if item.code == "INDICATORS_MISSING":
        return _indicators_missing(item.detail, names or {})
    if item.code == "RATES_WITHOUT_PARTS":
        return rates_without_parts_text([(numbers or {}).get(i, i) for i in item.detail])
    if item.code == "DOCUMENTS_NOT_ISSUED":
        return _("Drafts not issued yet, left out of the packet: {summaries}").format(
            summaries="; ".join(item.detail)
        )
    if item.code == "REPORT_NOT_ISSUED":
        return _(
            "The self-assessment report of the year is not issued yet: the packet will carry "
            "the score sheet and the data without it."
        )
    if item.code == "NO_DOCUMENTS":
        return _("No document of the year has been issued yet: issue the plan or report first.")
    return _("Points resting on values not confirmed from the official text: {criteria}").format(
        criteria=", ".join(c.removeprefix("c") for c in item.detail)
    )


WINDOW_MESSAGES = {
    "KEY_MISSING": N_(
        "This commune has no signing key yet. Create it in Settings, under the commune's "
        "signing key, then make the packet again."
    ),
}
"""Messages that say, in the window, what to click instead of what to type."""


def window_message(error: TreemError) -> str:
    """The error in words for the window (no command line in them)."""
    if error.code in WINDOW_MESSAGES:
        return _(WINDOW_MESSAGES[error.code]).format(**error.params)
    return error.message()


SHOWN_NAMES = 4
"""How many missing indicators a pre-flight line names (all of them are in its tooltip)."""


def _indicators_missing(ids: tuple[str, ...], names: dict[str, str]) -> str:
    shown = [names.get(i, i) for i in ids[:SHOWN_NAMES]]
    if len(ids) > SHOWN_NAMES:
        shown.append(_("and {count} more").format(count=len(ids) - SHOWN_NAMES))
    return _("{count} indicator(s) without a value for this period: {names}").format(
        count=len(ids), names="; ".join(shown)
    )


def rates_without_parts_text(numbers: list[str]) -> str:
    """The note on rates typed without their numerator and denominator (not blocking)."""
    return _(
        "{count} rate indicator(s) have only a result, without numerator and "
        "denominator: the province cannot add them into its totals ({numbers})."
    ).format(count=len(numbers), numbers=", ".join(numbers))


def indicator_numbers(workspace: Workspace) -> dict[str, str]:
    """``ct04a`` → ``4a``: an indicator's number as the decision prints it."""
    from treem_desktop.commune.indicators import active_set

    return {i.id: i.number or i.id for i in active_set(workspace).indicators}


def indicator_names(workspace: Workspace) -> dict[str, str]:
    """``ct04a`` → ``Chỉ tiêu 4a – Tỷ lệ …``: the words a pre-flight line uses."""
    from treem_desktop.commune.indicators import active_set

    return {
        i.id: (f"{i.number} – {tr(i.label)}" if i.number else tr(i.label))
        for i in active_set(workspace).indicators
    }


def dialog_title(kind: str, period: str) -> str:
    from treem_desktop.indicators.tables import period_label

    if kind == "indicators":
        return _("Make the indicator packet for {period}").format(period=period_label(period))
    if kind == "plan":
        return _("Make the {year} plans and reports packet").format(year=period)
    return _("Make the {year} evaluation packet").format(year=period)


def _input_name(input_id: str, inputs: dict[str, str]) -> str:
    """``6.1 – label``: the item's number as the page shows it, then the input's label."""
    return inputs.get(input_id, _("an input of this criterion"))


class PacketDialog(QDialog):
    """Pre-flight, then build and verify the ``kind`` packet of ``period``.

    Signals:
        fix_requested: where to fix a pre-flight line (a criterion id), chosen in the list.
    """

    fix_requested = Signal(str)

    def __init__(
        self,
        workspace: Workspace,
        kind: str,
        period: str,
        parent: QWidget | None = None,
        inputs: dict[str, str] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("packet_dialog")
        self.setWindowTitle(dialog_title(kind, period))
        self.setMinimumSize(640, 460)
        self.workspace = workspace
        self.kind = kind
        self.period = period
        self.built_path: Path | None = None
        self.building = False  # a build runs off the window's thread
        self.files = KeyFiles.in_data_dir(workspace.data_dir.path)
        self.preflight = QListWidget()
        self.preflight.setObjectName("preflight")
        self.preflight.setWordWrap(True)
        items = self._preflight_items(inputs)
        self.preflight.itemActivated.connect(lambda _item: self._fix())
        self.preflight.installEventFilter(self)  # Enter in the list never builds the packet
        self.preflight.currentRowChanged.connect(lambda _row: self._update_fix_button())
        self.demo = is_demo(workspace)
        self.demo_note = QLabel(
            _(
                "Demo packet (gói thử): signed with the demo key and holding sample data; a "
                "receiving office refuses it."
            )
        )
        self.demo_note.setObjectName("packet_demo")
        self.demo_note.setWordWrap(True)
        self.demo_note.setMargin(6)
        set_colours(self.demo_note, background="#fff4ce", foreground="#3d3000")
        self.demo_note.setVisible(self.demo)
        self.fix_button = QPushButton(_("&Fix the selected line"))
        self.fix_button.setObjectName("preflight_fix")
        self.fix_button.clicked.connect(self._fix)
        self.signer_choice = SignerChoice(self.files.key.exists() and key_is_protected(self.files))
        self.passphrase = self.signer_choice.passphrase
        self.folder = QLineEdit(str(workspace.data_dir.path / OUTBOX_DIR_NAME))
        self.folder.setObjectName("packet_folder")
        self.problem = ProblemLabel()
        self.problem.setObjectName("packet_problem")
        self.outcome = QLabel()
        self.outcome.setObjectName("packet_result")
        self.outcome.setWordWrap(True)
        self.outcome.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.build_button = QPushButton(_("&Build and sign"))
        self.build_button.setObjectName("packet_build")
        self.build_button.setDefault(True)
        self.build_button.clicked.connect(self.build)
        self.build_button.setEnabled(not any(item.blocking for item in items))
        close = QPushButton(_("Close"))
        close.clicked.connect(self.reject)
        self.close_button = close
        self._lay_out(close)
        self.fix_button.setHidden(not any(item.target for item in items))
        self._update_fix_button()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        """Enter on a pre-flight line fixes it when it can; it never presses "build"."""
        if (
            watched is self.preflight
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self._fix()
            return True
        return super().eventFilter(watched, event)

    def _update_fix_button(self) -> None:
        item = self.preflight.currentItem()
        target = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        self.fix_button.setEnabled(bool(target))

    def _preflight_items(self, inputs: dict[str, str] | None) -> list[PreflightItem]:
        try:
            items = PREFLIGHT[self.kind](self.workspace, self.period)
        except TreemError as error:
            items = [PreflightItem(error.code, "", (), blocking=True)]
            self.preflight.addItem(QListWidgetItem(error.message()))
            return items
        names = indicator_names(self.workspace) if self.kind == "indicators" else {}
        numbers = indicator_numbers(self.workspace) if self.kind == "indicators" else {}
        for item in items:
            row = QListWidgetItem(preflight_text(item, inputs, names, numbers))
            row.setData(Qt.ItemDataRole.UserRole, item.target)
            row.setToolTip("\n".join(names.get(d, d) for d in item.detail))
            self.preflight.addItem(row)
        if not self.preflight.count():
            self.preflight.addItem(QListWidgetItem(_("Nothing is missing.")))
        return items

    def _lay_out(self, close: QPushButton) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(self.demo_note)
        layout.addWidget(QLabel(_("Before sending, check what is missing:")))
        layout.addWidget(self.preflight, 1)
        layout.addWidget(self.fix_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.signer_choice)
        form = QFormLayout()
        form.addRow(_("Save in &folder:"), self.folder)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.outcome)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.build_button)
        buttons.addWidget(close)
        layout.addLayout(buttons)

    def _trusted(self, carried: tuple[x509.Certificate, ...]) -> list[x509.Certificate] | None:
        """The commune's own certificate; None for a token (intact and signed is checked; the
        CA chain is the receiving office's to trust)."""
        own = load_certificate(self.files) if self.files.certificate.exists() else None
        return [own] if own is not None and carried[0] == own else None

    def _fix(self) -> None:
        item = self.preflight.currentItem()
        target = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if target:
            self.fix_requested.emit(str(target))
            self.reject()

    def _missing_now(self) -> list[str]:
        """What the pre-flight says is missing at this moment, in plain sentences."""
        try:
            items = PREFLIGHT[self.kind](self.workspace, self.period)
            total = criteria_total(self.workspace, self.period) if self.kind == "evaluation" else 0
        except TreemError:
            return []  # building says why it cannot
        return missing_lines(items, total)

    def build(self) -> None:
        """Build, sign and verify the packet off the window's thread (a USB token may take a
        while: the progress dialog's Cancel stops it before anything is signed); say what
        happened under the buttons."""
        self.problem.show_problem(None)
        if not confirm_incomplete(self, self._missing_now()):
            return
        folder = Path(self.folder.text()).expanduser()
        try:
            signer = self.signer_choice.signer(self.workspace)  # reads the typed secret here
        except TreemError as error:
            self._refused(error)
            return
        self.building = True
        self.build_button.setEnabled(False)
        kind, period, trusted = self.kind, self.period, self._trusted

        def work(job: Job) -> BuildOutcome:
            from treem_desktop.packets.verify import verify_packet

            def in_own(own: Workspace) -> BuildOutcome:
                built, _preflight = build_packet_of(own, kind, period, folder, signer, job)
                verified = verify_packet(built.path, trusted(signer.certificates))
                return built, verified.manifest

            try:
                return in_own_connection(self.workspace, in_own)
            except JobCancelled:
                raise
            except TreemError as error:
                return error

        run_op(
            self,
            _("Building and signing the packet…"),
            work,
            self._built,
            on_cancelled=self._stopped,
        )

    def _stopped(self) -> None:
        self.building = False
        self.build_button.setEnabled(True)
        self.problem.show_problem(_("Stopped: no packet was made."))

    def _refused(self, error: TreemError) -> None:
        self.problem.show_problem(window_message(error))
        self.signer_choice.focus_secret(error.code)

    def _built(self, outcome: BuildOutcome) -> None:
        self.building = False
        if isinstance(outcome, TreemError):
            self.build_button.setEnabled(True)
            self._refused(outcome)
            return
        built, manifest = outcome
        self.built_path = built.path
        self.signer_choice.clear_secrets()
        self.outcome.setText(
            _(
                "Packet number {sequence} is ready and waits in the outbox. Checked at once: "
                "intact, signed by {commune}. Open the outbox (Ctrl+7) to send it."
            ).format(
                sequence=manifest["sequence"],
                commune=self.workspace.require_profile().commune.name_in_sentence,
            )
        )
        if self.demo:
            self.outcome.setText(
                _("Demo packet (gói thử). {outcome}").format(outcome=self.outcome.text())
            )
        self.outcome.setToolTip(f"{built.path}\nSHA-256: {built.sha256}")
        # One packet per build: pressing Enter again must not make packet N+1 by accident.
        self.build_button.setEnabled(False)
        self.build_button.setDefault(False)
        self.close_button.setDefault(True)
        self.close_button.setFocus()
