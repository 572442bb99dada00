"""The real 13-page yearly plan to .docx, beside python-docx writing the same words and tables.

    python benchmarks/docx_render.py [--runs N] [--keep PATH]

The plan is the demo commune's yearly child-protection plan (ke-hoach-bao-ve-cham-soc-tre-em-nam)
as the application composes it, with 70 tasks in its task table: 13 pages as LibreOffice prints
it. Timed: ``render_docx`` from the model to the file on disk (python-docx already imported, as
after the first render). The floor, measured in the same run: python-docx writing the same
paragraphs and table cells (plain text, no formatting) and saving them. Target: at most twice
the floor. ``--keep`` also writes one rendering there, to look at.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the checkout: benchmarks.*

from benchmarks.figure import Figure, median_ms, print_figures  # noqa: E402

from treem_desktop.documents.docx_render import render_docx  # noqa: E402
from treem_desktop.documents.model import (  # noqa: E402
    Block,
    Document,
    Heading,
    Image,
    Paragraph,
    Table,
)

TASK_COPIES = 10  # the template's 7 tasks, 10 times over: 70 tasks, 13 printed pages


def thirteen_page_plan(folder: Path) -> Document:
    """The yearly plan of the demo commune, composed by the application, with 70 tasks."""
    from treem_desktop.commune import documents as docs
    from treem_desktop.commune.demo import set_up_demo
    from treem_desktop.commune.workspace import open_workspace
    from treem_desktop.paths import resolve_data_dir

    workspace = open_workspace(resolve_data_dir(folder / "data"), create=True)
    try:
        set_up_demo(workspace)
        entry = docs.new_document(workspace, "ke-hoach-bao-ve-cham-soc-tre-em-nam", 2026)
        tasks = docs.tasks_of(workspace, entry)
        docs.save_tasks(workspace, entry, [task for _ in range(TASK_COPIES) for task in tasks])
        return docs.document_for(workspace, entry)
    finally:
        workspace.close()


def plain_blocks(word: object, blocks: tuple[Block, ...]) -> None:
    """Each block's words with python-docx's plainest calls: a paragraph, a table of cells."""
    for block in blocks:
        if isinstance(block, Heading):
            word.add_paragraph(f"{block.number} {block.text}")  # type: ignore[attr-defined]
        elif isinstance(block, Paragraph):
            word.add_paragraph("".join(run.text for run in block.runs))  # type: ignore[attr-defined]
        elif isinstance(block, Table):
            rows = (*block.header, *block.rows)
            grid = word.add_table(rows=len(rows), cols=len(block.widths))  # type: ignore[attr-defined]
            for row, cells in zip(grid.rows, rows, strict=True):
                for target, cell in zip(row.cells, cells, strict=False):
                    target.text = cell.text
        elif isinstance(block, Image):
            word.add_paragraph(block.caption)  # type: ignore[attr-defined]


def plain_docx(document: Document, path: Path) -> None:
    """The floor: python-docx writing the document's words and tables, unformatted."""
    import docx

    word = docx.Document()
    lines = (*document.parent_lines, *document.issuer_lines, document.number.text())
    lines += (document.place_and_date(), document.kind, document.summary, *document.legal_bases)
    for line in lines:
        word.add_paragraph(line)
    plain_blocks(word, document.body)
    for line in (*document.recipients, *document.signature.authority_lines):
        word.add_paragraph(line)
    word.add_paragraph(document.signature.name)
    for appendix in document.appendices:
        appendix_blocks: tuple[Block, ...] = (Paragraph.of(appendix.title), *appendix.blocks)
        plain_blocks(word, appendix_blocks)
    word.save(str(path))


def figures(runs: int) -> list[Figure]:
    """The plan's render time beside the plain python-docx floor."""
    with tempfile.TemporaryDirectory() as folder:
        plan = thirteen_page_plan(Path(folder))
        target, plain = Path(folder) / "ke-hoach.docx", Path(folder) / "plain.docx"
        floor = median_ms(lambda: plain_docx(plan, plain), runs)
        value = median_ms(lambda: render_docx(plan, target), runs)
    return [
        Figure(
            "13-page plan .docx (render_docx)",
            value,
            floor,
            "python-docx writing the same words and tables",
            ratio_target=2,
        )
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--keep", type=Path, help="also write one rendering to this path")
    args = parser.parse_args()
    found = figures(args.runs)
    print_figures(found)
    if args.keep:
        with tempfile.TemporaryDirectory() as folder:
            render_docx(thirteen_page_plan(Path(folder)), args.keep)
    return 0 if all(f.met for f in found) else 1


if __name__ == "__main__":
    sys.exit(main())
