"""The build hook: a wheel carries ``resources/`` and ``forms/`` inside the package.

The checkout keeps them at the top level (the project's layout); a built wheel gets a copy
under ``treem_desktop/_data/`` so an installed package finds them through
``importlib.resources`` (``treem_desktop.paths``). Everything else is in pyproject.toml.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup  # type: ignore[import-untyped]
from setuptools.command.build_py import build_py  # type: ignore[import-untyped]

ROOT = Path(__file__).resolve().parent
DATA_DIRS = ("resources", "forms")
PACKAGE_DATA = Path("treem_desktop") / "_data"


class BuildPyWithData(build_py):
    """``build_py``, then copy the top-level data folders into the built package."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return  # an editable install reads the checkout itself
        for name in DATA_DIRS:
            target = Path(self.build_lib) / PACKAGE_DATA / name
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(ROOT / name, target, ignore=shutil.ignore_patterns("*.po~", "*.pyc"))


setup(cmdclass={"build_py": BuildPyWithData})
