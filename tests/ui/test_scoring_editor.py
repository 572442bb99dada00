"""The office's scoring-table editor (issue 15): every open value typed through the keyboard,
a wrong sum shown beside its criterion with Sign disabled, fixed, signed with the office key;
the pack verified and imported at a commune, whose round is re-scored and no longer provisional
for those values. The draft survives the window; the mouse wheel changes no value."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from tests.integration.test_standard_pack_end_to_end import DOCUMENT, filled_values
from tests.office_support import PROVINCE
from tests.ui.helpers import type_into
from treem_desktop.commune import evaluation as ev
from treem_desktop.commune.receipts import trust_recipient
from treem_desktop.commune.standard_pack import import_pack
from treem_desktop.commune.workspace import Workspace
from treem_desktop.office.folder import OfficeFolder, open_office
from treem_desktop.office.setup import set_up_office
from treem_desktop.paths import resolve_data_dir
from treem_desktop.signing.keys import fingerprint
from treem_desktop.standards.scoring import score_round
from treem_desktop.ui.office.scoring_editor import ScoringEditor
from treem_desktop.ui.office.scoring_fields import BandsField, ValueField
from treem_desktop.ui.qt import (
    QApplication,
    QFileDialog,
    QInputDialog,
    QMessageBox,
    QPoint,
    QPointF,
    Qt,
)

PASSPHRASE = "khoa-so-y-te-2025"
LOWER_IS_BETTER = ("c3", "c4", "c5", "c8")
Typed = dict[str, Any]  # target → "text" or [(limit, points) texts]


@pytest.fixture
def office(tmp_path: Path) -> Iterator[OfficeFolder]:
    data_dir = resolve_data_dir(tmp_path / "so-y-te")
    set_up_office(data_dir, PROVINCE, "Sở Y tế tỉnh Điện Biên", "province", PASSPHRASE.encode())
    with open_office(data_dir) as opened:
        yield opened


def typed_values() -> Typed:
    """Every open value of Decision 06, as the officer types it (Vietnamese numbers)."""
    typed: Typed = {}
    for value in filled_values():
        target = value["target"]
        if "bands" in value:
            maximum = value["bands"][0]["points"]
            lower = target.split(".")[0] in LOWER_IS_BETTER
            limits = ("10", "20") if lower else ("90", "70")
            typed[target] = [(limits[0], str(maximum)), (limits[1], f"{maximum / 2:g}")]
        else:
            typed[target] = f"{value['value']:g}"
    typed["c2.x.bands"] = [("90", "75"), ("70", "37,5")]
    typed["c6.a.bands"] = [("80", "30")]
    for item in ("c1.a", "c1.b", "c1.c", "c1.d"):
        typed[f"{item}.no_points"] = "0"
    for item, top in (("c6.b", 75), ("c7.a", 50)):
        typed[f"{item}.bands"] = [("80", str(top // 2))]
        typed[f"{item}.otherwise"] = "0"
    for item in ("c2.x", "c3.x", "c4.x", "c5.x", "c6.a", "c6.b", "c7.a", "c8.x", "c8.y", "c9.x"):
        typed[f"{item}.if_no_cases"] = "0"
    typed["c10.x.if_no_cases"] = "0"
    return typed


def field_of(editor: ScoringEditor, target: str) -> ValueField | BandsField:
    return next(g.fields[target] for g in editor.groups if target in g.fields)


def type_number(field: ValueField, text: str) -> None:
    field.setFocus()
    field.selectAll()
    type_into(field, text)
    QTest.keyClick(field, Qt.Key.Key_Return)


def type_value(editor: ScoringEditor, target: str, typed: Any) -> None:
    field = field_of(editor, target)
    if isinstance(field, ValueField):
        type_number(field, typed)
        return
    while len(field.rows) < len(typed):
        field.more.click()
    for (limit, points), (first, second) in zip(typed, field.rows, strict=False):
        type_number(first, limit)
        type_number(second, points)


def type_source(editor: ScoringEditor) -> None:
    fields = editor.source
    texts = (
        (fields.entered_by, "Nguyễn Thị Lan, Phòng Trẻ em"),
        (fields.number, DOCUMENT["number"]),
        (fields.date, "01/08/2025"),
        (fields.issuer, DOCUMENT["issuer"]),
    )
    for field, text in texts:
        field.setFocus()
        type_into(field, text)
        field.editingFinished.emit()


def group_problems(editor: ScoringEditor, criterion: str) -> str:
    group = next(g for g in editor.groups if g.objectName() == f"group_{criterion}")
    return group.problem.text() if group.problem.isVisibleTo(editor) else ""


def sign_answers(monkeypatch: pytest.MonkeyPatch, out: Path, said: list[str]) -> None:
    yes = QMessageBox.StandardButton.Yes
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: yes)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (PASSPHRASE, True))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: said.append(text))


def commune_round(workspace: Workspace, office: OfficeFolder) -> None:
    """The commune trusts the office's certificate and has a 2026 round (2.1 at 75 %)."""
    from cryptography import x509

    from treem_desktop.office.setup import office_key_files

    cert_file = office_key_files(office.data_dir).certificate
    certificate = x509.load_pem_x509_certificate(cert_file.read_bytes())
    trust_recipient(workspace, cert_file, fingerprint(certificate))
    inputs = {
        "c2.x": {"numerator": 15, "denominator": 20},
        "c6.a": {"numerator": 17, "denominator": 20},
    }
    ev.import_values(workspace, 2026, inputs)


def criteria_scores(workspace: Workspace) -> dict[str, Any]:
    evaluation = ev.open_round(workspace, 2026)
    score = score_round(evaluation.standard, evaluation.values, evaluation.row.category)
    return {c.id: c for c in score.criteria}


def test_typed_values_are_checked_signed_and_rescore_a_commune(
    qtbot: QtBot,
    office: OfficeFolder,
    workspace: Workspace,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    editor = ScoringEditor(office)
    qtbot.addWidget(editor)
    editor.show()
    typed = typed_values()
    assert set(typed) == {s.target for s in editor.draft.slots}
    type_source(editor)
    half = list(typed)[: len(typed) // 2]
    for target in half:
        type_value(editor, target, typed[target])
    editor.close()

    editor = ScoringEditor(office)  # the draft was kept
    qtbot.addWidget(editor)
    editor.show()
    assert editor.count.text() == f"{len(half)} / {len(typed)} giá trị đã nhập"
    for target in list(typed)[len(half) :]:
        type_value(editor, target, typed[target])
    assert editor.count.text() == f"{len(typed)} / {len(typed)} giá trị đã nhập"
    assert not editor.source_problem.isVisibleTo(editor)
    assert editor.sign_button.isEnabled(), editor.summary.text()

    type_value(editor, "c2.max_points", "80")
    shown = group_problems(editor, "c2")
    assert "Tiêu chí 2" in shown and "75" in shown and "80" in shown, shown
    assert "1.005" in group_problems(editor, "total")  # the maxima: 1.000 − 75 + 80
    assert not editor.sign_button.isEnabled()
    assert "c2." not in shown
    type_value(editor, "c2.max_points", "75")
    assert group_problems(editor, "c2") == "" and editor.sign_button.isEnabled()
    scale = field_of(editor, "c2.x.bands")
    assert isinstance(scale, BandsField) and scale.rows[1][1].text() == "37,5"

    said: list[str] = []
    sign_answers(monkeypatch, tmp_path / "gui" / "bang-diem-tinh.zip", said)
    editor.sign_button.click()
    qtbot.waitUntil(lambda: editor.written is not None, timeout=30_000)
    assert editor.written is not None and editor.written.is_file()
    assert said and str(editor.written) in said[0]

    commune_round(workspace, office)
    before = criteria_scores(workspace)
    assert before["c2"].points is None and before["c2"].unconfirmed
    imported = import_pack(workspace, editor.written)
    assert len(imported.filled) == len(typed)
    assert imported.document["values"][0]["entered_by"] == "Nguyễn Thị Lan, Phòng Trẻ em"
    assert imported.document["values"][0]["document"] == DOCUMENT
    after = criteria_scores(workspace)
    assert after["c2"].points == 37.5 and not after["c2"].unconfirmed  # 75 %: the lower band
    assert (
        after["c6"].known_points == 30 + before["c6"].known_points and not after["c6"].unconfirmed
    )


def test_a_wheel_over_a_field_scrolls_the_page_and_changes_no_value(
    qtbot: QtBot, office: OfficeFolder
) -> None:
    editor = ScoringEditor(office)
    qtbot.addWidget(editor)
    editor.resize(1000, 540)
    editor.show()
    field = field_of(editor, "c2.max_points")
    assert isinstance(field, ValueField)
    type_number(field, "75")
    editor.sign_button.setFocus()
    qtbot.waitExposed(editor)
    editor.scroll_area.ensureWidgetVisible(field)
    bar = editor.scroll_area.verticalScrollBar()
    before = bar.value()
    spot = field.mapTo(editor, field.rect().center())
    handle = editor.windowHandle()
    assert handle is not None
    QTest.wheelEvent(handle, QPointF(spot), QPoint(0, -120))  # one notch, as the mouse sends
    QApplication.processEvents()
    assert field.text() == "75" and field.value == 75
    assert editor.draft.entries["c2.max_points"].value == 75
    assert bar.value() > before  # the page moved instead
