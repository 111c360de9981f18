"""What a trainee typed into a call's reply box and did not send, kept with the attempt.

A draft is never a turn: nothing reads it but the call that picks the attempt up again, so no
score, transcript, export or mentor's screen sees it. One per attempt; saving replaces it and
an empty box deletes it.
"""

from __future__ import annotations

from trainer.store.database import Store, store_operation, transaction, utc_now
from trainer.store.rows import ensure_in_progress
from trainer.text import clean

# A box holds a sentence or a paste; past this a draft is kept only up to here.
DRAFT_LIMIT = 10_000


def as_kept(text: str) -> str:
    """`text` as a draft keeps it: on one line, without unsafe characters, at most the limit."""
    return clean(text, multiline=False)[:DRAFT_LIMIT]


@store_operation
def save_draft(store: Store, attempt_id: str, text: str) -> str:
    """Keep `text` as the attempt's draft (an empty one deletes it); the text as kept.

    Only while the attempt is in progress: a StoreError once it has ended.
    """
    kept = as_kept(text)
    conn = store.conn
    with transaction(conn):
        ensure_in_progress(conn, attempt_id)
        if kept:
            conn.execute(
                "INSERT INTO reply_drafts (attempt_id, text, saved_at) VALUES (?, ?, ?) "
                "ON CONFLICT (attempt_id) DO UPDATE SET text = excluded.text, "
                "saved_at = excluded.saved_at",
                (attempt_id, kept, utc_now()),
            )
        else:
            conn.execute("DELETE FROM reply_drafts WHERE attempt_id = ?", (attempt_id,))
    return kept


@store_operation
def draft_of(store: Store, attempt_id: str) -> str:
    """The attempt's draft; empty when there is none."""
    row = store.conn.execute(
        "SELECT text FROM reply_drafts WHERE attempt_id = ?", (attempt_id,)
    ).fetchone()
    return "" if row is None else str(row[0])


@store_operation
def clear_draft(store: Store, attempt_id: str) -> None:
    """Forget the attempt's draft (it was sent, or the call ended), whatever its status."""
    conn = store.conn
    with transaction(conn):
        conn.execute("DELETE FROM reply_drafts WHERE attempt_id = ?", (attempt_id,))
