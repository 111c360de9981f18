"""The final exam: attempts counted as they start, and the retakes mentors grant.

Starting an exam attempt uses it, whatever happens next (quitting, hanging up, a crash). A
trainee may start `allowed` attempts (the programme's, two by default) plus one per retake.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from trainer.errors import StoreError
from trainer.store.attempts import _ensure_trainee, _insert_attempt
from trainer.store.database import Store, parse_timestamp, store_operation, transaction, utc_now
from trainer.store.mentors import signature
from trainer.store.models import Attempt, AttemptKind, AttemptMode, ExamRetake
from trainer.store.reviews import EFFECTIVE_PASSED, MAX_TEXT_LENGTH
from trainer.text import clean

_RETAKE_COLUMNS = "id, trainee_id, granted_by, reason, granted_at"


def retake_from_row(row: sqlite3.Row | tuple[Any, ...]) -> ExamRetake:
    retake_id, trainee_id, granted_by, reason, granted_at = row
    return ExamRetake(retake_id, trainee_id, granted_by, reason, parse_timestamp(granted_at))


def _exam_record(conn: sqlite3.Connection, trainee_id: int, content_id: str) -> tuple[int, bool]:
    """(attempts started, passed) of the trainee's exam `content_id`, overrides applied."""
    used, passed = conn.execute(
        f"SELECT count(*), coalesce(max({EFFECTIVE_PASSED}), 0) FROM attempts "
        "WHERE kind = ? AND trainee_id = ? AND content_id = ?",
        (AttemptKind.EXAM.value, trainee_id, content_id),
    ).fetchone()
    return int(used), bool(passed)


def _retakes_granted(conn: sqlite3.Connection, trainee_id: int) -> int:
    (count,) = conn.execute(
        "SELECT count(*) FROM exam_retakes WHERE trainee_id = ?", (trainee_id,)
    ).fetchone()
    return int(count)


@store_operation
def start_exam_attempt(
    store: Store,
    trainee_id: int,
    *,
    content_id: str,
    content_hash: str,
    seed: int,
    persona_id: str | None = None,
    allowed: int,
) -> Attempt:
    """Open an exam attempt if the trainee has one left; refuses once the exam is passed.

    The attempts used and the retakes granted are counted and the attempt inserted in one
    write transaction, so two trainers starting the last attempt at once cannot both get it.
    """
    if allowed < 0:
        raise StoreError(f"the number of exam attempts cannot be negative ({allowed})")
    conn = store.conn
    with transaction(conn):
        _ensure_trainee(conn, trainee_id)
        used, passed = _exam_record(conn, trainee_id, content_id)
        if passed:
            raise StoreError("the exam is already passed; there is nothing to retake")
        limit = allowed + _retakes_granted(conn, trainee_id)
        if used >= limit:
            raise StoreError(
                f"no exam attempts left: {used} of {limit} used; a mentor must grant a retake"
            )
        attempt = _insert_attempt(
            conn,
            trainee_id,
            kind=AttemptKind.EXAM,
            content_id=content_id,
            content_hash=content_hash,
            seed=seed,
            mode=AttemptMode.EXAM,
            persona_id=persona_id,
        )
    return attempt


@store_operation
def grant_retake(store: Store, trainee_id: int, mentor: str, reason: str) -> ExamRetake:
    """One more exam attempt for the trainee, signed with the mentor's name and a reason."""
    reason = clean(reason, multiline=True)
    if not reason:
        raise StoreError("a retake needs a reason")
    if len(reason) > MAX_TEXT_LENGTH:
        raise StoreError(f"the reason can be at most {MAX_TEXT_LENGTH:,} characters")
    conn = store.conn
    with transaction(conn):
        _ensure_trainee(conn, trainee_id)
        signed = signature(conn, mentor)
        cursor = conn.execute(
            "INSERT INTO exam_retakes (trainee_id, granted_by, reason, granted_at) "
            "VALUES (?, ?, ?, ?)",
            (trainee_id, signed, reason, utc_now()),
        )
        row = conn.execute(
            f"SELECT {_RETAKE_COLUMNS} FROM exam_retakes WHERE id = ?", (cursor.lastrowid,)
        ).fetchone()
    return retake_from_row(row)


def select_retakes(conn: sqlite3.Connection, trainee_id: int) -> list[ExamRetake]:
    rows = conn.execute(
        f"SELECT {_RETAKE_COLUMNS} FROM exam_retakes WHERE trainee_id = ? ORDER BY id",
        (trainee_id,),
    ).fetchall()
    return [retake_from_row(row) for row in rows]


@store_operation
def retakes_for(store: Store, trainee_id: int) -> list[ExamRetake]:
    """The exam retakes granted to a trainee, oldest first."""
    return select_retakes(store.conn, trainee_id)
