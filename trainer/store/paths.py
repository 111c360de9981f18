"""Where the database lives: `--db`, else $TRAINER_DB, else the user's data folder."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from trainer.errors import StoreError

ENV_DB = "TRAINER_DB"
DB_FILENAME = "trainer.db"


def default_db_path() -> Path:
    """The database in the user's data folder (created by `resolve_db_path` when missing)."""
    return Path(platformdirs.user_data_dir("trainer")) / DB_FILENAME


def resolve_db_path(option: str | os.PathLike[str] | None) -> Path:
    """The database to use: `option`, else $TRAINER_DB, else `default_db_path()`.

    Only the default folder is created: a path the user typed whose folder does not exist is
    more likely a typo than a wish for a new folder.
    """
    chosen = option if option is not None else os.environ.get(ENV_DB) or None
    if chosen is None:
        path = default_db_path()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreError(
                f"cannot create the folder {path.parent} for the database: {error.strerror}"
            ) from error
        return path
    path = Path(chosen).expanduser()
    if path.is_dir():
        raise StoreError(f"{path} is a folder; give the path of a database file inside it")
    if not path.parent.is_dir():
        raise StoreError(
            f"the folder {path.parent} for the database {path.name} does not exist; "
            "create it or choose another path"
        )
    return path
