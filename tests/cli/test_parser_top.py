"""`trainer` alone parses with the top-level options only, and every command line reads, prints
and exits exactly as the whole parser makes it."""

from __future__ import annotations

import argparse
import contextlib
import io
import itertools
import subprocess
import sys
from collections.abc import Callable, Sequence

import pytest

from tests.conftest import REPO
from trainer.cli import parse, parser
from trainer.cli.parser_top import plain_app_options

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
        # read without argparse, or handed to it: each must come out as argparse reads it
        ["--db", "-1"],  # a negative number is a value to argparse
        ["--db", "-x"],
        ["--db=-x"],
        ["--db", ""],
        ["--db=", "--no-cache"],
        ["--db", "a", "--db", "b"],
        ["--content=x=y"],
        ["--no-cache", "--no-cache"],
        ["--db", "--debug"],
        ["--debug", "--db"],
        ["--DB", "x"],
        ["--db", "x", "extra"],
        ["--db", "x.db", "--version"],
    ],
)
def test_a_command_line_parses_as_the_whole_parser_parses_it(argv: list[str]) -> None:
    whole = outcome(lambda given: parser.build().parse_args(given), argv)
    assert outcome(parse, argv) == whole


def test_help_lists_the_commands() -> None:
    result, out, _ = outcome(parse, ["--help"])
    assert result == ("exit", 0)
    assert "commands:" in out and "validate" in out and "mentor" in out


def test_the_app_alone_builds_no_parser_at_all() -> None:
    """`trainer --db FILE` is read without argparse: importing it costs every start ~3 ms."""
    script = (
        "import sys; from trainer.cli import parse; args = parse(['--db', 'x.db']); "
        "print(args.db, *sorted(m for m in sys.modules if m.startswith('trainer.cli.') "
        "or m in ('argparse', 'gettext')))"
    )
    shown = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO, check=True
    ).stdout.split()
    assert shown == ["x.db", "trainer.cli.parser_top"]


TOKENS = ["--db", "--db=", "--db=a", "a", "-a", "-1", "--content", "--no-cache", "--debug", "--"]


def test_whatever_is_read_without_argparse_is_what_argparse_reads() -> None:
    """Every command line of up to four of these tokens: the plain reader either declines or
    gives exactly the fields the whole parser gives."""
    whole = parser.build()
    read = 0
    for length in range(5):
        for argv in itertools.product(TOKENS, repeat=length):
            plain = plain_app_options(argv)
            if plain is None:
                continue
            read += 1
            assert outcome(whole.parse_args, list(argv)) == (vars(plain), "", ""), argv
    assert read > 100  # the common spellings are read, not all handed on


@pytest.mark.parametrize(
    "argv",
    [[], ["--db", "x.db"], ["--db=x.db", "--content", "c", "--no-cache", "--debug"]],
)
def test_the_app_s_options_in_full_are_read_without_argparse(argv: list[str]) -> None:
    assert plain_app_options(argv) is not None
