"""The home page's score line is kept between start-ups (issue 16), and a kept line is never
shown once anything the score depends on changed: a value, the province's pack, the language.
Each check compares the line with a fresh score of the round."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.integration.test_standard_pack_end_to_end import filled_values, values_file
from tests.ui.test_scoring_editor import PASSPHRASE, commune_round, office  # noqa: F401
from treem_desktop.commune import evaluation as ev
from treem_desktop.commune import score_cache
from treem_desktop.commune import standard_pack as commune_pack
from treem_desktop.commune.score_cache import YearScore, year_score
from treem_desktop.commune.standard_pack import import_pack
from treem_desktop.commune.workspace import Workspace
from treem_desktop.i18n import set_language
from treem_desktop.office.folder import OfficeFolder
from treem_desktop.office.standard_pack import pack_from_file
from treem_desktop.storage import score_inputs
from treem_desktop.ui.main_window import MainWindow

YEAR = 2026


def fresh(workspace: Workspace) -> YearScore:
    """The round scored now, without anything kept."""
    return YearScore.of(ev.open_round(workspace, YEAR).score())


@pytest.fixture
def scorer_calls(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """How many times the round was opened to be scored."""
    calls: list[int] = []
    real = ev.open_round

    def counted(workspace: Workspace, year: int) -> ev.EvaluationRound:
        calls.append(year)
        return real(workspace, year)

    monkeypatch.setattr(ev, "open_round", counted)
    yield calls


def home_line(qtbot: QtBot, workspace: Workspace) -> str:
    """The home page's evaluation line of a window started over ``workspace``."""
    window = MainWindow(workspace, today=dt.date(YEAR, 11, 23))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: str(YEAR) in window.home.evaluation_text.text(), timeout=3000)
    text = window.home.evaluation_text.text()
    window.close()
    return text


def test_a_second_start_shows_the_kept_score_without_scoring(
    workspace: Workspace, scorer_calls: list[int]
) -> None:
    ev.import_values(workspace, YEAR, {"c7.a": {"numerator": 49, "denominator": 50}})
    first = year_score(workspace, YEAR)
    assert scorer_calls == [YEAR]
    assert year_score(workspace, YEAR) == first == fresh(workspace)
    assert scorer_calls == [YEAR, YEAR]  # the second was fresh() itself: none from the cache


def test_a_changed_value_is_scored_again(workspace: Workspace, scorer_calls: list[int]) -> None:
    ev.import_values(workspace, YEAR, {"c7.a": {"numerator": 49, "denominator": 50}})
    before = year_score(workspace, YEAR)
    evaluation = ev.open_round(workspace, YEAR)
    ev.set_value(workspace, evaluation, "c7.a.numerator", "20")
    after = year_score(workspace, YEAR)
    assert after == fresh(workspace) and after != before
    assert before is not None and after is not None and after.total < before.total


def test_a_value_removed_is_scored_again(workspace: Workspace) -> None:
    ev.import_values(workspace, YEAR, {"c7.a": {"numerator": 49, "denominator": 50}})
    before = year_score(workspace, YEAR)
    evaluation = ev.open_round(workspace, YEAR)
    ev.apply_changes(workspace, evaluation, {"c7.a.numerator": None})
    after = year_score(workspace, YEAR)
    assert after == fresh(workspace) and after != before


def test_an_imported_pack_is_scored_again(
    office: OfficeFolder,  # noqa: F811
    workspace: Workspace,
    tmp_path: Path,
) -> None:
    commune_round(workspace, office)
    before = year_score(workspace, YEAR)
    assert before is not None and before.provisional
    values = values_file(tmp_path / "bang-diem.json", filled_values())
    signed = pack_from_file(office, values, tmp_path / "goi", PASSPHRASE.encode())
    import_pack(workspace, signed.path)
    after = year_score(workspace, YEAR)
    assert after == fresh(workspace) and after != before
    assert after is not None and after.total > before.total


def test_another_language_is_not_given_the_kept_words(workspace: Workspace) -> None:
    ev.import_values(workspace, YEAR, {"c7.a": {"numerator": 49, "denominator": 50}})
    vietnamese = year_score(workspace, YEAR)
    set_language("en")
    try:
        english = year_score(workspace, YEAR)
        assert english == fresh(workspace) and english != vietnamese
        assert english is not None and english.verdict_text == "Not enough data yet"
    finally:
        set_language("vi")


def test_no_round_gives_no_score_and_keeps_nothing(workspace: Workspace) -> None:
    assert year_score(workspace, YEAR) is None
    kept = workspace.conn.execute(
        "SELECT count(*) FROM app_setting WHERE key = ?", (score_cache.CACHE_SETTING,)
    ).fetchone()
    assert kept[0] == 0


def test_a_damaged_kept_line_is_scored_again(workspace: Workspace) -> None:
    ev.import_values(workspace, YEAR, {"c7.a": {"numerator": 49, "denominator": 50}})
    year_score(workspace, YEAR)
    workspace.conn.execute(
        "UPDATE app_setting SET value = '{\"key\": 1' WHERE key = ?", (score_cache.CACHE_SETTING,)
    )
    assert year_score(workspace, YEAR) == fresh(workspace)


def test_the_fingerprint_reads_the_pack_where_the_commune_keeps_it() -> None:
    assert score_inputs.PACK_FORM == commune_pack.FORM_ID
    assert score_inputs.PACK_CELL == commune_pack.CONTENT_CELL


def test_a_restarted_window_shows_the_new_score_after_a_change(
    qtbot: QtBot, workspace: Workspace
) -> None:
    ev.import_values(workspace, YEAR, {"c7.a": {"numerator": 49, "denominator": 50}})
    assert home_line(qtbot, workspace) == (
        "Năm 2026: 50 điểm, đã chấm 1/13 tiêu chí — Chưa đủ dữ liệu"
    )
    evaluation = ev.open_round(workspace, YEAR)  # changed elsewhere (a command, another window)
    ev.set_value(workspace, evaluation, "c7.a.numerator", "20")
    assert fresh(workspace).total == 0
    assert home_line(qtbot, workspace) == (
        "Năm 2026: 0 điểm, đã chấm 0/13 tiêu chí — Chưa đủ dữ liệu"
    )
