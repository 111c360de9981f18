"""A trainee's preferences (the theme, ...): small named values kept across restarts."""

from __future__ import annotations

from trainer.errors import StoreError
from trainer.store.database import Store, store_operation, transaction, utc_now
from trainer.store.trainee_record import ensure_trainee

MAX_NAME = 64
MAX_VALUE = 256


@store_operation
def preferences_of(store: Store, trainee_id: int) -> dict[str, str]:
    """Every preference the trainee has saved, by name."""
    rows = store.conn.execute(
        "SELECT name, value FROM trainee_preferences WHERE trainee_id = ? ORDER BY name",
        (trainee_id,),
    ).fetchall()
    return {name: value for name, value in rows}


@store_operation
def save_preference(store: Store, trainee_id: int, name: str, value: str) -> None:
    """Keep `value` as the trainee's preference `name`, replacing what was there."""
    if not 1 <= len(name) <= MAX_NAME:
        raise StoreError(f"a preference's name has 1 to {MAX_NAME} characters, not {len(name)}")
    if len(value) > MAX_VALUE:
        raise StoreError(f"the preference '{name}' is longer than {MAX_VALUE} characters")
    conn = store.conn
    with transaction(conn):
        ensure_trainee(conn, trainee_id)
        conn.execute(
            "INSERT INTO trainee_preferences (trainee_id, name, value, updated_at) "
            "VALUES (?, ?, ?, ?) ON CONFLICT (trainee_id, name) DO UPDATE SET "
            "value = excluded.value, updated_at = excluded.updated_at",
            (trainee_id, name, value, utc_now()),
        )
