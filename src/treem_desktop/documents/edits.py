"""The officer's own words over a template's: replaced paragraphs and the recipients list.

A paragraph is known by a short hash of the words the template gave it, so an edit stays
with its paragraph whatever is inserted around it; if the template's words change (another
year, another commune), the edit no longer applies and the template's words show again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import replace

from treem_desktop.documents.model import Block, Document, Paragraph, Run


def paragraph_key(paragraph: Paragraph) -> str:
    text = "".join(run.text for run in paragraph.runs)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def editable_paragraphs(document: Document) -> list[tuple[str, str]]:
    """(key, text) of every body paragraph, in order."""
    return [
        (paragraph_key(block), "".join(run.text for run in block.runs))
        for block in document.body
        if isinstance(block, Paragraph)
    ]


def apply_edits(document: Document, edits: Mapping[str, object]) -> Document:
    """The document with the officer's paragraphs and recipients in place of the template's."""
    changed = edits.get("paragraphs")
    texts = changed if isinstance(changed, dict) else {}
    body: list[Block] = []
    for block in document.body:
        if isinstance(block, Paragraph):
            own = texts.get(paragraph_key(block))
            if isinstance(own, str):
                if own.strip():
                    body.append(Paragraph((Run(own.strip()),)))
                continue  # an emptied paragraph is left out
        body.append(block)
    found = edits.get("recipients")
    recipients = (
        tuple(line for line in found if isinstance(line, str) and line.strip())
        if isinstance(found, list)
        else document.recipients
    )
    return replace(document, body=tuple(body), recipients=recipients)
