"""Writing a file the user named (an export, a recorded test) so that no write can destroy one.

The text goes to a temporary file beside the target, is flushed to disk, and only then renamed
over it: a crash or a kill leaves the old file whole, never half of each. A file that exists is
replaced only when asked (`force`), and a SQLite database, the database in use, and its
write-ahead log and shared-memory files are never replaced, forced or not.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TextIO

from trainer.errors import TrainerError

SQLITE_HEADER = b"SQLite format 3\x00"
# The first bytes of a write-ahead log (the two byte orders of its checksums).
_WAL_MAGIC = (b"\x37\x7f\x06\x82", b"\x37\x7f\x06\x83")
_SIDE_SUFFIXES = ("-wal", "-shm", "-journal")


class OutputError(TrainerError):
    """A file that will not be written, with why, in words for the user."""


def check_target(path: Path, *, force: bool = False, protect: Iterable[Path] = ()) -> None:
    """Refuse `path` as a target when writing it could destroy something; see the module."""
    for database in protect:
        for guarded in (database, *(_side(database, suffix) for suffix in _SIDE_SUFFIXES)):
            if _same_file(path, guarded):
                raise OutputError(
                    f"{path} is the database in use{_role(guarded)}; write to another file"
                )
    if path.is_dir():
        raise OutputError(f"{path} is a folder; give the name of a file to write")
    if not path.parent.is_dir():
        raise OutputError(f"the folder {path.parent} does not exist")
    if not path.exists():
        return
    if not stat.S_ISREG(path.stat().st_mode):
        raise OutputError(f"{path} is not a regular file; give the name of a file to write")
    if _is_sqlite(path):
        raise OutputError(
            f"{path} is a SQLite database; trainer never writes over one, forced or not"
        )
    if not force:
        raise OutputError(f"{path} already exists; add --force to replace it")


@contextlib.contextmanager
def safe_output(
    path: Path | str, *, force: bool = False, protect: Iterable[Path] = ()
) -> Iterator[TextIO]:
    """A text stream whose content replaces `path` atomically when the block ends without error.

    Nothing is left behind on an error: the temporary file is removed and `path` is as it was.
    The new file is readable by its owner only (0600): exports hold trainees' records.
    """
    target = Path(path).expanduser()
    protected = list(protect)
    check_target(target, force=force, protect=protected)
    try:
        handle, temporary = tempfile.mkstemp(
            dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
        )
    except OSError as error:
        raise OutputError(f"cannot write {target}: {error.strerror or error}") from error
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        # Checked again: the file may have appeared, or become a database, while we wrote.
        check_target(target, force=force, protect=protected)
        _move_into_place(temporary, target, force=force)
    except OSError as error:
        raise OutputError(f"cannot write {target}: {error.strerror or error}") from error
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
    _sync_folder(target.parent)


@contextlib.contextmanager
def safe_path(path: Path, *, protect: Iterable[Path] = ()) -> Iterator[Path]:
    """An empty private file beside `path` for the caller to fill (a database copy); moved to
    `path` when the block ends without error, never over an existing file."""
    protected = list(protect)
    check_target(path, protect=protected)
    try:
        handle, temporary = tempfile.mkstemp(
            dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
        )
    except OSError as error:
        raise OutputError(f"cannot write {path}: {error.strerror or error}") from error
    os.close(handle)
    try:
        yield Path(temporary)
        check_target(path, protect=protected)
        _move_into_place(temporary, path, force=False)
    except OSError as error:
        raise OutputError(f"cannot write {path}: {error.strerror or error}") from error
    finally:
        for leftover in (temporary, temporary + "-journal"):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(leftover)
    _sync_folder(path.parent)


def write_text(
    path: Path | str, text: str, *, force: bool = False, protect: Iterable[Path] = ()
) -> None:
    """`text` written to `path` through `safe_output`."""
    with safe_output(path, force=force, protect=protect) as stream:
        stream.write(text)


def _move_into_place(temporary: str, target: Path, *, force: bool) -> None:
    if force:
        os.replace(temporary, target)
        return
    # A hard link fails if the name exists: no file that appeared meanwhile is replaced.
    try:
        os.link(temporary, target)
    except FileExistsError as error:
        raise OutputError(f"{target} already exists; add --force to replace it") from error
    except OSError:
        if target.exists():
            raise
        os.replace(temporary, target)  # a file system without hard links


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable; not every platform can open a folder."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass  # some file systems cannot sync a folder; the data itself is synced
    finally:
        os.close(descriptor)


def _side(database: Path, suffix: str) -> Path:
    return database.with_name(database.name + suffix)


def _role(path: Path) -> str:
    for suffix, role in (("-wal", "'s write-ahead log"), ("-shm", "'s shared memory")):
        if path.name.endswith(suffix):
            return role
    return "'s journal" if path.name.endswith("-journal") else ""


def _same_file(a: Path, b: Path) -> bool:
    """Whether two paths name one file: the same path resolved, or the same inode."""
    try:
        if a.resolve() == b.resolve():
            return True
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def _is_sqlite(path: Path) -> bool:
    """Whether the file is a SQLite database, its log or its shared memory, by what it holds."""
    try:
        with path.open("rb") as stream:
            head = stream.read(len(SQLITE_HEADER))
    except OSError:
        return False
    if head == SQLITE_HEADER or head[:4] in _WAL_MAGIC:
        return True
    for suffix in _SIDE_SUFFIXES:
        if path.name.endswith(suffix):
            main = path.with_name(path.name.removesuffix(suffix))
            if main.is_file() and _is_sqlite(main):
                return True
    return False
