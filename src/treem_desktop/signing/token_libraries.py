"""Where the PKCS#11 library of a USB token may be (resources/reference/pkcs11-libraries.json).

Each CA ships its own middleware; the list records the usual file names with how sure we are of
each (``status``). Only files that exist on this computer are offered; the officer may always
choose another file. ``TREEM_PKCS11_LIBRARY`` names one more (first in the list).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from treem_desktop.paths import resources_dir

LIBRARY_ENV = "TREEM_PKCS11_LIBRARY"


@dataclass(frozen=True)
class TokenLibrary:
    path: Path
    label: str
    status: str  # "confirmed", "secondary" (seen in others' code), "chosen" (by the officer)


def known_libraries() -> list[TokenLibrary]:
    """Every listed library, with its folder's variables expanded (present or not)."""
    data = json.loads((resources_dir() / "reference" / "pkcs11-libraries.json").read_text("utf-8"))
    libraries: list[TokenLibrary] = []
    for entry in data["libraries"]:
        folder = _expand(entry["folder"])
        if folder is None:
            continue
        libraries.append(TokenLibrary(folder / entry["file"], entry["label"], entry["status"]))
    return libraries


def installed_libraries() -> list[TokenLibrary]:
    """The libraries present on this computer, the one named by the environment first."""
    found: list[TokenLibrary] = []
    chosen = os.environ.get(LIBRARY_ENV)
    if chosen and Path(chosen).is_file():
        found.append(TokenLibrary(Path(chosen), Path(chosen).name, "chosen"))
    seen = {library.path for library in found}
    for library in known_libraries():
        if library.path not in seen and library.path.is_file():
            found.append(library)
            seen.add(library.path)
    return found


def _expand(folder: str) -> Path | None:
    """``%SystemRoot%``-style folders on Windows only; absolute POSIX folders elsewhere."""
    if "%" in folder:
        if os.name != "nt":
            return None
        expanded = os.path.expandvars(folder)
        return None if "%" in expanded else Path(expanded)
    if os.name == "nt":
        return None
    return Path(folder)
