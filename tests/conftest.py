"""Shared fixtures: a fresh data folder per test, the language reset, Qt offscreen."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from treem_desktop.commune.demo import DEMO_REQUEST  # noqa: E402
from treem_desktop.commune.setup import build_profile, save_commune  # noqa: E402
from treem_desktop.commune.workspace import Workspace, open_workspace  # noqa: E402
from treem_desktop.i18n import set_language  # noqa: E402
from treem_desktop.paths import DataDirChoice, resolve_data_dir  # noqa: E402

REPO = Path(__file__).resolve().parents[1]

# Property tests and fuzzing draw the same examples on every run (seeded from each test's
# name), so that a suite that passed here passes in CI. To look for new failures, run them
# with fresh random examples: HYPOTHESIS_PROFILE=explore (README, "Tests").
settings.register_profile("repeatable", derandomize=True, database=None)
settings.register_profile("explore", derandomize=False, database=None, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        fixtures = getattr(item, "fixturenames", ())
        if "qtbot" in fixtures or "qapp" in fixtures:
            item.add_marker(pytest.mark.gui)


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    """The examples each reader's fuzzing ran (tests/fuzz), printed and kept in the cache."""
    support = sys.modules.get("tests.fuzz.support")
    if support is None or not support.COUNTS:
        return
    counts = dict(sorted(support.COUNTS.items()))
    cache = getattr(config, "cache", None)  # None under -p no:cacheprovider
    if cache is not None:
        cache.set(support.CACHE_KEY, counts)
    terminalreporter.write_sep("-", "fuzzing: examples run per reader")
    for reader, count in counts.items():
        terminalreporter.write_line(f"{reader}: {count}")


@pytest.fixture(autouse=True)
def vietnamese() -> Iterator[None]:
    set_language("vi")
    yield
    set_language("vi")


@pytest.fixture
def data_dir(tmp_path: Path) -> DataDirChoice:
    return resolve_data_dir(tmp_path / "data")


@pytest.fixture
def workspace(data_dir: DataDirChoice) -> Iterator[Workspace]:
    """An open data folder with the demo commune's profile stored."""
    opened = open_workspace(data_dir, create=True)
    save_commune(opened, build_profile(DEMO_REQUEST))
    yield opened
    opened.close()


@pytest.fixture(scope="session")
def soft_token(tmp_path_factory: pytest.TempPathFactory) -> object:
    """A SoftHSM2 token like an officer's CA token (tests/softhsm.py), made once per session."""
    from tests.softhsm import make_test_token

    return make_test_token(tmp_path_factory.mktemp("softhsm"))
