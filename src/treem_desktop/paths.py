"""Where things live: the data directory, and the shipped resources and forms.

This is the only module that knows the layout on disk: in an installed wheel (the data
under ``treem_desktop/_data``), in a source checkout and in a frozen (PyInstaller) bundle.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from pathlib import Path

APP_NAME = "TreemDesktop"
APP_AUTHOR = "Treem"
PORTABLE_DIR_NAME = "treem-data"
DATA_DIR_ENV = "TREEM_HOME"
DATABASE_NAME = "treem.sqlite3"
LOCK_NAME = "treem.lock"
BACKUPS_DIR_NAME = "sao-luu"
OUTBOX_DIR_NAME = "goi-di"
"""The outbox (hộp thư đi): every packet the commune built."""
COMMUNE_DATA_DIRS = ("keys", OUTBOX_DIR_NAME, "evidence")
"""Folders whose files mean the folder holds a commune's data (its key, packets, evidence)."""


class DataDirSource(StrEnum):
    """Why this data directory was chosen, in the order of precedence."""

    OPTION = "option"
    ENVIRONMENT = "environment"
    PORTABLE = "portable"
    USER = "user"


@dataclass(frozen=True)
class DataDirChoice:
    """The data directory in use and the rule that chose it."""

    path: Path
    source: DataDirSource

    @property
    def database(self) -> Path:
        return self.path / DATABASE_NAME

    @property
    def lock_file(self) -> Path:
        return self.path / LOCK_NAME

    @property
    def log_dir(self) -> Path:
        return self.path / "logs"

    @property
    def outbox_dir(self) -> Path:
        return self.path / OUTBOX_DIR_NAME

    @property
    def backups_dir(self) -> Path:
        return self.path / BACKUPS_DIR_NAME

    def holds_commune_data(self) -> bool:
        """Whether the folder holds a key, a packet or an evidence file (stops at the first)."""
        for name in COMMUNE_DATA_DIRS:
            folder = self.path / name
            if folder.is_dir() and any(p.is_file() for p in folder.rglob("*")):
                return True
        return False


def resolve_data_dir(
    option: str | os.PathLike[str] | None,
    environ: dict[str, str] | os._Environ[str] | None = None,
    executable: str | None = None,
) -> DataDirChoice:
    """Choose the data directory: ``--data-dir``, ``TREEM_HOME``, portable folder, per-user.

    The portable folder is a ``treem-data`` directory beside the executable; it is used
    only when it already exists, so that copying the app and that folder to a USB stick
    is all it takes to run from the stick.
    """
    env = os.environ if environ is None else environ
    if option:
        return DataDirChoice(_absolute(option), DataDirSource.OPTION)
    if env.get(DATA_DIR_ENV):
        return DataDirChoice(_absolute(env[DATA_DIR_ENV]), DataDirSource.ENVIRONMENT)
    portable = Path(executable or sys.executable).resolve().parent / PORTABLE_DIR_NAME
    if portable.is_dir():
        return DataDirChoice(portable, DataDirSource.PORTABLE)
    return DataDirChoice(_user_data_dir(), DataDirSource.USER)


def _absolute(path: str | os.PathLike[str]) -> Path:
    return Path(path).expanduser().resolve()


def _user_data_dir() -> Path:
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, APP_AUTHOR, roaming=False)


PACKAGE_DATA_DIR = "_data"
"""Where a built wheel keeps its copy of ``resources/`` and ``forms/`` (setup.py puts it there)."""


@cache
def install_root() -> Path:
    """Where ``resources/`` and ``forms/`` are: inside the installed package (a wheel), else
    the PyInstaller bundle when frozen, else the source checkout."""
    packaged = _packaged_data()
    if packaged is not None:
        return packaged
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root)
    return Path(__file__).resolve().parents[2]


def _packaged_data() -> Path | None:
    """The package's own ``_data`` folder when it holds the resources (a wheel on disk).

    The package folder beside this file is what ``importlib.resources.files`` gives for a
    package on disk; importing that machinery (tempfile, zipfile, …) costs the start-up time.
    """
    data = Path(__file__).resolve().parent / PACKAGE_DATA_DIR
    if (data / "resources").is_dir():
        return data
    return None


def resources_dir() -> Path:
    return install_root() / "resources"


def forms_dir() -> Path:
    return install_root() / "forms"


def locale_dir() -> Path:
    return resources_dir() / "locale"


def qt_catalogue_file(language: str) -> Path:
    """Qt's own words (buttons, menus, file and print dialogs) compiled for ``language``."""
    return locale_dir() / language / f"qt_{language}.qm"


def guide_dir() -> Path:
    """The user guide (Hướng dẫn sử dụng): one folder per language, and its images."""
    return resources_dir() / "guide"
