"""The scoring-table editor's "Chỉ tiêu của tỉnh…" choice (issue 15, last bullet): a file
whose targets conflict with the national set is refused at once with the reason in Vietnamese;
a good one is shown as "n chỉ tiêu của tỉnh, năm …", signed into the pack, and a commune that
imports the pack has the province's targets in force on its indicators."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.integration.test_standard_pack_carried import HANOI
from tests.integration.test_standard_pack_end_to_end import DOCUMENT
from tests.office_support import PROVINCE
from tests.ui.test_scoring_editor import PASSPHRASE, commune_round, sign_answers
from treem_desktop.commune import indicators
from treem_desktop.commune.standard_pack import import_pack
from treem_desktop.commune.workspace import Workspace
from treem_desktop.office.folder import OfficeFolder, open_office
from treem_desktop.office.setup import set_up_office
from treem_desktop.office.standard_pack import save_draft, shipped_standard
from treem_desktop.paths import resolve_data_dir
from treem_desktop.ui.office.scoring_editor import ScoringEditor
from treem_desktop.ui.qt import QFileDialog, QMessageBox


@pytest.fixture
def office(tmp_path: Path) -> Iterator[OfficeFolder]:
    data_dir = resolve_data_dir(tmp_path / "so-y-te")
    set_up_office(data_dir, PROVINCE, "Sở Y tế tỉnh Điện Biên", "province", PASSPHRASE.encode())
    with open_office(data_dir) as opened:
        yield opened


def full_draft(office: OfficeFolder) -> None:
    """Two values already entered (the editor's own typing is tested elsewhere)."""
    document = {
        "format": "treem-standard-values",
        "entered_by": "Nguyễn Thị Lan, Phòng Trẻ em",
        "document": DOCUMENT,
        "values": [
            {"target": "c2.max_points", "value": 75},
            {"target": "c2.x.max_points", "value": 75},
        ],
    }
    save_draft(office, shipped_standard("qd-06-2019"), document)


def choose(monkeypatch: pytest.MonkeyPatch, editor: ScoringEditor, path: Path) -> list[str]:
    warned: list[str] = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warned.append(text))
    editor.targets.choose.click()
    return warned


def target_in_force(workspace: Workspace, indicator_id: str) -> indicators.IndicatorRow:
    return next(r for r in indicators.rows(workspace, "2025") if r.indicator.id == indicator_id)


def test_the_provinces_targets_are_checked_signed_and_in_force_at_the_commune(
    qtbot: QtBot,
    office: OfficeFolder,
    workspace: Workspace,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    full_draft(office)
    editor = ScoringEditor(office)
    qtbot.addWidget(editor)
    editor.show()
    assert editor.targets.line.text() == "Gói không kèm chỉ tiêu của tỉnh."
    assert editor.targets.choose.text() == "Chỉ &tiêu của tỉnh…"

    document = json.loads(HANOI.read_text(encoding="utf-8"))
    document["targets"][0]["target"]["comparison"] = "at_least"  # lower is better: a conflict
    conflicting = tmp_path / "chi-tieu-sai.json"
    conflicting.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    [reason] = choose(monkeypatch, editor, conflicting)
    assert reason.startswith("Không nhận chỉ tiêu của tỉnh trong “"), reason
    assert (
        "Chỉ tiêu 4a, năm 2025: mức chỉ tiêu “ít nhất” không phù hợp với chỉ tiêu có số liệu "
        "càng thấp càng tốt." in reason
    ), reason
    assert not re.search(r"at_least|ct04a|\$\.|targets\[|[{}]", reason), reason
    assert editor.targets.carried is None

    assert choose(monkeypatch, editor, HANOI) == []
    shown = editor.targets.line.text()
    assert shown.startswith("Gói kèm 2 chỉ tiêu của tỉnh, năm 2025, 2030"), shown
    assert editor.targets.drop.isVisibleTo(editor)
    assert editor.sign_button.isEnabled(), editor.summary.text()
    editor.grab().save(str(tmp_path / "editor.png"))

    said: list[str] = []
    sign_answers(monkeypatch, tmp_path / "goi" / "bang-diem-tinh.zip", said)
    editor.sign_button.click()
    qtbot.waitUntil(lambda: editor.written is not None, timeout=30_000)
    assert editor.written is not None

    commune_round(workspace, office)
    national = target_in_force(workspace, "ct04a").target
    assert national is not None and national.origin is not None
    assert national.origin.kind.value == "national"
    imported = import_pack(workspace, editor.written)
    assert imported.targets is not None and imported.targets.id == "ha-noi-138-2021"
    row = target_in_force(workspace, "ct04a")
    assert row.target is not None and row.target.origin is not None
    assert row.target.origin.kind.value == "province" and row.target.value.value == 7.3
