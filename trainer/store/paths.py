"""Where trainer keeps its files: the database (`--db`, else $TRAINER_DB, else the user's data
folder) and the error log, both private to the user who runs it."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import platformdirs

from trainer.errors import StoreError

ENV_DB = "TRAINER_DB"
DB_FILENAME = "trainer.db"
LOG_FILENAME = "trainer-error.log"
PRIVATE_FOLDER = 0o700  # the data folder: transcripts and PIN hashes are nobody else's to read
PRIVATE_FILE = 0o600


def data_folder() -> Path:
    """The user's trainer folder, created private (0700) when missing."""
    folder = Path(platformdirs.user_data_dir("trainer"))
    try:
        folder.mkdir(mode=PRIVATE_FOLDER, parents=True, exist_ok=True)
        info = folder.lstat()
        # A folder an earlier trainer left readable to all is trainer's own: make it private.
        mine = not hasattr(os, "getuid") or info.st_uid == os.getuid()
        if stat.S_ISDIR(info.st_mode) and mine and info.st_mode & 0o077:
            folder.chmod(PRIVATE_FOLDER)
    except OSError as error:
        raise StoreError(
            f"cannot create the folder {folder} for trainer's files: {error.strerror}"
        ) from error
    return folder


def write_error_log(text: str) -> Path:
    """Write `text` to the error log and return its path; an OSError if it cannot be written.

    Opened without following a symbolic link and created private (0600): another user who
    plants a link or a file there gets neither the user's file overwritten nor the details.
    """
    path = data_folder() / LOG_FILENAME
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0)
    descriptor = os.open(path, flags, PRIVATE_FILE)
    with os.fdopen(descriptor, "w", encoding="utf-8") as log:
        if hasattr(os, "fchmod"):  # an older log, created before it was private
            os.fchmod(log.fileno(), PRIVATE_FILE)
        log.write(text)
    return path


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
        return data_folder() / DB_FILENAME
    path = Path(chosen).expanduser()
    if path.is_dir():
        raise StoreError(f"{path} is a folder; give the path of a database file inside it")
    if not path.parent.is_dir():
        raise StoreError(
            f"the folder {path.parent} for the database {path.name} does not exist; "
            "create it or choose another path"
        )
    return path
