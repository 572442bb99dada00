"""The tables of seed 004 as data: layout as in the letter, computed cells, checked values."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from treem_desktop.errors import TreemError
from treem_desktop.i18n import set_language
from treem_desktop.indicators import shipped_indicator_set, shipped_table_forms
from treem_desktop.indicators.loader import TABLE_FORM, shipped_files, table_form_from_bytes
from treem_desktop.indicators.model import ColumnKind, RowsKind, Table, TableForm, period_ids
from treem_desktop.indicators.tables import (
    CellProblem,
    computed_value,
    expand_rows,
    header_cells,
    indicator_row_values,
    parse_cell,
    parse_values,
    row_label,
    totals_row,
    with_computed,
)
from treem_desktop.paths import forms_dir

SCHEMA = json.loads((forms_dir() / "schema" / "table-form.schema.json").read_text("utf-8"))
REPORT = forms_dir() / "report-1555-2020" / "v1.json"
FORM = next(f for f in shipped_table_forms() if f.id == "report-1555-2020")
NAP = shipped_indicator_set("nap-2021-2030")


def document() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(REPORT.read_text(encoding="utf-8"))
    return loaded


def load(doc: dict[str, Any], sets: tuple[str, ...] = ("nap-2021-2030",)) -> TableForm:
    return table_form_from_bytes(json.dumps(doc, ensure_ascii=False).encode(), "test.json", sets)


def refused(doc: dict[str, Any]) -> TreemError:
    with pytest.raises(TreemError) as caught:
        load(doc)
    assert caught.value.code == "STANDARD_INVALID", caught.value.message()
    return caught.value


def table_doc(doc: dict[str, Any], table_id: str) -> dict[str, Any]:
    found: dict[str, Any] = next(t for t in doc["tables"] if t["id"] == table_id)
    return found


def mini_table(**changes: Any) -> Table:
    """A small grid with a sum column and a totals row, changed as asked."""
    doc = document()
    table = {
        "id": "t",
        "number": "Bảng thử",
        "title": {"vi": "Thử"},
        "layout_status": "inferred",
        "row_header": {"kind": "period", "label": {"vi": "Kỳ"}},
        "rows": {"kind": "grid", "period_type": "half_year"},
        "columns": [
            {"id": "a", "number": "(1)", "label": {"vi": "A"}, "kind": "integer"},
            {"id": "b", "number": "(2)", "label": {"vi": "B"}, "kind": "money"},
            {"id": "c", "number": "(3)", "label": {"vi": "C"}, "kind": "decimal",
             "computed": {"sum": ["a", "b"]}},
        ],
        "totals": {"id": "tong", "label": {"vi": "Tổng cộng"}, "columns": ["a", "b", "c"]},
    }  # fmt: skip
    table.update(changes)
    doc["tables"] = [table]
    return load(doc).tables[0]


def test_the_schema_is_a_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("path", shipped_files(TABLE_FORM), ids=lambda p: p.parent.name)
def test_every_shipped_table_form_passes_the_schema_and_loads(path: Path) -> None:
    jsonschema.Draft202012Validator(SCHEMA).validate(json.loads(path.read_bytes()))
    form = table_form_from_bytes(path.read_bytes(), str(path))
    assert path.name == f"v{form.version}.json" and path.parent.name == form.id


def test_the_letter_s_tables_in_order_with_its_legal_basis() -> None:
    assert [t.id for t in FORM.tables] == ["b1-1", "b2-1", "b2-2", "b2-3", "pl2"]
    assert [t.number for t in FORM.tables] == [
        "Bảng 1.1", "Bảng 2.1", "Bảng 2.2", "Bảng 2.3", "Phụ lục 2",
    ]  # fmt: skip
    assert (FORM.legal_number, FORM.legal_date) == ("2661/LĐTBXH-TE", "2020-07-17")
    assert [t.layout_status.value for t in FORM.tables] == ["confirmed"] * 4 + ["inferred"]
    assert all(t.source in FORM.sources for t in FORM.tables)


def test_table_1_1_is_a_numbered_list_of_documents() -> None:
    table = FORM.table("b1-1")
    assert table.rows.kind is RowsKind.REPEATABLE and table.rows.max_rows == 500
    assert [(c.number, c.label["vi"], c.kind) for c in table.columns] == [
        ("(1)", "Tên văn bản", ColumnKind.TEXT),
        ("(2)", "Cơ quan ban hành", ColumnKind.TEXT),
        ("(3)", "Ngày ban hành", ColumnKind.DATE),
    ]
    rows = expand_rows(table, count=3)
    assert [(r.id, row_label(r)) for r in rows] == [("r1", "1"), ("r2", "2"), ("r3", "3")]
    with pytest.raises(ValueError):
        expand_rows(table, count=501)
    assert table.notes[0]["vi"].startswith("Ghi cụ thể tên, số văn bản")


def test_table_2_1_grid_expands_to_2012_2020_with_its_columns_and_merged_headers() -> None:
    table = FORM.table("b2-1")
    rows = expand_rows(table)
    assert [r.id for r in rows] == [str(y) for y in range(2012, 2021)]
    assert [row_label(r) for r in rows] == [str(y) for y in range(2012, 2021)]
    assert [c.id for c in table.columns] == [
        "chien-dich", "doi-tuong", "kinh-phi", "ho-tro-tre-em", "san-pham",
    ]  # fmt: skip
    assert table.column("kinh-phi").label["vi"] == "Kinh phí (1000đ)"
    assert table.column("kinh-phi").kind is ColumnKind.MONEY
    assert all(c.number is None for c in table.columns)  # the letter numbers no column here
    assert table.cell_id("2015", "kinh-phi") == "b2-1.2015.kinh-phi"
    cells = [
        (c.row, c.column, c.row_span, c.column_span, c.label["vi"][:24])
        for c in header_cells(table)
    ]
    assert cells == [
        (0, 0, 2, 1, "Năm"),
        (0, 1, 1, 3, "Tổ chức các chiến dịch, "),
        (1, 1, 1, 1, "Số lượng chiến dịch, sự "),
        (1, 2, 1, 1, "Ước tính tổng số đối tượ"),
        (1, 3, 1, 1, "Kinh phí (1000đ)"),
        (0, 4, 1, 2, "Hỗ trợ trẻ em tổ chức cá"),
        (1, 4, 1, 1, "Số lần hỗ trợ trẻ em tổ "),
        (1, 5, 1, 1, "Số lượng sản phẩm truyền"),
    ]


def test_table_2_2_has_the_merged_period_header_and_numbers_2a_2b() -> None:
    table = FORM.table("b2-2")
    cells = [
        (c.row, c.column, c.row_span, c.column_span, c.label["vi"], c.number)
        for c in header_cells(table)
    ]
    assert cells == [
        (0, 0, 2, 1, "Tên chương trình, kế hoạch", "(1)"),
        (0, 1, 1, 2, "Giai đoạn", "(2)"),
        (1, 1, 1, 1, "2012 – 2015", "(2a)"),
        (1, 2, 1, 1, "2016 - 2020", "(2b)"),
    ]
    assert table.row_header_label is None and table.rows.kind is RowsKind.REPEATABLE
    assert table.notes[0]["vi"].startswith("Cột 1: Ghi đầy đủ tên chương trình")


def test_table_2_3_rows_by_period_and_columns_as_the_letter_numbers_them() -> None:
    table = FORM.table("b2-3")
    rows = expand_rows(table)
    assert [(r.group, row_label(r)) for r in rows] == [
        (period, level)
        for period in ("2012-2015", "2016-2020")
        for level in ("Tỉnh", "Huyện", "Xã", "Mạng lưới cộng tác viên")
    ]
    assert table.rows.groups and table.rows.groups["2016-2020"]["vi"] == "Giai đoạn 2016 - 2020"
    assert [c.number for c in table.columns] == ["(1a)", "(1b)", "(1c)", "(2)", "(3a)", "(3b)"]
    top = [(c.column, c.column_span, c.label["vi"]) for c in header_cells(table) if c.row == 0]
    assert top == [
        (0, 1, "Cấp quản lý"),
        (1, 3, "Số lượng người làm công tác BVCSTE (người)"),
        (4, 1, "Mô hình tổ chức (chi cục, phòng)"),
        (5, 2, "Mạng lưới liên ngành (Ban bảo vệ, chăm sóc trẻ em)"),
    ]
    assert len(table.notes) == 5 and table.notes[2]["vi"].startswith("Cột 1c")


def test_table_2_3_total_1c_is_1a_plus_1b() -> None:
    table = FORM.table("b2-3")
    assert computed_value(table, {"1a": 3, "1b": 2}, "1c") == 5
    assert computed_value(table, {"1a": 3}, "1c") == 3
    assert computed_value(table, {"2": "Phòng trẻ em"}, "1c") is None
    assert with_computed(table, {"1a": 1, "1b": 4, "2": "Chi cục"})["1c"] == 5
    with pytest.raises(ValueError):
        computed_value(table, {"1a": 1}, "1a")


@given(full_time=st.integers(0, 10**6), part_time=st.integers(0, 10**6))
def test_1c_always_equals_1a_plus_1b(full_time: int, part_time: int) -> None:
    table = FORM.table("b2-3")
    entered = {"1a": str(full_time), "1b": str(part_time)}
    values, problems = parse_values(
        table, {f"b2-3.2016-2020-xa.{k}": v for k, v in entered.items()}
    )
    assert problems == []
    row = {cell.rsplit(".", 1)[1]: value for cell, value in values.items()}
    assert computed_value(table, row, "1c") == full_time + part_time


def test_appendix_2_has_one_row_per_indicator_of_the_chosen_set() -> None:
    table = FORM.table("pl2")
    assert table.rows.indicator_set is None and table.rows.target_year == 2020
    with pytest.raises(ValueError):
        expand_rows(table)
    rows = expand_rows(table, indicators=NAP)
    assert [r.id for r in rows] == NAP.ids()
    set_language("en")
    neonatal = next(r for r in rows if r.id == "ct03a")
    filled = indicator_row_values(table, neonatal, NAP, "2025", {"ket-qua": 9.4})
    assert filled == {
        "ket-qua": 9.4,
        "don-vi": "per 1,000 live births",
        "muc-tieu": "< 9.5‰",
        "danh-gia": "Met",
    }
    empty = indicator_row_values(table, neonatal, NAP, "2025", {})
    assert empty["danh-gia"] == "No data"
    marriage = next(r for r in rows if r.id == "ct13")
    fewer = indicator_row_values(table, marriage, NAP, "2026", {"ket-qua": 97}, previous=100)
    assert (fewer["muc-tieu"], fewer["danh-gia"]) == ("reduce by 2–3% a year", "Met")


def test_half_year_grids_and_a_totals_row() -> None:
    table = mini_table()
    assert period_ids("half_year", "2025-H2", "2026-H2") == ["2025-H2", "2026-H1", "2026-H2"]
    rows = expand_rows(table, ["2026-H1", "2026-H2"])
    assert [r.id for r in rows] == ["2026-H1", "2026-H2", "tong"] and rows[-1].total
    set_language("en")
    assert [row_label(r) for r in rows] == [
        "First half of 2026",
        "Second half of 2026",
        "Tổng cộng",
    ]
    with pytest.raises(ValueError):
        expand_rows(table, ["2026"])  # a year in a half-year grid
    with pytest.raises(ValueError):
        expand_rows(table)  # this grid has no range of its own
    totals = totals_row(table, {"2026-H1": {"a": 2, "b": 1.5}, "2026-H2": {"a": 3}})
    assert totals == {"a": 5, "b": 1.5, "c": 6.5}


# --- Cell values -----------------------------------------------------------------------

GOOD = [
    ("b2-1", "chien-dich", "12", 12),
    ("b2-1", "chien-dich", "1.234", 1234),  # Vietnamese thousands
    ("b2-1", "chien-dich", " 7 ", 7),
    ("b2-1", "kinh-phi", "150.000", 150000.0),
    ("b2-1", "kinh-phi", "1.234,5", 1234.5),
    ("b2-1", "kinh-phi", "12,5", 12.5),
    ("b2-1", "kinh-phi", 20, 20.0),
    ("pl2", "ket-qua", "9,4", 9.4),
    ("pl2", "ket-qua", "1.5", 1.5),
    ("b1-1", "3", "17/07/2020", "2020-07-17"),
    ("b1-1", "3", "2020-07-17", "2020-07-17"),
    ("b1-1", "3", "5-1-2021", "2021-01-05"),
    ("b2-2", "2a", "x", True),
    ("b2-2", "2a", "Có", True),
    ("b2-2", "2b", "không", False),
    ("b1-1", "1", "  Kế hoạch   số 01/KH-UBND ", "Kế hoạch số 01/KH-UBND"),
    ("b1-1", "1", "", None),
    ("b2-1", "chien-dich", None, None),
]

BAD = [
    ("b2-1", "chien-dich", "-1", "INPUT_NEGATIVE"),
    ("b2-1", "chien-dich", "1,5", "INPUT_NOT_WHOLE"),
    ("b2-1", "chien-dich", "mười", "INPUT_NOT_NUMBER"),
    ("b2-1", "chien-dich", True, "INPUT_NOT_NUMBER"),
    ("b2-1", "kinh-phi", "nan", "INPUT_NOT_NUMBER"),
    ("b2-1", "kinh-phi", "1e5", "INPUT_NOT_NUMBER"),
    ("b2-1", "kinh-phi", "1_000", "INPUT_NOT_NUMBER"),
    ("b2-1", "kinh-phi", "-0,5", "INPUT_NEGATIVE"),
    ("pl2", "ket-qua", float("inf"), "INPUT_NOT_NUMBER"),
    ("b1-1", "3", "31/02/2020", "INPUT_NOT_DATE"),
    ("b1-1", "3", "tháng 7", "INPUT_NOT_DATE"),
    ("b2-2", "2a", "có lẽ", "INPUT_NOT_YES_NO"),
    ("b1-1", "2", "x" * 301, "FIELD_TOO_LONG"),
    ("b1-1", "1", "Kế hoạch\x00", "FIELD_BAD_CHARACTERS"),
]


@pytest.mark.parametrize(("table_id", "column_id", "raw", "expected"), GOOD)
def test_values_are_read_by_column_kind(
    table_id: str, column_id: str, raw: object, expected: object
) -> None:
    column = FORM.table(table_id).column(column_id)
    value = parse_cell(column, raw, f"{table_id}.r1.{column_id}")
    assert value == expected and type(value) is type(expected)


@pytest.mark.parametrize(("table_id", "column_id", "raw", "code"), BAD)
def test_bad_values_are_refused_with_a_code(
    table_id: str, column_id: str, raw: object, code: str
) -> None:
    cell = f"{table_id}.2015.{column_id}"
    with pytest.raises(TreemError) as caught:
        parse_cell(FORM.table(table_id).column(column_id), raw, cell)
    assert caught.value.code == code and caught.value.field == cell
    set_language("en")
    assert "{" not in caught.value.message()


def test_problems_name_the_cell_and_the_column() -> None:
    set_language("en")
    with pytest.raises(CellProblem) as caught:
        parse_cell(FORM.table("b1-1").column("3"), "32/13/2020", "b1-1.r4.3")
    assert caught.value.message() == "b1-1.r4.3 (Date issued) must be a date, such as 17/07/2020."
    assert caught.value.as_json()["field"] == "b1-1.r4.3"
    with pytest.raises(TreemError) as negative:
        parse_cell(FORM.table("b2-1").column("kinh-phi"), "-5", "b2-1.2015.kinh-phi")
    assert (
        negative.value.message() == "b2-1.2015.kinh-phi (Funds (thousand đồng)) cannot be negative."
    )


def test_an_import_reports_every_unknown_computed_or_bad_cell() -> None:
    table = FORM.table("b2-3")
    values, problems = parse_values(
        table,
        {
            "b2-3.2012-2015-tinh.1a": "2",
            "b2-3.2012-2015-tinh.1c": "9",  # computed
            "b2-3.2012-2015-thon.1a": "1",  # no such row
            "b2-3.2012-2015-tinh.9z": "1",  # no such column
            "b2-1.2015.kinh-phi": "1",  # another table
            "b2-3.2016-2020-xa.1b": "-3",
        },
    )
    assert values == {"b2-3.2012-2015-tinh.1a": 2}
    assert [(p.code, p.field) for p in problems] == [
        ("INPUT_COMPUTED", "b2-3.2012-2015-tinh.1c"),
        ("INPUT_UNKNOWN", "b2-3.2012-2015-thon.1a"),
        ("INPUT_UNKNOWN", "b2-3.2012-2015-tinh.9z"),
        ("INPUT_UNKNOWN", "b2-1.2015.kinh-phi"),
        ("INPUT_NEGATIVE", "b2-3.2016-2020-xa.1b"),
    ]


def test_repeatable_rows_stop_at_the_form_s_maximum() -> None:
    table = FORM.table("b2-2")
    values, problems = parse_values(table, {"b2-2.r200.1": "Đề án A", "b2-2.r201.1": "Đề án B"})
    assert values == {"b2-2.r200.1": "Đề án A"}
    assert [(p.code, p.params["limit"]) for p in problems] == [("TABLE_ROWS_LIMIT", 200)]
    grid = FORM.table("b2-1")
    _, problems = parse_values(grid, {"b2-1.2021.kinh-phi": "5"})
    assert [p.code for p in problems] == ["INPUT_UNKNOWN"]  # outside 2012-2020


# --- Broken forms ----------------------------------------------------------------------


def test_sha256_does_not_depend_on_formatting() -> None:
    doc = document()
    spaced = json.dumps(doc, ensure_ascii=True, indent=3).encode()
    assert table_form_from_bytes(spaced, "x", ("nap-2021-2030",)).sha256 == FORM.sha256


def test_a_form_may_name_a_known_indicator_set_only() -> None:
    doc = document()
    table_doc(doc, "pl2")["rows"]["indicator_set"] = "nap-2021-2030"
    assert load(doc).table("pl2").rows.indicator_set == "nap-2021-2030"
    with pytest.raises(ValueError):
        expand_rows(load(doc).table("pl2"), indicators=replace(NAP, id="other"))
    table_doc(doc, "pl2")["rows"]["indicator_set"] = "nap-2012-2020"
    assert "nap-2012-2020" in refused(doc).message()


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda d: table_doc(d, "b2-1")["header"][0]["children"].pop(), "every column once"),
        (
            lambda d: table_doc(d, "b2-3")["columns"][2]["computed"].update(sum=["1a", "2"]),
            "reads 2",
        ),
        (
            lambda d: table_doc(d, "b2-3")["columns"][2]["computed"].update(sum=["1a", "1c"]),
            "reads 1c",
        ),
        (
            lambda d: table_doc(d, "b2-3")["columns"][3].update(computed={"sum": ["1a", "1b"]}),
            "number column",
        ),
        (lambda d: table_doc(d, "b2-1")["rows"].pop("last"), "both first and last"),
        (lambda d: table_doc(d, "b2-1")["rows"].update(first="2021"), "no year period"),
        (lambda d: table_doc(d, "b2-1")["columns"][1].update(id="chien-dich"), "used twice"),
        (
            lambda d: table_doc(d, "b2-3")["rows"]["rows"].append(
                table_doc(d, "b2-3")["rows"]["rows"][0] | {"id": "x"}
            ),
            "follow each other",
        ),
        (
            lambda d: table_doc(d, "b2-3")["rows"]["rows"][0].update(group="2030"),
            "unknown group 2030",
        ),
        (
            lambda d: table_doc(d, "b2-3").update(
                row_header={"kind": "period", "label": {"vi": "Năm"}}
            ),
            "needs grid rows",
        ),
        (lambda d: table_doc(d, "b2-1").update(source="hearsay"), "unknown source hearsay"),
        (
            lambda d: table_doc(d, "b2-1").update(
                totals={"id": "tong", "label": {"vi": "Tổng"}, "columns": ["x"]}
            ),
            "sums x",
        ),
        (
            lambda d: table_doc(d, "b2-1")["columns"][0].update(computed={"from": "target"}),
            "indicator rows",
        ),
        (lambda d: table_doc(d, "b2-1")["columns"][0].update(max_length=10), "only for text"),
    ],
)
def test_broken_forms_are_refused_with_the_reason(change: Any, reason: str) -> None:
    doc = document()
    change(doc)
    assert reason in refused(doc).message()


def test_schema_errors_say_where() -> None:
    doc = document()
    table_doc(doc, "b2-3")["columns"][0]["number"] = "1a"  # without the brackets
    error = refused(doc)
    assert error.field == "$.tables[3].columns[0].number"
    assert error.params["where"] == "Bảng 4, cột 1, số hiệu"
    doc = document()
    table_doc(doc, "b2-1")["id"] = "b2.1"  # a dot would break cell ids
    assert refused(doc).field == "$.tables[1].id"
