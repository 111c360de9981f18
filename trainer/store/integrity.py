"""Read queries for the integrity check of records: attempts, turns, answers, overrides in bulk."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from trainer.store.database import Store, parse_timestamp, store_operation
from trainer.store.models import Attempt, AttemptKind, QuizAnswer, StoredTurn, Transcript
from trainer.store.quizzes import select_answers
from trainer.store.rows import ATTEMPT_COLUMNS, TURN_COLUMNS, attempt_from_row, turn_from_row


@dataclass(frozen=True, slots=True)
class StoredRecord:
    """One attempt as the records hold it, with everything the check compares against it."""

    attempt: Attempt
    trainee: str | None  # None when the attempt belongs to no trainee in the records
    turns: tuple[StoredTurn, ...]
    answers: tuple[QuizAnswer, ...]
    overrides: tuple[datetime, ...]  # when each override of it was made


def _prefixed(columns: str, table: str) -> str:
    return ", ".join(f"{table}.{column.strip()}" for column in columns.split(","))


BATCH = 200  # attempts read together: few queries, and memory that does not grow with the team


def stored_records(
    store: Store, *, trainee_id: int | None = None, attempt_id: str | None = None
) -> Iterator[StoredRecord]:
    """Every attempt (or one trainee's, or one), oldest first, with its turns, answers and
    overrides; read a batch of attempts at a time, so a whole team's check streams."""
    ids = _attempt_ids(store, trainee_id, attempt_id)
    for start in range(0, len(ids), BATCH):
        yield from _batch(store, ids[start : start + BATCH])


@store_operation
def _attempt_ids(store: Store, trainee_id: int | None, attempt_id: str | None) -> list[str]:
    where, params = "", ()  # type: tuple[str, tuple[object, ...]]
    if attempt_id is not None:
        where, params = "WHERE id = ?", (attempt_id,)
    elif trainee_id is not None:
        where, params = "WHERE trainee_id = ?", (trainee_id,)
    rows = store.conn.execute(
        f"SELECT id FROM attempts {where} ORDER BY started_at, rowid", params
    ).fetchall()
    return [row[0] for row in rows]


@store_operation
def _batch(store: Store, ids: list[str]) -> list[StoredRecord]:
    conn = store.conn
    marks = ", ".join("?" * len(ids))
    rows = conn.execute(
        f"SELECT {_prefixed(ATTEMPT_COLUMNS, 'attempts')}, trainees.name FROM attempts "
        f"LEFT JOIN trainees ON trainees.id = attempts.trainee_id "
        f"WHERE attempts.id IN ({marks}) ORDER BY attempts.started_at, attempts.rowid",
        ids,
    ).fetchall()
    turns: defaultdict[str, list[StoredTurn]] = defaultdict(list)
    for row in conn.execute(
        f"SELECT {TURN_COLUMNS} FROM turns WHERE attempt_id IN ({marks}) ORDER BY attempt_id, idx",
        ids,
    ):
        turns[row[0]].append(turn_from_row(row))
    overrides: defaultdict[str, list[datetime]] = defaultdict(list)
    for found, created in conn.execute(
        f"SELECT attempt_id, created_at FROM overrides WHERE attempt_id IN ({marks}) ORDER BY id",
        ids,
    ):
        overrides[found].append(parse_timestamp(created))
    records = []
    for row in rows:
        attempt = attempt_from_row(tuple(row)[:-1])
        answers = select_answers(conn, attempt.id) if attempt.kind is AttemptKind.QUIZ else []
        records.append(
            StoredRecord(
                attempt,
                row[-1],
                tuple(turns.get(attempt.id, ())),
                tuple(answers),
                tuple(overrides.get(attempt.id, ())),
            )
        )
    return records


def transcript_record(transcript: Transcript) -> StoredRecord:
    """What the check needs of an attempt, from the transcript an export has already read."""
    return StoredRecord(
        transcript.attempt,
        transcript.trainee_name,
        transcript.turns,
        transcript.answers,
        tuple(override.created_at for override in transcript.overrides),
    )
