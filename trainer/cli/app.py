"""`trainer` and `trainer mentor`: the app, which loads its content once its first screen shows."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.console import Console

from trainer.cli.database import database_path
from trainer.content.paths import resolve_content_dir
from trainer.ui.app import run_app

if TYPE_CHECKING:
    import argparse

    from trainer.content.cache import ContentCache


def run_trainee(args: argparse.Namespace, out: Console, err: Console) -> int:
    return run_app(resolve_content_dir(args.content), database_path(args), cache=_cache(args))


def run_mentor(args: argparse.Namespace, out: Console, err: Console) -> int:
    return run_app(
        resolve_content_dir(args.content), database_path(args), mentor=True, cache=_cache(args)
    )


def _cache(args: argparse.Namespace) -> Callable[[], ContentCache] | None:
    """The content cache, made by the app's content worker: the cache's module is not on the
    way to the first screen."""
    return None if args.no_cache else _user_cache


def _user_cache() -> ContentCache:
    from trainer.content.cache import ContentCache

    return ContentCache()
