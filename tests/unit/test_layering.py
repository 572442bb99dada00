"""Only the UI package touches Qt, and only through its shim (STYLE.md §1–2)."""

from __future__ import annotations

import ast
from pathlib import Path

SOURCE = Path(__file__).resolve().parents[2] / "src" / "treem_desktop"
TESTS = Path(__file__).resolve().parents[1]
QT_PACKAGES = ("PySide6", "shiboken6", "PyQt5", "PyQt6")


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def qt_imports(path: Path) -> set[str]:
    return {m for m in imported_modules(path) if m.split(".")[0] in QT_PACKAGES}


def test_the_core_never_imports_qt() -> None:
    leaks = {
        str(path.relative_to(SOURCE)): qt_imports(path)
        for path in SOURCE.rglob("*.py")
        if "ui" not in path.relative_to(SOURCE).parts and qt_imports(path)
    }
    assert leaks == {}


def test_the_core_never_imports_the_ui_package() -> None:
    leaks = [
        str(path.relative_to(SOURCE))
        for path in SOURCE.rglob("*.py")
        if "ui" not in path.relative_to(SOURCE).parts
        and any(m.startswith("treem_desktop.ui") for m in imported_modules(path))
        and path.name != "__main__.py"
    ]
    assert leaks == []


def test_inside_the_ui_package_only_the_shim_imports_qt() -> None:
    ui = SOURCE / "ui"
    direct = sorted(str(p.relative_to(ui)) for p in ui.rglob("*.py") if qt_imports(p))
    assert direct == ["qt.py"]


def test_unit_tests_do_not_import_qt() -> None:
    leaks = [str(p) for p in (TESTS / "unit").rglob("*.py") if qt_imports(p)]
    assert leaks == []


def test_the_checker_sees_a_leak(tmp_path: Path) -> None:
    module = tmp_path / "leaky.py"
    module.write_text("from PySide6.QtCore import QTimer\nimport shiboken6\n")
    assert qt_imports(module) == {"PySide6.QtCore", "shiboken6"}
