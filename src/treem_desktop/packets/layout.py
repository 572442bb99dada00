"""The fixed parts of a packet: member names, media types, limits and the manifest's schema."""

from __future__ import annotations

import json
import re
from functools import cache
from typing import Any

from treem_desktop.paths import resources_dir

FORMAT = "treem-packet"
FORMAT_VERSION = 1
"""The manifest format this version writes; it reads every version up to this one."""

MANIFEST = "manifest.json"
SIGNATURE = "manifest.json.p7s"
SIGNER = "signer.pem"
DATA = "data.json"
ENVELOPE = (MANIFEST, SIGNATURE, SIGNER)
"""The members that carry the signature; every other member is listed in the manifest."""

MEDIA_TYPES = {
    ".json": "application/json",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pdf": "application/pdf",
    ".csv": "text/csv",
}
KINDS = ("evaluation", "indicators", "plan")

MEMBER_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")
"""A member's name: flat (no folder), ASCII, safe on Windows and in every unzip tool."""

MIB = 1024 * 1024
MAX_PACKET_BYTES = 64 * MIB
MAX_MEMBERS = 64
MAX_MEMBER_BYTES = 64 * MIB
MAX_TOTAL_BYTES = 256 * MIB
MAX_MANIFEST_BYTES = 1 * MIB
MAX_RATIO = 100
"""Unpacked size over packed size above which a member is treated as a ZIP bomb (documents
compress 3-10 times; a bomb thousands of times)."""
RATIO_FLOOR_BYTES = 1 * MIB
"""Members smaller than this unpacked are never refused for their ratio (a blank page of
spaces compresses far but harms nobody)."""


def packet_file_name(commune_code: str, kind: str, period: str, sequence: int) -> str:
    """``TREEM_<commune code>_<kind>_<period>_<sequence>.zip``, the sequence on 4 digits."""
    return f"TREEM_{commune_code}_{kind}_{period}_{sequence:04d}.zip"


def media_type(name: str) -> str:
    suffix = name[name.rfind(".") :].lower() if "." in name else ""
    return MEDIA_TYPES.get(suffix, "application/octet-stream")


@cache
def manifest_schema(version: int) -> dict[str, Any]:
    path = resources_dir() / "schemas" / f"packet-manifest-{version}.schema.json"
    schema: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return schema
