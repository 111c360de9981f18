"""Open a trainer database: check what the file is, migrate it, and turn SQLite errors into ours."""

from __future__ import annotations

import contextlib
import errno
import functools
import os
import sqlite3
import stat
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Concatenate, ParamSpec, TypeVar

from trainer.errors import StoreError
from trainer.store import schema

DEFAULT_TIMEOUT = 5.0  # seconds a write waits for another process's write to finish

# FULL makes every commit durable across a power cut, not only a crash of the program; a turn is
# written every few seconds at most, so the fsync it costs is not felt (see bench_store.py).
SYNCHRONOUS = "FULL"
SIDE_SUFFIXES = ("-wal", "-shm")
PRIVATE_MODE = 0o600  # every transcript and PIN hash is in the file: its owner's alone


def utc_now() -> str:
    """Now, as stored: ISO-8601 in UTC with microseconds, so that text order is time order."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


def parse_timestamp(text: str) -> datetime:
    return datetime.fromisoformat(text)


class Store:
    """An open trainer database: its connection (`conn`) and the path it was opened at.

    Functions of `trainer.store` may be called from several threads (Textual workers): each
    takes the store's lock for the length of its statements and transaction. They write
    parameterised SQL on `conn` with explicit transactions (BEGIN IMMEDIATE where they read
    first).
    """

    def __init__(
        self, conn: sqlite3.Connection, path: Path, timeout: float, *, read_only: bool = False
    ) -> None:
        self.conn = conn
        self.path = path
        self.timeout = timeout
        self.read_only = read_only  # opened by `open_store_to_read` on a file it cannot write
        self.lock = threading.RLock()
        self.on_close: Callable[[], None] | None = None

    def close(self) -> None:
        with self.lock:
            self.conn.close()
            if self.on_close is not None:
                self.on_close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({str(self.path)!r})"


P = ParamSpec("P")
R = TypeVar("R")


def store_operation(
    function: Callable[Concatenate[Store, P], R],
) -> Callable[Concatenate[Store, P], R]:
    """Run a public store function with the store's lock held and SQLite errors translated."""

    @functools.wraps(function)
    def wrapper(store: Store, /, *args: P.args, **kwargs: P.kwargs) -> R:
        with store.lock, translated_errors(store.path, store.timeout):
            return function(store, *args, **kwargs)

    return wrapper


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """`BEGIN IMMEDIATE` ... `COMMIT`, rolled back on any error.

    IMMEDIATE takes the write lock before the first read: a deferred transaction that reads and
    then writes cannot wait for another writer (SQLite returns "database is locked" at once,
    without the busy timeout), so concurrent trainers would lose writes.
    """
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


@contextmanager
def translated_errors(path: Path, timeout: float = DEFAULT_TIMEOUT) -> Iterator[None]:
    try:
        yield
    except sqlite3.Error as error:
        raise StoreError(describe_error(error, path, timeout)) from error


def describe_error(error: sqlite3.Error, path: Path, timeout: float = DEFAULT_TIMEOUT) -> str:
    """One sentence a trainee or their mentor can act on, for an error SQLite raised on `path`."""
    code = (getattr(error, "sqlite_errorcode", None) or 0) & 0xFF
    if code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        return (
            f"the database {path} is busy: another trainer kept it locked for more than "
            f"{timeout:g} seconds; try again"
        )
    if code == sqlite3.SQLITE_READONLY:
        return f"the database {path} is read-only"
    if code == sqlite3.SQLITE_CANTOPEN:
        folder = path.parent
        if not folder.is_dir():
            return f"cannot open the database {path}: the folder {folder} does not exist"
        if not os.access(folder, os.W_OK):
            return f"the database {path} is read-only: its folder {folder} cannot be written"
        return f"cannot open the database {path}"
    if code == sqlite3.SQLITE_FULL:
        return f"cannot write to the database {path}: the disk is full"
    if code == sqlite3.SQLITE_NOTADB:
        return f"{path} is not a trainer database"
    if code == sqlite3.SQLITE_CORRUPT:
        return f"the database {path} is damaged; restore it from a backup"
    if code in (sqlite3.SQLITE_PERM, sqlite3.SQLITE_AUTH):
        return f"no permission to use the database {path}"
    if code == sqlite3.SQLITE_IOERR:
        return f"could not read or write the database {path} (input/output error)"
    if isinstance(error, sqlite3.ProgrammingError) and "closed" in str(error):
        return f"the database {path} has been closed"
    return f"the database {path} could not be used: {error}"


def open_store(path: Path, *, timeout: float = DEFAULT_TIMEOUT) -> Store:
    """Open the trainer database at `path`, creating it on first use and migrating it forward.

    The file is inspected through a read-only connection first, so a file of another program,
    or one written by a newer trainer, is refused without a byte of it being changed.
    Stale attempts are not abandoned here: call `abandon_stale_attempts` when the app starts.
    """
    path = Path(path)
    if path.is_dir():
        raise StoreError(f"{path} is a folder, not a database file")
    if _is_special_file(path):  # opening a FIFO waits forever; a device is never a database
        raise StoreError(
            f"{path} is not a regular file (a FIFO or a device?); it cannot be a database"
        )
    if not path.parent.is_dir():
        raise StoreError(
            f"cannot open the database {path}: the folder {path.parent} does not exist"
        )
    sides = [path.with_name(path.name + suffix) for suffix in SIDE_SUFFIXES]
    present = {side for side in sides if side.exists()}
    try:
        with translated_errors(path, timeout):
            if path.exists():
                _inspect_read_only(path, timeout)
            else:
                _create_private(path)
            conn = sqlite3.connect(
                path, timeout=timeout, isolation_level=None, check_same_thread=False
            )
            try:
                _prepare(conn, path, timeout)
            except BaseException:
                conn.close()
                raise
    except BaseException:
        _remove_side_files(sides, present)
        raise
    return Store(conn, path, timeout)


def open_store_to_read(path: Path, *, timeout: float = DEFAULT_TIMEOUT) -> Store:
    """Open the database for a command that only reads it (an export, analytics).

    As `open_store`, but a database the user may not write (an archived copy, a file made
    immutable, a read-only folder) is opened read-only instead of refused, provided it is a
    trainer database of this version: an older one needs the migration only a write can do.
    """
    path = Path(path)
    try:
        return open_store(path, timeout=timeout)
    except StoreError:
        if not path.is_file() or (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)):
            raise  # not a matter of write access: the reason stands
    sides = [path.with_name(path.name + suffix) for suffix in SIDE_SUFFIXES]
    present = {side for side in sides if side.exists()}
    try:
        with translated_errors(path, timeout):
            conn = _connect_read_only(path, timeout)
    except BaseException:
        _remove_side_files(sides, present)
        raise
    try:
        version = _check_identity(conn, path)
    except BaseException:
        conn.close()
        raise
    if version != len(schema.MIGRATIONS):
        conn.close()
        raise StoreError(
            f"the database {path} is read-only and was written by an older trainer (schema "
            f"{version}); open a writable copy of it once to bring it up to date"
        )
    store = Store(conn, path, timeout, read_only=True)
    # A reader cannot fold its write-ahead log back in: the side files it made go with it.
    store.on_close = functools.partial(_remove_side_files, sides, present)
    return store


def _connect_read_only(path: Path, timeout: float) -> sqlite3.Connection:
    """A read-only connection; `immutable` only when the write-ahead log's shared memory cannot
    be made (a read-only folder), where nobody can be writing through this path anyway."""
    base = path.resolve().as_uri()
    conn = sqlite3.connect(
        f"{base}?mode=ro", uri=True, timeout=timeout, isolation_level=None, check_same_thread=False
    )
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError:
        conn.close()
    return sqlite3.connect(
        f"{base}?mode=ro&immutable=1",
        uri=True,
        timeout=timeout,
        isolation_level=None,
        check_same_thread=False,
    )


def _is_special_file(path: Path) -> bool:
    try:
        return not stat.S_ISREG(path.stat().st_mode)
    except OSError:  # missing (to be created) or unreadable: SQLite's own error says which
        return False


def _create_private(path: Path) -> None:
    """Create the empty database file readable and writable by its owner only (0600).

    SQLite gives the write-ahead log and shared-memory files the database's mode, so they
    are private too. Another trainer creating the same file at this moment is no error.
    """
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_MODE)
    except FileExistsError:
        return
    except OSError as error:
        if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            message = (
                f"the database {path} is read-only: its folder {path.parent} cannot be written"
            )
        else:
            message = f"cannot create the database {path}: {error.strerror}"
        raise StoreError(message) from error
    os.close(descriptor)


def _remove_side_files(sides: list[Path], present: set[Path]) -> None:
    """Remove the -wal and -shm files this refused open created, so they do not outlive it.

    Left behind, they keep the mode of a read-only database and make it unwritable later.
    Only files that were not there before are touched (another trainer's are its own), and
    never a log holding data.
    """
    created = [side for side in sides if side not in present and side.exists()]
    if any(side.name.endswith("-wal") and side.stat().st_size > 0 for side in created):
        return
    for side in created:
        with contextlib.suppress(OSError):
            side.unlink()


def _inspect_read_only(path: Path, timeout: float) -> None:
    uri = f"{path.resolve().as_uri()}?mode=ro"
    conn = sqlite3.connect(uri, uri=True, timeout=timeout, isolation_level=None)
    try:
        _check_identity(conn, path)
    finally:
        conn.close()


def _check_identity(conn: sqlite3.Connection, path: Path) -> int:
    """The schema version of a database that is ours or still empty; refuses any other."""
    # One statement, so one snapshot: another trainer may be creating the schema right now.
    version, application_id, objects = conn.execute(
        "SELECT (SELECT user_version FROM pragma_user_version), "
        "(SELECT application_id FROM pragma_application_id), "
        "(SELECT count(*) FROM sqlite_master)"
    ).fetchone()
    empty = application_id == 0 and version == 0 and objects == 0
    if not empty and application_id != schema.APPLICATION_ID:
        raise StoreError(f"{path} is not a trainer database")
    latest = len(schema.MIGRATIONS)
    if version > latest:
        raise StoreError(
            f"{path} was written by a newer trainer (schema {version}, this one knows up to "
            f"{latest}); upgrade trainer"
        )
    return int(version)


def _switch_to_wal(conn: sqlite3.Connection, timeout: float) -> str:
    """Set WAL mode, retrying while other trainers hold the file: SQLite does not wait here.

    The switch needs the file to itself, and SQLite answers "busy" at once rather than call the
    busy handler (several trainers opening a new file together would otherwise fail).
    """
    deadline = time.monotonic() + timeout
    while True:
        try:
            return str(conn.execute("PRAGMA journal_mode = WAL").fetchone()[0])
        except sqlite3.OperationalError as error:
            code = (getattr(error, "sqlite_errorcode", None) or 0) & 0xFF
            if code != sqlite3.SQLITE_BUSY or time.monotonic() >= deadline:
                raise
            time.sleep(0.005)


def _prepare(conn: sqlite3.Connection, path: Path, timeout: float) -> None:
    conn.execute("PRAGMA foreign_keys = ON")
    mode = _switch_to_wal(conn, timeout)
    if str(mode).lower() != "wal":
        raise StoreError(f"the database {path} cannot use write-ahead logging (mode {mode})")
    conn.execute(f"PRAGMA synchronous = {SYNCHRONOUS}")
    # The write lock is taken even when there is nothing to migrate: setting user_version
    # (rolled back) proves now, rather than at the first turn, that the file can be written.
    conn.execute("BEGIN IMMEDIATE")
    try:
        version = _check_identity(conn, path)
        conn.execute(f"PRAGMA user_version = {version}")
        pending = schema.MIGRATIONS[version:]
        for number, migration in enumerate(pending, start=version + 1):
            for statement in migration:
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {number}")
        conn.execute("COMMIT" if pending else "ROLLBACK")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
