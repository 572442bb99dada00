"""The three routes out of the outbox, bound to this commune's settings.

:func:`sender_for` checks the route's settings once (a missing server is one error for the
whole send, before anything is queued) and returns the function that delivers one packet:
``deliver(entry, path, warnings) -> (delivered, destination)``, ``delivered`` False when the
receiver already had the packet; a route adds the codes of what the officer should know
(``MAIL_LARGER_THAN_LIMIT``, ``UPLOAD_PART_LEFT``) to ``warnings`` even when the packet went.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from treem_desktop.commune import handoff_settings as hs
from treem_desktop.commune.workspace import Workspace
from treem_desktop.errors import TreemError
from treem_desktop.storage.outbox_repo import OutboxEntry

if TYPE_CHECKING:
    from email.message import EmailMessage

    from treem_desktop.commune.outbox import Route
    from treem_desktop.handoff.mail import MailServer

Deliver = Callable[[OutboxEntry, Path, list[str]], tuple[bool, str]]
MAIL_LARGER_THAN_LIMIT = "MAIL_LARGER_THAN_LIMIT"
UPLOAD_PART_LEFT = "UPLOAD_PART_LEFT"


def sender_for(workspace: Workspace, route: Route) -> Deliver:
    if route.name == "usb":
        assert route.folder is not None
        return _usb(usb_target(workspace, route.folder))
    if route.name == "email":
        return _email(workspace)
    return _upload(workspace)


def usb_target(workspace: Workspace, folder: Path) -> Path:
    """The stick's folder, refused when it is the outbox itself or inside the data folder:
    a copy there would reach no one, and the outbox would record it as delivered."""
    from treem_desktop.commune.outbox import outbox_folder

    chosen = folder.expanduser().resolve()
    data = workspace.data_dir.path.resolve()
    if chosen == outbox_folder(workspace).resolve():
        raise TreemError("USB_BUILD_FOLDER", path=str(folder))
    if chosen == data or data in chosen.parents:
        raise TreemError("USB_INSIDE_DATA_FOLDER", path=str(folder), data=str(data))
    return chosen


def _usb(folder: Path) -> Deliver:
    from treem_desktop.handoff.usb import copy_packet

    def deliver(entry: OutboxEntry, path: Path, warnings: list[str]) -> tuple[bool, str]:
        return copy_packet(path, folder, entry.sha256), str(folder)

    return deliver


def mail_server(workspace: Workspace) -> MailServer:
    from treem_desktop.handoff.mail import MailServer

    host = hs.setting(workspace, "mail.host")
    sender = hs.setting(workspace, "mail.from")
    if not host or not sender:
        raise TreemError("MAIL_NOT_CONFIGURED")
    security = hs.mail_security(workspace)
    user = hs.setting(workspace, "mail.user")
    if user:
        hs.check_password_encrypted(workspace, "mail.password", host, security != "none")
    return MailServer(host, hs.mail_port(workspace), security, user, sender)


def recipient_address(workspace: Workspace) -> str:
    address = workspace.require_profile().recipient_email
    if not address:
        raise TreemError("MAIL_NO_RECIPIENT")
    return address


def packet_message(workspace: Workspace, entry: OutboxEntry, path: Path) -> EmailMessage:
    """The message to the receiving office carrying the packet."""
    from treem_desktop.handoff.mail import PacketLetter, compose

    profile = workspace.require_profile()
    letter = PacketLetter(
        commune_name=profile.commune.name,
        commune_code=profile.commune.code,
        province_name=profile.province_name,
        kind=entry.kind,
        period=entry.period,
        sequence=entry.sequence,
        packet_id=entry.packet_id,
        recipient_name=profile.recipient_name,
        officer_name=profile.officer_name,
    )
    sender = hs.setting(workspace, "mail.from") or recipient_address(workspace)
    return compose(letter, path, sender, recipient_address(workspace))


def _email(workspace: Workspace) -> Deliver:
    from treem_desktop.handoff.mail import send, wire_size

    server = mail_server(workspace)
    recipient = recipient_address(workspace)
    limit = hs.mail_limit_bytes(workspace)
    password = hs.password(workspace, "mail.password")

    def deliver(entry: OutboxEntry, path: Path, warnings: list[str]) -> tuple[bool, str]:
        send(packet_message(workspace, entry, path), server, password)
        if wire_size(path.stat().st_size) > limit:
            warnings.append(MAIL_LARGER_THAN_LIMIT)
        return True, recipient

    return deliver


def _upload(workspace: Workspace) -> Deliver:
    from treem_desktop.handoff.online import url_address
    from treem_desktop.handoff.webdav import UploadServer, upload_packet

    url = hs.setting(workspace, "upload.url")
    if not url:
        raise TreemError("UPLOAD_NOT_CONFIGURED")
    server = UploadServer(url, hs.setting(workspace, "upload.user"))
    if server.user:
        host, _port = url_address(url)
        encrypted = url.lower().startswith("https://")
        hs.check_password_encrypted(workspace, "upload.password", host, encrypted)
    password = hs.password(workspace, "upload.password")

    def deliver(entry: OutboxEntry, path: Path, warnings: list[str]) -> tuple[bool, str]:
        delivered = upload_packet(
            path,
            entry.sha256,
            server,
            password,
            part_left=lambda: warnings.append(UPLOAD_PART_LEFT),
        )
        return delivered, url

    return deliver


def route_reachable(workspace: Workspace, route: str) -> bool:
    """Whether the route's server answers a TCP connection now (False when not set up)."""
    from treem_desktop.handoff.online import reachable, url_address

    if route == "email":
        host = hs.setting(workspace, "mail.host")
        return bool(host) and reachable(host, hs.mail_port(workspace))
    url = hs.setting(workspace, "upload.url")
    return bool(url) and reachable(*url_address(url))
