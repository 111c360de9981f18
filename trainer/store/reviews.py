"""Mentor review: notes and overrides, signed by the mentor, beside the attempt they are about.

Neither changes the attempt: its row keeps the score and pass it ended with, and the overrides
table is the audit trail of every change a mentor made, with who, when and why.
"""

from __future__ import annotations

import sqlite3

from trainer.errors import StoreError
from trainer.store.attempt_record import AttemptStatus, EffectiveResult, Note, NoteChange, Override
from trainer.store.database import (
    Store,
    parse_timestamp,
    store_operation,
    transaction,
    utc_now,
)
from trainer.store.mentors import signature
from trainer.store.rows import (
    NOTE_COLUMNS,
    OVERRIDE_COLUMNS,
    note_from_row,
    override_from_row,
    owned_attempt,
)
from trainer.text import NOTE, REASON, Field, clean

MAX_TEXT_LENGTH = NOTE.limit

# The result that counts, per attempt `attempts.id`: the latest override of each field, else the
# attempt's own. The same expressions as the attempt_results view, for queries of their own.
EFFECTIVE_SCORE = (
    "coalesce((SELECT score FROM overrides WHERE attempt_id = attempts.id "
    "AND score IS NOT NULL ORDER BY id DESC LIMIT 1), attempts.score)"
)
EFFECTIVE_PASSED = (
    "coalesce((SELECT passed FROM overrides WHERE attempt_id = attempts.id "
    "AND passed IS NOT NULL ORDER BY id DESC LIMIT 1), attempts.passed)"
)
OVERRIDDEN_BY = (
    "(SELECT mentor FROM overrides WHERE attempt_id = attempts.id ORDER BY id DESC LIMIT 1)"
)


def result_from_row(score: float | None, passed: int | None, mentor: str | None) -> EffectiveResult:
    return EffectiveResult(score, None if passed is None else bool(passed), mentor)


def clean_text(text: str, field: Field, what: str) -> str:
    """`text` as stored: sanitised for `field`; empty or over-long text is refused."""
    result = clean(text, multiline=field.multiline)
    if not result:
        raise StoreError(f"{what} cannot be empty")
    too_long = field.too_long(result, what)
    if too_long:
        raise StoreError(too_long)
    return result


@store_operation
def add_note(
    store: Store, attempt_id: str, mentor: str, text: str, *, turn_index: int | None = None
) -> Note:
    """A mentor's comment on one turn of the attempt, or on the whole of it (no `turn_index`)."""
    text = clean_text(text, NOTE, "a note")
    conn = store.conn
    with transaction(conn):
        owned_attempt(conn, attempt_id, None)
        signed = signature(conn, mentor)
        if turn_index is not None:
            found = conn.execute(
                "SELECT 1 FROM turns WHERE attempt_id = ? AND idx = ?", (attempt_id, turn_index)
            ).fetchone()
            if found is None:
                raise StoreError(f"the attempt {attempt_id} has no turn {turn_index}")
        cursor = conn.execute(
            "INSERT INTO notes (attempt_id, turn_index, mentor, text, created_at) "
            "VALUES (?, ?, ?, ?, ?)",
            (attempt_id, turn_index, signed, text, utc_now()),
        )
        row = conn.execute(
            f"SELECT {NOTE_COLUMNS} FROM notes WHERE id = ?", (cursor.lastrowid,)
        ).fetchone()
    return note_from_row(row)


@store_operation
def edit_note(store: Store, note_id: int, mentor: str, text: str) -> Note:
    """The mentor's own comment with new words; the old ones go to the audit trail."""
    text = clean_text(text, NOTE, "a note")
    conn = store.conn
    with transaction(conn):
        note = _own_note(conn, note_id, mentor)
        if text == note.text:
            return note
        now = utc_now()
        _record_change(conn, note, "edited", text, now)
        conn.execute("UPDATE notes SET text = ?, edited_at = ? WHERE id = ?", (text, now, note_id))
        row = conn.execute(f"SELECT {NOTE_COLUMNS} FROM notes WHERE id = ?", (note_id,)).fetchone()
    return note_from_row(row)


@store_operation
def delete_note(store: Store, note_id: int, mentor: str) -> NoteChange:
    """Remove the mentor's own comment from the attempt; the audit trail keeps its words."""
    conn = store.conn
    with transaction(conn):
        note = _own_note(conn, note_id, mentor)
        change = _record_change(conn, note, "deleted", None, utc_now())
        conn.execute("DELETE FROM notes WHERE id = ?", (note_id,))
    return change


def _own_note(conn: sqlite3.Connection, note_id: int, mentor: str) -> Note:
    row = conn.execute(f"SELECT {NOTE_COLUMNS} FROM notes WHERE id = ?", (note_id,)).fetchone()
    if row is None:
        raise StoreError(f"there is no comment number {note_id} (deleted already?)")
    note = note_from_row(row)
    signed = signature(conn, mentor)
    if note.mentor != signed:
        raise StoreError(f"only {note.mentor} can change or delete their own comment")
    return note


def _record_change(
    conn: sqlite3.Connection, note: Note, change: str, new_text: str | None, now: str
) -> NoteChange:
    conn.execute(
        "INSERT INTO note_changes (note_id, attempt_id, turn_index, mentor, change, old_text, "
        "new_text, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (note.id, note.attempt_id, note.turn_index, note.mentor, change, note.text, new_text, now),
    )
    return NoteChange(
        note.id,
        note.attempt_id,
        note.turn_index,
        note.mentor,
        note.text,
        new_text,
        parse_timestamp(now),
    )


@store_operation
def note_changes_for(store: Store, attempt_id: str) -> list[NoteChange]:
    """Every edit and deletion of the comments on an attempt, oldest first."""
    rows = store.conn.execute(
        "SELECT note_id, attempt_id, turn_index, mentor, old_text, new_text, changed_at "
        "FROM note_changes WHERE attempt_id = ? ORDER BY id",
        (attempt_id,),
    ).fetchall()
    return [
        NoteChange(note_id, attempt, turn, mentor, old, new, parse_timestamp(changed_at))
        for note_id, attempt, turn, mentor, old, new, changed_at in rows
    ]


def select_notes(conn: sqlite3.Connection, attempt_id: str) -> list[Note]:
    rows = conn.execute(
        f"SELECT {NOTE_COLUMNS} FROM notes WHERE attempt_id = ? "
        "ORDER BY turn_index IS NOT NULL, turn_index, id",
        (attempt_id,),
    ).fetchall()
    return [note_from_row(row) for row in rows]


@store_operation
def notes_for(store: Store, attempt_id: str, *, trainee_id: int | None = None) -> list[Note]:
    """The mentor notes on an attempt: overall ones first, then by turn, each oldest first.

    With `trainee_id`, only if the attempt is that trainee's (for their own scorecard).
    """
    conn = store.conn
    owned_attempt(conn, attempt_id, trainee_id)
    return select_notes(conn, attempt_id)


@store_operation
def override_attempt(
    store: Store,
    attempt_id: str,
    mentor: str,
    *,
    reason: str,
    score: float | None = None,
    passed: bool | None = None,
) -> Override:
    """Record a mentor's change of the attempt's score and/or pass; the attempt keeps its own.

    The latest override of each field wins (see `effective_result`); earlier ones stay as the
    audit trail. An attempt still in progress cannot be overridden.
    """
    reason = clean_text(reason, REASON, "the reason for an override")
    if score is None and passed is None:
        raise StoreError("an override changes the score, the pass, or both; neither was given")
    if score is not None and not 0 <= score <= 100:
        raise StoreError(f"a score is a percent from 0 to 100, not {score:g}")
    conn = store.conn
    with transaction(conn):
        attempt = owned_attempt(conn, attempt_id, None)
        if attempt.status is AttemptStatus.IN_PROGRESS:
            raise StoreError(
                f"the attempt {attempt_id} is still in progress; override it once it has ended"
            )
        signed = signature(conn, mentor)
        cursor = conn.execute(
            "INSERT INTO overrides (attempt_id, mentor, score, passed, reason, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (
                attempt_id,
                signed,
                None if score is None else float(score),
                None if passed is None else int(passed),
                reason,
                utc_now(),
            ),
        )
        row = conn.execute(
            f"SELECT {OVERRIDE_COLUMNS} FROM overrides WHERE id = ?", (cursor.lastrowid,)
        ).fetchone()
    return override_from_row(row)


def select_overrides(conn: sqlite3.Connection, attempt_id: str) -> list[Override]:
    rows = conn.execute(
        f"SELECT {OVERRIDE_COLUMNS} FROM overrides WHERE attempt_id = ? ORDER BY id",
        (attempt_id,),
    ).fetchall()
    return [override_from_row(row) for row in rows]


@store_operation
def overrides_for(
    store: Store, attempt_id: str, *, trainee_id: int | None = None
) -> list[Override]:
    """The overrides of an attempt, oldest first: who changed what, when and why."""
    conn = store.conn
    owned_attempt(conn, attempt_id, trainee_id)
    return select_overrides(conn, attempt_id)


def select_result(conn: sqlite3.Connection, attempt_id: str) -> EffectiveResult:
    row = conn.execute(
        f"SELECT {EFFECTIVE_SCORE}, {EFFECTIVE_PASSED}, {OVERRIDDEN_BY} FROM attempts WHERE id = ?",
        (attempt_id,),
    ).fetchone()
    if row is None:
        raise StoreError(f"there is no attempt {attempt_id}")
    return result_from_row(*row)


@store_operation
def effective_result(
    store: Store, attempt_id: str, *, trainee_id: int | None = None
) -> EffectiveResult:
    """(score, passed, overridden_by): what counts for the attempt once mentors' overrides apply.

    Score and pass are each taken from the latest override that sets it, else from the attempt;
    `overridden_by` is the mentor of the latest override, None when there is none.
    """
    conn = store.conn
    owned_attempt(conn, attempt_id, trainee_id)
    return select_result(conn, attempt_id)
