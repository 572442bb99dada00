"""Who reports an indicator: a commune sees, plans and reports only its own indicators.

A share of communes (indicators 1 and 21) is the province's and the country's; of the two
rows of 4c a xã reports the rural one, a phường the urban one, a đặc khu both.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.unit.test_document_content import PHUONG, XA, open_commune
from treem_desktop.commune import indicators as ind
from treem_desktop.commune.document_data import commune_data
from treem_desktop.commune.packet_contents import indicator_preflight
from treem_desktop.commune.setup import SetupRequest
from treem_desktop.commune.workspace import Workspace
from treem_desktop.documents.indicator_lines import indicator_lines
from treem_desktop.documents.inserts import InsertSource
from treem_desktop.documents.model import Table
from treem_desktop.documents.plan_targets import plan_targets
from treem_desktop.indicators.levels import commune_indicators, left_out
from treem_desktop.indicators.loader import shipped_indicator_set, shipped_table_forms

NAP = shipped_indicator_set("nap-2021-2030")
PROVINCE_ONLY = {"ct01", "ct21"}
OWN_ROW_OF_4C = {XA: "ct04c-rural", PHUONG: "ct04c-urban"}
OTHER_ROW_OF_4C = {XA: "ct04c-urban", PHUONG: "ct04c-rural"}


@pytest.fixture(params=[XA, PHUONG], ids=["xa", "phuong"])
def commune(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Workspace]:
    workspace = open_commune(tmp_path, request.param)
    workspace.request = request.param  # type: ignore[attr-defined]
    yield workspace
    workspace.close()


def kind_of(workspace: Workspace) -> SetupRequest:
    request: SetupRequest = workspace.request  # type: ignore[attr-defined]
    return request


@pytest.mark.parametrize(
    ("division_type", "rows_of_4c"),
    [
        ("xã", {"ct04c-rural"}),
        ("phường", {"ct04c-urban"}),
        ("đặc khu", {"ct04c-rural", "ct04c-urban"}),
        (None, {"ct04c-rural", "ct04c-urban"}),  # a blank form: the kind is not known
    ],
)
def test_each_kind_of_unit_reports_its_own_row_of_4c_and_no_share_of_communes(
    division_type: str | None, rows_of_4c: set[str]
) -> None:
    own = {i.id for i in commune_indicators(NAP, division_type)}
    assert {i for i in own if i.startswith("ct04c")} == rows_of_4c
    assert own.isdisjoint(PROVINCE_ONLY)
    assert own | {i.id for i in left_out(NAP, division_type)} == set(NAP.ids())
    assert len(own) == len(NAP.ids()) - 2 - (2 - len(rows_of_4c))


def test_the_indicators_page_and_packet_ask_only_for_the_communes_own(
    commune: Workspace,
) -> None:
    own = set(ind.own_set(commune).ids())
    assert own.isdisjoint(PROVINCE_ONLY | {OTHER_ROW_OF_4C[kind_of(commune)]})
    assert OWN_ROW_OF_4C[kind_of(commune)] in own
    ind.import_values(commune, "2026", {i: 1 for i in own})
    notes = indicator_preflight(commune, "2026")  # ct01, ct21 and the other 4c not asked
    assert [n.code for n in notes] == ["RATES_WITHOUT_PARTS"]  # typed as rates, not parts
    assert set(notes[0].detail) <= own
    ind.set_value(commune, "2026", "ct05a", "")
    [missing] = [n for n in indicator_preflight(commune, "2026") if n.code == "INDICATORS_MISSING"]
    assert missing.detail == ("ct05a",)
    assert {i.id for i in ind.not_reported(commune)} == set(NAP.ids()) - own


def test_the_plans_target_table_lists_the_communes_own_indicators(commune: Workspace) -> None:
    [table, *_notes] = plan_targets(InsertSource(2026, commune_data(commune)))
    assert isinstance(table, Table)
    labels = [row[1].text for row in table.rows if len(row) > 1]
    assert len(labels) == len(ind.own_set(commune).ids())
    assert not any(label.startswith("Tỷ lệ xã, phường") for label in labels)
    obesity = [label for label in labels if "béo phì" in label]
    area = "nông thôn" if kind_of(commune) is XA else "thành thị"
    assert len(obesity) == 1 and area in obesity[0]


def test_appendix_2_lists_the_communes_own_indicators_once(commune: Workspace) -> None:
    form = next(f for f in shipped_table_forms() if f.id == "report-nap-2021-2030")
    table = form.table("pl2")
    lines, _notes = indicator_lines(InsertSource(2026, commune_data(commune)), table, {})
    numbers = [line.label.split(".")[0] for line in lines if not line.objective]
    assert numbers.count("4c") == 1 and "1" not in numbers and "21" not in numbers
    assert len(numbers) == len(ind.own_set(commune).ids())
