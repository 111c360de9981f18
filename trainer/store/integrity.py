"""Read queries for the integrity check of records: attempts, turns, answers, overrides in bulk."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from trainer.store.database import Store, parse_timestamp, store_operation
from trainer.store.models import Attempt, QuizAnswer, StoredTurn
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


@store_operation
def stored_records(
    store: Store, *, trainee_id: int | None = None, attempt_id: str | None = None
) -> list[StoredRecord]:
    """Every attempt (or one trainee's, or one), oldest first, with its turns, answers and
    overrides; read in one query per table, not one per attempt, so a team's check is fast."""
    conn = store.conn
    where, params = "", ()  # type: tuple[str, tuple[object, ...]]
    if attempt_id is not None:
        where, params = "WHERE attempts.id = ?", (attempt_id,)
    elif trainee_id is not None:
        where, params = "WHERE attempts.trainee_id = ?", (trainee_id,)
    rows = conn.execute(
        f"SELECT {_prefixed(ATTEMPT_COLUMNS, 'attempts')}, trainees.name FROM attempts "
        f"LEFT JOIN trainees ON trainees.id = attempts.trainee_id {where} "
        "ORDER BY attempts.started_at, attempts.id",
        params,
    ).fetchall()
    turns: defaultdict[str, list[StoredTurn]] = defaultdict(list)
    for row in conn.execute(
        f"SELECT {_prefixed(TURN_COLUMNS, 'turns')} FROM turns "
        f"JOIN attempts ON attempts.id = turns.attempt_id {where} "
        "ORDER BY turns.attempt_id, turns.idx",
        params,
    ):
        turns[row[0]].append(turn_from_row(row))
    overrides: defaultdict[str, list[datetime]] = defaultdict(list)
    for found, created in conn.execute(
        "SELECT overrides.attempt_id, overrides.created_at FROM overrides "
        f"JOIN attempts ON attempts.id = overrides.attempt_id {where} ORDER BY overrides.id",
        params,
    ):
        overrides[found].append(parse_timestamp(created))
    records = []
    for row in rows:
        attempt = attempt_from_row(row[:-1])
        answers = select_answers(conn, attempt.id) if attempt.kind.value == "quiz" else []
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
