"""The `trainer` command line: the app by default, and tools to list, validate, play and test.

`main` parses the command line (`trainer.cli.parser_top`, which builds the sub-commands of
`trainer.cli.parser` only when one is given), imports the one module that runs the command,
and is the edge where errors become one line for the user and an exit status.
"""

from __future__ import annotations

import importlib
import traceback
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from rich.console import Console
from rich.text import Text

from trainer.cli import parser_top
from trainer.errors import TrainerError

if TYPE_CHECKING:
    import argparse

EXIT_FAILED = 1
APP = "app:run_trainee"  # what `trainer` with no command runs

Command = Callable[["argparse.Namespace", Console, Console], int]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return the exit status."""
    args = parse(argv)
    out = Console(highlight=False, soft_wrap=True)
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    try:
        return command(getattr(args, "run", APP))(args, out, err)
    except TrainerError as error:
        # Imported here: compiling its patterns would cost every start of the app ~3 ms.
        from trainer.text import visible

        err.print(Text(visible(f"trainer: {error}")))
        return EXIT_FAILED
    except KeyboardInterrupt:
        err.print(Text("trainer: interrupted"))
        return 130
    except Exception as error:  # the edge: one line for the user, the traceback in the log
        if args.debug:
            raise
        err.print(Text(f"trainer: unexpected error: {type(error).__name__}: {error} ({_log()})"))
        return EXIT_FAILED


def parse(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """The parsed command line: `trainer` alone (the app) without building a sub-command, any
    other command line by the whole parser, which prints help and mistakes as ever."""
    args = parser_top.app_options(argv)
    if args is None:
        from trainer.cli import parser  # imported here: the app never builds the sub-commands

        args = parser.build().parse_args(argv)
    return args


def _log() -> str:
    """Write the traceback to the error log; say where it is, or that it could not be written."""
    # Imported here: the store is not loaded by commands that do not need it.
    from trainer.store.paths import write_error_log

    details = traceback.format_exc()
    try:
        path = write_error_log(details)
    except (OSError, TrainerError) as problem:
        reason = getattr(problem, "strerror", None) or problem
        return f"the details could not be logged: {reason}; run with --debug to see them"
    return f"details in {path}; run with --debug to see them here"


def command(name: str) -> Command:
    """The function behind a command's "module:function" name, importing only its module."""
    module, function = name.split(":")
    run: Command = getattr(importlib.import_module(f"trainer.cli.{module}"), function)
    return run
