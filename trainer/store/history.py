"""A trainee's record as the programme rules read it (`TraineeHistory`), overrides applied.

One set of queries serves one trainee (the home screen) and the whole team (the mentor's
trainees table), so the two never disagree. The rules themselves are applied by
`trainer.services.stages`: the store returns the records.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

from trainer.content.scenario.model import Outcome
from trainer.engine.programme import QuizRecord, TraineeHistory
from trainer.store.database import Store, parse_timestamp, store_operation
from trainer.store.models import AttemptKind, AttemptStatus
from trainer.store.reviews import EFFECTIVE_PASSED, EFFECTIVE_SCORE
from trainer.store.rows import ensure_trainee
from trainer.store.scope import EVERYTHING, Scope

_CALL = AttemptKind.CALL.value
_QUIZ = AttemptKind.QUIZ.value
_EXAM = AttemptKind.EXAM.value
_ENDED = (AttemptStatus.COMPLETED.value, AttemptStatus.ABANDONED.value)
_DEAL = Outcome.DEAL.value


@dataclass(frozen=True, slots=True)
class CallCounts:
    """Per trainee: calls made, the exam calls among them, and how many ended in each result."""

    calls: Counter[int]
    exam_calls: Counter[int]
    outcomes: dict[int, Counter[str]]


def call_counts(
    conn: sqlite3.Connection, trainee_id: int | None, scope: Scope = EVERYTHING
) -> CallCounts:
    """The one count of calls: per trainee, the practice and exam calls made (completed or
    abandoned) and how many ended in each result. A call counts once, at the result it ended
    in; a deal only when the call passed (a mentor's override counting), else it is a call
    with no result counted.

    The trainees table, the trainee's home, the call log, the progress tab, the views and the
    exports all count from here. `scope` narrows the calls to a date range and a cohort
    (analytics).
    """
    only = "" if trainee_id is None else " AND trainee_id = ?"
    who: tuple[object, ...] = () if trainee_id is None else (trainee_id,)
    within, bounds = scope.sql()
    calls: Counter[int] = Counter()
    exams: Counter[int] = Counter()
    outcomes: dict[int, Counter[str]] = {}
    for trainee, kind, outcome, count in conn.execute(
        "SELECT trainee_id, kind, outcome, count(*) FROM attempts "
        f"WHERE kind IN (?, ?) AND status IN (?, ?){only}{within} "
        "GROUP BY trainee_id, kind, outcome",
        (_CALL, _EXAM, *_ENDED, *who, *bounds),
    ):
        calls[trainee] += count
        if kind == _EXAM:
            exams[trainee] += count
        if outcome is not None:
            outcomes.setdefault(trainee, Counter())[outcome] += count
    # Deals are few: their pass (with overrides) is looked up one by one, through the index.
    for trainee, count in conn.execute(
        "SELECT trainee_id, count(*) FROM attempts "
        f"WHERE kind IN (?, ?) AND outcome = ? AND status IN (?, ?){only}{within} "
        f"AND coalesce({EFFECTIVE_PASSED}, 0) != 1 GROUP BY trainee_id",
        (_CALL, _EXAM, _DEAL, *_ENDED, *who, *bounds),
    ):
        counted = outcomes[trainee]
        counted[_DEAL] -= count
        if counted[_DEAL] <= 0:
            del counted[_DEAL]
    return CallCounts(calls, exams, outcomes)


def histories(
    conn: sqlite3.Connection,
    *,
    trainee_id: int | None,
    practice_scenarios: Collection[str] | None,
    exam_scenario: str | None,
) -> dict[int, TraineeHistory]:
    """Each trainee's history (only `trainee_id`'s when given), for trainees with any attempt.

    - quizzes: per quiz, the best score and whether any attempt passed, over attempts with a
      result (completed, or abandoned and given one by a mentor);
    - passed_scenarios: practice scenarios (of `practice_scenarios`; all when None) with a
      practice call that passed;
    - calls_made, exam_calls and outcomes: practice and exam calls completed or abandoned, and
      how they ended (`call_counts`);
    - exam attempts: every attempt started at `exam_scenario` (any exam when None), abandoned
      ones included, and whether one passed;
    - retakes_granted: the mentor's grants;
    - signed_off: whether a mentor signed the trainee's readiness off.
    Score and pass are the effective ones: a mentor's override counts instead of the original.
    """
    only = "" if trainee_id is None else " AND trainee_id = ?"
    scope: tuple[object, ...] = () if trainee_id is None else (trainee_id,)

    counted = call_counts(conn, trainee_id)
    calls, outcomes = counted.calls, counted.outcomes
    signed_off = {
        trainee
        for (trainee,) in conn.execute(
            f"SELECT trainee_id FROM readiness_signoffs WHERE 1{only}", scope
        )
    }

    passed_calls = _passed_calls(conn, only, scope)
    allowed = None if practice_scenarios is None else set(practice_scenarios)
    passed_scenarios: dict[int, set[str]] = {}
    for (trainee, scenario), count in passed_calls.items():
        if count > 0 and (allowed is None or scenario in allowed):
            passed_scenarios.setdefault(trainee, set()).add(scenario)

    quizzes: dict[int, dict[str, QuizRecord]] = {}
    for (trainee, quiz_id), record in _quiz_records(conn, only, scope).items():
        quizzes.setdefault(trainee, {})[quiz_id] = record

    exam_filter = "" if exam_scenario is None else " AND content_id = ?"
    exam_scope = () if exam_scenario is None else (exam_scenario,)
    exams = {
        trainee: (used, bool(passed))
        for trainee, used, passed in conn.execute(
            f"SELECT trainee_id, count(*), coalesce(max({EFFECTIVE_PASSED}), 0) FROM attempts "
            f"WHERE kind = ?{exam_filter}{only} GROUP BY trainee_id",
            (_EXAM, *exam_scope, *scope),
        )
    }
    retakes = dict(
        conn.execute(
            f"SELECT trainee_id, count(*) FROM exam_retakes WHERE 1{only} GROUP BY trainee_id",
            scope,
        ).fetchall()
    )

    trainees = (
        set(calls) | set(quizzes) | set(exams) | set(retakes) | set(passed_scenarios) | signed_off
    )
    return {
        trainee: TraineeHistory(
            quizzes=quizzes.get(trainee, {}),
            passed_scenarios=frozenset(passed_scenarios.get(trainee, ())),
            calls_made=calls[trainee],
            exam_calls=counted.exam_calls[trainee],
            outcomes=dict(outcomes.get(trainee, {})),
            exam_attempts_used=exams.get(trainee, (0, False))[0],
            exam_passed=exams.get(trainee, (0, False))[1],
            retakes_granted=retakes.get(trainee, 0),
            signed_off=trainee in signed_off,
        )
        for trainee in trainees
    }


def _passed_calls(
    conn: sqlite3.Connection, only: str, scope: tuple[object, ...]
) -> Counter[tuple[int, str]]:
    """Per (trainee, scenario): practice calls that passed, overrides applied.

    Counted over the small index of passed attempts (the literal `passed = 1` lets SQLite use
    it), then corrected by the few overridden attempts: cheaper than looking up the overrides
    of every call.
    """
    counts: Counter[tuple[int, str]] = Counter()
    for trainee, scenario, count in conn.execute(
        "SELECT trainee_id, content_id, count(*) FROM attempts "
        f"WHERE kind = ? AND passed = 1{only} GROUP BY trainee_id, content_id",
        (_CALL, *scope),
    ):
        counts[(trainee, scenario)] = count
    # CROSS JOIN keeps the overrides as the outer loop: a lookup per overridden attempt.
    for trainee, scenario, original, effective in conn.execute(
        f"SELECT trainee_id, content_id, passed, {EFFECTIVE_PASSED} FROM "
        "(SELECT DISTINCT attempt_id FROM overrides WHERE passed IS NOT NULL) AS overridden "
        "CROSS JOIN attempts ON attempts.id = overridden.attempt_id "
        f"WHERE kind = ?{only}",
        (_CALL, *scope),
    ):
        counts[(trainee, scenario)] += (effective == 1) - (original == 1)
    return counts


def _quiz_records(
    conn: sqlite3.Connection, only: str, scope: tuple[object, ...]
) -> dict[tuple[int, str], QuizRecord]:
    """Per (trainee, quiz): best score, whether passed, and attempts with a result.

    Read from the attempts' own results through a covering index; the few (trainee, quiz)
    pairs with an overridden attempt are then worked out again attempt by attempt.
    """
    results = (
        "SELECT trainee_id, content_id, count(*), max(score), max(passed) FROM {source} "
        "WHERE score IS NOT NULL OR passed IS NOT NULL GROUP BY trainee_id, content_id"
    )
    originals = (
        "(SELECT trainee_id, content_id, score, passed FROM attempts "
        f"WHERE kind = ? AND status != ?{only})"
    )
    records = {
        (trainee, quiz_id): QuizRecord(best or 0.0, bool(passed), count)
        for trainee, quiz_id, count, best, passed in conn.execute(
            results.format(source=originals), (_QUIZ, AttemptStatus.IN_PROGRESS.value, *scope)
        )
    }
    overridden = conn.execute(
        "SELECT DISTINCT trainee_id, content_id FROM "
        "(SELECT DISTINCT attempt_id FROM overrides) AS overridden "
        "CROSS JOIN attempts ON attempts.id = overridden.attempt_id "
        f"WHERE kind = ?{only}",
        (_QUIZ, *scope),
    ).fetchall()
    effective = (
        f"(SELECT trainee_id, content_id, {EFFECTIVE_SCORE} AS score, "
        f"{EFFECTIVE_PASSED} AS passed FROM attempts "
        "WHERE kind = ? AND status != ? AND trainee_id = ? AND content_id = ?)"
    )
    for trainee, quiz_id in overridden:
        records.pop((trainee, quiz_id), None)
        for _, _, count, best, passed in conn.execute(
            results.format(source=effective),
            (_QUIZ, AttemptStatus.IN_PROGRESS.value, trainee, quiz_id),
        ):
            records[(trainee, quiz_id)] = QuizRecord(best or 0.0, bool(passed), count)
    return records


@store_operation
def trainee_history(
    store: Store,
    trainee_id: int,
    *,
    practice_scenarios: Collection[str] | None,
    exam_scenario: str | None,
) -> TraineeHistory:
    """What the programme rules need to know about a trainee (see `histories` for each figure).

    `practice_scenarios` are the sales stage's scenario ids (None: any scenario counts);
    `exam_scenario` is the exam's scenario id (None: any exam attempt counts).
    """
    conn = store.conn
    ensure_trainee(conn, trainee_id)
    found = histories(
        conn,
        trainee_id=trainee_id,
        practice_scenarios=practice_scenarios,
        exam_scenario=exam_scenario,
    )
    return found.get(trainee_id, TraineeHistory())


@dataclass(frozen=True, slots=True)
class CallLine:
    """One call (practice or exam) as the call log lists it, with the result that counts."""

    attempt_id: str
    content_id: str
    exam: bool
    status: AttemptStatus
    started_at: datetime
    outcome: str | None
    score: float | None
    passed: bool | None

    @property
    def counted(self) -> bool:
        """Whether `call_counts` counts it: completed or abandoned."""
        return self.status is not AttemptStatus.IN_PROGRESS

    @property
    def deal_counted(self) -> bool:
        """A deal counts only in a call that passed."""
        return self.counted and self.outcome == _DEAL and self.passed is True


@store_operation
def call_lines(store: Store, trainee_id: int) -> list[CallLine]:
    """Every call of the trainee, practice and exam, newest first, a mentor's override applied."""
    conn = store.conn
    ensure_trainee(conn, trainee_id)
    rows = conn.execute(
        "SELECT id, content_id, kind, status, started_at, outcome, "
        f"{EFFECTIVE_SCORE}, {EFFECTIVE_PASSED} FROM attempts "
        "WHERE trainee_id = ? AND kind IN (?, ?) ORDER BY started_at DESC, rowid DESC",
        (trainee_id, _CALL, _EXAM),
    ).fetchall()
    return [
        CallLine(
            attempt_id,
            content_id,
            kind == _EXAM,
            AttemptStatus(status),
            parse_timestamp(started_at),
            outcome,
            score,
            None if passed is None else bool(passed),
        )
        for attempt_id, content_id, kind, status, started_at, outcome, score, passed in rows
    ]
