"""The standard pack (gói bảng điểm): the province's signed filled values of a standard.

Format (docs/standard-pack.md): a ZIP in the packets' canonical layout holding
``standard-pack.json``, its detached CMS signature ``standard-pack.json.p7s`` and the office's
certificate ``signer.pem``, like the receipt. :func:`make_pack` is what the office calls;
:func:`verify_pack` checks one against the receiving office's registered certificate. Each
refusal is a :class:`StandardPackRejected` with a stable code (exit status 3).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import struct
import zipfile
from typing import TYPE_CHECKING, Any

from treem_desktop.errors import EXIT_VERIFY, TreemError
from treem_desktop.packets import PacketRejected
from treem_desktop.standards import pack as _pack_messages  # noqa: F401  (its error words)

if TYPE_CHECKING:
    from cryptography import x509

    from treem_desktop.signing.keys import PrivateKey

FORMAT = "treem-standard-pack"
FORMAT_VERSION = 1
CONTENT = "standard-pack.json"
SIGNATURE = "standard-pack.json.p7s"
SIGNER = "signer.pem"
SUFFIX = ".standard-pack.zip"
MAX_PACK_BYTES = 4 * 1024 * 1024
VIETNAM = dt.timezone(dt.timedelta(hours=7))


class StandardPackRejected(TreemError):
    """A standard pack refused at the commune; ``code`` says why."""

    exit_code = EXIT_VERIFY


def pack_json(document: dict[str, Any]) -> bytes:
    """The exact bytes that are signed: UTF-8 JSON, two-space indent, one final newline."""
    text = json.dumps(document, ensure_ascii=False, indent=2, allow_nan=False)
    return (text + "\n").encode("utf-8")


def signed_now() -> str:
    return dt.datetime.now(VIETNAM).replace(microsecond=0).isoformat()


def make_pack(document: dict[str, Any], certificate: x509.Certificate, key: PrivateKey) -> bytes:
    """The signed pack file's bytes for ``document`` (with ``format`` and ``signed_at``)."""
    from cryptography.hazmat.primitives import serialization

    from treem_desktop.packets.build import archive_bytes
    from treem_desktop.packets.zip_layout import dos_time
    from treem_desktop.signing.cms import sign_detached

    signed = pack_json(document)
    members = [
        (CONTENT, signed),
        (SIGNATURE, sign_detached(signed, certificate, key)),
        (SIGNER, certificate.public_bytes(serialization.Encoding.PEM)),
    ]
    stamp = dos_time(dt.datetime.fromisoformat(document["signed_at"]).astimezone(VIETNAM))
    return archive_bytes(members, stamp)


def verify_pack(data: bytes, path: str, office: x509.Certificate) -> tuple[dict[str, Any], bytes]:
    """The pack's document and its signed bytes, once its layout, format and signature by
    ``office`` are checked."""
    members = _members(data, path)
    _check_signature(members, office, path)
    return _parse(members[CONTENT], path), members[CONTENT]


def _members(data: bytes, path: str) -> dict[str, bytes]:
    from treem_desktop.packets.zip_layout import canonical_contents, check_members

    if len(data) > MAX_PACK_BYTES:
        raise StandardPackRejected("STANDARD_PACK_DAMAGED", path=path)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = check_members(archive)
            stamp = infos[0].date_time if infos else (1980, 1, 1, 0, 0, 0)
            contents = canonical_contents(data, infos, stamp)
    except (PacketRejected, zipfile.BadZipFile, ValueError, EOFError, OSError) as exc:
        raise StandardPackRejected("STANDARD_PACK_DAMAGED", path=path) from exc
    except (struct.error, NotImplementedError) as exc:
        raise StandardPackRejected("STANDARD_PACK_DAMAGED", path=path) from exc
    if list(contents) != [CONTENT, SIGNATURE, SIGNER]:
        raise StandardPackRejected("STANDARD_PACK_DAMAGED", path=path)
    return contents


def _check_signature(members: dict[str, bytes], office: x509.Certificate, path: str) -> None:
    from cryptography import x509

    from treem_desktop.signing import CMS_UNTRUSTED, SigningError
    from treem_desktop.signing.cms import verify_detached

    try:
        verified = verify_detached(members[CONTENT], members[SIGNATURE], [office])
    except SigningError as exc:
        untrusted = exc.code == CMS_UNTRUSTED
        code = "STANDARD_PACK_UNTRUSTED" if untrusted else "STANDARD_PACK_SIGNATURE_INVALID"
        raise StandardPackRejected(code, path=path) from exc
    try:
        carried = x509.load_pem_x509_certificates(members[SIGNER])
    except ValueError as exc:
        raise StandardPackRejected("STANDARD_PACK_DAMAGED", path=path) from exc
    if carried[:1] != [verified.signer]:
        raise StandardPackRejected("STANDARD_PACK_DAMAGED", path=path)


def _parse(data: bytes, path: str) -> dict[str, Any]:
    from treem_desktop.core.outside_json import OutsideDataError, load_json

    try:
        document: Any = load_json(data, limit=MAX_PACK_BYTES)
    except OutsideDataError as exc:
        raise StandardPackRejected("STANDARD_PACK_INVALID", path=path, detail=exc.detail) from exc
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise StandardPackRejected("STANDARD_PACK_INVALID", path=path, detail="format")
    if document.get("format_version") != FORMAT_VERSION:
        raise StandardPackRejected("STANDARD_PACK_INVALID", path=path, detail="format_version")
    standard = document.get("standard")
    if not isinstance(standard, dict) or not isinstance(standard.get("sha256"), str):
        raise StandardPackRejected("STANDARD_PACK_INVALID", path=path, detail="standard")
    if not isinstance(document.get("signed_at"), str):
        raise StandardPackRejected("STANDARD_PACK_INVALID", path=path, detail="signed_at")
    if document.get("templates", []) != [] or document.get("targets") is not None:
        raise StandardPackRejected("STANDARD_PACK_INVALID", path=path, detail="reserved")
    return document
