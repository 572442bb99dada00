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


# --- Packages: no cycles, domain below the two roles, storage only through use cases -----------

ROLES = ("commune", "office")  # the use cases of each role: the commune's and the office's
DOMAIN = (
    "core",
    "standards",
    "indicators",
    "documents",
    "exports",
    "packets",
    "signing",
    "handoff",
    "storage",
    "charts",
)


def module_name(path: Path) -> str:
    parts = path.relative_to(SOURCE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def every_import(path: Path) -> set[str]:
    """The treem_desktop modules ``path`` imports anywhere (module level, inside functions,
    under TYPE_CHECKING), relative imports resolved."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = module_name(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return {m for m in found if m.startswith("treem_desktop.")}


def package_of(module: str) -> str | None:
    """The top-level package of a treem_desktop module (None for a top-level module)."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and (SOURCE / parts[1]).is_dir() else None


def package_graph() -> dict[str, dict[str, set[str]]]:
    """Package → package it imports → the modules that do it."""
    graph: dict[str, dict[str, set[str]]] = {}
    for path in SOURCE.rglob("*.py"):
        source = package_of(module_name(path))
        if source is None:
            continue
        for target in filter(None, map(package_of, every_import(path))):
            if target != source:
                graph.setdefault(source, {}).setdefault(target, set()).add(module_name(path))
    return graph


def cycles(graph: dict[str, dict[str, set[str]]]) -> list[list[str]]:
    """Every package that can reach itself, with one path back to it."""
    found = []
    for start in sorted(graph):
        stack: list[tuple[str, list[str]]] = [(start, [start])]
        seen: set[str] = set()
        while stack:
            node, path = stack.pop()
            for target in sorted(graph.get(node, {})):
                if target == start:
                    found.append([*path, start])
                    stack.clear()
                    break
                if target not in seen:
                    seen.add(target)
                    stack.append((target, [*path, target]))
    return found


def test_no_package_imports_itself_through_others() -> None:
    graph = package_graph()
    assert cycles(graph) == [], {
        f"{a} -> {b}": sorted(graph[a][b])
        for cycle in cycles(graph)
        for a, b in zip(cycle, cycle[1:], strict=False)
    }


def test_the_domain_never_reaches_up_to_a_role_the_window_or_the_command_line() -> None:
    graph = package_graph()
    leaks = {
        f"{source} -> {target}": sorted(modules)
        for source in DOMAIN
        for target, modules in graph.get(source, {}).items()
        if target in (*ROLES, "ui", "cli")
    }
    assert leaks == {}


def test_the_two_roles_do_not_import_each_other() -> None:
    graph = package_graph()
    assert "office" not in graph.get("commune", {})
    assert "commune" not in graph.get("office", {})


def test_the_window_and_the_command_line_reach_storage_only_through_use_cases() -> None:
    leaks = {
        str(path.relative_to(SOURCE)): sorted(
            m for m in every_import(path) if package_of(m) == "storage"
        )
        for package in ("ui", "cli")
        for path in (SOURCE / package).rglob("*.py")
    }
    assert {k: v for k, v in leaks.items() if v} == {}


def test_the_cycle_finder_sees_a_cycle() -> None:
    graph = {"a": {"b": {"a.x"}}, "b": {"c": {"b.y"}}, "c": {"a": {"c.z"}}, "d": {"a": {"d.w"}}}
    assert cycles(graph) == [["a", "b", "c", "a"], ["b", "c", "a", "b"], ["c", "a", "b", "c"]]
    assert cycles({"a": {"b": set()}, "b": {}}) == []


def test_every_import_sees_lazy_and_relative_imports(tmp_path: Path) -> None:
    module = SOURCE / "documents" / "compose.py"
    assert "treem_desktop.documents.inserts" in every_import(module)
    lazy = SOURCE / "cli" / "main.py"
    assert any(m.startswith("treem_desktop.") for m in every_import(lazy))
