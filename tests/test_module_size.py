"""No module over 500 lines without a reason at its top: a long module is split where a split is
natural, or says in a `Size:` line of its docstring (or a `# Size:` comment above its imports)
why it is better whole. A reason buys room up to a hard limit, past which it is split anyway."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHECKED = ("trainer", "benchmarks", "tests")  # the code a newcomer reads, tests included
LIMIT = 500
HARD_LIMIT = 750
# A reason is a sentence, not a word: "Size: big" says nothing a reader can weigh.
SIZE_LINE = re.compile(r"^\s*(?:#\s*)?Size:\s*(?P<reason>.*\S)\s*$")
MIN_REASON_WORDS = 6


def top_lines(source: str) -> list[str]:
    """The module's top: its docstring and the comments before its first statement after it."""
    lines = source.splitlines()
    body = ast.parse(source).body
    if not body:
        return lines
    first = body[0]
    has_docstring = (
        isinstance(first, ast.Expr)
        and isinstance(first.value, ast.Constant)
        and isinstance(first.value.value, str)
    )
    code = body[1:] if has_docstring else body
    end = code[0].lineno - 1 if code else len(lines)
    return lines[:end]


def size_reason(source: str) -> str | None:
    """The reason the module's top gives for its length, if it gives one worth the name."""
    for line in top_lines(source):
        match = SIZE_LINE.match(line)
        if match and len(match["reason"].split()) >= MIN_REASON_WORDS:
            return match["reason"]
    return None


def oversized(root: Path, folders: tuple[str, ...]) -> list[str]:
    """One line per module that is too long for what its top says, with what to do about it."""
    problems = []
    for folder in folders:
        for path in sorted((root / folder).rglob("*.py")):
            source = path.read_text(encoding="utf-8")
            length = len(source.splitlines())
            where = path.relative_to(root)
            if length > HARD_LIMIT:
                problems.append(f"{where}: {length} lines, over {HARD_LIMIT}: split it")
            elif length > LIMIT and size_reason(source) is None:
                problems.append(
                    f"{where}: {length} lines, over {LIMIT}: split it, or say why it is better "
                    "whole in a `Size:` line at its top"
                )
    return problems


def test_no_module_is_too_long_without_a_reason() -> None:
    problems = oversized(ROOT, CHECKED)
    assert not problems, "\n".join(problems)


def test_the_check_reads_every_folder_it_names() -> None:
    """A folder renamed away would be checked as empty, and pass."""
    for folder in CHECKED:
        assert any((ROOT / folder).rglob("*.py")), folder


def module(lines: int, top: str = "", *, docstring: str = "A module.") -> str:
    head = f'"""{docstring}"""\n{top}from __future__ import annotations\n'
    return head + "".join(f"value_{n} = {n}\n" for n in range(lines - head.count("\n")))


REASON = "one state machine's callbacks, which read as a single table"


@pytest.mark.parametrize(
    ("source", "found"),
    [
        pytest.param(module(LIMIT), False, id="at-the-limit"),
        pytest.param(module(LIMIT + 1), True, id="one-over"),
        pytest.param(module(LIMIT + 1, f"# Size: {REASON}\n"), False, id="comment-reason"),
        pytest.param(
            module(LIMIT + 1, docstring=f"A module.\n\nSize: {REASON}\n"), False, id="docstring"
        ),
        pytest.param(module(LIMIT + 1, "# Size: it is big\n"), True, id="a-word-is-no-reason"),
        pytest.param(module(LIMIT + 1) + f"# Size: {REASON}\n", True, id="reason-at-the-bottom"),
        pytest.param(
            module(LIMIT + 1).replace("value_3 = 3\n", f"value_3 = 3\n# Size: {REASON}\n"),
            True,
            id="reason-among-the-code",
        ),
        pytest.param(module(HARD_LIMIT + 1, f"# Size: {REASON}\n"), True, id="past-the-hard-limit"),
    ],
)
def test_the_check_judges_a_planted_module(tmp_path: Path, source: str, found: bool) -> None:
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "planted.py").write_text(source, encoding="utf-8")
    problems = oversized(tmp_path, ("pkg",))
    assert bool(problems) is found, problems
    if found:
        assert problems[0].startswith(f"{Path('pkg', 'planted.py')}: ")
