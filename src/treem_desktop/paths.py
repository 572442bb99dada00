"""Where things live: the data directory, and the shipped resources and forms.

This is the only module that knows the layout on disk, in a source checkout and in a
frozen (PyInstaller) bundle alike.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

APP_NAME = "TreemDesktop"
APP_AUTHOR = "Treem"
PORTABLE_DIR_NAME = "treem-data"
DATA_DIR_ENV = "TREEM_HOME"
DATABASE_NAME = "treem.sqlite3"
LOCK_NAME = "treem.lock"


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


def install_root() -> Path:
    """Where ``resources/`` and ``forms/`` are: the bundle when frozen, else the checkout."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root)
    return Path(__file__).resolve().parents[2]


def resources_dir() -> Path:
    return install_root() / "resources"


def forms_dir() -> Path:
    return install_root() / "forms"


def locale_dir() -> Path:
    return resources_dir() / "locale"
