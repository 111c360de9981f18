"""No import circle inside any package: every import of every module, function-level and
type-checking ones included, read from the source so none can hide behind a deferred import."""

from __future__ import annotations

import ast
from collections import deque
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path

import grimp
import pytest

import trainer

PACKAGE_DIR = Path(trainer.__file__).parent
Graph = dict[str, dict[str, int]]  # module -> {imported module: line of the first such import}


def module_paths(package_dir: Path) -> dict[str, Path]:
    """Every module under `package_dir` by dotted name, a package under its own name."""
    modules: dict[str, Path] = {}
    for path in sorted(package_dir.rglob("*.py")):
        parts = path.relative_to(package_dir.parent).with_suffix("").parts
        modules[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return modules


def imports_of(module: str, path: Path, modules: set[str]) -> Iterator[tuple[str, int]]:
    """The package's modules that `module` imports, wherever the import statement stands.

    `from a import b` reaches the module a.b when there is one, else the name b of the package
    a; `import a.b` reaches a.b. The parent packages Python runs on the way are left out: every
    importer runs them alike, and counting them would see a circle in each package that re-exports."""
    is_package = path.name == "__init__.py"
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: count up from the module's own package
                package = module.split(".")
                package = package[: len(package) - node.level + is_package]
                base = ".".join([*package, base] if base else package)
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                yield (submodule if submodule in modules else base), node.lineno


def import_graph(package_dir: Path) -> Graph:
    """Each module of the package with the modules of the package it imports."""
    paths = module_paths(package_dir)
    graph: Graph = {name: {} for name in paths}
    for name, path in paths.items():
        for target, line in imports_of(name, path, set(paths)):
            if target in paths and target != name:
                graph[name].setdefault(target, line)
    return graph


def strongly_connected(graph: Graph) -> list[list[str]]:
    """The groups of modules that reach each other (Tarjan's algorithm, without recursion)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work: list[tuple[str, Iterator[str]]] = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group: list[str] = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    groups.append(sorted(group))
    return sorted(groups)


def shortest_circle(graph: Graph, group: list[str]) -> list[str]:
    """One shortest circle through the first module of a group, as the modules in import order."""
    start = group[0]
    members = set(group)
    came_from: dict[str, str] = {}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for child in sorted(graph[node]):
            if child == start:
                path = [node]
                while path[-1] != start:
                    path.append(came_from[path[-1]])
                return [*reversed(path), start]
            if child in members and child not in came_from:
                came_from[child] = node
                queue.append(child)
    raise AssertionError(f"{group} is not a circle")  # Tarjan's groups always hold one


def common_package(modules: list[str]) -> str:
    """The innermost package that holds every module of a circle."""
    parts = [module.split(".") for module in modules]
    shared: list[str] = []
    for names in zip(*parts, strict=False):
        if len(set(names)) > 1:
            break
        shared.append(names[0])
    return ".".join(shared)


def describe_circles(package_dir: Path) -> list[str]:
    """One line per import circle: its package, then the circle with each import's line."""
    graph = import_graph(package_dir)
    paths = module_paths(package_dir)
    lines = []
    for group in strongly_connected(graph):
        circle = shortest_circle(graph, group)
        steps = " -> ".join(
            f"{importer} ({paths[importer].relative_to(package_dir.parent)}:"
            f"{graph[importer][imported]})"
            for importer, imported in pairwise(circle)
        )
        more = ""
        if len(group) > len(circle) - 1:
            more = f" [{len(group)} modules reach each other: {', '.join(group)}]"
        lines.append(f"{common_package(group)}: {steps} -> {circle[-1]}{more}")
    return lines


def test_no_package_has_an_import_circle() -> None:
    circles = describe_circles(PACKAGE_DIR)
    assert not circles, "import circles:\n" + "\n".join(circles)


def test_the_walk_sees_every_import_grimp_sees() -> None:
    """Two readings of the same source agree, so the walk misses no module and no import (grimp
    is the graph import-linter checks the layers on)."""
    graph = import_graph(PACKAGE_DIR)
    built = grimp.build_graph("trainer", cache_dir=None)
    by_grimp = {
        (importer, imported)
        for importer in built.modules
        for imported in built.find_modules_directly_imported_by(importer)
    }
    assert {(importer, imported) for importer in graph for imported in graph[importer]} == by_grimp
    assert set(graph) == set(built.modules)


def write(root: Path, relative: str, text: str) -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        pytest.param(
            {
                "pkg/sub/a.py": "from pkg.sub import b\n",
                "pkg/sub/b.py": "def later() -> None:\n    from pkg.sub.a import thing\n",
            },
            "pkg.sub: pkg.sub.a (pkg/sub/a.py:1) -> pkg.sub.b (pkg/sub/b.py:2) -> pkg.sub.a",
            id="deferred-in-a-function",
        ),
        pytest.param(
            {
                "pkg/sub/a.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
                "    from pkg.sub.b import B\n",
                "pkg/sub/b.py": "from . import a\n",
            },
            "pkg.sub: pkg.sub.a (pkg/sub/a.py:3) -> pkg.sub.b (pkg/sub/b.py:1) -> pkg.sub.a",
            id="type-checking-and-relative",
        ),
        pytest.param(
            {
                "pkg/one/x.py": "import pkg.two.y\n",
                "pkg/two/y.py": "\n\nfrom ..one import x\n",
            },
            "pkg: pkg.one.x (pkg/one/x.py:1) -> pkg.two.y (pkg/two/y.py:3) -> pkg.one.x",
            id="across-sibling-packages",
        ),
        pytest.param(
            {"pkg/__init__.py": "from pkg.core import run\n", "pkg/core.py": "import pkg\n"},
            "pkg: pkg (pkg/__init__.py:1) -> pkg.core (pkg/core.py:1) -> pkg",
            id="package-and-its-module",
        ),
    ],
)
def test_a_planted_circle_is_found_and_named(
    tmp_path: Path, files: dict[str, str], expected: str
) -> None:
    for relative, text in {"pkg/__init__.py": "", **files}.items():
        write(tmp_path, relative, text)
    assert describe_circles(tmp_path / "pkg") == [expected]


def test_a_package_that_only_re_exports_its_modules_is_no_circle(tmp_path: Path) -> None:
    """Python runs a package before its modules; a module importing a sibling through the
    package's name is the normal case, not a circle."""
    write(tmp_path, "pkg/__init__.py", "")
    write(tmp_path, "pkg/sub/__init__.py", "from pkg.sub.a import A\n")
    write(tmp_path, "pkg/sub/a.py", "from pkg.sub import b\nA = b.B\n")
    write(tmp_path, "pkg/sub/b.py", "B = 1\n")
    assert describe_circles(tmp_path / "pkg") == []
