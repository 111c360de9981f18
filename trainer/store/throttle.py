"""Slowing down guesses: a mentor's passphrase and a trainee's PIN cost more after wrong ones.

Every check claims its slot in the database before the slow hash is computed: in one
`BEGIN IMMEDIATE` transaction it reads the lock, refuses when it holds, and otherwise counts the
try as a failure in advance (the right secret clears the count afterwards). Guesses made in
parallel therefore queue on SQLite's write lock and see each other's counts: after
FREE_FAILURES + 1 of them the account is locked and the rest are refused without being hashed.
"""

from __future__ import annotations

import math
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from trainer.store.database import parse_timestamp, transaction

# The first FREE_FAILURES wrong tries in a row cost nothing more; the next one locks sign-in for
# FIRST_DELAY, and each one after that for twice as long as the one before, up to MAX_DELAY.
# docs/security.md states these numbers; a test reads them there.
FREE_FAILURES = 2
FIRST_DELAY = timedelta(seconds=1)
MAX_DELAY = timedelta(minutes=5)

Table = Literal["mentors", "trainees"]


def failure_delay(failures: int) -> timedelta:
    """How long sign-in stays refused after `failures` wrong tries in a row."""
    if failures <= FREE_FAILURES:
        return timedelta(0)
    # Capped before the power is taken, so a long run of failures cannot overflow.
    exponent = min(failures - FREE_FAILURES - 1, 32)
    delay: timedelta = FIRST_DELAY * 2**exponent
    return min(delay, MAX_DELAY)


def duration(delay: timedelta) -> str:
    """`1 second`, `45 seconds`, `2 minutes 8 seconds`: whole seconds, rounded up."""
    seconds = max(1, math.ceil(delay.total_seconds()))
    minutes, seconds = divmod(seconds, 60)
    parts = []
    if minutes:
        parts.append(f"{minutes} minute{'s' if minutes != 1 else ''}")
    if seconds:
        parts.append(f"{seconds} second{'s' if seconds != 1 else ''}")
    return " ".join(parts)


@dataclass(frozen=True, slots=True)
class Claim:
    """A try that may go ahead: `failures` counts it already; `wait` is None. Or a refusal."""

    failures: int
    wait: timedelta | None


def claim(conn: sqlite3.Connection, table: Table, row_id: int, moment: datetime) -> Claim:
    """Count one more try at the secret of `row_id` before it is checked, unless it is locked.

    Returns how long to wait when sign-in is locked (nothing is counted then). Call it
    with the store's lock held; `settle` afterwards when the secret was right.
    """
    with transaction(conn):
        failures, locked_until = conn.execute(
            f"SELECT failed_attempts, locked_until FROM {table} WHERE id = ?", (row_id,)
        ).fetchone()
        if locked_until is not None and moment < parse_timestamp(locked_until):
            return Claim(int(failures), parse_timestamp(locked_until) - moment)
        failures = int(failures) + 1
        delay = failure_delay(failures)
        until = (moment + delay).isoformat(timespec="microseconds") if delay else None
        conn.execute(
            f"UPDATE {table} SET failed_attempts = ?, locked_until = ? WHERE id = ?",
            (failures, until, row_id),
        )
    return Claim(failures, None)


def settle(conn: sqlite3.Connection, table: Table, row_id: int) -> None:
    """The secret was right: forget the failures, the one just claimed included."""
    with transaction(conn):
        conn.execute(
            f"UPDATE {table} SET failed_attempts = 0, locked_until = NULL WHERE id = ?",
            (row_id,),
        )


def restart_delay(
    conn: sqlite3.Connection, table: Table, row_id: int, failures: int, moment: datetime
) -> None:
    """A wrong try, known once hashed: its delay runs from `moment`, when it is reported.

    The claim locked sign-in from the start of the try; the hash took a while since, and the
    person told "wait 1 second" should have the whole second. Never shortens a lock.
    """
    delay = failure_delay(failures)
    if not delay:
        return
    until = (moment + delay).isoformat(timespec="microseconds")
    with transaction(conn):
        conn.execute(
            f"UPDATE {table} SET locked_until = max(coalesce(locked_until, ''), ?) WHERE id = ?",
            (until, row_id),
        )
