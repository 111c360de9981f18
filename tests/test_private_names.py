"""Modules share internals through a module made for it, never by importing a `_private` name."""

from __future__ import annotations

import ast
from pathlib import Path

import trainer

PACKAGE = Path(trainer.__file__).parent


def private_imports(source: str) -> list[tuple[int, str, str]]:
    """(line, module, name) of every `from trainer... import _name` in `source`."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("trainer"):
            found += [
                (node.lineno, node.module or "", alias.name)
                for alias in node.names
                if alias.name.startswith("_") and not alias.name.startswith("__")
            ]
    return found


def test_no_module_imports_another_modules_private_name() -> None:
    offences = [
        f"{path.relative_to(PACKAGE.parent)}:{line}: from {module} import {name}"
        for path in sorted(PACKAGE.rglob("*.py"))
        for line, module, name in private_imports(path.read_text(encoding="utf-8"))
    ]
    assert offences == []


def test_a_private_import_is_found() -> None:
    """The check above is not blind: a planted underscore import, plain or in a group, is seen."""
    source = (
        "from trainer.store.attempts import record_turn\n"
        "from trainer.store.rows import (\n    member,\n    _E as E,\n)\n"
        "from os import _exit\n"
    )
    assert private_imports(source) == [(2, "trainer.store.rows", "_E")]
