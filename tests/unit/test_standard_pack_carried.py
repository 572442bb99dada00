"""The pieces of the pack's carried members: the province templates' precedence, the listed
members of a version 2 document, and a nested transaction (a savepoint of the outer one)."""

from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from treem_desktop.documents.templates import PROVINCE, merged, shipped_templates
from treem_desktop.handoff.standard_pack import StandardPackRejected, _listed_members
from treem_desktop.storage.database import transaction

SHA = "0" * 64


def test_a_province_template_replaces_a_shipped_one_only_with_a_higher_version() -> None:
    shipped = shipped_templates()
    first = shipped[0]
    same = dataclasses.replace(first, origin=PROVINCE, label={"vi": "Cùng phiên bản"})
    newer = dataclasses.replace(first, version=first.version + 1, origin=PROVINCE)
    own = dataclasses.replace(first, id="mau-rieng-cua-tinh", origin=PROVINCE)
    assert merged(shipped, [same]) == shipped
    found = merged(shipped, [own, newer])
    assert found[0] is newer and found[-1] is own and len(found) == len(shipped) + 1


@pytest.mark.parametrize(
    ("document", "detail"),
    [
        ({"format_version": 1, "templates": [], "targets": {"name": "targets.json"}}, "reserved"),
        ({"format_version": 2, "templates": {}, "targets": None}, "templates"),
        ({"format_version": 2, "templates": [], "targets": {"name": "x.json", "sha256": SHA}},
         "targets"),
        ({"format_version": 2, "templates": [{"name": "targets.json", "sha256": SHA}],
          "targets": None}, "templates[0]"),
        ({"format_version": 2, "templates": [{"name": "template-a.v1.json", "sha256": "12"}],
          "targets": None}, "templates[0]"),
    ],
)  # fmt: skip
def test_listed_members_that_are_not_well_formed_are_refused(
    document: dict[str, Any], detail: str
) -> None:
    with pytest.raises(StandardPackRejected) as refused:
        _listed_members(document, "goi.zip")
    assert refused.value.code == "STANDARD_PACK_INVALID" and refused.value.field == detail


def test_a_nested_transaction_is_kept_or_undone_with_the_outer_one(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "t.sqlite3", isolation_level=None)
    conn.execute("CREATE TABLE t (x INTEGER)")
    with pytest.raises(RuntimeError), transaction(conn):
        with transaction(conn):
            conn.execute("INSERT INTO t VALUES (1)")
        raise RuntimeError("the outer block fails after the inner one finished")
    assert conn.execute("SELECT count(*) FROM t").fetchone()[0] == 0
    with transaction(conn):
        conn.execute("INSERT INTO t VALUES (2)")
        with pytest.raises(RuntimeError), transaction(conn):
            conn.execute("INSERT INTO t VALUES (3)")
            raise RuntimeError("the inner block fails: only its rows are undone")
    assert [r[0] for r in conn.execute("SELECT x FROM t")] == [2]
