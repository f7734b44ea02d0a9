"""Architecture rules that would otherwise erode: core stays free of Qt, layers import downwards, no import cycles."""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_importing_all_of_core_leaves_qt_out():
    modules = sorted(".".join(p.relative_to(ROOT).with_suffix("").parts)
                     for p in (ROOT / "core").rglob("*.py"))
    modules = [m.removesuffix(".__init__") for m in modules]
    code = ("import importlib, sys\n"
            f"for m in {modules!r}: importlib.import_module(m)\n"
            "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'ui'))\n"
            "print(len(sys.modules)); assert not bad, bad\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert len(modules) >= 8


# --- the import graph ---------------------------------------------------------------------------------------------
PACKAGES = ("core", "cli", "ui")


def _module_name(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")


def project_modules() -> dict[str, Path]:
    found = {_module_name(p): p for pkg in PACKAGES for p in (ROOT / pkg).rglob("*.py")}
    found["main"] = ROOT / "main.py"
    return found


def _imported(node: ast.Import | ast.ImportFrom, module: str, is_package: bool, known: set[str]) -> set[str]:
    """The project modules one import statement loads (`from pkg import sub` loads pkg.sub when it is a module)."""
    if isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
    else:
        base = node.module or ""
        if node.level:
            parts = module.split(".")
            anchor = parts if is_package else parts[:-1]
            anchor = anchor[:len(anchor) - node.level + 1]
            base = ".".join([*anchor, base] if base else anchor)
        names = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base for alias in node.names]
    out = set()
    for name in names:
        while name and name not in known:  # `import core.records.model` -> core.records.model; a.b.Class -> a.b
            name = name.rpartition(".")[0]
        if name:
            out.add(name)
    return out


def import_graph() -> dict[str, set[str]]:
    """Every import of every project module, those inside functions and `if TYPE_CHECKING:` blocks included."""
    modules = project_modules()
    known = set(modules)
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        edges: set[str] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                edges |= _imported(node, name, path.name == "__init__.py", known)
        graph[name] = edges - {name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_the_project_modules_import_each_other_without_a_cycle() -> None:
    graph = import_graph()
    assert len(graph) > 100 and "core.services.facade" in graph["cli.common"] | graph["cli"] | {
        m for deps in graph.values() for m in deps}
    found = cycles(graph)
    assert not found, "import cycles (break them; see docs/architecture.md):\n" + "\n".join(
        " <-> ".join(c) for c in found)


def test_the_cycle_finder_finds_a_cycle_through_a_function_level_import() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c"]]
    tree = ast.parse("def f():\n    from core.services.facade import JuliuService\n")
    node = next(n for n in ast.walk(tree) if isinstance(n, ast.ImportFrom))
    assert _imported(node, "core.exchange.casefile_fields", False, set(project_modules())) == {
        "core.services.facade"}


@pytest.mark.parametrize("layer,forbidden", [
    ("core", ("ui", "cli", "main")),  # the domain knows no interface
    ("cli", ("ui",)),  # the command line runs without Qt
])
def test_layers_import_only_downwards(layer: str, forbidden: tuple[str, ...]) -> None:
    graph = import_graph()
    bad = sorted(f"{m} -> {d}" for m, deps in graph.items() if m.split(".")[0] == layer
                 for d in deps if d.split(".")[0] in forbidden)
    assert not bad, bad


REPOSITORY_ROOMS = ("core.storage.repositories", "core.storage.store")  # every repository, and the unit of work


def test_the_window_and_the_commands_reach_records_through_the_services() -> None:
    """ui/ and cli/ call the facade; only core/services (and storage itself) use the repositories."""
    graph = import_graph()
    bad = sorted(f"{m} -> {d}" for m, deps in graph.items() if m.split(".")[0] in ("ui", "cli", "main")
                 for d in deps if any(d == room or d.startswith(room + ".") for room in REPOSITORY_ROOMS))
    assert not bad, bad


# --- the size of a room -------------------------------------------------------------------------------------------
MAX_MODULES = 12  # "about a dozen" per folder: more, and the folder needs sub-rooms whose names say what lives there
# Folders allowed more for now, each with the reason and what ends the exception.
WAITING: dict[str, str] = {}


def folder_sizes() -> dict[str, int]:
    sizes: dict[str, int] = {}
    for pkg in PACKAGES:
        for path in (ROOT / pkg).rglob("*.py"):
            if path.name != "__init__.py" and "__pycache__" not in path.parts:
                folder = path.parent.relative_to(ROOT).as_posix()
                sizes[folder] = sizes.get(folder, 0) + 1
    return sizes


def test_no_folder_holds_more_than_about_a_dozen_modules() -> None:
    sizes = folder_sizes()
    crowded = {f: n for f, n in sorted(sizes.items()) if n > MAX_MODULES and f not in WAITING}
    assert not crowded, f"more than {MAX_MODULES} modules in one folder (make a sub-room): {crowded}"
    assert all(f in sizes for f in WAITING), "an exception for a folder that no longer exists: remove it"
