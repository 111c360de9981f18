"""Mentors: a passphrase kept only as a salted scrypt hash, and a slowdown after wrong ones."""

from __future__ import annotations

import hmac
import math
import secrets
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta

from trainer.errors import StoreError
from trainer.store.database import Store, parse_timestamp, store_operation, transaction, utc_now
from trainer.store.trainees import CONTROL_CHARACTERS, SALT_BYTES, hash_pin

# scrypt's cost for a mentor's passphrase: 32 MiB and about a tenth of a second per check, twice
# a trainee PIN's, since it opens every trainee's records. Kept in the stored hash, so it can be
# raised later without breaking existing passphrases.
SCRYPT_N = 2**15
SCRYPT_R = 8
SCRYPT_P = 1
MIN_PASSPHRASE_LENGTH = 8
MAX_NAME_LENGTH = 80
# Wrong passphrases: the first FREE_FAILURES cost nothing more; each one after locks the mentor's
# sign-in for twice as long as the one before (1 s after the third), up to MAX_DELAY.
FREE_FAILURES = 2
MAX_DELAY = timedelta(minutes=5)

_MENTOR_COLUMNS = "id, name, created_at"


@dataclass(frozen=True, slots=True)
class Mentor:
    """A mentor who signed in; the passphrase hash never leaves the store."""

    id: int
    name: str
    created_at: datetime


def failure_delay(failures: int) -> timedelta:
    """How long sign-in stays refused after `failures` wrong passphrases in a row."""
    if failures <= FREE_FAILURES:
        return timedelta(0)
    # Capped before the power is taken, so a long run of failures cannot overflow.
    exponent = min(failures - FREE_FAILURES - 1, 32)
    return min(timedelta(seconds=2**exponent), MAX_DELAY)


def _mentor(row: sqlite3.Row | tuple[int, str, str]) -> Mentor:
    mentor_id, name, created_at = row
    return Mentor(int(mentor_id), name, parse_timestamp(created_at))


def _clean_name(name: str) -> str:
    cleaned = " ".join(name.split())
    if not cleaned:
        raise StoreError("a mentor needs a name")
    if len(cleaned) > MAX_NAME_LENGTH:
        raise StoreError(f"a mentor's name can be at most {MAX_NAME_LENGTH} characters")
    if CONTROL_CHARACTERS.search(cleaned):
        raise StoreError("a mentor's name cannot contain control characters")
    return cleaned


def _duration(delay: timedelta) -> str:
    """`1 second`, `45 seconds`, `2 minutes 8 seconds`: whole seconds, rounded up."""
    seconds = max(1, math.ceil(delay.total_seconds()))
    minutes, seconds = divmod(seconds, 60)
    parts = []
    if minutes:
        parts.append(f"{minutes} minute{'s' if minutes != 1 else ''}")
    if seconds:
        parts.append(f"{seconds} second{'s' if seconds != 1 else ''}")
    return " ".join(parts)


def add_mentor(store: Store, name: str, passphrase: str) -> Mentor:
    """Add a mentor; names are unique regardless of case, passphrases at least 8 characters."""
    name = _clean_name(name)
    if len(passphrase) < MIN_PASSPHRASE_LENGTH or not passphrase.strip():
        raise StoreError(f"a mentor's passphrase needs at least {MIN_PASSPHRASE_LENGTH} characters")
    salt = secrets.token_bytes(SALT_BYTES)
    passphrase_hash = hash_pin(passphrase, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    return _insert_mentor(store, name, passphrase_hash, salt.hex())


@store_operation
def _insert_mentor(store: Store, name: str, passphrase_hash: str, salt_hex: str) -> Mentor:
    conn = store.conn
    with transaction(conn):
        taken = {row[0].casefold(): row[0] for row in conn.execute("SELECT name FROM mentors")}
        if name.casefold() in taken:
            raise StoreError(f"a mentor named {taken[name.casefold()]} already exists")
        cursor = conn.execute(
            "INSERT INTO mentors (name, passphrase_hash, passphrase_salt, created_at) "
            "VALUES (?, ?, ?, ?)",
            (name, passphrase_hash, salt_hex, utc_now()),
        )
        row = conn.execute(
            f"SELECT {_MENTOR_COLUMNS} FROM mentors WHERE id = ?", (cursor.lastrowid,)
        ).fetchone()
    return _mentor(row)


@store_operation
def has_mentors(store: Store) -> bool:
    """Whether any mentor exists (the first one is added with `trainer mentor add NAME`)."""
    return store.conn.execute("SELECT 1 FROM mentors LIMIT 1").fetchone() is not None


@store_operation
def list_mentors(store: Store) -> list[Mentor]:
    """Every mentor, by name."""
    rows = store.conn.execute(
        f"SELECT {_MENTOR_COLUMNS} FROM mentors ORDER BY name COLLATE NOCASE, id"
    ).fetchall()
    return [_mentor(row) for row in rows]


@dataclass(frozen=True, slots=True)
class _Login:
    mentor: Mentor
    passphrase_hash: str
    salt_hex: str
    failures: int
    locked_until: datetime | None


def verify_mentor(
    store: Store, name: str, passphrase: str, *, now: datetime | None = None
) -> Mentor:
    """The mentor, if `passphrase` is theirs; a StoreError saying what to do otherwise.

    Wrong passphrases are counted: from the third in a row, sign-in is refused for a delay that
    doubles with each one (see `failure_delay`), so guessing is slow. The right passphrase
    resets the count. `now` is for tests; it defaults to the clock.
    """
    moment = now if now is not None else parse_timestamp(utc_now())
    login = _login(store, name)
    if login.locked_until is not None and moment < login.locked_until:
        wait = _duration(login.locked_until - moment)
        raise StoreError(
            f"too many wrong passphrases for {login.mentor.name}: wait {wait} and try again"
        )
    if _passphrase_matches(passphrase, login.passphrase_hash, login.salt_hex):
        if login.failures or login.locked_until is not None:
            _record_success(store, login.mentor.id)
        return login.mentor
    failures = _record_failure(store, login.mentor.id, moment)
    message = f"wrong passphrase for {login.mentor.name}"
    delay = failure_delay(failures)
    if delay:
        message += f" ({failures} in a row): wait {_duration(delay)} before trying again"
    raise StoreError(message)


def _passphrase_matches(passphrase: str, stored_hash: str, salt_hex: str) -> bool:
    try:
        scheme, n, r, p, _digest = stored_hash.split("$")
        if scheme != "scrypt":
            raise ValueError(scheme)
        expected = hash_pin(passphrase, bytes.fromhex(salt_hex), int(n), int(r), int(p))
    except ValueError as error:
        raise StoreError(
            "the stored passphrase of this mentor is unreadable; add the mentor again"
        ) from error
    return hmac.compare_digest(expected.encode("ascii"), stored_hash.encode("ascii"))


@store_operation
def _login(store: Store, name: str) -> _Login:
    conn = store.conn
    mentor = _find(conn, name)
    passphrase_hash, salt_hex, failures, locked_until = conn.execute(
        "SELECT passphrase_hash, passphrase_salt, failed_attempts, locked_until "
        "FROM mentors WHERE id = ?",
        (mentor.id,),
    ).fetchone()
    return _Login(
        mentor,
        passphrase_hash,
        salt_hex,
        int(failures),
        None if locked_until is None else parse_timestamp(locked_until),
    )


def _find(conn: sqlite3.Connection, name: str) -> Mentor:
    """The mentor of this name, regardless of case and spacing; a StoreError if there is none."""
    # Compared in Python: NOCASE in the schema folds ASCII only. Mentors are few.
    wanted = " ".join(name.split())
    for row in conn.execute(f"SELECT {_MENTOR_COLUMNS} FROM mentors"):
        if row[1].casefold() == wanted.casefold():
            return _mentor(row)
    raise StoreError(f"there is no mentor named {wanted or '(empty)'}")


@store_operation
def _record_failure(store: Store, mentor_id: int, moment: datetime) -> int:
    """Count one more wrong passphrase and lock sign-in for its delay; returns the count."""
    conn = store.conn
    with transaction(conn):
        # Counted in SQL: two wrong tries at once must both count.
        conn.execute(
            "UPDATE mentors SET failed_attempts = failed_attempts + 1 WHERE id = ?", (mentor_id,)
        )
        (failures,) = conn.execute(
            "SELECT failed_attempts FROM mentors WHERE id = ?", (mentor_id,)
        ).fetchone()
        delay = failure_delay(failures)
        locked_until = (moment + delay).isoformat(timespec="microseconds") if delay else None
        conn.execute("UPDATE mentors SET locked_until = ? WHERE id = ?", (locked_until, mentor_id))
    return int(failures)


@store_operation
def _record_success(store: Store, mentor_id: int) -> None:
    conn = store.conn
    with transaction(conn):
        conn.execute(
            "UPDATE mentors SET failed_attempts = 0, locked_until = NULL WHERE id = ?",
            (mentor_id,),
        )


def signature(conn: sqlite3.Connection, mentor: str) -> str:
    """The mentor's name as stored, to sign a record with; refuses a name that is no mentor's."""
    return _find(conn, mentor).name
