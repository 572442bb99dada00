"""The home page's line on the year's score, kept between start-ups (issue 16).

Scoring the round at start-up imports the standard's model and the scorer and reads the
standard (~30 ms of the start-up). The line's numbers are kept in the database beside a
fingerprint of everything the score is computed from (``storage.score_inputs``: the round, its
standard, the province's pack, every value), the application's version and the language of
the words. A start-up whose fingerprint matches shows the kept numbers without scoring; any
other scores the round as before and keeps the new numbers. The fingerprint is made of the
data themselves, not of a note that something changed, so no way of writing them (the window,
a command, an imported pack, a restored backup) can leave a stale line behind.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

try:  # CPython's own SHA-256: hashlib loads OpenSSL first, ~2.2 ms of the start-up
    from _sha256 import sha256  # type: ignore[import-not-found, unused-ignore]
except ImportError:  # pragma: no cover - Python 3.12 names it _sha2
    from hashlib import sha256

from treem_desktop._version import __version__
from treem_desktop.commune.workspace import Workspace
from treem_desktop.errors import TreemError
from treem_desktop.i18n import current_language
from treem_desktop.storage.score_inputs import score_inputs
from treem_desktop.storage.settings_repo import get_setting, set_setting

if TYPE_CHECKING:
    from treem_desktop.standards.scoring import Score

CACHE_SETTING = "home_score"
CACHE_FORMAT = 1
"""Raised whenever what is kept, or how a score is computed, changes within one version."""

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class YearScore:
    """What the home page says of a year's score.

    Attributes:
        verdict: the :class:`~treem_desktop.standards.scoring.Verdict`'s value.
        verdict_text: the verdict in the language current when it was made.
    """

    total: float
    scored: int
    count: int
    verdict: str
    verdict_text: str
    provisional: bool

    @classmethod
    def of(cls, score: Score) -> YearScore:
        from treem_desktop.standards.score_text import verdict_text

        return cls(
            total=score.total,
            scored=sum(c.complete for c in score.criteria),
            count=len(score.criteria),
            verdict=str(score.verdict),
            verdict_text=verdict_text(score.verdict),
            provisional=score.provisional,
        )


def year_score(workspace: Workspace, year: int) -> YearScore | None:
    """The year's score for the home page; None when no round can be scored."""
    inputs = score_inputs(workspace.conn, year)
    if inputs is None:
        return None
    key = fingerprint(year, inputs)
    kept = _kept(workspace, key)
    if kept is not None:
        return kept
    from treem_desktop.commune.evaluation import open_round

    try:
        found = YearScore.of(open_round(workspace, year).score())
    except TreemError:
        return None
    _keep(workspace, key, found)
    return found


def fingerprint(year: int, inputs: list[tuple[object, ...]]) -> str:
    """The key of a kept score: the data it comes from, the version and the language."""
    made_of = (CACHE_FORMAT, __version__, current_language(), year, inputs)
    return sha256(repr(made_of).encode("utf-8")).hexdigest()


def _kept(workspace: Workspace, key: str) -> YearScore | None:
    text = get_setting(workspace.conn, CACHE_SETTING)
    if text is None:
        return None
    try:
        kept = json.loads(text)
        if kept.pop("key") != key:
            return None
        return YearScore(**kept)
    except (ValueError, TypeError, KeyError, AttributeError):  # written by another version
        return None


def _keep(workspace: Workspace, key: str, score: YearScore) -> None:
    """Keep ``score`` for the next start-up; a failure only means scoring again next time."""
    text = json.dumps({"key": key, **asdict(score)}, ensure_ascii=False)
    try:
        set_setting(workspace.conn, CACHE_SETTING, text)
    except (TreemError, sqlite3.Error) as error:
        log.warning("the home page's score was not kept: %r", error)
