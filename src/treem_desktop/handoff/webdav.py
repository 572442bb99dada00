"""Uploading a packet to a WebDAV folder (a Nextcloud/ownCloud share or any WebDAV server).

Before sending, the folder is asked whether it holds the packet already: the same name with
the same size and a ``<name>.sha256`` sidecar naming the same hash means it arrived before,
and nothing is sent again. Otherwise the packet goes up under ``<name>.part``, is renamed
with MOVE (a server that refuses MOVE gets a direct PUT, and the ``.part`` is deleted; when
that delete fails the caller is told, since the office will see the stray file), its size is
checked, and the sidecar is written. A missing folder (409) is made with MKCOL, one level
only. A cut connection or a server error is retried with back-off; when the server stays
unreachable the packet stays queued. httpx is imported here only.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from treem_desktop.errors import TreemError
from treem_desktop.handoff.online import network_words
from treem_desktop.i18n import _

if TYPE_CHECKING:
    import httpx

log = logging.getLogger(__name__)
TIMEOUT_S = 60.0
RETRIES = 3
BACKOFF_S = 2.0
SIDECAR = ".sha256"
_PROPFIND = (
    b'<?xml version="1.0" encoding="utf-8"?>'
    b'<d:propfind xmlns:d="DAV:"><d:prop><d:getcontentlength/></d:prop></d:propfind>'
)
_CONTENT_LENGTH = re.compile(r"getcontentlength[^>]*>\s*(\d+)\s*<")


@dataclass(frozen=True)
class UploadServer:
    url: str  # the folder, e.g. https://may.chu/remote.php/dav/files/xa/treem/
    user: str


class _Transient(Exception):
    """A failure worth trying again (connection cut, timeout, 5xx)."""


def upload_packet(
    packet: Path,
    sha256: str,
    server: UploadServer,
    password: str | None,
    *,
    backoff_s: float | None = None,
    sleep: Callable[[float], None] = time.sleep,
    part_left: Callable[[], None] = lambda: None,
) -> bool:
    """Put ``packet`` in the server's folder; False when it was there already.

    Raises:
        TreemError: ``UPLOAD_OFFLINE`` after the retries (the packet stays queued);
            ``UPLOAD_AUTH_FAILED``, ``UPLOAD_REFUSED`` when the server says no.
    """
    import httpx

    pause = BACKOFF_S if backoff_s is None else backoff_s
    auth = (server.user, password or "") if server.user else None
    last = ""
    for attempt in range(RETRIES):
        if attempt:
            sleep(pause * 2 ** (attempt - 1))
        try:
            with httpx.Client(auth=auth, timeout=TIMEOUT_S) as client:
                return _upload_once(client, packet, sha256, server.url, part_left)
        except _Transient as exc:
            last = str(exc)
        except httpx.TransportError as exc:
            log.info("upload to %s: %r", server.url, exc)
            last = network_words(exc)
    raise TreemError("UPLOAD_OFFLINE", url=server.url, detail=last)


def member_url(folder: str, name: str) -> str:
    return folder.rstrip("/") + "/" + quote(name)


def _upload_once(
    client: httpx.Client,
    packet: Path,
    sha256: str,
    folder: str,
    part_left: Callable[[], None],
) -> bool:
    final = member_url(folder, packet.name)
    size = packet.stat().st_size
    if _already_there(client, final, size, sha256):
        return False
    part = member_url(folder, packet.name + ".part")
    put = client.put(part, content=packet.read_bytes())
    if put.status_code == 409:  # the folder is not there yet: make it (one level), try again
        client.request("MKCOL", folder.rstrip("/") + "/")
        put = client.put(part, content=packet.read_bytes())
    _check(put, folder)
    moved = client.request("MOVE", part, headers={"Destination": final, "Overwrite": "T"})
    if moved.status_code in (403, 405, 501):  # some upload shares do not allow MOVE
        _check(client.put(final, content=packet.read_bytes()), folder)
        _delete_part(client, part, part_left)
    else:
        _check(moved, folder)
    if _remote_size(client, final) != size:
        raise _Transient(_("the uploaded file arrived with the wrong size"))
    _check(client.put(final + SIDECAR, content=f"{sha256}  {packet.name}\n".encode()), folder)
    return True


def _delete_part(client: httpx.Client, part: str, part_left: Callable[[], None]) -> None:
    """Delete the ``.part`` left by a refused MOVE; the packet itself is already up."""
    import httpx

    try:
        deleted = client.request("DELETE", part).status_code < 300
    except httpx.TransportError:
        deleted = False
    if not deleted:
        part_left()


def _already_there(client: httpx.Client, url: str, size: int, sha256: str) -> bool:
    if _remote_size(client, url) != size:
        return False
    sidecar = client.get(url + SIDECAR)
    return sidecar.status_code == 200 and sidecar.text.split()[:1] == [sha256]


def _remote_size(client: httpx.Client, url: str) -> int | None:
    response = client.head(url)
    if response.status_code == 404:
        return None
    _check(response, url)
    length = response.headers.get("content-length")
    if length and length.isdigit():
        return int(length)
    return _propfind_size(client, url)


def _propfind_size(client: httpx.Client, url: str) -> int | None:
    """The size from PROPFIND, for servers whose HEAD answer has no Content-Length."""
    response = client.request("PROPFIND", url, headers={"Depth": "0"}, content=_PROPFIND)
    found = _CONTENT_LENGTH.search(response.text) if response.status_code == 207 else None
    return int(found.group(1)) if found else None


def _check(response: httpx.Response, url: str) -> None:
    status = response.status_code
    if status < 300:
        return
    if status in (401, 403):
        raise TreemError("UPLOAD_AUTH_FAILED", url=url)
    if status >= 500 and status != 507:
        words = _("the server answered with an error (HTTP {status})")
        raise _Transient(words.format(status=status))
    raise TreemError("UPLOAD_REFUSED", url=url, detail=f"HTTP {status}")
