"""Signing the scoring table from the editor: confirm, unlock the office key, choose where the
pack goes, sign off the window's thread, say where it went."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from treem_desktop.i18n import _
from treem_desktop.office.folder import OfficeFolder
from treem_desktop.office.standard_pack import Carried, pack_file_name
from treem_desktop.ui.office.scoring_draft import ScoringDraft
from treem_desktop.ui.ops import run_op
from treem_desktop.ui.qt import QFileDialog, QInputDialog, QLineEdit, QMessageBox, QWidget


def sign_draft(
    parent: QWidget,
    office: OfficeFolder,
    draft: ScoringDraft,
    on_done: Callable[[Path], None],
    carried: Carried | None = None,
) -> None:
    """Ask, then sign ``draft``'s values (and what is ``carried``: the province's targets and
    templates) into a pack file; ``on_done(path)`` once written."""
    count = draft.entered_count()
    answer = QMessageBox.question(
        parent,
        _("Sign the scoring table"),
        _(
            "Sign {count} values with the office's key? Communes that import the pack are "
            "scored with them; a correction needs a new pack."
        ).format(count=count)
        + _carried_words(carried or Carried()),
    )
    if answer != QMessageBox.StandardButton.Yes:
        return
    passphrase = _passphrase(parent, office)
    if passphrase is False:
        return
    target = _target(parent, draft)
    if target is None:
        return
    filled = draft.filled()

    def work(_job: object = None) -> Path:  # run_op may hand it a job to watch
        from treem_desktop.office.standard_pack import sign_filled

        with office.own_connection() as own:
            key = passphrase if isinstance(passphrase, bytes) else None
            return sign_filled(own, draft.standard, filled, target, key, "", carried).path

    def done(path: Path) -> None:
        on_done(path)
        QMessageBox.information(
            parent,
            _("Scoring table signed"),
            _("The signed pack was written to:\n{path}\nSend this file to the communes.").format(
                path=path
            ),
        )

    run_op(parent, _("Signing the scoring table…"), work, done)


def _carried_words(carried: Carried) -> str:
    """``\nGói còn kèm: 2 chỉ tiêu của tỉnh…; mẫu văn bản: Kế hoạch … (phiên bản 1).``"""
    from treem_desktop.ui.office.scoring_targets import targets_text
    from treem_desktop.ui.office.scoring_templates import template_text

    parts = [targets_text(carried.targets.override)] if carried.targets else []
    if carried.templates:
        names = ", ".join(template_text(t) for t in carried.templates)
        parts.append(_("templates: {names}").format(names=names))
    return "\n" + _("The pack also carries {what}.").format(what="; ".join(parts)) if parts else ""


def _passphrase(parent: QWidget, office: OfficeFolder) -> bytes | None | bool:
    """The office key's passphrase; None when the key has none; False when cancelled."""
    from treem_desktop.office.setup import office_key_files
    from treem_desktop.signing.keys import is_encrypted_pem

    key = office_key_files(office.data_dir).key
    if not (key.exists() and is_encrypted_pem(key.read_bytes())):
        return None
    text, ok = QInputDialog.getText(
        parent,
        _("Sign the scoring table"),
        _("The office key's passphrase:"),
        QLineEdit.EchoMode.Password,
    )
    return text.encode("utf-8") if ok else False


def _target(parent: QWidget, draft: ScoringDraft) -> Path | None:
    proposed = str(Path.home() / pack_file_name(draft.standard))
    chosen, _filter = QFileDialog.getSaveFileName(
        parent, _("Save the signed scoring table"), proposed, _("Scoring table pack (*.zip)")
    )
    if not chosen:
        return None
    path = Path(chosen)
    return path if path.suffix.lower() == ".zip" else path.with_name(path.name + ".zip")
