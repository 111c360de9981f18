"""How `trainer` reads its command line: the app's own options parsed with no sub-command built.

`trainer` alone (perhaps with --db, --content, ...) starts the app, and is the one command line
whose start-up a person waits on: `app_options` reads it with the top-level options only, and
leaves anything else (a sub-command, help, a mistake) to the whole parser, `trainer.cli.parser`.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import NoReturn

from trainer import __version__


def common_options(suppress: bool) -> argparse.ArgumentParser:
    """The options every command takes, before or after the command's name.

    On the commands themselves the defaults are suppressed, so an option given before the
    command (`trainer --content X validate`) is not reset by the command's own default.
    """
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


class _TopLevel(argparse.ArgumentParser):
    """The top-level options without the sub-commands, which give way to the whole parser."""

    def error(self, message: str) -> NoReturn:
        raise _NotTheApp(message)


def app_options(argv: Sequence[str] | None = None) -> argparse.Namespace | None:
    """The options of `trainer` alone (the app, perhaps with top-level options), parsed with
    no sub-command built; None for any other command line (a sub-command, help, a mistake),
    which the whole parser (`trainer.cli.parser.build`) reads, prints and exits for as ever."""
    top = _TopLevel(prog="trainer", add_help=False, parents=[common_options(suppress=False)])
    top.add_argument("--version", action="version", version=f"trainer {__version__}")
    try:
        args, rest = top.parse_known_args(argv)
    except _NotTheApp:
        return None
    return None if rest else args
