"""Mentors: a passphrase kept only as a salted scrypt hash, and a slowdown after wrong ones."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime

from trainer.errors import StoreError
from trainer.store import names, throttle
from trainer.store.database import Store, parse_timestamp, store_operation, transaction, utc_now
from trainer.store.throttle import FREE_FAILURES, MAX_DELAY, failure_delay
from trainer.store.trainees import hash_pin, new_salt, same_hash

__all__ = [
    "FREE_FAILURES",
    "MAX_DELAY",
    "Mentor",
    "add_mentor",
    "failure_delay",
    "has_mentors",
    "list_mentors",
    "remove_mentor",
    "rename_mentor",
    "signature",
    "verify_mentor",
]

# scrypt's cost for a mentor's passphrase: 32 MiB and about a tenth of a second per check, twice
# a trainee PIN's, since it opens every trainee's records. Kept in the stored hash, so it can be
# raised later without breaking existing passphrases.
SCRYPT_N = 2**15
SCRYPT_R = 8
SCRYPT_P = 1
MIN_PASSPHRASE_LENGTH = 8
MAX_NAME_LENGTH = names.MAX_NAME_LENGTH

_MENTOR_COLUMNS = "id, name, created_at"
_WHO = "mentor"


@dataclass(frozen=True, slots=True)
class Mentor:
    """A mentor who signed in; the passphrase hash never leaves the store."""

    id: int
    name: str
    created_at: datetime


def _mentor(row: sqlite3.Row | tuple[int, str, str]) -> Mentor:
    mentor_id, name, created_at = row
    return Mentor(int(mentor_id), name, parse_timestamp(created_at))


def add_mentor(
    store: Store, name: str, passphrase: str, *, sponsor: Mentor | None = None
) -> Mentor:
    """Add a mentor: the first of a database freely, any later one only with a `sponsor`.

    The sponsor is a mentor who has just signed in (`verify_mentor`). Names are normalised and
    refused when they are, or look like, the name of a mentor present or past (see `names`);
    passphrases have at least 8 characters.
    """
    name = names.clean_name(name, _WHO)
    _check_passphrase(passphrase)
    salt = new_salt()
    passphrase_hash = hash_pin(passphrase, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    return _insert_mentor(store, name, passphrase_hash, salt.hex(), sponsor)


def _check_passphrase(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE_LENGTH or not passphrase.strip():
        raise StoreError(f"a mentor's passphrase needs at least {MIN_PASSPHRASE_LENGTH} characters")


@store_operation
def _insert_mentor(
    store: Store, name: str, passphrase_hash: str, salt_hex: str, sponsor: Mentor | None
) -> Mentor:
    conn = store.conn
    with transaction(conn):
        # Checked inside the write transaction: two "first" mentors added at once cannot both be.
        _check_sponsor(conn, sponsor, f"add the mentor {name}")
        names.refuse_lookalike(name, _names_in_use(conn), _WHO)
        cursor = conn.execute(
            "INSERT INTO mentors (name, passphrase_hash, passphrase_salt, created_at) "
            "VALUES (?, ?, ?, ?)",
            (name, passphrase_hash, salt_hex, utc_now()),
        )
        row = conn.execute(
            f"SELECT {_MENTOR_COLUMNS} FROM mentors WHERE id = ?", (cursor.lastrowid,)
        ).fetchone()
    return _mentor(row)


def _check_sponsor(conn: sqlite3.Connection, sponsor: Mentor | None, action: str) -> None:
    """Refuses `action` unless the database has no mentor yet or `sponsor` is one of them."""
    if sponsor is None:
        if conn.execute("SELECT 1 FROM mentors LIMIT 1").fetchone() is not None:
            raise StoreError(f"only a mentor can {action}: sign in as one first")
        return
    row = conn.execute("SELECT name FROM mentors WHERE id = ?", (sponsor.id,)).fetchone()
    if row is None or row[0] != sponsor.name:
        raise StoreError(f"only a mentor can {action}: {sponsor.name} is no longer a mentor")


def _names_in_use(conn: sqlite3.Connection, *, besides: int | None = None) -> list[str]:
    """Mentors' names, and the names that sign notes and overrides (a past mentor's included)."""
    rows = conn.execute(
        "SELECT name FROM mentors WHERE id IS NOT ? "
        "UNION SELECT mentor FROM notes UNION SELECT mentor FROM overrides "
        "UNION SELECT mentor FROM note_changes",
        (besides,),
    ).fetchall()
    return [row[0] for row in rows]


@store_operation
def rename_mentor(store: Store, name: str, new_name: str, *, by: Mentor) -> Mentor:
    """Give a mentor a new name, as another mentor (or the same one) who has just signed in.

    What the mentor signed before keeps the old name: signatures are records, and the old name
    stays taken so that nobody else can sign with it.
    """
    new_name = names.clean_name(new_name, _WHO)
    conn = store.conn
    with transaction(conn):
        mentor = _find(conn, name)
        _check_sponsor(conn, by, f"rename the mentor {mentor.name}")
        taken = [
            other
            for other in _names_in_use(conn, besides=mentor.id)
            if not names.same_name(other, mentor.name)
        ]
        names.refuse_lookalike(new_name, taken, _WHO)
        conn.execute("UPDATE mentors SET name = ? WHERE id = ?", (new_name, mentor.id))
        row = conn.execute(
            f"SELECT {_MENTOR_COLUMNS} FROM mentors WHERE id = ?", (mentor.id,)
        ).fetchone()
    return _mentor(row)


@store_operation
def remove_mentor(store: Store, name: str, *, by: Mentor) -> Mentor:
    """Remove a mentor, as a mentor who has just signed in; the last mentor stays.

    Removing the last one would make the next `add_mentor` free for anyone again.
    """
    conn = store.conn
    with transaction(conn):
        mentor = _find(conn, name)
        _check_sponsor(conn, by, f"remove the mentor {mentor.name}")
        (count,) = conn.execute("SELECT count(*) FROM mentors").fetchone()
        if count <= 1:
            raise StoreError(
                f"{mentor.name} is the only mentor; add another before removing this one"
            )
        conn.execute("DELETE FROM mentors WHERE id = ?", (mentor.id,))
    return mentor


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


def verify_mentor(
    store: Store, name: str, passphrase: str, *, now: datetime | None = None
) -> Mentor:
    """The mentor, if `passphrase` is theirs; a StoreError saying what to do otherwise.

    Each try is counted before the passphrase is hashed (see `throttle`): from the third
    wrong one in a row, sign-in is refused for a delay that doubles with each, so guessing is
    slow even with many guesses in parallel. The right passphrase resets the count. `now` is
    for tests; it defaults to the clock.
    """
    if store.read_only:
        # Nothing can be counted in a file that cannot be written, and whoever can read it
        # can try passphrases against its hashes offline anyway: the check alone is left.
        mentor, passphrase_hash, salt_hex = _secret(store, name)
        if _passphrase_matches(passphrase, passphrase_hash, salt_hex):
            return mentor
        raise StoreError(f"wrong passphrase for {mentor.name}")
    moment = now if now is not None else parse_timestamp(utc_now())
    mentor, passphrase_hash, salt_hex, attempt = _claim(store, name, moment)
    if attempt.wait is not None:
        raise StoreError(
            f"too many wrong passphrases for {mentor.name}: wait "
            f"{throttle.duration(attempt.wait)} and try again"
        )
    if _passphrase_matches(passphrase, passphrase_hash, salt_hex):
        _settle(store, mentor.id)
        return mentor
    _restart_delay(store, mentor.id, attempt.failures, now)
    message = f"wrong passphrase for {mentor.name}"
    delay = failure_delay(attempt.failures)
    if delay:
        message += (
            f" ({attempt.failures} in a row): wait {throttle.duration(delay)} before trying again"
        )
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
    return same_hash(expected, stored_hash)


@store_operation
def _claim(store: Store, name: str, moment: datetime) -> tuple[Mentor, str, str, throttle.Claim]:
    conn = store.conn
    mentor = _find(conn, name)
    attempt = throttle.claim(conn, "mentors", mentor.id, moment)
    passphrase_hash, salt_hex = conn.execute(
        "SELECT passphrase_hash, passphrase_salt FROM mentors WHERE id = ?", (mentor.id,)
    ).fetchone()
    return mentor, passphrase_hash, salt_hex, attempt


@store_operation
def _secret(store: Store, name: str) -> tuple[Mentor, str, str]:
    mentor = _find(store.conn, name)
    passphrase_hash, salt_hex = store.conn.execute(
        "SELECT passphrase_hash, passphrase_salt FROM mentors WHERE id = ?", (mentor.id,)
    ).fetchone()
    return mentor, passphrase_hash, salt_hex


@store_operation
def _restart_delay(store: Store, mentor_id: int, failures: int, now: datetime | None) -> None:
    moment = now if now is not None else parse_timestamp(utc_now())
    throttle.restart_delay(store.conn, "mentors", mentor_id, failures, moment)


@store_operation
def _settle(store: Store, mentor_id: int) -> None:
    throttle.settle(store.conn, "mentors", mentor_id)


def _find(conn: sqlite3.Connection, name: str) -> Mentor:
    """The mentor of this name, case ignored and normalised as names are; a StoreError if none."""
    # Compared in Python: NOCASE in the schema folds ASCII only. Mentors are few.
    try:
        wanted = names.clean_name(name, _WHO)
    except StoreError:
        wanted = " ".join(name.split())
    for row in conn.execute(f"SELECT {_MENTOR_COLUMNS} FROM mentors"):
        if names.same_name(row[1], wanted):
            return _mentor(row)
    raise StoreError(f"there is no mentor named {wanted or '(empty)'}")


def signature(conn: sqlite3.Connection, mentor: str) -> str:
    """The mentor's name as stored, to sign a record with; refuses a name that is no mentor's."""
    return _find(conn, mentor).name
