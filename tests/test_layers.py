"""The layers hold: the import contracts in pyproject.toml pass over every module, a planted
violation breaks them, and the core runs without Textual or rich."""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORE = (
    "trainer.errors",
    "trainer.text",
    "trainer.content",
    "trainer.engine",
    "trainer.store",
    "trainer.services",
)
LAYERS_BROKEN = "Each layer imports only the layers below it BROKEN"
CORE_BROKEN = "The core never imports Textual or rich BROKEN"
SERVICES_BROKEN = "The app reaches the records only through services BROKEN"
UI_LAYERS_BROKEN = "Inside the app, routes open screens, screens hold widgets BROKEN"
SCREENS_BROKEN = "No screen imports another screen BROKEN"


def lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    """Run import-linter on the `trainer` package found in `root`, with the contracts there."""
    environment = {**os.environ, "PYTHONPATH": str(root), "NO_COLOR": "1", "COLUMNS": "200"}
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "from importlinter.cli import lint_imports_command; lint_imports_command()",
            "--no-cache",
            "--no-logo",
        ],
        cwd=root,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_import_contracts_hold() -> None:
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"^Contracts: [5-9] kept, 0 broken\.$", result.stdout, re.MULTILINE)


@pytest.mark.parametrize(
    ("relative", "source", "expected"),
    [
        pytest.param(
            "trainer/engine/planted.py",
            "def later() -> None:\n    import trainer.store\n",
            [LAYERS_BROKEN, "trainer.engine.planted -> trainer.store (l.2)"],
            id="engine-reaches-up-from-a-function",
        ),
        pytest.param(
            "trainer/ui/planted.py",
            "from trainer import cli\n",
            [LAYERS_BROKEN, "trainer.ui.planted -> trainer.cli (l.1)"],
            id="ui-imports-the-cli",
        ),
        pytest.param(
            "trainer/content/planted.py",
            "from rich.text import Text\n",
            [CORE_BROKEN, "trainer.content.planted -> rich (l.1)"],
            id="content-imports-rich",
        ),
        pytest.param(
            "trainer/store/planted.py",
            "import textual.app\n",
            [CORE_BROKEN, "trainer.store.planted -> textual (l.1)"],
            id="store-imports-textual",
        ),
        pytest.param(
            "trainer/ui/widgets/planted.py",
            "from trainer.store.database import Store\n",
            [SERVICES_BROKEN, "trainer.ui.widgets.planted -> trainer.store.database (l.1)"],
            id="a-widget-opens-the-store",
        ),
        pytest.param(
            "trainer/ui/widgets/planted.py",
            "def later() -> None:\n    from trainer.ui.screens import home\n",
            [UI_LAYERS_BROKEN, "trainer.ui.widgets.planted -> trainer.ui.screens.home (l.2)"],
            id="a-widget-reaches-a-screen",
        ),
        pytest.param(
            "trainer/ui/screens/planted.py",
            "from trainer.ui.screens.home import HomeScreen\n",
            [SCREENS_BROKEN, "trainer.ui.screens.planted -> trainer.ui.screens.home (l.1)"],
            id="a-screen-imports-a-sibling",
        ),
        pytest.param(
            "trainer/planted.py",
            "",
            [LAYERS_BROKEN, "trainer.planted"],
            id="a-module-outside-every-layer",
        ),
    ],
)
def test_a_planted_violation_breaks_a_contract(
    tmp_path: Path, relative: str, source: str, expected: list[str]
) -> None:
    """A copy of the package with one bad module: the check fails and names the module."""
    shutil.copytree(
        ROOT / "trainer", tmp_path / "trainer", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    (tmp_path / relative).write_text(source, encoding="utf-8")
    result = lint_imports(tmp_path)
    assert result.returncode != 0
    for fragment in expected:
        assert fragment in result.stdout, result.stdout


def test_the_core_runs_without_textual_or_rich() -> None:
    """Import every module of the core in a fresh interpreter: neither library is loaded, not
    even through an import a static check cannot see (importlib, a plugin)."""
    code = (
        "import importlib, pkgutil, sys\n"
        f"for name in {CORE!r}:\n"
        "    package = importlib.import_module(name)\n"
        "    for found in pkgutil.walk_packages(getattr(package, '__path__', []), name + '.'):\n"
        "        importlib.import_module(found.name)\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        "core = sorted(m for m in sys.modules if m.startswith('trainer.'))\n"
        "print(len(core), loaded)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    count, loaded = result.stdout.split(" ", 1)
    assert loaded.strip() == "[]"
    assert int(count) > 40  # the walk reached the modules, not just the packages


def test_the_command_line_loads_textual_only_to_open_the_app() -> None:
    """`trainer validate` and the other commands start without paying for Textual's import."""
    code = "import sys, trainer.cli; print('textual' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


LAZY_PATH = re.compile(r"^(?P<module>trainer(?:\.\w+)+):")


def layer_ranks(pyproject: Path) -> dict[str, int]:
    """Each top-level part of the package with its layer's depth (0 at the top), from the
    `layers` contract; independent layers share a depth."""
    config = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    contract = next(c for c in config["tool"]["importlinter"]["contracts"] if c["id"] == "layers")
    return {
        name.strip().strip("()"): depth
        for depth, layer in enumerate(contract["layers"])
        for name in layer.split("|")
    }


def lazy_paths_reaching_up(root: Path) -> list[str]:
    """Each `module:name` string (a route's handler, a screen loaded when it first opens) that
    names a module above its own layer, or beside it in an independent one: import-linter reads
    import statements, so a path imported by name must keep the same rule."""
    ranks = layer_ranks(root / "pyproject.toml")
    problems = []
    for path in sorted((root / "trainer").rglob("*.py")):
        source_part = path.relative_to(root / "trainer").parts[0].removesuffix(".py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            # A plain string, or the fixed start of an f-string (a Constant inside it).
            if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
                continue
            match = LAZY_PATH.match(node.value)
            if match is None:
                continue
            target_part = match["module"].split(".")[1]
            if {source_part, target_part} - ranks.keys():
                continue  # outside every layer: the layers contract names it
            if target_part != source_part and ranks[target_part] <= ranks[source_part]:
                where = f"{path.relative_to(root)}:{node.lineno}"
                problems.append(f"{where}: {node.value!r} reaches {target_part} from {source_part}")
    return problems


def test_modules_imported_by_name_keep_to_the_layers() -> None:
    assert lazy_paths_reaching_up(ROOT) == []


def test_a_planted_lazy_path_up_the_layers_is_found(tmp_path: Path) -> None:
    shutil.copytree(
        ROOT / "trainer", tmp_path / "trainer", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    planted = tmp_path / "trainer" / "store" / "planted.py"
    planted.write_text('APP = "trainer.ui.app:run_app"\nCLI = f"trainer.cli.app:{APP}"\n')
    assert lazy_paths_reaching_up(tmp_path) == [
        "trainer/store/planted.py:1: 'trainer.ui.app:run_app' reaches ui from store",
        "trainer/store/planted.py:2: 'trainer.cli.app:' reaches cli from store",
    ]
