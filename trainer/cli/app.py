"""`trainer` and `trainer mentor`: the app, which loads its content once its first screen shows."""

from __future__ import annotations

import argparse

from rich.console import Console

from trainer.cli.database import database_path
from trainer.content.cache import ContentCache
from trainer.content.paths import resolve_content_dir
from trainer.ui.app import run_app


def run_trainee(args: argparse.Namespace, out: Console, err: Console) -> int:
    return run_app(resolve_content_dir(args.content), database_path(args), cache=_cache(args))


def run_mentor(args: argparse.Namespace, out: Console, err: Console) -> int:
    return run_app(
        resolve_content_dir(args.content), database_path(args), mentor=True, cache=_cache(args)
    )


def _cache(args: argparse.Namespace) -> ContentCache | None:
    return None if args.no_cache else ContentCache()
