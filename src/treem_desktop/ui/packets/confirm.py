"""Asking plainly before signing a packet that the pre-flight says is incomplete.

The officer may still send it (a late packet can be worse than an incomplete one), but never
without having read what is missing: how many criteria are unscored, how many indicators have
no value, which drafts stay out. The default answer is to go back.
"""

from __future__ import annotations

from treem_desktop.commune.packet_service import PreflightItem
from treem_desktop.i18n import _
from treem_desktop.ui.qt import QMessageBox, QWidget

ASKED_CODES = ("INPUTS_MISSING", "INDICATORS_MISSING", "DOCUMENTS_NOT_ISSUED", "REPORT_NOT_ISSUED")
"""The pre-flight lines that say something is missing (unconfirmed values are not missing)."""


def missing_lines(items: list[PreflightItem], criteria_total: int) -> list[str]:
    """One plain sentence per kind of thing missing; empty when nothing is."""
    unscored = [i for i in items if i.code == "INPUTS_MISSING"]
    lines: list[str] = []
    if unscored:
        lines.append(
            _("{count} of {total} criteria are not scored yet (data missing).").format(
                count=len(unscored), total=criteria_total
            )
        )
    for item in items:
        if item.code == "INDICATORS_MISSING":
            lines.append(
                _("{count} indicator(s) have no value for this period.").format(
                    count=len(item.detail)
                )
            )
        elif item.code == "DOCUMENTS_NOT_ISSUED":
            lines.append(
                _("{count} draft(s) not issued yet will not be in the packet.").format(
                    count=len(item.detail)
                )
            )
        elif item.code == "REPORT_NOT_ISSUED":
            lines.append(_("The self-assessment report is not issued yet: it will not be sent."))
    return lines


def confirm_incomplete(parent: QWidget, lines: list[str]) -> bool:
    """Ask before signing what ``lines`` say is missing; True only when the officer insists."""
    if not lines:
        return True
    box = QMessageBox(QMessageBox.Icon.Warning, _("The packet is not complete"), "", parent=parent)
    box.setObjectName("packet_incomplete")
    box.setText("\n".join(["• " + line for line in lines]))
    box.setInformativeText(
        _(
            "You may still sign and send it as it is; the receiving office will see what is "
            "missing. Go back and complete it first?"
        )
    )
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
    box.button(QMessageBox.StandardButton.Cancel).setText(_("&Go back and complete"))
    box.button(QMessageBox.StandardButton.Yes).setText(_("&Sign it anyway"))
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)  # going back is the default
    box.setEscapeButton(QMessageBox.StandardButton.Cancel)
    return box.exec() == QMessageBox.StandardButton.Yes
