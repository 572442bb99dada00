"""The docx renderer gives each look one named paragraph style instead of formatting every run."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import docx
from docx.oxml.ns import qn

from tests.unit.test_docx_render import all_paragraphs, plan
from treem_desktop.documents.docx_render import render_docx


def test_each_look_is_one_named_style_and_runs_carry_only_emphasis(tmp_path: Path) -> None:
    word = docx.Document(str(render_docx(plan(), tmp_path / "ke-hoach.docx")))
    ours = [
        s
        for s in word.styles.element.iter(qn("w:style"))
        if s.get(qn("w:styleId"), "").startswith("Treem")
    ]
    ids = Counter(s.get(qn("w:styleId")) for s in ours)
    assert ids and max(ids.values()) == 1  # each defined once
    body = word.styles["Treem Body"].element
    assert body.find(f"{qn('w:rPr')}/{qn('w:sz')}").get(qn("w:val")) == "28"
    assert body.find(f"{qn('w:pPr')}/{qn('w:jc')}").get(qn("w:val")) == "both"
    texts = [p for p in all_paragraphs(word) if p.text.strip()]
    assert len(texts) > 40
    assert all(p.style is not None and p.style.style_id in ids for p in texts)
    for paragraph in texts:
        for run in paragraph.runs:
            kept = {child.tag for child in run._r.xpath("./w:rPr/*")}
            assert kept <= {qn("w:b"), qn("w:i")}, paragraph.text  # no size or font per run
