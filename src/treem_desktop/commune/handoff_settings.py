"""The settings the outbox needs: the mail server and the upload server.

Plain values are kept in the database (``app_setting``); passwords go to the system's
credential store (:mod:`.credentials`) and are never shown. The same validation serves the
Settings page and ``treem settings set``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from treem_desktop.commune.credentials import read_secret, store_secret
from treem_desktop.commune.workspace import Workspace
from treem_desktop.core.outside_json import plain_text
from treem_desktop.errors import TreemError
from treem_desktop.i18n import N_
from treem_desktop.storage.settings_repo import get_setting, set_setting

MAIL_SECURITY = ("ssl", "starttls", "none")
DEFAULT_PORTS = {"ssl": 465, "starttls": 587, "none": 25}
DEFAULT_MAIL_LIMIT_MB = 10
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MAX_VALUE_CHARS = 2000


@dataclass(frozen=True)
class SettingSpec:
    key: str
    expected: str  # words for the error message (an msgid)
    secret: bool = False


SPECS = {
    spec.key: spec
    for spec in (
        SettingSpec("mail.host", N_("a server name, such as smtp.gmail.com")),
        SettingSpec("mail.port", N_("a port number from 1 to 65535")),
        SettingSpec("mail.security", N_("ssl, starttls or none")),
        SettingSpec("mail.user", N_("a user name")),
        SettingSpec("mail.from", N_("an e-mail address")),
        SettingSpec("mail.limit_mb", N_("a size in MB from 1 to 100")),
        SettingSpec("mail.password", N_("a password"), secret=True),
        SettingSpec(
            "upload.url",
            N_(
                "an http:// or https:// address of a WebDAV folder, without a user name or "
                "password in it (they have their own fields)"
            ),
        ),
        SettingSpec("upload.user", N_("a user name")),
        SettingSpec("upload.password", N_("a password"), secret=True),
    )
}


def _fail(key: str, value: str) -> TreemError:
    from treem_desktop.i18n import _

    return TreemError(
        "SETTING_INVALID", field=key, key=key, value=value, expected=_(SPECS[key].expected)
    )


def _valid(key: str, value: str) -> bool:
    if not value:
        return True  # an empty value clears the setting
    if not plain_text(value) or not value.isprintable() or len(value) > MAX_VALUE_CHARS:
        return False  # bytes that are not UTF-8 (typed on a command line), or a novel
    if key in ("mail.port", "mail.limit_mb"):
        limit = 65535 if key == "mail.port" else 100
        return value.isascii() and value.isdigit() and 1 <= int(value) <= limit
    if key == "mail.security":
        return value in MAIL_SECURITY
    if key == "mail.from":
        return bool(_EMAIL.match(value))
    if key == "upload.url":
        return _valid_url(value)
    return value.isprintable() and len(value) <= 200


def _valid_url(value: str) -> bool:
    """An http(s) address with a server, a valid port and no user or password in it."""
    try:
        parts = urlsplit(value)
        secret_inside = parts.username is not None or parts.password is not None
        _port = parts.port  # raises for a port that is not a number from 0 to 65535
    except ValueError:  # e.g. https://[::1/ (an unclosed IPv6 address)
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname) and not secret_inside


def _shown(value: str) -> str:
    """``value`` as the message can print it: undecodable bytes as \\xNN, cut to 80 characters."""
    printable = value.encode("utf-8", "backslashreplace").decode("utf-8")
    return printable if len(printable) <= 80 else printable[:79] + "…"


def set_handoff_setting(workspace: Workspace, key: str, value: str) -> None:
    """Check and keep one setting; a secret goes to the credential store."""
    spec = SPECS.get(key)
    if spec is None:
        raise TreemError("SETTING_UNKNOWN", key=key, choices=", ".join(SPECS))
    value = value if spec.secret else value.strip()
    if spec.secret and not plain_text(value):
        raise _fail(key, "***")
    if not spec.secret and not _valid(key, value):
        raise _fail(key, _shown(value))
    if spec.secret:
        store_secret(workspace.data_dir.path, key, value)
    else:
        set_setting(workspace.conn, key, value)


def handoff_settings(workspace: Workspace) -> dict[str, str]:
    """Every setting's value; a secret shows only whether it is set ("***" or "")."""
    shown: dict[str, str] = {}
    for key, spec in SPECS.items():
        if spec.secret:
            shown[key] = "***" if read_secret(workspace.data_dir.path, key) else ""
        else:
            shown[key] = get_setting(workspace.conn, key, "") or ""
    return shown


def setting(workspace: Workspace, key: str) -> str:
    return get_setting(workspace.conn, key, "") or ""


def mail_security(workspace: Workspace) -> str:
    return setting(workspace, "mail.security") or "starttls"


def mail_port(workspace: Workspace) -> int:
    port = setting(workspace, "mail.port")
    return int(port) if port else DEFAULT_PORTS[mail_security(workspace)]


def mail_limit_bytes(workspace: Workspace) -> int:
    limit = setting(workspace, "mail.limit_mb")
    return (int(limit) if limit else DEFAULT_MAIL_LIMIT_MB) * 1024 * 1024


def password(workspace: Workspace, key: str) -> str | None:
    return read_secret(workspace.data_dir.path, key)


def on_this_computer(host: str) -> bool:
    """Whether ``host`` is this computer (a password may then travel unencrypted)."""
    import ipaddress

    if host.lower() in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_password_encrypted(workspace: Workspace, key: str, host: str, encrypted: bool) -> None:
    """Refuse to send the password of ``key`` in clear to another computer.

    Raises:
        TreemError: ``PASSWORD_UNENCRYPTED`` when the connection is not encrypted, the
            server is not this computer and a password is set.
    """
    if encrypted or on_this_computer(host) or not password(workspace, key):
        return
    raise TreemError("PASSWORD_UNENCRYPTED", host=host, key=key)
