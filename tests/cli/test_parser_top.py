"""`trainer` alone parses with the top-level options only, and every command line reads, prints
and exits exactly as the whole parser makes it."""

from __future__ import annotations

import argparse
import contextlib
import io
import subprocess
import sys
from collections.abc import Callable, Sequence

import pytest

from tests.conftest import REPO
from trainer.cli import parse, parser

Outcome = tuple[object, str, str]


def outcome(parse: Callable[[Sequence[str]], argparse.Namespace], argv: list[str]) -> Outcome:
    """(the namespace's fields or the exit status, stdout, stderr) of parsing `argv`."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            result: object = vars(parse(argv))
        except SystemExit as leaving:
            result = ("exit", leaving.code)
    return result, out.getvalue(), err.getvalue()


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["--db", "x.db", "--content", "c", "--no-cache", "--debug"],
        ["--db=x.db"],
        ["--no-c"],  # an abbreviation argparse accepts
        ["--d"],  # ambiguous: --db or --debug
        ["--db"],  # no value
        ["--debug=1"],
        ["-h"],
        ["--help"],
        ["--he"],
        ["--version"],
        ["--content", "list"],  # a folder named like a command
        ["list"],
        ["--db", "x.db", "mentor"],
        ["mentor", "--help"],
        ["validate", "--strict", "scenarios"],
        ["nope"],
        ["-x"],
        ["--"],
        ["--db", "x.db", "--", "list"],
    ],
)
def test_a_command_line_parses_as_the_whole_parser_parses_it(argv: list[str]) -> None:
    whole = outcome(lambda given: parser.build().parse_args(given), argv)
    assert outcome(parse, argv) == whole


def test_help_lists_the_commands() -> None:
    result, out, _ = outcome(parse, ["--help"])
    assert result == ("exit", 0)
    assert "commands:" in out and "validate" in out and "mentor" in out


def test_the_app_alone_does_not_build_the_sub_commands() -> None:
    script = (
        "import sys; from trainer.cli import parse; args = parse(['--db', 'x.db']); "
        "print(args.db, *sorted(m for m in sys.modules if m.startswith('trainer.cli.')))"
    )
    shown = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO, check=True
    ).stdout.split()
    assert shown == ["x.db", "trainer.cli.parser_top"]
