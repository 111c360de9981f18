"""Trainees: sign-up with an optional PIN, kept only as a salted scrypt hash.

hashlib and hmac (and secrets, which imports hmac) load OpenSSL's libcrypto, about 0.5 MB of
memory: they are imported when a PIN is hashed or checked, not by listing trainees for the
sign-in, which most starts do without a PIN.
"""

from __future__ import annotations

import os
from datetime import datetime

from trainer.errors import StoreError
from trainer.store import names, throttle
from trainer.store.database import Store, parse_timestamp, store_operation, transaction, utc_now
from trainer.store.trainee_record import TRAINEE_COLUMNS, Trainee, trainee_from_row

# scrypt's cost: about 16 MiB and a few tens of milliseconds per check. The parameters are kept
# in the stored hash, so they can be raised later without breaking existing PINs.
SCRYPT_N = 2**14
SCRYPT_R = 8
SCRYPT_P = 1
SALT_BYTES = 16
HASH_BYTES = 32
MAX_NAME_LENGTH = names.MAX_NAME_LENGTH
_WHO = "trainee"


def hash_pin(pin: str, salt: bytes, n: int = SCRYPT_N, r: int = SCRYPT_R, p: int = SCRYPT_P) -> str:
    """The stored form of a PIN: `scrypt$n$r$p$<hex digest>`."""
    import hashlib

    digest = hashlib.scrypt(
        pin.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=256 * n * r, dklen=HASH_BYTES
    )
    return f"scrypt${n}${r}${p}${digest.hex()}"


def _pin_matches(pin: str, stored_hash: str, salt_hex: str | None) -> bool:
    try:
        scheme, n, r, p, _digest = stored_hash.split("$")
        if scheme != "scrypt" or salt_hex is None:
            raise ValueError(scheme)
        expected = hash_pin(pin, bytes.fromhex(salt_hex), int(n), int(r), int(p))
    except ValueError as error:
        raise StoreError(
            "the stored PIN of this trainee is unreadable; ask a mentor to reset it"
        ) from error
    return same_hash(expected, stored_hash)


def same_hash(expected: str, stored_hash: str) -> bool:
    """Whether two stored hashes are equal, compared in constant time."""
    import hmac  # hash_pin has loaded OpenSSL already

    return hmac.compare_digest(expected.encode("ascii"), stored_hash.encode("ascii"))


def new_salt() -> bytes:
    """A fresh random salt for a PIN or a passphrase (what `secrets.token_bytes` gives)."""
    return os.urandom(SALT_BYTES)


def add_trainee(store: Store, name: str, pin: str | None = None) -> Trainee:
    """Sign up a trainee; a name that is, or looks like, another trainee's is refused.

    Names are normalised first (see `names`): "Anna" typed with a zero-width space, a soft
    hyphen, fullwidth letters or a Cyrillic "A" is Anna, or refused beside her.
    """
    name = names.clean_name(name, _WHO)
    pin_hash = pin_salt = None
    if pin is not None:
        if not pin.strip():
            raise StoreError("a PIN cannot be empty; leave it out to sign in without one")
        salt = new_salt()
        pin_hash, pin_salt = hash_pin(pin, salt), salt.hex()
    return _insert_trainee(store, name, pin_hash, pin_salt)


@store_operation
def _insert_trainee(store: Store, name: str, pin_hash: str | None, pin_salt: str | None) -> Trainee:
    conn = store.conn
    with transaction(conn):
        # Compared in Python: NOCASE in the schema folds ASCII only ("Ölga" and "ölga").
        taken = [row[0] for row in conn.execute("SELECT name FROM trainees")]
        names.refuse_lookalike(name, taken, _WHO)
        cursor = conn.execute(
            "INSERT INTO trainees (name, pin_hash, pin_salt, created_at) VALUES (?, ?, ?, ?)",
            (name, pin_hash, pin_salt, utc_now()),
        )
        row = conn.execute(
            f"SELECT {TRAINEE_COLUMNS} FROM trainees WHERE id = ?", (cursor.lastrowid,)
        ).fetchone()
    return trainee_from_row(row)


@store_operation
def list_trainees(store: Store) -> list[Trainee]:
    """Every trainee, by name."""
    rows = store.conn.execute(
        f"SELECT {TRAINEE_COLUMNS} FROM trainees ORDER BY name COLLATE NOCASE, id"
    ).fetchall()
    return [trainee_from_row(row) for row in rows]


@store_operation
def get_trainee(store: Store, trainee_id: int) -> Trainee:
    row = store.conn.execute(
        f"SELECT {TRAINEE_COLUMNS} FROM trainees WHERE id = ?", (trainee_id,)
    ).fetchone()
    if row is None:
        raise StoreError(f"there is no trainee number {trainee_id}")
    return trainee_from_row(row)


def find_trainee(store: Store, typed_name: str) -> Trainee | None:
    """The trainee whose name is `typed_name` (normalised as names are stored, case ignored),
    or None: how a served sign-in, which lists nobody, finds who is signing in."""
    try:
        name = names.clean_name(typed_name, _WHO)
    except StoreError:
        return None
    return next((t for t in list_trainees(store) if names.same_name(t.name, name)), None)


def set_pin(store: Store, trainee_id: int, pin: str) -> Trainee:
    """Give a trainee a new PIN (a mentor does, for one who forgot it or never set one) and
    forget the wrong tries counted against the old one."""
    if not pin.strip():
        raise StoreError("a PIN cannot be empty")
    salt = new_salt()
    return _store_pin(store, trainee_id, hash_pin(pin, salt), salt.hex())


@store_operation
def _store_pin(store: Store, trainee_id: int, pin_hash: str, pin_salt: str) -> Trainee:
    conn = store.conn
    with transaction(conn):
        changed = conn.execute(
            "UPDATE trainees SET pin_hash = ?, pin_salt = ?, failed_attempts = 0, "
            "locked_until = NULL WHERE id = ?",
            (pin_hash, pin_salt, trainee_id),
        ).rowcount
        if not changed:
            raise StoreError(f"there is no trainee number {trainee_id}")
        row = conn.execute(
            f"SELECT {TRAINEE_COLUMNS} FROM trainees WHERE id = ?", (trainee_id,)
        ).fetchone()
    return trainee_from_row(row)


def waste_a_pin_check(pin: str) -> None:
    """Hash `pin` as a real check would, and forget it: a name nobody has then takes as long
    to refuse as a wrong PIN, so the time taken does not tell who has signed up."""
    hash_pin(pin, new_salt())


def check_pin(store: Store, trainee_id: int, pin: str, *, now: datetime | None = None) -> bool:
    """Whether `pin` is the trainee's PIN; always true for a trainee who chose none.

    Tries are counted before the PIN is hashed, as a mentor's passphrase is (`throttle`): from
    the third wrong one in a row, a StoreError says how long to wait. `now` is for tests.
    """
    moment = now if now is not None else parse_timestamp(utc_now())
    name, stored_hash, salt_hex, attempt = _claim(store, trainee_id, moment)
    if stored_hash is None:
        return True
    assert attempt is not None
    if attempt.wait is not None:
        raise StoreError(
            f"too many wrong PINs for {name}: wait {throttle.duration(attempt.wait)} and try again"
        )
    if _pin_matches(pin, stored_hash, salt_hex):
        _settle(store, trainee_id)
        return True
    _restart_delay(store, trainee_id, attempt.failures, now)
    delay = throttle.failure_delay(attempt.failures)
    if delay:
        raise StoreError(
            f"wrong PIN for {name} ({attempt.failures} in a row): wait "
            f"{throttle.duration(delay)} before trying again"
        )
    return False


@store_operation
def _claim(
    store: Store, trainee_id: int, moment: datetime
) -> tuple[str, str | None, str | None, throttle.Claim | None]:
    conn = store.conn
    row = conn.execute(
        "SELECT name, pin_hash, pin_salt FROM trainees WHERE id = ?", (trainee_id,)
    ).fetchone()
    if row is None:
        raise StoreError(f"there is no trainee number {trainee_id}")
    name, pin_hash, pin_salt = row
    if pin_hash is None:
        return name, None, None, None
    return name, pin_hash, pin_salt, throttle.claim(conn, "trainees", trainee_id, moment)


@store_operation
def _restart_delay(store: Store, trainee_id: int, failures: int, now: datetime | None) -> None:
    moment = now if now is not None else parse_timestamp(utc_now())
    throttle.restart_delay(store.conn, "trainees", trainee_id, failures, moment)


@store_operation
def _settle(store: Store, trainee_id: int) -> None:
    throttle.settle(store.conn, "trainees", trainee_id)
