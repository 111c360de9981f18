"""Quiz attempts: started with the seed of their draw, every answer committed as it is given."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING, Any

from trainer.engine.turns import Mode
from trainer.errors import StoreError
from trainer.store.attempt_record import (
    Attempt,
    AttemptKind,
    AttemptStatus,
    QuizAnswer,
)
from trainer.store.database import Store, store_operation, transaction, utc_now
from trainer.store.rows import (
    ANSWER_COLUMNS,
    answer_from_row,
    complete_attempt,
    ensure_trainee,
    insert_attempt,
    owned_attempt,
)
from trainer.text import ANSWER, cut

if TYPE_CHECKING:  # the engine's results, as the store reads them
    from trainer.store.models import AnswerLike, QuizResultLike

_INSERT_ANSWER = f"INSERT INTO quiz_answers ({ANSWER_COLUMNS}) VALUES ({', '.join('?' * 11)})"


def _answer_values(attempt_id: str, answer: AnswerLike, answered_at: str) -> tuple[Any, ...]:
    return (
        attempt_id,
        answer.item_id,
        answer.number,
        None if answer.topic is None else str(answer.topic),
        cut(answer.answer, ANSWER),
        cut(answer.answer_text, ANSWER),
        int(answer.correct),
        float(answer.points),
        float(answer.max_points),
        float(answer.seconds),
        answered_at,
    )


def _ensure_quiz_in_progress(conn: sqlite3.Connection, attempt_id: str) -> None:
    attempt = owned_attempt(conn, attempt_id, None)
    if attempt.kind is not AttemptKind.QUIZ:
        raise StoreError(f"the attempt {attempt_id} is a {attempt.kind} attempt, not a quiz")
    if attempt.status is not AttemptStatus.IN_PROGRESS:
        raise StoreError(f"the attempt {attempt_id} has already ended ({attempt.status})")


@store_operation
def start_quiz_attempt(
    store: Store,
    trainee_id: int,
    *,
    quiz_id: str,
    content_hash: str,
    seed: int,
    graded: bool = False,
) -> Attempt:
    """Open a quiz attempt; the seed is kept, so the same items and option order can be redrawn.

    A graded quiz (no feedback before the end, its score counts) is recorded in mode `exam`,
    a practice quiz in mode `practice`, as calls are."""
    conn = store.conn
    with transaction(conn):
        ensure_trainee(conn, trainee_id)
        attempt = insert_attempt(
            conn,
            trainee_id,
            kind=AttemptKind.QUIZ,
            content_id=quiz_id,
            content_hash=content_hash,
            seed=seed,
            mode=Mode.EXAM if graded else Mode.PRACTICE,
            persona_id=None,
        )
    return attempt


@store_operation
def record_answer(store: Store, attempt_id: str, answer: AnswerLike) -> QuizAnswer:
    """Write one answered item and commit it at once, so that a crash mid-quiz loses nothing."""
    conn = store.conn
    with transaction(conn):
        _ensure_quiz_in_progress(conn, attempt_id)
        try:
            conn.execute(_INSERT_ANSWER, _answer_values(attempt_id, answer, utc_now()))
        except sqlite3.IntegrityError as error:
            raise StoreError(
                f"item '{answer.item_id}' of the attempt {attempt_id} is already answered"
            ) from error
        row = conn.execute(
            f"SELECT {ANSWER_COLUMNS} FROM quiz_answers WHERE attempt_id = ? AND item_id = ?",
            (attempt_id, answer.item_id),
        ).fetchone()
    return answer_from_row(row)


@store_operation
def finish_quiz_attempt(store: Store, attempt_id: str, result: QuizResultLike) -> Attempt:
    """Complete a quiz attempt with its result, and its per-topic scores as the scorecard.

    Answers of the result not recorded yet (`record_answer` is the way) are recorded too, so
    the item statistics miss none; those already recorded are kept as they were.
    """
    conn = store.conn
    with transaction(conn):
        _ensure_quiz_in_progress(conn, attempt_id)
        now = utc_now()
        conn.executemany(
            _INSERT_ANSWER.replace("INSERT", "INSERT OR IGNORE", 1),
            [_answer_values(attempt_id, answer, now) for answer in result.answers],
        )
        attempt = complete_attempt(conn, attempt_id, result)
    return attempt


def select_answers(conn: sqlite3.Connection, attempt_id: str) -> list[QuizAnswer]:
    rows = conn.execute(
        f"SELECT {ANSWER_COLUMNS} FROM quiz_answers WHERE attempt_id = ? ORDER BY number, item_id",
        (attempt_id,),
    ).fetchall()
    return [answer_from_row(row) for row in rows]


@store_operation
def answers_for(
    store: Store, attempt_id: str, *, trainee_id: int | None = None
) -> list[QuizAnswer]:
    """The attempt's answers in the order asked; with `trainee_id`, only if it is theirs."""
    conn = store.conn
    owned_attempt(conn, attempt_id, trainee_id)
    return select_answers(conn, attempt_id)
