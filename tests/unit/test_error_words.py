"""Error messages speak the officer's words: no command lines, no input ids (issue 12, item 8).

The command line adds its own hint (``COMMAND_HINTS``) after the message; the window never does.
"""

from __future__ import annotations

import re

import pytest

from treem_desktop.errors import COMMAND_HINTS, MESSAGES, TreemError
from treem_desktop.i18n import _, set_language

COMMAND = re.compile(r"(?<![A-Za-z])treem [a-z]|(?i:command line|dòng lệnh)")  # "Treem" is the name
INPUT_ID = re.compile(r"\bc\d+\.[a-z]\b")


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_no_error_message_names_a_command_or_an_input_id(code: str, language: str) -> None:
    set_language(language)
    text = _(MESSAGES[code])
    assert not COMMAND.search(text), text
    assert not INPUT_ID.search(text), text


@pytest.mark.parametrize("code", sorted(COMMAND_HINTS))
def test_the_command_line_hint_names_the_command(code: str) -> None:
    assert code in MESSAGES
    hint = TreemError(code, path="x", name="x").command_hint()
    assert hint is not None and "treem " in hint
