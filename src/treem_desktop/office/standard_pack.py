"""The office signs a standard's filled values as a standard pack (gói bảng điểm) for its communes.

The values are checked first (standards/pack_checks.py); a refused set is never signed. The
standard is one the application ships (the office's folder keeps no other standards).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from treem_desktop.errors import TreemError
from treem_desktop.files import write_atomically
from treem_desktop.handoff.standard_pack import (
    FORMAT,
    FORMAT_VERSION,
    SUFFIX,
    make_pack,
    signed_now,
)
from treem_desktop.office.folder import KEYS_DIR, OfficeFolder
from treem_desktop.office.keys import OfficeKeyFiles, load_office_certificate, unlock_office_key
from treem_desktop.standards.loader import load_shipped, shipped_standard_files
from treem_desktop.standards.model import Standard
from treem_desktop.standards.pack import FilledValue, filled_json, parse_filled
from treem_desktop.standards.pack_checks import pack_problems

DEFAULT_STANDARD = "qd-06-2019"


@dataclass(frozen=True)
class SignedPack:
    path: Path
    standard: Standard
    values: int


def shipped_standard(standard_id: str, version: int | None = None) -> Standard:
    """The shipped standard ``standard_id`` (its newest version unless one is named)."""
    found = [load_shipped(p) for p in shipped_standard_files()]
    found = [s for s in found if s.id == standard_id and version in (None, s.version)]
    if not found:
        raise TreemError("STANDARD_NOT_AVAILABLE", standard=standard_id)
    return max(found, key=lambda s: s.version)


def standard_of(document: Any, origin: str) -> Standard:
    """The standard a filled-values document names (``standard``: id, version, sha256)."""
    named = document.get("standard") if isinstance(document, dict) else None
    named = named if isinstance(named, dict) else {}
    version = named.get("version")
    standard = shipped_standard(
        str(named.get("id", DEFAULT_STANDARD)), version if isinstance(version, int) else None
    )
    if named.get("sha256") not in (None, standard.sha256):
        raise TreemError(
            "STANDARD_VALUES_INVALID", path=origin, detail=f"standard.sha256: {standard.sha256}"
        )
    return standard


def refuse_problems(standard: Standard, filled: list[FilledValue], origin: str) -> None:
    problems = pack_problems(standard, filled)
    if problems:
        words = " ".join(p.message() for p in problems)
        raise TreemError("STANDARD_VALUES_REFUSED", path=origin, problems=words)


def pack_from_file(
    office: OfficeFolder, values_file: Path, out: Path, passphrase: bytes | None
) -> SignedPack:
    """Check the filled values in ``values_file`` and sign them as a pack written to ``out``
    (a file name ending in .zip, or a folder)."""
    from treem_desktop.core.outside_json import read_json_file

    document = read_json_file(values_file, "STANDARD_VALUES_INVALID")
    standard = standard_of(document, str(values_file))
    filled = parse_filled(document, str(values_file))
    return sign_filled(office, standard, filled, out, passphrase, str(values_file))


def sign_filled(
    office: OfficeFolder,
    standard: Standard,
    filled: list[FilledValue],
    out: Path,
    passphrase: bytes | None,
    origin: str = "",
) -> SignedPack:
    """Check, then sign ``filled`` with the office's key and write the pack."""
    refuse_problems(standard, filled, origin or str(out))
    profile = office.require_profile()
    files = OfficeKeyFiles.in_folder(office.path / KEYS_DIR)
    certificate = load_office_certificate(files)
    key = unlock_office_key(files, passphrase)
    document = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "standard": {"id": standard.id, "version": standard.version, "sha256": standard.sha256},
        "office": {"name": profile.name, "province_code": profile.province_code},
        "signed_at": signed_now(),
        "values": [filled_json(f) for f in filled],
        "templates": [],
        "targets": None,
    }
    target = out if out.suffix.lower() == ".zip" else out / pack_file_name(standard)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(target, make_pack(document, certificate, key), mode=0o644)
    except OSError as exc:
        raise TreemError("FILE_UNWRITABLE", path=str(target), detail=exc.strerror) from exc
    return SignedPack(target, standard, len(filled))


def pack_file_name(standard: Standard) -> str:
    return f"{standard.id}-v{standard.version}{SUFFIX}"
