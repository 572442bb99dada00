"""The scoring-table editor keeps what the pack carries (issue 15, last bullet): the province's
targets and templates chosen in the editor stay chosen after the window is closed and opened
again (checked again then: a kept file that no longer passes is said and dropped, never signed);
a template is checked at once with the commune's checks and refused with the reason in
Vietnamese; signing puts both in the pack, which a commune imports. Every button of the window
has its own Alt letter, and Enter in a field never opens a file dialog."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography import x509
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from tests.integration.test_standard_pack_carried import HANOI, province_template
from tests.office_support import PROVINCE
from tests.ui.test_scoring_editor import (
    PASSPHRASE,
    commune_round,
    field_of,
    sign_answers,
    type_number,
)
from tests.ui.test_scoring_targets import full_draft
from treem_desktop.commune.standard_pack import import_pack
from treem_desktop.commune.workspace import Workspace
from treem_desktop.documents.templates import load_templates
from treem_desktop.handoff.standard_pack import TARGETS, open_pack, template_member
from treem_desktop.office.folder import OfficeFolder, open_office
from treem_desktop.office.setup import office_key_files, set_up_office
from treem_desktop.office.standard_pack import (
    ChosenFile,
    ChosenFiles,
    load_chosen,
    save_chosen,
    shipped_standard,
)
from treem_desktop.paths import resolve_data_dir
from treem_desktop.ui.office.scoring_editor import ScoringEditor
from treem_desktop.ui.office.scoring_fields import ValueField
from treem_desktop.ui.qt import QFileDialog, QLabel, QMessageBox, QPushButton, Qt, QWidget

PLAN = "ke-hoach-rieng-cua-tinh"
PLAN_SHOWN = "Kế hoạch riêng của tỉnh (phiên bản 1)"


@pytest.fixture
def office(tmp_path: Path) -> Iterator[OfficeFolder]:
    data_dir = resolve_data_dir(tmp_path / "so-y-te")
    set_up_office(data_dir, PROVINCE, "Sở Y tế tỉnh Điện Biên", "province", PASSPHRASE.encode())
    with open_office(data_dir) as kept:
        yield kept


def opened(qtbot: QtBot, office: OfficeFolder) -> ScoringEditor:
    editor = ScoringEditor(office)
    qtbot.addWidget(editor)
    editor.show()
    return editor


def choose(
    monkeypatch: pytest.MonkeyPatch, editor: ScoringEditor, targets: Path | None, *templates: Path
) -> list[str]:
    """Choose the files through the two buttons; the warnings said."""
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warned.append(text))
    if targets is not None:
        monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(targets), ""))
        editor.targets.choose.click()
    if templates:
        names = [str(t) for t in templates]
        monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: (names, ""))
        editor.templates.add.click()
    return warned


def listed(editor: ScoringEditor) -> list[str]:
    found = editor.templates.listing
    shown = found.isVisibleTo(editor)
    return [found.item(n).text() for n in range(found.count())] if shown else []


def test_targets_and_a_template_stay_chosen_are_signed_and_imported_by_a_commune(
    qtbot: QtBot,
    office: OfficeFolder,
    workspace: Workspace,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    full_draft(office)
    editor = opened(qtbot, office)
    assert editor.templates.line.text() == "Gói không kèm mẫu văn bản của tỉnh."
    assert listed(editor) == [] and not editor.templates.remove.isVisibleTo(editor)
    plan = province_template(tmp_path, PLAN, 1)
    assert choose(monkeypatch, editor, HANOI, plan) == []
    editor.close()

    editor = opened(qtbot, office)  # both were kept with the draft
    assert editor.targets.line.text().startswith("Gói kèm 2 chỉ tiêu của tỉnh, năm 2025, 2030")
    assert editor.templates.line.text() == "Gói kèm 1 mẫu văn bản của tỉnh:"
    assert listed(editor) == [PLAN_SHOWN]
    assert not editor.kept_problem.isVisibleTo(editor)
    editor.resize(1024, 560)
    qtbot.wait(50)
    editor.grab().save(str(tmp_path / "editor-carried.png"))

    said: list[str] = []
    sign_answers(monkeypatch, tmp_path / "goi" / "bang-diem-tinh.zip", said)
    asked: list[str] = []

    def question(_parent: object, _title: str, text: str) -> QMessageBox.StandardButton:
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    editor.sign_button.click()
    qtbot.waitUntil(lambda: editor.written is not None, timeout=30_000)
    assert editor.written is not None
    [confirm] = asked  # what goes with the values is said before signing
    assert "\nGói còn kèm 2 chỉ tiêu của tỉnh, năm 2025, 2030" in confirm, confirm
    assert confirm.endswith(f"; mẫu văn bản: {PLAN_SHOWN}."), confirm

    cert_file = office_key_files(office.data_dir).certificate
    certificate = x509.load_pem_x509_certificate(cert_file.read_bytes())
    pack = open_pack(editor.written.read_bytes(), str(editor.written), certificate)
    assert pack.targets == HANOI.read_bytes()
    assert pack.templates == {template_member(PLAN, 1): plan.read_bytes()}
    assert pack.document["targets"]["name"] == TARGETS

    commune_round(workspace, office)
    imported = import_pack(workspace, editor.written)
    assert [t.id for t in imported.templates] == [PLAN]
    kept = {t.id: t for t in load_templates(workspace.data_dir.path)}
    assert kept[PLAN].origin == "province" and kept[PLAN].version == 1


def test_a_template_that_fails_the_commune_checks_is_refused_with_the_reason(
    qtbot: QtBot,
    office: OfficeFolder,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    editor = opened(qtbot, office)
    plan = province_template(tmp_path, PLAN, 1)
    broken = tmp_path / "mau-hong.json"
    document = json.loads(plan.read_text(encoding="utf-8"))
    document["summary"] = "Báo cáo của {khong_co_truong_nay}"
    broken.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")

    [reason] = choose(monkeypatch, editor, None, broken)
    assert reason.startswith("Không nhận mẫu văn bản “mau-hong.json”: mẫu không qua được kiểm tra")
    title = json.loads(plan.read_text(encoding="utf-8"))["label"]["vi"]
    assert reason.endswith(
        f"\nMẫu “{title}”, trích yếu: có một chỗ cần điền mà Treem không điền được ở vị trí này."
    ), reason
    assert "khong_co_truong_nay" not in reason and "summary" not in reason, reason
    assert listed(editor) == [] and editor.carried().templates == ()
    assert load_chosen(office, editor.standard).templates == ()

    assert choose(monkeypatch, editor, None, plan) == []
    [twice] = choose(monkeypatch, editor, None, plan)
    assert twice == f"“{plan.name}” đã có trong gói: {PLAN_SHOWN}."
    assert listed(editor) == [PLAN_SHOWN]

    editor.templates.listing.setFocus()
    QTest.keyClick(editor.templates.listing, Qt.Key.Key_Delete)
    assert listed(editor) == [] and load_chosen(office, editor.standard).templates == ()


def test_a_kept_file_that_no_longer_passes_the_checks_is_said_and_dropped(
    qtbot: QtBot,
    office: OfficeFolder,
    tmp_path: Path,
) -> None:
    """A file kept with the draft is checked again (the national set or the template checks
    may have changed with an update): a refused one is named with its reason, not signed."""
    document = json.loads(HANOI.read_text(encoding="utf-8"))
    document["targets"][0]["target"]["comparison"] = "at_least"  # conflicts with the national set
    conflicting = json.dumps(document, ensure_ascii=False).encode()
    plan = province_template(tmp_path, PLAN, 1)
    standard = shipped_standard("qd-06-2019")
    kept = ChosenFiles(
        ChosenFile("chi-tieu.json", conflicting),
        (ChosenFile(plan.name, plan.read_bytes()), ChosenFile("hong.json", b'{"kind": "x"}')),
    )
    save_chosen(office, standard, kept)

    editor = opened(qtbot, office)
    shown = editor.kept_problem.text()
    assert editor.kept_problem.isVisibleTo(editor)
    assert "Chỉ tiêu của tỉnh đã chọn trước đây (“chi-tieu.json”) không còn qua" in shown, shown
    assert "Chỉ tiêu 4a, năm 2025: mức chỉ tiêu “ít nhất” không phù hợp" in shown, shown
    assert "at_least" not in shown
    assert "Mẫu văn bản đã chọn trước đây (“hong.json”)" in shown, shown
    assert editor.targets.carried is None
    assert listed(editor) == [PLAN_SHOWN]
    carried = editor.carried()
    assert carried.targets is None and [t.template.id for t in carried.templates] == [PLAN]
    again = load_chosen(office, standard)
    assert again.targets is None and [c.name for c in again.templates] == [plan.name]


def mnemonics(text: str) -> list[str]:
    return [m.lower() for m in re.findall(r"&([^&])", text.replace("&&", ""))]


def test_every_button_has_its_own_letter_and_enter_opens_no_file_dialog(
    qtbot: QtBot,
    office: OfficeFolder,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    full_draft(office)
    editor = opened(qtbot, office)
    choose(monkeypatch, editor, HANOI, province_template(tmp_path, PLAN, 1))
    values = editor.scroll_area.widget()
    assert values is not None

    def outside(widget: QWidget) -> bool:
        return not values.isAncestorOf(widget)

    buttons = [b for b in editor.findChildren(QPushButton) if outside(b)]
    assert len(buttons) >= 6
    letters = []
    for button in buttons:
        found = mnemonics(button.text())
        assert len(found) == 1 and found[0].isascii(), button.text()
        letters += found
    labels = [label.text() for label in editor.findChildren(QLabel) if label.buddy() is not None]
    letters += [m for text in labels for m in mnemonics(text)]
    assert len(set(letters)) == len(letters), letters
    inside = [b.text() for b in values.findChildren(QPushButton) if mnemonics(b.text())]
    assert inside == []  # the values' own buttons, many alike, take no letter

    choosers = (editor.targets.choose, editor.targets.drop, editor.templates.add)
    assert not any(b.autoDefault() for b in (*choosers, editor.templates.remove))
    opened_dialogs: list[str] = []
    for name in ("getOpenFileName", "getOpenFileNames"):
        monkeypatch.setattr(QFileDialog, name, lambda *a, **k: opened_dialogs.append("x"))
    field = field_of(editor, "c3.max_points")
    assert isinstance(field, ValueField)
    type_number(field, "80")
    QTest.keyClick(editor.source.issuer, Qt.Key.Key_Return)
    assert opened_dialogs == [] and editor.isVisible()
