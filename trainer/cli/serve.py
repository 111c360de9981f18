"""`trainer serve`: the app for a whole team, in their browsers, through textual-serve."""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path

from rich.console import Console
from rich.text import Text

from trainer.content.loader import load_content
from trainer.content.paths import resolve_content_dir
from trainer.errors import TrainerError

SERVE_REQUIREMENT = "textual-serve>=1.1"  # as the `serve` extra in pyproject.toml


def run_serve(args: argparse.Namespace, out: Console, err: Console) -> int:
    try:
        from textual_serve.server import Server
    except ImportError as error:
        # The trainer may come from a source folder, not an index: name the package itself,
        # which installs the same way however the trainer was installed.
        raise TrainerError(
            f"trainer serve needs textual-serve: {sys.executable} -m pip install "
            f"'{SERVE_REQUIREMENT}' (or, in the trainer's source folder, pip install '.[serve]')"
        ) from error
    from trainer.cli.database import database_path
    from trainer.store.database import open_store

    content_dir = resolve_content_dir(args.content)
    load_content(content_dir)  # refuse broken content here, not in every browser
    db_path = database_path(args)
    open_store(db_path).close()  # likewise a database that cannot be used
    command = shlex.join(
        [sys.executable, "-m", "trainer", "--content", str(content_dir), "--db", str(Path(db_path))]
    )
    out.print(Text(f"Serving the trainer at http://{args.host}:{args.port} (Ctrl+C stops it)"))
    Server(command, host=args.host, port=args.port, title="Call trainer").serve()
    return 0
