"""Rendering the seed-001-shaped plan to docx (target: under 300 ms).

    python benchmarks/docx_render.py [--runs N] [--keep PATH]

The plan has the shape of seed 001 (the district plan for the child-friendly evaluation),
at commune level: header, two legal bases, four sections with their items, about 40 body
paragraphs, a 15-row task table with a two-row merged header, six recipients and a KT.
signature block; about four A4 pages. Timed: ``render_docx`` from the model to the file on
disk (python-docx already imported, as after the first render). Printed beside a floor
measured in the same run: python-docx opening its empty template and saving it.
``--keep`` also writes one rendering there, to look at.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

from treem_desktop.documents.docx_render import render_docx
from treem_desktop.documents.model import (
    Block,
    Cell,
    Document,
    DocumentNumber,
    Heading,
    Paragraph,
    Signature,
    Table,
)

BUDGET_MS = 300.0
TEXTS = (  # sentences of seed 001, short and long, used in turn
    "Nhằm đánh giá việc thực hiện 13 tiêu chí được quy định tại Quyết định số 06/QĐ-TTg ngày "
    "03/01/2019 của Thủ tướng Chính phủ, qua đó phát hiện những khó khăn, tồn tại trong việc "
    "thực hiện các tiêu chí.",
    "- Biểu dương những cá nhân, tập thể tiêu biểu có nhiều thành tích trong công tác xây dựng "
    "xã phù hợp với trẻ em.",
    "- Tiếp tục tăng cường sự lãnh đạo, chỉ đạo của cấp ủy đảng, chính quyền về công tác bảo "
    "vệ, chăm sóc trẻ em thông qua việc ban hành các nghị quyết, chương trình, kế hoạch cụ thể "
    "về bảo vệ, chăm sóc và giáo dục trẻ em.",
    "- Việc công nhận xã đạt tiêu chuẩn phù hợp với trẻ em phải đảm bảo dân chủ, công bằng, "
    "công khai và đúng quy định.",
)
SECTIONS = (
    ("I.", "Mục đích, yêu cầu, mục tiêu", ("Mục đích", "Yêu cầu", "Mục tiêu")),
    (
        "II.",
        "Nhiệm vụ và giải pháp",
        (
            "Tăng cường sự lãnh đạo, chỉ đạo của cấp ủy, chính quyền",
            "Đẩy mạnh công tác tuyên truyền",
            "Nâng cao năng lực cho cán bộ làm công tác trẻ em",
            "Xã hội hóa công tác bảo vệ, chăm sóc trẻ em",
            "Tăng cường công tác kiểm tra, giám sát",
        ),
    ),
    ("III.", "Kinh phí", ()),
    (
        "IV.",
        "Tổ chức thực hiện",
        ("Công chức Văn hóa - Xã hội", "Trạm Y tế xã", "Các trường học"),
    ),
)


def task_table(rows: int = 15) -> Table:
    """TT / Nội dung / Đơn vị thực hiện (chủ trì, phối hợp) / Thời gian, ``rows`` tasks."""
    header = (
        (
            Cell("TT", row_span=2),
            Cell("Nội dung", row_span=2),
            Cell("Đơn vị thực hiện", column_span=2),
            Cell("Thời gian", row_span=2),
        ),
        (Cell("Chủ trì"), Cell("Phối hợp")),
    )
    body = tuple(
        (
            Cell(str(i), align="center"),
            Cell(f"Tổ chức triển khai, kiểm tra và đánh giá Tiêu chí {i % 13 + 1}"),
            Cell("Công chức VHXH"),
            Cell("Các ban, ngành"),
            Cell(f"Tháng {i % 12 + 1:02d}/2026", align="center"),
        )
        for i in range(1, rows + 1)
    )
    return Table(header, body, widths=(12, 63, 32, 32, 26), caption="Bảng phân công nhiệm vụ")


def section_blocks(number: str, title: str, items: tuple[str, ...], first: int) -> list[Block]:
    """A section of the plan: its heading, then each item with two paragraphs."""
    blocks: list[Block] = [Heading(1, number, title)]
    texts = (TEXTS[(first + i) % len(TEXTS)] for i in range(2 * max(len(items), 1)))
    if not items:
        return [*blocks, *(Paragraph.of(text) for text in texts)]
    for i, item in enumerate(items, start=1):
        blocks += [Heading(2, f"{i}.", item), Paragraph.of(next(texts)), Paragraph.of(next(texts))]
    return blocks


def seed_001_plan() -> Document:
    """The commune plan shaped like seed 001: about 40 paragraphs and a 15-row task table."""
    body: list[Block] = [Paragraph.of(TEXTS[0])]
    for number, title, items in SECTIONS:
        blocks = section_blocks(number, title, items, first=len(body))
        if number == "IV.":  # the tasks first, then who does what
            blocks.insert(1, task_table())
        body += blocks
    body.append(Paragraph.of("Trên đây là Kế hoạch triển khai đánh giá xã phù hợp với trẻ em./."))
    return Document(
        issuer_lines=("Ủy ban nhân dân", "Xã Mường Phăng"),
        number=DocumentNumber(5, "KH", "UBND"),
        place="Mường Phăng",
        date=dt.date(2026, 1, 5),
        kind="Kế hoạch",
        summary="Triển khai đánh giá, công nhận xã phù hợp với trẻ em trên địa bàn xã năm 2026",
        body=tuple(body),
        signature=Signature(("TM. Ủy ban nhân dân", "KT. Chủ tịch", "Phó Chủ tịch"), "Lò Văn Tâm"),
        recipients=(
            "UBND huyện Điện Biên (b/c)",
            "TT Đảng ủy, TT HĐND xã",
            "CT, các PCT UBND xã",
            "UB MTTQ và các đoàn thể xã",
            "Các trường học, Trạm Y tế xã",
            "Lưu: VT, VHXH",
        ),
        legal_bases=(
            "Căn cứ Luật Trẻ em ngày 05 tháng 4 năm 2016;",
            "Căn cứ Quyết định số 06/QĐ-TTg ngày 03/01/2019 của Thủ tướng Chính phủ quy định "
            "tiêu chuẩn, trình tự, thủ tục đánh giá và công nhận xã, phường, thị trấn phù hợp "
            "với trẻ em.",
        ),
    )


def floor_once(path: Path) -> float:
    """Milliseconds for python-docx to open its empty template and save it."""
    import docx

    start = time.perf_counter()
    docx.Document().save(str(path))
    return (time.perf_counter() - start) * 1000


def render_once(plan: Document, path: Path) -> float:
    """Milliseconds for one ``render_docx`` of ``plan``."""
    start = time.perf_counter()
    render_docx(plan, path)
    return (time.perf_counter() - start) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--keep", type=Path, help="also write one rendering to this path")
    args = parser.parse_args()
    plan = seed_001_plan()
    paragraphs = sum(isinstance(b, Paragraph | Heading) for b in plan.body)
    with tempfile.TemporaryDirectory() as folder:
        target, empty = Path(folder) / "ke-hoach.docx", Path(folder) / "empty.docx"
        render_once(plan, target)  # the first render imports python-docx: not timed
        floor_once(empty)
        render_ms, floor_ms = [], []
        for _ in range(args.runs):
            render_ms.append(render_once(plan, target))
            floor_ms.append(floor_once(empty))
        size_kb = target.stat().st_size / 1024
    if args.keep:
        render_docx(plan, args.keep)
    median, floor = statistics.median(render_ms), statistics.median(floor_ms)
    print(f"runs: {args.runs}; {paragraphs} paragraphs and headings, a 15-row task table")
    print(f"floor (empty python-docx document, saved): median {floor:.1f} ms")
    print(f"render_docx (seed-001-shaped plan, {size_kb:.0f} KB): median {median:.1f} ms")
    print(f"max {max(render_ms):.1f} ms; ratio to floor {median / floor:.1f}x")
    print(f"budget {BUDGET_MS:.0f} ms used: {median / BUDGET_MS:.0%}")
    print("meets the target" if median < BUDGET_MS else "misses the target")
    return 0


if __name__ == "__main__":
    sys.exit(main())
