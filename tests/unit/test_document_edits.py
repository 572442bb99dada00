"""The officer's words over the template's: kept by paragraph, recipients replaced."""

from __future__ import annotations

import datetime as dt

from treem_desktop.commune import documents as docs
from treem_desktop.commune.workspace import Workspace
from treem_desktop.documents.edits import apply_edits, editable_paragraphs
from treem_desktop.documents.model import Paragraph

PLAN = "ke-hoach-danh-gia-xa-phu-hop-tre-em"


def body_texts(document: object) -> list[str]:
    return ["".join(r.text for r in b.runs) for b in document.body if isinstance(b, Paragraph)]  # type: ignore[attr-defined]


def test_an_edit_follows_its_paragraph_and_survives_reissue(workspace: Workspace) -> None:
    entry = docs.new_document(workspace, PLAN, 2026)
    before = docs.document_for(workspace, entry)
    key, original = editable_paragraphs(before)[1]
    docs.set_paragraph(workspace, entry, key, "Lời văn của cán bộ.")
    issued = docs.issue(workspace, entry, dt.date(2026, 11, 23), accept_past=True)
    after = docs.document_for(workspace, issued)
    assert "Lời văn của cán bộ." in body_texts(after) and original not in body_texts(after)
    assert len(body_texts(after)) == len(body_texts(before))


def test_an_emptied_paragraph_is_left_out_and_unknown_keys_change_nothing(
    workspace: Workspace,
) -> None:
    entry = docs.new_document(workspace, PLAN, 2026)
    document = docs.document_for(workspace, entry)
    key, original = editable_paragraphs(document)[0]
    trimmed = apply_edits(document, {"paragraphs": {key: "  ", "no-such-key": "x"}})
    assert original not in body_texts(trimmed)
    assert len(body_texts(trimmed)) == len(body_texts(document)) - 1
    assert apply_edits(document, {"paragraphs": "garbage", "recipients": 5}) == document


def test_recipients_are_replaced_and_tidied(workspace: Workspace) -> None:
    entry = docs.new_document(workspace, PLAN, 2026)
    docs.set_recipients(workspace, entry, ["- Sở Y tế (b/c);", "", "Lưu: VT, VHXH."])
    assert docs.document_for(workspace, entry).recipients == ("Sở Y tế (b/c)", "Lưu: VT, VHXH")


def test_an_issued_document_refuses_every_edit(workspace: Workspace) -> None:
    import pytest

    from treem_desktop.errors import TreemError

    entry = docs.issue(workspace, docs.new_document(workspace, PLAN, 2027), dt.date(2026, 12, 7))
    key, _text = editable_paragraphs(docs.document_for(workspace, entry))[0]
    for change in (
        lambda: docs.set_paragraph(workspace, entry, key, "x"),
        lambda: docs.set_recipients(workspace, entry, ["x"]),
        lambda: docs.set_summary(workspace, entry, "x"),
        lambda: docs.set_task_field(workspace, entry, 0, "content", "x"),
    ):
        with pytest.raises(TreemError) as refused:
            change()
        assert refused.value.code == "DOCUMENT_ISSUED_LOCKED"
        assert "Sửa văn bản đã ban hành" in refused.value.message()
    assert docs.document_for(workspace, entry).summary == entry.summary
