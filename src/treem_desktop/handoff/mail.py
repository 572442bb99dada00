"""Sending a packet by e-mail (SMTP with SSL or STARTTLS), or saving the message as ``.eml``.

The message is addressed to the receiving office and written in Vietnamese whatever the
officer's interface language: it says which commune, what and which period, and carries the
packet unchanged. Its Message-ID is made from the packet's id, so a message sent twice is
recognisably the same message. ``smtplib`` and ``email`` are imported here only, never at
start-up. The password is given by the caller (from the credential store) and never logged.
"""

from __future__ import annotations

import logging
import ssl
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from treem_desktop.errors import TreemError

if TYPE_CHECKING:
    import smtplib
    from email.message import EmailMessage

log = logging.getLogger(__name__)
SECURITY = ("ssl", "starttls", "none")
"""SMTP over SSL (port 465), STARTTLS (587), or plain (only for a server on this computer)."""
TIMEOUT_S = 30
BASE64_GROWTH = 4 / 3

KIND_WORDS = {
    "evaluation": "kết quả đánh giá xã, phường phù hợp với trẻ em",
    "indicators": "số liệu chỉ tiêu chương trình bảo vệ trẻ em",
    "plan": "kế hoạch bảo vệ, chăm sóc trẻ em",
}


@dataclass(frozen=True)
class MailServer:
    host: str
    port: int
    security: str
    user: str
    sender: str


@dataclass(frozen=True)
class PacketLetter:
    """What the message says about the packet."""

    commune_name: str
    commune_code: str
    province_name: str
    kind: str
    period: str
    sequence: int
    packet_id: str
    recipient_name: str
    officer_name: str


def subject(letter: PacketLetter) -> str:
    kind = KIND_WORDS.get(letter.kind, letter.kind)
    return (
        f"[Treem] {letter.commune_name} ({letter.commune_code}) gửi {kind} "
        f"kỳ {letter.period} – gói số {letter.sequence:04d}"
    )


def body(letter: PacketLetter, file_name: str) -> str:
    kind = KIND_WORDS.get(letter.kind, letter.kind)
    to = letter.recipient_name or "Cơ quan tiếp nhận"
    lines = [
        f"Kính gửi: {to}.",
        "",
        f"{letter.commune_name}, {letter.province_name} (mã {letter.commune_code}) "
        f"gửi {kind} kỳ {letter.period}.",
        f"Tệp đính kèm: {file_name} (gói dữ liệu số {letter.sequence:04d}, có chữ ký số).",
        "Đề nghị quý cơ quan nhập tệp vào Treem và gửi lại giấy báo nhận.",
        "",
        f"Mã gói: {letter.packet_id}",
    ]
    if letter.officer_name:
        lines.append(f"Người gửi: {letter.officer_name}")
    return "\n".join(lines) + "\n"


def compose(letter: PacketLetter, packet: Path, sender: str, recipient: str) -> EmailMessage:
    """The message with the packet attached byte for byte."""
    from email.message import EmailMessage
    from email.utils import formatdate

    message = EmailMessage()
    message["Subject"] = subject(letter)
    message["From"] = sender
    message["To"] = recipient
    message["Date"] = formatdate(localtime=True)
    message["Message-ID"] = f"<{letter.packet_id}@treem.packet>"
    message.set_content(body(letter, packet.name))
    message.add_attachment(
        packet.read_bytes(), maintype="application", subtype="zip", filename=packet.name
    )
    return message


def wire_size(packet_size: int) -> int:
    """About how many bytes the packet takes in a message (base64 plus line ends)."""
    return int(packet_size * BASE64_GROWTH * 1.03) + 4096


def save_eml(message: EmailMessage, target: Path) -> None:
    from email.policy import SMTP

    from treem_desktop.files import write_atomically

    try:
        write_atomically(target, message.as_bytes(policy=SMTP), mode=0o644)
    except OSError as exc:
        raise TreemError("FILE_UNWRITABLE", path=str(target), detail=exc.strerror) from exc


def send(message: EmailMessage, server: MailServer, password: str | None) -> None:
    """Hand the message to the SMTP server.

    Raises:
        TreemError: ``MAIL_OFFLINE`` when the server cannot be reached or answers "try again
            later" (a 4xx reply: the packet stays queued); ``MAIL_TOO_LARGE`` when the
            message is over the server's size limit (552); ``MAIL_AUTH_FAILED``,
            ``MAIL_REFUSED`` when the server says no.
    """
    import smtplib

    try:
        smtp = _connect(server)
        try:
            if server.user and password:
                _login(smtp, server.user, password)
            smtp.send_message(message)
        except BaseException:
            smtp.close()
            raise
    except smtplib.SMTPAuthenticationError as exc:
        raise TreemError("MAIL_AUTH_FAILED", host=server.host, user=server.user) from exc
    except (
        smtplib.SMTPRecipientsRefused,
        smtplib.SMTPSenderRefused,
        smtplib.SMTPDataError,
    ) as exc:
        raise _refusal(exc, server.host) from exc
    except (smtplib.SMTPException, OSError) as exc:  # OSError covers SSL errors, timeouts
        from treem_desktop.handoff.online import network_words

        log.info("mail server %s: %r", server.host, exc)
        raise TreemError("MAIL_OFFLINE", host=server.host, detail=network_words(exc)) from exc
    _say_goodbye(smtp, server.host)


def _say_goodbye(smtp: smtplib.SMTP, host: str) -> None:
    """QUIT after the server took the message: a failure here is logged, never a failed send
    (the message was delivered; sending it again would make a second copy)."""
    import smtplib

    try:
        smtp.quit()
    except (smtplib.SMTPException, OSError) as exc:
        log.info("mail server %s took the message but not the goodbye: %r", host, exc)
        smtp.close()


def _connect(server: MailServer) -> smtplib.SMTP:
    import smtplib

    if server.security == "ssl":
        context = ssl.create_default_context()
        return smtplib.SMTP_SSL(server.host, server.port, timeout=TIMEOUT_S, context=context)
    smtp = smtplib.SMTP(server.host, server.port, timeout=TIMEOUT_S)
    if server.security == "starttls":
        smtp.starttls(context=ssl.create_default_context())
    return smtp


def _login(smtp: smtplib.SMTP, user: str, password: str) -> None:
    """Log in; a password with Vietnamese letters goes as UTF-8 with AUTH PLAIN (RFC 4616),
    which smtplib's ``login()`` cannot send (it encodes the credentials as ASCII)."""
    import base64
    import smtplib

    if (user + password).isascii():
        smtp.login(user, password)
        return
    smtp.ehlo_or_helo_if_needed()
    token = base64.b64encode(b"\0" + user.encode("utf-8") + b"\0" + password.encode("utf-8"))
    code, reply = smtp.docmd("AUTH", "PLAIN " + token.decode("ascii"))
    if code != 235:
        raise smtplib.SMTPAuthenticationError(code, reply)


SIZE_EXCEEDED = 552
"""RFC 5321: requested mail action aborted, exceeded storage allocation (the size limit)."""


def _refusal(exc: Exception, host: str) -> TreemError:
    """The server's "no": too large, temporary (try later), or refused."""
    code = _reply_code(exc)
    if code == SIZE_EXCEEDED:
        return TreemError("MAIL_TOO_LARGE", host=host, detail=_reply(exc))
    if 400 <= code < 500:
        return TreemError("MAIL_OFFLINE", host=host, detail=_reply(exc))
    return TreemError("MAIL_REFUSED", host=host, detail=_reply(exc))


def _reply_code(exc: Exception) -> int:
    code = getattr(exc, "smtp_code", None)
    if code is None:  # recipients refused: one (code, reply) per address
        replies = list(getattr(exc, "recipients", {}).values())
        code = replies[0][0] if replies else 0
    return int(code) if isinstance(code, int) else 0


def _reply(exc: Exception) -> str:
    code = getattr(exc, "smtp_code", "")
    error = getattr(exc, "smtp_error", b"")
    text = error.decode("utf-8", "replace") if isinstance(error, bytes) else str(exc)
    return f"{code} {text}".strip()
