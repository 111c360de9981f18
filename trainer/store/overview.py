"""The mentor's lists: every trainee on a row with flags worth a look; one trainee's attempts."""

from __future__ import annotations

import sqlite3
from collections.abc import Collection
from datetime import datetime, timedelta
from typing import Any

from trainer.content.programme import DEFAULT_EXAM_ATTEMPTS
from trainer.content.scenario.model import Outcome
from trainer.engine.programme import TraineeHistory
from trainer.errors import StoreError
from trainer.store.database import Store, parse_timestamp, store_operation, utc_now
from trainer.store.exams import select_exam_rules, select_retakes
from trainer.store.history import NO_MARKS, Marks, histories
from trainer.store.models import (
    AttemptKind,
    AttemptStatus,
    ReviewedAttempt,
    TraineeAttempts,
    TraineeRow,
)
from trainer.store.reviews import EFFECTIVE_PASSED, EFFECTIVE_SCORE, OVERRIDDEN_BY, result_from_row
from trainer.store.rows import ATTEMPT_COLUMNS, TRAINEE_COLUMNS, attempt_from_row, trainee_from_row

STALLED_DAYS = 7
RECENT_CALLS = 5  # repeated hang-ups: at least REPEATED_HANG_UPS of the last RECENT_CALLS calls
REPEATED_HANG_UPS = 3


@store_operation
def trainee_overview(
    store: Store,
    *,
    practice_scenarios: Collection[str] | None = None,
    product_quiz: str | None = None,
    default_exam_attempts: int = DEFAULT_EXAM_ATTEMPTS,
    marks: Marks = NO_MARKS,
    now: datetime | None = None,
    stalled_days: int = STALLED_DAYS,
) -> list[TraineeRow]:
    """One row per trainee, by name: figures, history and flags worth a look.

    `practice_scenarios` are the scenarios whose passed calls count (None: every one);
    `product_quiz` is the quiz whose best score each row carries (None: no such score). The
    exam allows the attempts the records fix, else `default_exam_attempts`, plus the retakes
    granted. Quiz and practice results are judged against `marks` (the content in use's).
    The rows' `status` is left None: `trainer.services.mentor` applies the
    programme's rules to each row's history. The flags:
    - stalled: nothing started or ended for `stalled_days` days (since signing up for a
      trainee who has done nothing); never raised once the exam is passed;
    - repeated hang-ups: at least 3 of the last 5 ended practice calls ended in a hang-up;
    - exam locked: every attempt allowed (retakes included) used without a pass.
    """
    conn = store.conn
    moment = now if now is not None else parse_timestamp(utc_now())
    rules = select_exam_rules(conn)
    exam_attempts = default_exam_attempts if rules is None else rules.attempts

    trainees = [
        trainee_from_row(row)
        for row in conn.execute(
            f"SELECT {TRAINEE_COLUMNS} FROM trainees ORDER BY name COLLATE NOCASE, id"
        )
    ]
    # Every exam attempt counts, whatever its variant: the exam is a pool.
    found = histories(
        conn,
        trainee_id=None,
        practice_scenarios=practice_scenarios,
        exam_scenario=None,
        marks=marks,
    )
    last_activity, recent_hang_ups = _recent(conn)

    rows = []
    for trainee in trainees:
        history = found.get(trainee.id, TraineeHistory())
        record = None if product_quiz is None else history.quizzes.get(product_quiz)
        allowed = exam_attempts + history.retakes_granted
        last = last_activity.get(trainee.id)
        idle_since = last if last is not None else trainee.created_at
        outcomes = history.outcomes
        rows.append(
            TraineeRow(
                trainee=trainee,
                history=history,
                status=None,
                product_quiz_best=None if record is None else record.best_percent,
                calls_made=history.calls_made,
                applications=outcomes.get(Outcome.APPLICATION.value, 0),
                deals=outcomes.get(Outcome.DEAL.value, 0),
                meetings=outcomes.get(Outcome.MEETING.value, 0),
                hang_ups=outcomes.get(Outcome.HUNG_UP.value, 0),
                exam_attempts_used=history.exam_attempts_used,
                exam_attempts_allowed=allowed,
                exam_passed=history.exam_passed,
                last_activity=last,
                stalled=not history.exam_passed
                and moment - idle_since >= timedelta(days=stalled_days),
                repeated_hang_ups=recent_hang_ups.get(trainee.id, 0) >= REPEATED_HANG_UPS,
                exam_locked=not history.exam_passed and history.exam_attempts_used >= allowed,
            )
        )
    return rows


def _recent(conn: sqlite3.Connection) -> tuple[dict[int, datetime], dict[int, int]]:
    """Per trainee: the last activity, and hang-ups among the last few ended calls.

    Each is one index seek per trainee rather than a pass over every attempt. The last activity
    is when the trainee's latest attempt ended (or started, if it has not).
    """
    last_activity: dict[int, datetime] = {}
    hang_ups: dict[int, int] = {}
    for trainee_id, last, hung_up in conn.execute(
        "SELECT id, "
        "(SELECT coalesce(ended_at, started_at) FROM attempts WHERE trainee_id = trainees.id "
        "ORDER BY started_at DESC LIMIT 1), "
        "(SELECT count(*) FROM (SELECT outcome FROM attempts "
        "WHERE trainee_id = trainees.id AND kind = ? AND status != ? "
        "ORDER BY started_at DESC LIMIT ?) WHERE outcome = ?) "
        "FROM trainees",
        (
            AttemptKind.CALL.value,
            AttemptStatus.IN_PROGRESS.value,
            RECENT_CALLS,
            Outcome.HUNG_UP.value,
        ),
    ):
        if last is not None:
            last_activity[trainee_id] = parse_timestamp(last)
        hang_ups[trainee_id] = hung_up
    return last_activity, hang_ups


def reviewed_from_row(row: sqlite3.Row | tuple[Any, ...]) -> ReviewedAttempt:
    *attempt, score, passed, mentor, notes = row
    return ReviewedAttempt(
        attempt_from_row(tuple(attempt)), result_from_row(score, passed, mentor), notes
    )


REVIEWED_COLUMNS = (
    f"{ATTEMPT_COLUMNS}, {EFFECTIVE_SCORE}, {EFFECTIVE_PASSED}, {OVERRIDDEN_BY}, "
    "(SELECT count(*) FROM notes WHERE attempt_id = attempts.id)"
)


@store_operation
def trainee_attempts(store: Store, trainee_id: int) -> TraineeAttempts:
    """A trainee's attempts by stage (quizzes, practice calls, exams), newest first in each.

    Each carries the result that counts (overrides applied) and its number of mentor notes;
    the exam retakes granted come along.
    """
    conn = store.conn
    row = conn.execute(
        f"SELECT {TRAINEE_COLUMNS} FROM trainees WHERE id = ?", (trainee_id,)
    ).fetchone()
    if row is None:
        raise StoreError(f"there is no trainee number {trainee_id}")
    attempts = [
        reviewed_from_row(row)
        for row in conn.execute(
            f"SELECT {REVIEWED_COLUMNS} FROM attempts WHERE trainee_id = ? "
            "ORDER BY started_at DESC, rowid DESC",
            (trainee_id,),
        )
    ]

    def of(kind: AttemptKind) -> tuple[ReviewedAttempt, ...]:
        return tuple(item for item in attempts if item.attempt.kind is kind)

    return TraineeAttempts(
        trainee=trainee_from_row(row),
        quizzes=of(AttemptKind.QUIZ),
        calls=of(AttemptKind.CALL),
        exams=of(AttemptKind.EXAM),
        retakes=tuple(select_retakes(conn, trainee_id)),
    )
