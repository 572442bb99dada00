"""A standard kept in the database is trusted by its sha256 (no schema check at start-up), and
checked in full again as soon as its bytes no longer hash to the sha256 stored with it."""

from __future__ import annotations

import json
from typing import Any

import pytest

from treem_desktop.errors import TreemError
from treem_desktop.paths import forms_dir
from treem_desktop.standards import loader
from treem_desktop.standards.loader import canonical_bytes, standard_from_stored

QD06 = forms_dir() / "qd-06-2019" / "v1.json"


def document() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(QD06.read_text(encoding="utf-8"))
    return loaded


def schema_checks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    seen: list[str] = []
    real = loader.check_schema

    def check(doc: dict[str, Any], origin: str) -> None:
        seen.append(origin)
        real(doc, origin)

    monkeypatch.setattr(loader, "check_schema", check)
    return seen


def stored(doc: dict[str, Any]) -> tuple[bytes, str]:
    import hashlib

    data = json.dumps(doc, ensure_ascii=False, indent=1).encode()  # not the cached bytes
    return data, hashlib.sha256(canonical_bytes(doc)).hexdigest()


def test_bytes_that_hash_to_the_stored_sha256_skip_the_schema(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen = schema_checks(monkeypatch)
    data, sha = stored(document())
    standard = standard_from_stored(data, sha, "database:test")
    assert seen == []
    assert standard.sha256 == sha
    assert len(standard.criteria) == 13


def test_bytes_changed_since_they_were_stored_are_checked_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen = schema_checks(monkeypatch)
    original = document()
    _data, sha = stored(original)
    changed = document()
    changed["criteria"][0]["max_points"] = "a hundred"  # breaks the schema
    data, _sha = stored(changed)
    with pytest.raises(TreemError) as caught:
        standard_from_stored(data, sha, "database:test")
    assert caught.value.code == "STANDARD_INVALID"
    assert seen == ["database:test"]


def test_a_stored_sha256_of_a_broken_document_falls_back_to_the_full_check() -> None:
    broken = document()
    del broken["criteria"][0]["sub_indicators"]  # hashed as it is, but it cannot be built
    data, sha = stored(broken)
    with pytest.raises(TreemError) as caught:
        standard_from_stored(data, sha, "database:test")
    assert caught.value.code == "STANDARD_INVALID"
