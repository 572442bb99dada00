"""The outgoing register: per year and type from 01, never shared, kept on re-printing."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from treem_desktop.commune.workspace import Workspace
from treem_desktop.storage import register_repo as reg
from treem_desktop.storage.opening import open_database


def issue_new(conn: object, type_code: str, on: dt.date) -> reg.RegisterEntry:
    draft = reg.create_draft(conn, on.year, type_code, "UBND", "Kế hoạch", "plan", "hà")  # type: ignore[arg-type]
    return reg.issue(conn, draft.id, on, "hà")  # type: ignore[arg-type]


def test_numbers_run_per_type_and_restart_in_january(workspace: Workspace) -> None:
    conn = workspace.conn
    first = issue_new(conn, "KH", dt.date(2026, 1, 5))
    second = issue_new(conn, "KH", dt.date(2026, 3, 9))
    report = issue_new(conn, "BC", dt.date(2026, 3, 9))
    january = issue_new(conn, "KH", dt.date(2027, 1, 2))
    assert [first.number, second.number, report.number, january.number] == [1, 2, 1, 1]
    assert first.reference == "01/KH-UBND" and report.reference == "01/BC-UBND"
    assert january.year == 2027


def test_a_draft_has_no_number_and_reissuing_keeps_it(workspace: Workspace) -> None:
    conn = workspace.conn
    draft = reg.create_draft(conn, 2026, "KH", "UBND", "Kế hoạch tháng hành động", "plan", "hà")
    assert (draft.number, draft.status, draft.reference) == (None, "draft", "…/KH-UBND")
    issued = reg.issue(conn, draft.id, dt.date(2026, 5, 20), "hà")
    again = reg.issue(conn, draft.id, dt.date(2026, 6, 1), "hà")  # printed again later
    assert issued.number == again.number == 1
    assert again.issued_on == dt.date(2026, 5, 20)


def test_two_writers_never_share_a_number(tmp_path: Path) -> None:
    path = tmp_path / "treem.sqlite3"
    open_database(path).close()
    numbers: list[int] = []
    errors: list[BaseException] = []

    def writer() -> None:
        conn = open_database(path)
        try:
            for _ in range(15):
                entry = issue_new(conn, "TTr", dt.date(2026, 7, 1))
                assert entry.number is not None
                numbers.append(entry.number)
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            conn.close()

    threads = [threading.Thread(target=writer) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(numbers) == list(range(1, 31))


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["KH", "BC", "QĐ"]),
            st.dates(dt.date(2025, 1, 1), dt.date(2027, 12, 31)),
        ),
        min_size=1,
        max_size=20,
    )
)
def test_each_year_and_type_counts_from_one_without_gaps(
    workspace: Workspace, issues: list[tuple[str, dt.date]]
) -> None:
    workspace.conn.execute("DELETE FROM outgoing_document")
    for type_code, on in issues:
        issue_new(workspace.conn, type_code, on)
    seen: dict[tuple[int, str], list[int]] = {}
    for entry in reg.entries(workspace.conn):
        assert entry.number is not None
        seen.setdefault((entry.year, entry.type_code), []).append(entry.number)
    for numbers in seen.values():
        assert sorted(numbers) == list(range(1, len(numbers) + 1))


def test_tasks_come_back_by_due_date(workspace: Workspace) -> None:
    conn = workspace.conn
    plan = reg.create_draft(conn, 2026, "KH", "UBND", "Kế hoạch", "plan", "hà")
    reg.replace_tasks(
        conn,
        plan.id,
        [
            (
                "Tổ chức diễn đàn trẻ em",
                "Văn hóa - Xã hội",
                "Đoàn Thanh niên",
                dt.date(2026, 6, 15),
            ),
            ("Rà soát trẻ em có hoàn cảnh đặc biệt", "Văn hóa - Xã hội", "", dt.date(2026, 3, 31)),
            ("Báo cáo kết quả", "Văn phòng", "", None),
        ],
    )
    due = reg.tasks_by_due_date(conn)
    assert [t.content for t in due] == [
        "Rà soát trẻ em có hoàn cảnh đặc biệt",
        "Tổ chức diễn đàn trẻ em",
    ]
    assert len(reg.document_tasks(conn, plan.id)) == 3
