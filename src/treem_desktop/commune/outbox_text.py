"""The outbox in words, the same in the window and on the command line."""

from __future__ import annotations

from collections import Counter

from treem_desktop.commune.outbox import SendOutcome
from treem_desktop.commune.outbox_line import needs_attention, summary_of_counts
from treem_desktop.commune.receipts import ReceiptOutcome
from treem_desktop.commune.routes import MAIL_LARGER_THAN_LIMIT, UPLOAD_PART_LEFT
from treem_desktop.i18n import N_, _
from treem_desktop.storage import outbox_repo as repo
from treem_desktop.storage.outbox_repo import OutboxEntry

STATE_LABELS = {
    repo.BUILT: N_("Not sent yet"),
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


KIND_LABELS = {
    "evaluation": N_("Evaluation {period}"),
    "indicators": N_("Indicators ({period})"),
    "plan": N_("Plans and reports {period}"),
}


def packet_title(entry: OutboxEntry) -> str:
    """``Đánh giá 2026 – gói số 3``: what the packet is, in words (its file name is a tooltip)."""
    from treem_desktop.indicators.tables import period_label

    kind = _(KIND_LABELS[entry.kind]) if entry.kind in KIND_LABELS else entry.kind
    title = kind.format(period=period_label(entry.period))
    return _("{title} – packet {number}").format(title=title, number=entry.sequence)


def when(stamp: str) -> str:
    """``2026-11-23T09:30:15+07:00`` → ``23/11/2026 09:30`` (Vietnam time, as written)."""
    if len(stamp) < 16 or stamp[4] != "-" or stamp[10] != "T":
        return stamp
    return f"{stamp[8:10]}/{stamp[5:7]}/{stamp[0:4]} {stamp[11:16]}"


def where_short(route: str, destination: str) -> str:
    """``USB → KINGSTON``, ``e-mail → so.yte@…``: the route and the last part of where to."""
    label = _(ROUTE_LABELS[route]) if route in ROUTE_LABELS else route
    place = destination
    if route == "usb" and destination:
        place = destination.rstrip("/\\").replace("\\", "/").rsplit("/", 1)[-1] or destination
    return " → ".join(part for part in (label, place) if part)


def entry_note(entry: OutboxEntry, before_the_outbox: bool = False) -> str:
    """What to know about a packet now: why it did not go, who acknowledged it and when, or
    that it was built before the outbox existed (``before_the_outbox``: no history)."""
    if entry.state == repo.BUILT and before_the_outbox:
        return _("Built before the outbox existed: select it to send it.")
    if entry.state == repo.ACKNOWLEDGED:
        office = entry.receipt_office or _("The receiving office")
        return _("{office} received it ({when}).").format(
            office=office, when=when(entry.acknowledged_at or "")
        )
    if entry.state in (repo.FAILED, repo.QUEUED):
        return entry.failure_detail
    return ""


def history_detail(action: str, detail: str, code: str) -> str:
    """The history's detail column: no internal paths, times in words."""
    if action == "kept":
        return ""
    if action == "acknowledged":
        return _("received on {when}").format(when=when(detail)) if detail else ""
    return detail or code


def outcome_line(outcome: SendOutcome, title: str = "") -> str:
    """One packet's result: sent, already there, or not sent and why (with any warning).

    ``title`` names the packet in words (the window); the file name otherwise (the command
    line, where the officer types file names).
    """
    name = title or outcome.file_name
    if outcome.error is not None:
        return _("{name}: not sent. {reason}").format(name=name, reason=outcome.error.message())
    words = _("{name}: sent.") if outcome.delivered else _("{name}: already there, not sent again.")
    line = words.format(name=name)
    for code in outcome.warnings:
        line += " " + _(WARNING_TEXTS[code]).format(name=outcome.file_name)
    return line


def left_out_line(left_out: int) -> str:
    """After "send all": the packets from before the outbox that it left out, if any."""
    if not left_out:
        return ""
    return _(
        "{count} packets built before the outbox existed were left out; select them to send them."
    ).format(count=left_out)


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
    """The home page's line (:mod:`.outbox_line`) for these packets."""
    return summary_of_counts(Counter(e.state for e in entries))


def outbox_needs_attention(entries: list[OutboxEntry]) -> bool:
    """Whether a packet failed (the home page shows the line in red)."""
    return needs_attention(Counter(e.state for e in entries))
