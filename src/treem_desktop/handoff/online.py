"""Is a server reachable now? One TCP connection, no polling (the caller decides when to ask)."""

from __future__ import annotations

import socket
import ssl
from urllib.parse import urlsplit

from treem_desktop.i18n import _

TIMEOUT_S = 3.0


def reachable(host: str, port: int, timeout_s: float = TIMEOUT_S) -> bool:
    """True when a TCP connection to ``host:port`` opens within ``timeout_s``."""
    if not host or not 0 < port < 65536:
        return False
    try:
        with socket.create_connection((host, port), timeout=timeout_s):
            return True
    except OSError:
        return False


def url_address(url: str) -> tuple[str, int]:
    """The host and port an http(s) URL connects to."""
    parts = urlsplit(url)
    default = 443 if parts.scheme == "https" else 80
    try:
        port = parts.port or default
    except ValueError:
        port = 0
    return parts.hostname or "", port


def network_words(exc: BaseException) -> str:
    """Why a connection failed, in the officer's words (the raw error goes to the log only).

    Follows the exception's causes (httpx wraps the socket's error) to the first it knows.
    """
    seen: BaseException | None = exc
    while seen is not None:
        words = _socket_words(seen)
        if words:
            return words
        seen = seen.__cause__ or seen.__context__
    return _("the connection failed")


def _socket_words(exc: BaseException) -> str:
    if isinstance(exc, socket.gaierror):
        return _("the server's name was not found: is this computer connected to the internet?")
    if isinstance(exc, ConnectionRefusedError):
        return _("the server refused the connection")
    if isinstance(exc, TimeoutError) or type(exc).__name__.endswith("Timeout"):
        return _("the server did not answer in time")
    if isinstance(exc, ssl.SSLError):
        return _("the secure connection could not be made")
    if isinstance(exc, ConnectionError) or type(exc).__name__ in (
        "RemoteProtocolError",
        "ReadError",
        "WriteError",
        "SMTPServerDisconnected",
    ):
        return _("the connection was cut")
    if isinstance(exc, OSError):
        return _("the network cannot be reached")
    return ""
