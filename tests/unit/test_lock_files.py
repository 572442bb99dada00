"""The two lock files (``scripts/lock.sh``) pin the same application for Linux and for Windows.

``requirements.lock`` is resolved for Linux, ``requirements-windows.lock`` for Windows x64; both
for Python 3.11 from the bounds in ``pyproject.toml``. They differ only where a dependency says
so by platform: keyring's backends (Secret Service over D-Bus on Linux, the Windows Credential
Manager through pywin32-ctypes on Windows).
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

REPO = Path(__file__).resolve().parents[2]
LINUX = REPO / "requirements.lock"
WINDOWS = REPO / "requirements-windows.lock"
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)")
LINUX_ONLY = {"jeepney", "secretstorage"}  # keyring: sys_platform == "linux"
WINDOWS_ONLY = {"pywin32-ctypes"}  # keyring: sys_platform == "win32"


def pins(lock: Path) -> dict[str, Version]:
    """Package name → pinned version; every pin must carry at least one sha256."""
    found: dict[str, Version] = {}
    lines = lock.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines):
        match = PIN.match(line)
        if match is None:
            continue
        name = canonicalize_name(match.group(1))
        assert name not in found, f"{lock.name}: {name} pinned twice"
        assert lines[number + 1].strip().startswith("--hash=sha256:"), f"{lock.name}: {name}"
        found[name] = Version(match.group(2))
    assert found, f"{lock.name} pins nothing"
    return found


def top_level() -> list[Requirement]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return [Requirement(text) for text in project["dependencies"]]


@pytest.mark.parametrize("lock", [LINUX, WINDOWS], ids=["linux", "windows"])
def test_every_dependency_of_the_application_is_pinned_within_its_bounds(lock: Path) -> None:
    pinned = pins(lock)
    for requirement in top_level():
        name = canonicalize_name(requirement.name)
        assert name in pinned, f"{lock.name} does not pin {name}"
        assert requirement.specifier.contains(pinned[name]), f"{lock.name}: {name} {requirement}"


def test_both_locks_pin_the_same_versions_of_what_both_need() -> None:
    linux, windows = pins(LINUX), pins(WINDOWS)
    shared = linux.keys() & windows.keys()
    assert {n: linux[n] for n in shared} == {n: windows[n] for n in shared}


def test_only_keyrings_platform_backends_differ() -> None:
    linux, windows = pins(LINUX), pins(WINDOWS)
    assert windows.keys() - linux.keys() == WINDOWS_ONLY
    assert linux.keys() - windows.keys() == LINUX_ONLY


def test_the_windows_lock_holds_what_keyring_needs_on_windows() -> None:
    windows = pins(WINDOWS)
    assert windows["pywin32-ctypes"] >= Version("0.2.0")  # keyring's own bound
    assert "keyring" in windows
