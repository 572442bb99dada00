"""Checking a packet, in the order of docs/packet-format.md; the first failure is the reason.

1. the file: readable, not too large, a ZIP (else not a packet, or cut off);
2. ZIP safety and canonical layout (:mod:`.zip_layout`), before anything is unpacked;
3. the envelope members are there and the manifest is valid JSON of a known format version;
4. every member is listed in the manifest and every listed file is there, with its size and hash;
5. the detached signature over the manifest's exact bytes;
6. ``signer.pem`` holds exactly the certificates the signature carries, the signer first (then
   its CA chain, nearest first), and that certificate names the
   manifest's commune: by its codes when it is the commune's own certificate, by its names when
   a CA issued it to a USB token (:mod:`treem_desktop.signing.commune_names`);
7. when trusted certificates are given: a path from the signer to one of them, through the CA
   certificates the packet carries (:func:`treem_desktop.signing.cms.verify_detached`), or
   through the key-change statements it carries, each signed by a key already trusted
   (:mod:`.continuity`).

Nothing is written anywhere: the packet is read into memory (it is at most
``layout.MAX_PACKET_BYTES``) and checked there.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import io
import json
import struct
import warnings
import zipfile
import zlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from treem_desktop.packets import PacketRejected
from treem_desktop.packets.layout import (
    ENVELOPE,
    FORMAT_VERSION,
    MANIFEST,
    MAX_MANIFEST_BYTES,
    MAX_PACKET_BYTES,
    MIB,
    SIGNATURE,
    SIGNER,
    manifest_schema,
)
from treem_desktop.packets.manifest_check import surely_conforms
from treem_desktop.packets.zip_layout import canonical_contents, check_members, dos_time

if TYPE_CHECKING:
    from cryptography import x509

_CHUNK = 64 * 1024


@dataclass(frozen=True)
class VerifiedPacket:
    """A packet that passed every check.

    Attributes:
        manifest: the signed manifest.
        files: the listed files' bytes, by name.
        signer: the certificate that signed it.
        signing_time: the signing time the signer claims (UTC).
        trusted: True when checked against trusted certificates; False when none were given.
        sha256: the hash of the whole packet file (the next packet names it).
        through_key_change: True when the signer was trusted only through the key-change
            statements the packet carries (an old certificate of the commune was trusted).
        demo: True when the manifest says ``"demo": true`` or the signer's certificate is a
            demo key's: sample data, refused by :func:`.receiving.verify_for_receiving`.
    """

    manifest: dict[str, Any]
    files: dict[str, bytes]
    signer: x509.Certificate
    signing_time: dt.datetime
    trusted: bool
    sha256: str
    through_key_change: bool = False
    demo: bool = False


def verify_packet(path: Path, trusted: list[x509.Certificate] | None = None) -> VerifiedPacket:
    """Check the packet file at ``path``; raises PacketRejected with the reason."""
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_PACKET_BYTES + 1)
    except OSError as exc:
        raise PacketRejected("PACKET_UNREADABLE", path=str(path), detail=exc.strerror) from exc
    return verify_packet_bytes(data, trusted, name=path.name)


def verify_packet_bytes(
    data: bytes, trusted: list[x509.Certificate] | None = None, *, name: str = ""
) -> VerifiedPacket:
    """Check a packet held in memory (see the module's list)."""
    if len(data) > MAX_PACKET_BYTES:
        raise PacketRejected("PACKET_TOO_LARGE", limit=MAX_PACKET_BYTES // MIB)
    archive = _open(data, name)
    infos = check_members(archive)
    names = {info.filename for info in infos}
    for required in ENVELOPE:
        if required not in names:
            raise PacketRejected("PACKET_MEMBER_MISSING", member=required)
    manifest_info = archive.getinfo(MANIFEST)
    if manifest_info.file_size > MAX_MANIFEST_BYTES:
        raise PacketRejected("PACKET_MEMBER_TOO_LARGE", member=MANIFEST, limit=1)
    signed = _read(archive, manifest_info)
    manifest = _parse_manifest(signed)
    stamp = dos_time(dt.datetime.fromisoformat(manifest["created"]))
    contents = canonical_contents(data, infos, stamp)
    if contents[MANIFEST] != signed:
        raise PacketRejected("PACKET_MEMBER_DAMAGED", member=MANIFEST)
    files = _check_files(contents, manifest)
    signature = _check_signature(signed, contents, manifest, trusted)
    return VerifiedPacket(
        manifest=manifest,
        files=files,
        signer=signature.signer,
        signing_time=signature.signing_time,
        trusted=trusted is not None,
        sha256=hashlib.sha256(data).hexdigest(),
        through_key_change=trusted is not None and signature.anchor not in trusted,
        demo=_is_demo(manifest, signature.signer),
    )


def _is_demo(manifest: dict[str, Any], signer: x509.Certificate) -> bool:
    from treem_desktop.signing.keys import is_demo_certificate

    return manifest.get("demo") is True or is_demo_certificate(signer)


def _open(data: bytes, name: str) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
        raise PacketRejected(_unopened_reason(data), path=name, detail=str(exc)) from exc
    except struct.error as exc:
        raise PacketRejected(_unopened_reason(data), path=name, detail=str(exc)) from exc


def _unopened_reason(data: bytes) -> str:
    if not data.startswith(b"PK\x03\x04"):
        return "PACKET_NOT_ZIP"
    end = data.rfind(b"PK\x05\x06")
    if end < 0 or len(data) - end < 22:
        return "PACKET_TRUNCATED"  # the end record is gone or cut: the file was cut off
    return "PACKET_DAMAGED"


def _read(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """A member's bytes, read in chunks so that a lying size cannot blow memory up."""
    chunks: list[bytes] = []
    total = 0
    try:
        with archive.open(info) as member:
            while chunk := member.read(_CHUNK):
                total += len(chunk)
                if total > info.file_size:
                    raise PacketRejected("PACKET_MEMBER_DAMAGED", member=info.filename)
                chunks.append(chunk)
    except PacketRejected:
        raise
    except (
        zipfile.BadZipFile,
        zlib.error,
        OSError,
        ValueError,
        EOFError,
        NotImplementedError,  # e.g. "compressed patched data": a flag bit set by damage
        RuntimeError,  # e.g. "password required"
    ) as exc:
        raise PacketRejected("PACKET_MEMBER_DAMAGED", member=info.filename) from exc
    data = b"".join(chunks)
    if len(data) != info.file_size:
        raise PacketRejected("PACKET_MEMBER_DAMAGED", member=info.filename)
    return data


def _parse_manifest(signed: bytes) -> dict[str, Any]:
    try:
        manifest = json.loads(signed.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise PacketRejected(
            "PACKET_MANIFEST_INVALID", member=MANIFEST, where="$", detail=str(exc)[:200]
        ) from exc
    if not isinstance(manifest, dict):
        raise PacketRejected(
            "PACKET_MANIFEST_INVALID", member=MANIFEST, where="$", detail="not an object"
        )
    version = manifest.get("format_version")
    if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
        raise PacketRejected("PACKET_FORMAT_UNKNOWN", member=MANIFEST, found=version)
    problem = _schema_problem(manifest)
    if problem is not None:
        where, detail = problem
        raise PacketRejected("PACKET_MANIFEST_INVALID", member=MANIFEST, where=where, detail=detail)
    try:
        dt.datetime.fromisoformat(manifest["created"])
    except ValueError as exc:
        raise PacketRejected(
            "PACKET_MANIFEST_INVALID", member=MANIFEST, where="$.created", detail=str(exc)
        ) from exc
    return manifest


def _schema_problem(manifest: dict[str, Any]) -> tuple[str, str] | None:
    """The first place where the manifest breaks its schema, as (place, message); or None."""
    schema = manifest_schema(FORMAT_VERSION)
    if surely_conforms(manifest, schema):  # every good manifest: no jsonschema to import
        return None
    import jsonschema

    error = jsonschema.exceptions.best_match(_validator().iter_errors(manifest))
    if error is None:
        return None
    where = "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.absolute_path)
    return where, error.message


@cache
def _validator() -> Any:
    """The manifest schema's validator, built once (building one costs more than a check)."""
    import jsonschema

    return jsonschema.Draft202012Validator(manifest_schema(FORMAT_VERSION))


def _check_files(contents: dict[str, bytes], manifest: dict[str, Any]) -> dict[str, bytes]:
    listed = {entry["name"]: entry for entry in manifest["files"]}
    if len(listed) != len(manifest["files"]):
        raise PacketRejected(
            "PACKET_MANIFEST_INVALID", member=MANIFEST, where="$.files", detail="a name twice"
        )
    for present in contents:
        if present not in ENVELOPE and present not in listed:
            raise PacketRejected("PACKET_MEMBER_UNDECLARED", member=present)
    files: dict[str, bytes] = {}
    for name, entry in listed.items():
        if name in ENVELOPE:
            raise PacketRejected(
                "PACKET_MANIFEST_INVALID", member=MANIFEST, where="$.files", detail=name
            )
        data = contents.get(name)
        if data is None:
            raise PacketRejected("PACKET_MEMBER_MISSING", member=name)
        if len(data) != entry["size"]:
            raise PacketRejected("PACKET_HASH_MISMATCH", member=name)
        if not hmac.compare_digest(hashlib.sha256(data).hexdigest(), entry["sha256"]):
            raise PacketRejected("PACKET_HASH_MISMATCH", member=name)
        files[name] = data
    return files


def _check_signature(
    signed: bytes,
    contents: dict[str, bytes],
    manifest: dict[str, Any],
    trusted: list[x509.Certificate] | None,
) -> Any:
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization

    from treem_desktop.packets.continuity import continued_trust
    from treem_desktop.signing import CMS_UNTRUSTED, SigningError
    from treem_desktop.signing.cms import read_fully, verify_detached
    from treem_desktop.signing.keys import fingerprint

    signature = contents[SIGNATURE]
    try:
        verified = verify_detached(signed, signature, None)
    except SigningError as exc:
        raise PacketRejected(exc.code, member=SIGNATURE, signer="?", fingerprint="?") from exc
    signer = verified.signer
    names = signer.subject.get_attributes_for_oid(x509.NameOID.COMMON_NAME)
    who = str(names[0].value) if names else signer.subject.rfc4514_string()
    pem = contents[SIGNER]
    try:
        with warnings.catch_warnings():  # e.g. a negative serial number: damage, refused below
            warnings.simplefilter("ignore")
            pem_certs = [read_fully(c) for c in x509.load_pem_x509_certificates(pem)]
    except (ValueError, TypeError, x509.InvalidVersion) as exc:
        raise PacketRejected("PACKET_SIGNER_UNREADABLE", member=SIGNER) from exc
    canonical = b"".join(c.public_bytes(serialization.Encoding.PEM) for c in pem_certs)
    if pem != canonical:  # a stray byte the PEM reader would skip is damage too
        raise PacketRejected("PACKET_MEMBER_DAMAGED", member=SIGNER)
    if pem_certs[0] != signer or _ders(verified.carried) != _ders(pem_certs):
        # signer.pem holds what the signature carries (a DER SET: its own order), signer first
        raise PacketRejected("PACKET_SIGNER_MISMATCH", member=SIGNER)
    commune = manifest["commune"]
    if not signer_names_commune(signer, commune):
        raise PacketRejected(
            "PACKET_SIGNER_COMMUNE_MISMATCH",
            member=SIGNATURE,
            claimed=commune["name"],
            code=commune["code"],
            signer=who,
        )
    if trusted is not None:
        try:
            verified = verify_detached(signed, signature, trusted, pem_certs[1:])
        except SigningError as exc:
            continued = continued_trust(contents, trusted) if exc.code == CMS_UNTRUSTED else []
            if not continued:
                raise PacketRejected(
                    exc.code, member=SIGNATURE, signer=who, fingerprint=fingerprint(signer)
                ) from exc
            return _verified_through(signed, signature, trusted + continued, who, signer)
    return verified


def _verified_through(
    signed: bytes,
    signature: bytes,
    trusted: list[x509.Certificate],
    who: str,
    signer: x509.Certificate,
) -> Any:
    """Checked again with the certificates the packet's key-change statements vouch for."""
    from treem_desktop.signing import SigningError
    from treem_desktop.signing.cms import verify_detached
    from treem_desktop.signing.keys import fingerprint

    try:
        return verify_detached(signed, signature, trusted)
    except SigningError as exc:
        raise PacketRejected(
            exc.code, member=SIGNATURE, signer=who, fingerprint=fingerprint(signer)
        ) from exc


def signer_names_commune(signer: x509.Certificate, commune: dict[str, Any]) -> bool:
    """Whether ``signer`` names ``commune`` (a manifest's: code, name, province_code): the
    commune's own certificate by its codes; a CA-issued one by its names."""
    from treem_desktop.signing.commune_names import certificate_names_commune
    from treem_desktop.signing.keys import identity_from_certificate

    identity = identity_from_certificate(signer)
    if identity is not None:
        claimed = (commune["code"], commune["province_code"])
        return (identity.commune_code, identity.province_code) == claimed
    # A CA-issued certificate has no codes: the manifest's code must be the official code of the
    # commune it names, and the certificate must name that commune's committee and province.
    from treem_desktop.core.admin_units import load_admin_units
    from treem_desktop.errors import TreemError

    units = load_admin_units()
    try:
        official = units.commune_in(commune["province_code"], commune["code"])
        province = units.province(commune["province_code"])
    except TreemError:
        return False
    if official.name != commune["name"]:
        return False
    return certificate_names_commune(signer, official.name, province.name)


def _ders(certificates: Any) -> list[bytes]:
    from cryptography.hazmat.primitives import serialization

    return sorted(c.public_bytes(serialization.Encoding.DER) for c in certificates)
