"""The database a command works on: `--db`, else $TRAINER_DB, else the user's data folder.

Resolved here, at the edge, and only by the commands that use a database (resolving the default
creates the data folder): what lies past the command line gets a `Path` or an open `Store`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from trainer.store.database import Store, open_store
from trainer.store.paths import resolve_db_path

if TYPE_CHECKING:
    import argparse


def database_path(args: argparse.Namespace) -> Path:
    """The database file the command line names; a StoreError for a folder or a missing one."""
    return resolve_db_path(args.db)


def open_database(args: argparse.Namespace) -> Store:
    """The database the command line names, open (created with its schema when new)."""
    return open_store(database_path(args))
