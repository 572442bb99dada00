"""The office signs a standard's filled values as a standard pack (gói bảng điểm) for its communes.

The values are checked first (standards/pack_checks.py); a refused set is never signed. The
standard is one the application ships (the office's folder keeps no other standards). The pack
may carry the province's targets and document templates (:class:`Carried`), checked with the
same checks the commune applies before anything is signed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from treem_desktop.documents.templates import Template, template_from_bytes
from treem_desktop.errors import TreemError
from treem_desktop.files import write_atomically
from treem_desktop.handoff.standard_pack import (
    FORMAT,
    FORMAT_VERSION,
    SUFFIX,
    TARGETS,
    listed,
    make_pack,
    signed_now,
    template_member,
)
from treem_desktop.i18n import _
from treem_desktop.indicators.loader import NATIONAL_SET, override_from_bytes, shipped_indicator_set
from treem_desktop.indicators.model import TargetOverride
from treem_desktop.indicators.targets import apply_override
from treem_desktop.office.folder import KEYS_DIR, OfficeFolder
from treem_desktop.office.keys import OfficeKeyFiles, load_office_certificate, unlock_office_key
from treem_desktop.office.profile import get_setting, set_setting
from treem_desktop.packets.layout import MEMBER_NAME
from treem_desktop.standards.loader import load_shipped, shipped_standard_files
from treem_desktop.standards.model import Standard
from treem_desktop.standards.pack import FilledValue, filled_json, parse_filled
from treem_desktop.standards.pack_checks import pack_problems
from treem_desktop.standards.values_words import values_problem_words

DEFAULT_STANDARD = "qd-06-2019"
DRAFT_KEY = "standard-values-draft:{sha256}"
CHOSEN_KEY = "standard-pack-chosen-draft:{sha256}"


@dataclass(frozen=True)
class CarriedTargets:
    """The province's targets file, as read (its exact bytes travel in the pack)."""

    content: bytes
    override: TargetOverride


@dataclass(frozen=True)
class CarriedTemplate:
    content: bytes
    template: Template


@dataclass(frozen=True)
class Carried:
    """What a pack carries beside the values (docs/standard-pack.md §3)."""

    targets: CarriedTargets | None = None
    templates: tuple[CarriedTemplate, ...] = field(default=())


@dataclass(frozen=True)
class SignedPack:
    path: Path
    standard: Standard
    values: int
    carried: Carried = field(default_factory=Carried)


def read_file(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise TreemError("FILE_UNREADABLE", path=str(path), detail=exc.strerror) from exc


def targets_from_bytes(content: bytes, origin: str) -> CarriedTargets:
    """The province's targets, with the checks ``treem targets import`` applies at the
    commune (the file's own checks, then no conflict with the national set)."""
    override = override_from_bytes(content, origin)
    apply_override(shipped_indicator_set(NATIONAL_SET), override)  # refuses conflicts
    return CarriedTargets(content, override)


def template_from_file(path: Path) -> CarriedTemplate:
    """A document template to send, read with the template loader's own checks."""
    return template_from_content(read_file(path), str(path))


def template_from_content(content: bytes, origin: str) -> CarriedTemplate:
    """A template's bytes, with the checks the commune applies to the pack's member (the
    template loader's, then a member name the packets' layout allows)."""
    template = template_from_bytes(content, origin)
    if not MEMBER_NAME.match(template_member(template.id, template.version)):
        words = _("its identifier cannot be used as the name of a file in the pack")
        raise TreemError("TEMPLATE_INVALID", field=f"id {template.id!r}", path=origin, detail=words)
    return CarriedTemplate(content, template)


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
        words = _("they were filled for another copy of the standard than the one installed")
        raise TreemError(
            "STANDARD_VALUES_INVALID", field="standard.sha256", path=origin, detail=words
        )
    return standard


def refuse_problems(standard: Standard, filled: list[FilledValue], origin: str) -> None:
    problems = pack_problems(standard, filled)
    if problems:
        words = " ".join(p.message() for p in problems)
        technical = " ".join(f"{p.code}:{p.target}" for p in problems)
        raise TreemError("STANDARD_VALUES_REFUSED", field=technical, path=origin, problems=words)


def pack_from_file(
    office: OfficeFolder,
    values_file: Path,
    out: Path,
    passphrase: bytes | None,
    carried: Carried | None = None,
) -> SignedPack:
    """Check the filled values in ``values_file`` and sign them as a pack written to ``out``
    (a file name ending in .zip, or a folder), with what else it ``carried``."""
    from treem_desktop.core.outside_json import read_json_file

    document = read_json_file(values_file, "STANDARD_VALUES_INVALID")
    standard = standard_of(document, str(values_file))
    try:
        filled = parse_filled(document, str(values_file))
    except TreemError as exc:
        words = values_problem_words(standard, document, exc)
        raise TreemError(
            "STANDARD_VALUES_INVALID", field=exc.field, path=str(values_file), detail=words
        ) from exc
    return sign_filled(office, standard, filled, out, passphrase, str(values_file), carried)


def sign_filled(
    office: OfficeFolder,
    standard: Standard,
    filled: list[FilledValue],
    out: Path,
    passphrase: bytes | None,
    origin: str = "",
    carried: Carried | None = None,
) -> SignedPack:
    """Check, then sign ``filled`` (and what is ``carried``) with the office's key and write
    the pack."""
    refuse_problems(standard, filled, origin or str(out))
    carried = carried or Carried()
    members = _members(carried)
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
        "templates": [listed(name, data) for name, data in members if name != TARGETS],
        "targets": next((listed(n, d) for n, d in members if n == TARGETS), None),
    }
    target = out if out.suffix.lower() == ".zip" else out / pack_file_name(standard)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(target, make_pack(document, certificate, key, members), mode=0o644)
    except OSError as exc:
        raise TreemError("FILE_UNWRITABLE", path=str(target), detail=exc.strerror) from exc
    return SignedPack(target, standard, len(filled), carried)


def _members(carried: Carried) -> list[tuple[str, bytes]]:
    """The carried members in the pack's order: the targets, then the templates."""
    found = [(TARGETS, carried.targets.content)] if carried.targets else []
    for item in carried.templates:
        name = template_member(item.template.id, item.template.version)
        if any(name == known for known, _data in found):
            words = _("the same template (name and version) is chosen twice")
            raise TreemError("TEMPLATE_INVALID", field="twice", path=name, detail=words)
        found.append((name, item.content))
    return found


def pack_file_name(standard: Standard) -> str:
    return f"{standard.id}-v{standard.version}{SUFFIX}"


def load_draft(office: OfficeFolder, standard: Standard) -> dict[str, Any] | None:
    """The editor's draft of ``standard``'s filled values (a filled-values document), if any."""
    import json

    text = get_setting(office.conn, DRAFT_KEY.format(sha256=standard.sha256))
    try:
        document = json.loads(text) if text else None
    except ValueError:
        return None
    return document if isinstance(document, dict) else None


def save_draft(office: OfficeFolder, standard: Standard, document: dict[str, Any]) -> None:
    """Keep the editor's draft (written at once: nothing is lost if the window closes)."""
    import json

    text = json.dumps(document, ensure_ascii=False, sort_keys=True)
    set_setting(office.conn, DRAFT_KEY.format(sha256=standard.sha256), text)


@dataclass(frozen=True)
class ChosenFile:
    """A file the editor chose to send in the pack: its name when chosen, its exact bytes."""

    name: str
    content: bytes


@dataclass(frozen=True)
class ChosenFiles:
    """The targets file and the templates chosen in the editor, kept with its draft."""

    targets: ChosenFile | None = None
    templates: tuple[ChosenFile, ...] = field(default=())


def save_chosen(office: OfficeFolder, standard: Standard, chosen: ChosenFiles) -> None:
    """Keep the files chosen to go with the pack (their exact bytes, as base64), beside the
    draft of the values. They are checked again when taken back (:func:`load_chosen`)."""
    import json

    document = {
        "targets": _chosen_json(chosen.targets) if chosen.targets else None,
        "templates": [_chosen_json(t) for t in chosen.templates],
    }
    text = json.dumps(document, ensure_ascii=False, sort_keys=True)
    set_setting(office.conn, CHOSEN_KEY.format(sha256=standard.sha256), text)


def load_chosen(office: OfficeFolder, standard: Standard) -> ChosenFiles:
    """The files kept by :func:`save_chosen` (none when nothing, or nothing readable, is kept).
    Not checked here: the caller checks each again, as when it was chosen."""
    import json

    text = get_setting(office.conn, CHOSEN_KEY.format(sha256=standard.sha256))
    try:
        document = json.loads(text) if text else {}
    except ValueError:
        document = {}
    document = document if isinstance(document, dict) else {}
    templates = document.get("templates")
    return ChosenFiles(
        _chosen_file(document.get("targets")),
        tuple(
            found
            for found in map(_chosen_file, templates if isinstance(templates, list) else [])
            if found is not None
        ),
    )


def _chosen_json(chosen: ChosenFile) -> dict[str, str]:
    import base64

    return {"name": chosen.name, "base64": base64.b64encode(chosen.content).decode("ascii")}


def _chosen_file(raw: Any) -> ChosenFile | None:
    import base64
    import binascii

    if not isinstance(raw, dict):
        return None
    name, encoded = raw.get("name"), raw.get("base64")
    if not isinstance(name, str) or not isinstance(encoded, str):
        return None
    try:
        return ChosenFile(name, base64.b64decode(encoded, validate=True))
    except (binascii.Error, ValueError):
        return None
