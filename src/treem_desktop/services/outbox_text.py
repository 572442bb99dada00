"""The outbox in words, the same in the window and on the command line."""

from __future__ import annotations

from collections import Counter

from treem_desktop.i18n import N_, _
from treem_desktop.services.outbox import SendOutcome
from treem_desktop.services.receipts import ReceiptOutcome
from treem_desktop.services.routes import MAIL_LARGER_THAN_LIMIT, UPLOAD_PART_LEFT
from treem_desktop.storage import outbox_repo as repo
from treem_desktop.storage.outbox_repo import OutboxEntry

STATE_LABELS = {
    repo.BUILT: N_("Built"),
    repo.QUEUED: N_("Queued"),
    repo.SENT: N_("Sent"),
    repo.ACKNOWLEDGED: N_("Acknowledged"),
    repo.FAILED: N_("Failed"),
}
ROUTE_LABELS = {"usb": N_("USB"), "email": N_("e-mail"), "upload": N_("upload"), "eml": N_(".eml")}
ACTION_LABELS = {
    "kept": N_("kept in the outbox"),
    "queued": N_("queued"),
    "sent": N_("sent"),
    "already_there": N_("already there, not sent again"),
    "failed": N_("not sent"),
    "acknowledged": N_("receipt received"),
    "saved_eml": N_("saved as .eml"),
}


WARNING_TEXTS = {
    MAIL_LARGER_THAN_LIMIT: N_(
        "Warning: the packet is larger than the mail limit set in Settings; the receiving "
        "office's mailbox may refuse it."
    ),
    UPLOAD_PART_LEFT: N_(
        "Warning: the server did not let Treem remove the temporary file {name}.part; the "
        "packet itself arrived whole."
    ),
}
"""What the officer should know about a packet that went (codes from :mod:`.routes`)."""


def outcome_line(outcome: SendOutcome) -> str:
    """One packet's result: sent, already there, or not sent and why (with any warning)."""
    if outcome.error is not None:
        return _("{name}: not sent. {reason}").format(
            name=outcome.file_name, reason=outcome.error.message()
        )
    words = _("{name}: sent.") if outcome.delivered else _("{name}: already there, not sent again.")
    line = words.format(name=outcome.file_name)
    for code in outcome.warnings:
        line += " " + _(WARNING_TEXTS[code]).format(name=outcome.file_name)
    return line


def nothing_sent(left_out: int) -> str:
    """When "send all" found nothing: and the packets from before the outbox it left out."""
    if not left_out:
        return _("Nothing to send.")
    return _(
        "Nothing to send. {count} packets were built before the outbox existed and may have "
        "been handed over already; select them to send them."
    ).format(count=left_out)


def receipt_line(outcome: ReceiptOutcome) -> str:
    if outcome.error is None:
        return _("{name}: acknowledged by {office}.").format(
            name=outcome.file_name, office=outcome.office
        )
    return _("{source}: refused. {reason}").format(
        source=outcome.source, reason=outcome.error.message()
    )


def outbox_summary(entries: list[OutboxEntry]) -> str:
    """The home page's line: what waits, what failed, what is sent but not yet acknowledged."""
    counts = Counter(e.state for e in entries)
    parts = []
    if counts[repo.BUILT]:
        parts.append(_("{count} not sent yet").format(count=counts[repo.BUILT]))
    if counts[repo.QUEUED]:
        parts.append(_("{count} queued").format(count=counts[repo.QUEUED]))
    if counts[repo.FAILED]:
        parts.append(_("{count} failed").format(count=counts[repo.FAILED]))
    if counts[repo.SENT]:
        parts.append(_("{count} sent, awaiting receipt").format(count=counts[repo.SENT]))
    if counts[repo.ACKNOWLEDGED]:
        parts.append(_("{count} acknowledged").format(count=counts[repo.ACKNOWLEDGED]))
    if not parts:
        return _("No packet is waiting to be sent.")
    return _("Packets: {parts}.").format(parts="; ".join(parts))
