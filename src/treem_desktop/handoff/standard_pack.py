"""The standard pack (gói bảng điểm): the province's signed filled values of a standard.

Format (docs/standard-pack.md): a ZIP in the packets' canonical layout holding
``standard-pack.json``, its detached CMS signature ``standard-pack.json.p7s`` and the office's
certificate ``signer.pem``, like the receipt; from format version 2, then the province's
targets (``targets.json``) and document templates (``template-<id>.v<N>.json``), each listed
in the signed document with its SHA-256. :func:`make_pack` is what the office calls;
:func:`open_pack` checks one against the receiving office's registered certificate. Each
refusal is a :class:`StandardPackRejected` with a stable code (exit status 3).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from treem_desktop.errors import EXIT_VERIFY, TreemError
from treem_desktop.i18n import N_, _
from treem_desktop.standards import pack as _pack_messages  # noqa: F401  (its error words)

if TYPE_CHECKING:
    from cryptography import x509

    from treem_desktop.signing.keys import PrivateKey

FORMAT = "treem-standard-pack"
FORMAT_VERSION = 2
READABLE_VERSIONS = (1, 2)
TARGETS = "targets.json"
TEMPLATE_PREFIX = "template-"
CONTENT = "standard-pack.json"
SIGNATURE = "standard-pack.json.p7s"
SIGNER = "signer.pem"
SUFFIX = ".standard-pack.zip"
MAX_PACK_BYTES = 4 * 1024 * 1024
VIETNAM = dt.timezone(dt.timedelta(hours=7))


class StandardPackRejected(TreemError):
    """A standard pack refused at the commune; ``code`` says why."""

    exit_code = EXIT_VERIFY


INVALID_WORDS = {
    "reserved": N_("a pack of format 1 cannot carry targets or templates"),
    "templates": N_("its list of templates is damaged"),
    "targets": N_("its list of the province's targets is damaged"),
    "content": N_("its contents cannot be read"),
    "format": N_("it is not a standard pack"),
    "format_version": N_(
        "it is written in a format this version of Treem cannot read; install the newer version"
    ),
    "standard": N_("it does not say which standard it is for"),
    "signed_at": N_("it does not say when it was signed"),
}
"""The officer's words for each way a pack's document is malformed (the technical place is
the error's ``field``, for the log and ``--json``)."""


def invalid(path: str, where: str, words: str = "") -> StandardPackRejected:
    """STANDARD_PACK_INVALID: ``where`` technical, the reason in words (by ``where`` unless
    ``words`` gives them)."""
    kind = where.split("[")[0]
    detail = words or _(INVALID_WORDS.get(kind, INVALID_WORDS["content"]))
    return StandardPackRejected("STANDARD_PACK_INVALID", field=where, path=path, detail=detail)


@dataclass(frozen=True)
class OpenedPack:
    """A verified pack: its document, the signed bytes and signature, and the members the
    document lists (their hashes checked): the targets file and the templates by member."""

    document: dict[str, Any]
    signed: bytes
    signature: bytes
    targets: bytes | None
    templates: dict[str, bytes]


def template_member(template_id: str, version: int) -> str:
    """The member a template travels in: ``template-<id>.v<N>.json``."""
    return f"{TEMPLATE_PREFIX}{template_id}.v{version}.json"


def listed(name: str, data: bytes) -> dict[str, str]:
    """How the signed document lists a member: its name and SHA-256."""
    return {"name": name, "sha256": hashlib.sha256(data).hexdigest()}


def pack_json(document: dict[str, Any]) -> bytes:
    """The exact bytes that are signed: UTF-8 JSON, two-space indent, one final newline."""
    text = json.dumps(document, ensure_ascii=False, indent=2, allow_nan=False)
    return (text + "\n").encode("utf-8")


def signed_now() -> str:
    return dt.datetime.now(VIETNAM).replace(microsecond=0).isoformat()


def make_pack(
    document: dict[str, Any],
    certificate: x509.Certificate,
    key: PrivateKey,
    carried: list[tuple[str, bytes]] | None = None,
) -> bytes:
    """The signed pack file's bytes for ``document`` (with ``format`` and ``signed_at``) and
    the ``carried`` members it lists (targets, templates), in that order."""
    from cryptography.hazmat.primitives import serialization

    from treem_desktop.packets.build import archive_bytes
    from treem_desktop.packets.zip_layout import dos_time
    from treem_desktop.signing.cms import sign_detached

    signed = pack_json(document)
    members = [
        (CONTENT, signed),
        (SIGNATURE, sign_detached(signed, certificate, key)),
        (SIGNER, certificate.public_bytes(serialization.Encoding.PEM)),
        *(carried or []),
    ]
    stamp = dos_time(dt.datetime.fromisoformat(document["signed_at"]).astimezone(VIETNAM))
    return archive_bytes(members, stamp)


def verify_pack(data: bytes, path: str, office: x509.Certificate) -> tuple[dict[str, Any], bytes]:
    """The pack's document and its signed bytes, once its layout, format and signature by
    ``office`` are checked."""
    opened = open_pack(data, path, office)
    return opened.document, opened.signed


def open_pack(data: bytes, path: str, office: x509.Certificate) -> OpenedPack:
    """The verified pack: layout, signature by ``office``, format, and every carried member
    exactly as the signed document lists it (a member changed after signing is refused)."""
    members = _members(data, path)
    _check_signature(members, office, path)
    document = _parse(members[CONTENT], path)
    carried = _carried(document, members, path)
    targets = carried.pop(TARGETS, None)
    return OpenedPack(document, members[CONTENT], members[SIGNATURE], targets, carried)


def _carried(document: dict[str, Any], members: dict[str, bytes], path: str) -> dict[str, bytes]:
    """The members after the first three, which must be exactly those the document lists."""
    entries = _listed_members(document, path)
    extra = list(members)[3:]
    if extra != [name for name, _sha in entries]:
        raise StandardPackRejected("STANDARD_PACK_DAMAGED", path=path)
    for name, sha256 in entries:
        if hashlib.sha256(members[name]).hexdigest() != sha256:
            raise StandardPackRejected("STANDARD_PACK_SIGNATURE_INVALID", path=path)
    return {name: members[name] for name, _sha in entries}


def _listed_members(document: dict[str, Any], path: str) -> list[tuple[str, str]]:
    targets, templates = document.get("targets"), document.get("templates", [])
    if document["format_version"] == 1:
        if templates != [] or targets is not None:
            raise invalid(path, "reserved")
        return []
    if not isinstance(templates, list):
        raise invalid(path, "templates")
    entries = [] if targets is None else [_entry(targets, path, "targets")]
    if entries and entries[0][0] != TARGETS:
        raise invalid(path, "targets")
    for n, raw in enumerate(templates):
        entry = _entry(raw, path, f"templates[{n}]")
        if not entry[0].startswith(TEMPLATE_PREFIX) or entry in entries:
            raise invalid(path, f"templates[{n}]")
        entries.append(entry)
    return entries


def _entry(raw: Any, path: str, where: str) -> tuple[str, str]:
    if not isinstance(raw, dict):
        raise invalid(path, where)
    name, sha256 = raw.get("name"), raw.get("sha256")
    if not isinstance(name, str) or not isinstance(sha256, str) or len(sha256) != 64:
        raise invalid(path, where)
    return name, sha256


def _members(data: bytes, path: str) -> dict[str, bytes]:
    from treem_desktop.packets.zip_layout import ArchiveDamaged, read_canonical

    if len(data) > MAX_PACK_BYTES:
        raise StandardPackRejected("STANDARD_PACK_DAMAGED", path=path)
    try:
        contents = read_canonical(data)
    except ArchiveDamaged as exc:
        raise StandardPackRejected("STANDARD_PACK_DAMAGED", path=path) from exc
    if list(contents)[:3] != [CONTENT, SIGNATURE, SIGNER]:
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
        raise invalid(path, f"content: {exc.detail}") from exc
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise invalid(path, "format")
    version = document.get("format_version")
    if type(version) is not int or version not in READABLE_VERSIONS:
        raise invalid(path, "format_version")
    standard = document.get("standard")
    if not isinstance(standard, dict) or not isinstance(standard.get("sha256"), str):
        raise invalid(path, "standard")
    if not isinstance(document.get("signed_at"), str):
        raise invalid(path, "signed_at")
    return document
