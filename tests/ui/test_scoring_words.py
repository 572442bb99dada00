"""The scoring-table editor says each problem in a sentence naming the criterion or item, in the
officer's language (vi, and en when chosen), shown in red at the top of the criterion's group:
a text that is not a number, items that do not add up, maxima over the total, bands out of
order, a band above its item's maximum. Never an input id."""

from __future__ import annotations

import re
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from tests.ui.test_scoring_editor import group_problems, office, type_value
from treem_desktop.i18n import set_language
from treem_desktop.office.folder import OfficeFolder
from treem_desktop.ui.office.scoring_editor import ScoringEditor

__all__ = ["office"]  # the fixture

IDS = re.compile(r"\bc\d+\.|max_points|\.bands|\$|\[")

# (what is typed, the group, what the vi sentence holds, what the en sentence holds)
Break = tuple[dict[str, Any], str, tuple[str, ...], tuple[str, ...]]
BREAKS: list[Break] = [
    ({"c2.max_points": "mười"}, "c2",
     ("Tiêu chí 2: điểm tối đa – hãy nhập số điểm", "2,5"),
     ("Criterion 2: maximum points – type a number of points",)),
    ({"c2.max_points": "10", "c2.x.max_points": "8"}, "c2",
     ("Tiêu chí 2:", "8 điểm", "10"), ("Criterion 2:", "8 points", "10")),
    ({"c2.max_points": "1200"}, "total",
     ("1.475 điểm", "1.000"), ("1,475 points", "1,000")),
    ({"c2.x.bands": [("70", "30"), ("90", "75")]}, "c2",
     ("Nội dung 2.1", "cao nhất"), ("Item 2.1", "best")),
    ({"c2.x.max_points": "8", "c2.x.bands": [("90", "9,5")]}, "c2",
     ("Nội dung 2.1", "9,5 điểm", "8"), ("Item 2.1", "9.5 points", "8")),
    ({"c2.x.bands": [("90", "x")]}, "c2",
     ("Nội dung 2.1", "mức 1", "hãy nhập số điểm"), ("Item 2.1", "band 1")),
]  # fmt: skip


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("case", range(len(BREAKS)))
def test_each_broken_check_is_said_beside_its_criterion(
    qtbot: QtBot, office: OfficeFolder, language: str, case: int
) -> None:
    typed, group, vi_words, en_words = BREAKS[case]
    set_language(language)
    editor = ScoringEditor(office)
    qtbot.addWidget(editor)
    editor.show()
    for target, text in typed.items():
        type_value(editor, target, text)
    shown = group_problems(editor, group)
    for words in vi_words if language == "vi" else en_words:
        assert words in shown, shown
    assert not IDS.search(shown), shown
    assert not editor.sign_button.isEnabled()
    assert editor.summary.text() != ""


def test_a_corrected_text_takes_its_sentence_away(qtbot: QtBot, office: OfficeFolder) -> None:
    editor = ScoringEditor(office)
    qtbot.addWidget(editor)
    editor.show()
    type_value(editor, "c3.max_points", "năm")
    assert "Tiêu chí 3" in group_problems(editor, "c3")
    type_value(editor, "c3.max_points", "50")
    assert group_problems(editor, "c3") == ""
