"""A composed document as JSON and back: what was issued, kept word for word.

An issued document is printed from this copy, so a later change to the commune's profile,
the data or the templates does not change what was issued.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
from dataclasses import fields, is_dataclass
from typing import Any

from treem_desktop.documents.model import (
    Appendix,
    Cell,
    Document,
    DocumentNumber,
    Heading,
    Image,
    PacketStamp,
    Paragraph,
    Run,
    Signature,
    Table,
)

_KINDS: dict[str, type] = {
    cls.__name__: cls
    for cls in (
        Appendix,
        Cell,
        Document,
        DocumentNumber,
        Heading,
        Image,
        PacketStamp,
        Paragraph,
        Run,
        Signature,
        Table,
    )
}


def to_json(document: Document) -> str:
    """The document (without its packet stamp) as JSON text."""
    from dataclasses import replace

    return json.dumps(_plain(replace(document, stamp=None)), ensure_ascii=False)


def from_json(text: str) -> Document:
    found = _built(json.loads(text))
    if not isinstance(found, Document):
        raise ValueError("not a document")
    return found


def _plain(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        plain = {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
        return {"kind": type(value).__name__, "fields": plain}
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, bytes):
        return {"bytes": base64.b64encode(value).decode("ascii")}
    if isinstance(value, dt.date):
        return {"date": value.isoformat()}
    return value


def _built(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(_built(v) for v in value)
    if isinstance(value, dict):
        if "bytes" in value:
            return base64.b64decode(value["bytes"])
        if "date" in value:
            return dt.date.fromisoformat(value["date"])
        cls = _KINDS[value["kind"]]
        return cls(**{name: _built(v) for name, v in value["fields"].items()})
    return value
