"""Is a server reachable now? One TCP connection, no polling (the caller decides when to ask)."""

from __future__ import annotations

import socket
from urllib.parse import urlsplit

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
