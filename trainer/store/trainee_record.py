"""A trainee's record, its row and its check: all the sign-in needs of the store's records.

`trainer.store.models` holds twenty-odd frozen dataclasses whose creation costs the first screen
tens of milliseconds; the sign-in lists trainees only, so their record lives here alone, and
`models` and `rows` re-export it for everyone else.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from trainer.errors import StoreError
from trainer.store.database import parse_timestamp

TRAINEE_COLUMNS = "id, name, pin_hash IS NOT NULL AS has_pin, created_at"


@dataclass(frozen=True, slots=True)
class Trainee:
    """A signed-up trainee; the PIN's hash never leaves the store."""

    id: int
    name: str
    has_pin: bool
    created_at: datetime


def trainee_from_row(row: sqlite3.Row | tuple[Any, ...]) -> Trainee:
    trainee_id, name, has_pin, created_at = row
    return Trainee(int(trainee_id), name, bool(has_pin), parse_timestamp(created_at))


def ensure_trainee(conn: sqlite3.Connection, trainee_id: int) -> None:
    if conn.execute("SELECT 1 FROM trainees WHERE id = ?", (trainee_id,)).fetchone() is None:
        raise StoreError(f"there is no trainee number {trainee_id}")
