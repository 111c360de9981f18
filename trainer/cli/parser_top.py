"""How `trainer` reads its command line: the app's own options parsed with no sub-command built.

`trainer` alone (perhaps with --db, --content, ...) starts the app, and is the one command line
whose start-up a person waits on: `app_options` reads it with the top-level options only, and
leaves anything else (a sub-command, help, a mistake) to the whole parser, `trainer.cli.parser`.
The app's options spelled out in full are read without importing argparse at all (importing it
costs every start about 3 ms); any other spelling goes to argparse, which reads it as ever.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from types import SimpleNamespace
from typing import TYPE_CHECKING, NoReturn, cast

from trainer import __version__

if TYPE_CHECKING:
    import argparse

# The app's options as `plain_app_options` reads them: the flags, and those taking a value.
_FLAGS = {"--no-cache": "no_cache", "--debug": "debug"}
_VALUES = {"--content": "content", "--db": "db"}


def common_options(suppress: bool) -> argparse.ArgumentParser:
    """The options every command takes, before or after the command's name.

    On the commands themselves the defaults are suppressed, so an option given before the
    command (`trainer --content X validate`) is not reset by the command's own default.
    """
    import argparse

    common = argparse.ArgumentParser(add_help=False)
    default: dict[str, object] = {"default": argparse.SUPPRESS} if suppress else {}
    common.add_argument(
        "--content",
        metavar="DIR",
        **default,  # type: ignore[arg-type]
        help="content folder to use instead of the bundled one (or set TRAINER_CONTENT)",
    )
    common.add_argument(
        "--db",
        metavar="FILE",
        **default,  # type: ignore[arg-type]
        help="database of trainees and attempts (or set TRAINER_DB; default: your data folder)",
    )
    common.add_argument(
        "--no-cache",
        action="store_true",
        help="read and check every content file, neither using nor saving the content cache",
        **default,  # type: ignore[arg-type]
    )
    common.add_argument(
        "--debug",
        action="store_true",
        help="show tracebacks of unexpected errors",
        **default,  # type: ignore[arg-type]
    )
    return common


class _NotTheApp(Exception):
    """The command line is not `trainer` with top-level options alone."""


def plain_app_options(argv: Sequence[str]) -> argparse.Namespace | None:
    """The app's options when every one is spelled in full (`--db FILE`, `--db=FILE`,
    `--content DIR`, `--no-cache`, `--debug`), read without argparse; None for any other
    command line (an abbreviation, a value that looks like an option, a command, help).

    What it reads, argparse reads the same way: tests compare the two on every spelling.
    """
    fields: dict[str, object] = {"content": None, "db": None, "no_cache": False, "debug": False}
    tokens = iter(argv)
    for token in tokens:
        name, equals, value = token.partition("=")
        if name in _VALUES:
            if not equals:
                following = next(tokens, None)
                if following is None or following.startswith("-"):
                    return None  # argparse's to judge: a mistake, or a negative number
                value = following
            fields[_VALUES[name]] = value
        elif token in _FLAGS:
            fields[_FLAGS[token]] = True
        else:
            return None
    # Read like argparse's namespace (attributes, `vars`), which the commands are typed with.
    return cast("argparse.Namespace", SimpleNamespace(**fields))


def app_options(argv: Sequence[str] | None = None) -> argparse.Namespace | None:
    """The options of `trainer` alone (the app, perhaps with top-level options), parsed with
    no sub-command built; None for any other command line (a sub-command, help, a mistake),
    which the whole parser (`trainer.cli.parser.build`) reads, prints and exits for as ever."""
    given = sys.argv[1:] if argv is None else argv
    plain = plain_app_options(given)
    if plain is not None:
        return plain
    import argparse

    class TopLevel(argparse.ArgumentParser):
        """The top-level options without the sub-commands, which give way to the whole parser."""

        def error(self, message: str) -> NoReturn:
            raise _NotTheApp(message)

    top = TopLevel(prog="trainer", add_help=False, parents=[common_options(suppress=False)])
    top.add_argument("--version", action="version", version=f"trainer {__version__}")
    try:
        args, rest = top.parse_known_args(given)
    except _NotTheApp:
        return None
    return None if rest else args
