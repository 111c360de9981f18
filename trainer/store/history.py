"""A trainee's record as the programme rules read it (`TraineeHistory`), overrides applied.

One set of queries serves one trainee (the home screen) and the whole team (the mentor's
trainees table), so the two never disagree. The rules themselves are applied by
`trainer.services.stages`: the store returns the records.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import datetime

from trainer.content.frozen import frozen_map
from trainer.content.programme import PassRule
from trainer.content.scenario.kinds import Outcome
from trainer.engine.programme import QuizRecord, TraineeHistory
from trainer.store.attempt_record import AttemptKind, AttemptStatus
from trainer.store.database import Store, parse_timestamp, store_operation
from trainer.store.reviews import EFFECTIVE_PASSED, EFFECTIVE_SCORE
from trainer.store.rows import ensure_trainee
from trainer.store.scope import EVERYTHING, Scope

_CALL = AttemptKind.CALL.value
_QUIZ = AttemptKind.QUIZ.value
_EXAM = AttemptKind.EXAM.value
_ENDED = (AttemptStatus.COMPLETED.value, AttemptStatus.ABANDONED.value)
_DEAL = Outcome.DEAL.value


_OVERRIDE_PASSED = (
    "(SELECT passed FROM overrides WHERE attempt_id = attempts.id "
    "AND passed IS NOT NULL ORDER BY id DESC LIMIT 1)"
)


@dataclass(frozen=True, slots=True)
class Marks:
    """The content in use's marks that stored quiz and practice results are judged against.

    A result counts as passed by these marks, never by the `passed` flag stored when it was
    scored (that content may have been a copy with a lower mark); a mentor's override counts
    as the mentor set it. Quizzes and scenarios absent here keep their stored flag.
    """

    quizzes: Mapping[str, float] = field(default_factory=frozen_map)  # quiz id: pass mark
    calls: Mapping[str, PassRule] = field(default_factory=frozen_map)  # practice scenario id


NO_MARKS = Marks()


def quiz_counts(mark: float | None, score: float | None, stored: object) -> bool:
    """Whether a quiz result passes: a quiz passes on its score alone, so it is judged again."""
    if mark is None:
        return bool(stored)
    return score is not None and score >= mark


def call_counts_as_passed(
    rule: PassRule | None, outcome: str | None, score: float | None, stored: object
) -> bool:
    """Whether a practice call passes by the content in use: it passed when scored (critical
    breaches and must-pass skills cannot be judged again without its file), and its score and
    result still clear the scenario's mark and goal."""
    if rule is None or not stored:
        return bool(stored)
    return (
        score is not None
        and score >= rule.pass_mark
        and outcome in {success.value for success in rule.success}
    )


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
    marks: Marks = NO_MARKS,
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
    Score and pass are the effective ones: a mentor's override counts instead of the original,
    and a result without one is judged against `marks` (the content in use).
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

    allowed = None if practice_scenarios is None else set(practice_scenarios)
    passed_scenarios: dict[int, set[str]] = {}
    for trainee, scenario in _passed_calls(conn, only, scope, marks.calls):
        if allowed is None or scenario in allowed:
            passed_scenarios.setdefault(trainee, set()).add(scenario)

    quizzes: dict[int, dict[str, QuizRecord]] = {}
    for (trainee, quiz_id), record in _quiz_records(conn, only, scope, marks.quizzes).items():
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
    conn: sqlite3.Connection, only: str, scope: tuple[object, ...], rules: Mapping[str, PassRule]
) -> set[tuple[int, str]]:
    """The (trainee, scenario) pairs with a practice call that passes (`call_counts_as_passed`).

    Read over the small index of calls stored as passed (the literal `passed = 1` lets SQLite
    use it), best score per result, then the few overridden calls one by one: cheaper than
    looking up the overrides of every call.
    """
    passed: set[tuple[int, str]] = set()
    for trainee, scenario, outcome, best in conn.execute(
        "SELECT trainee_id, content_id, outcome, max(score) FROM attempts "
        f"WHERE kind = ? AND passed = 1{only} AND NOT EXISTS "
        "(SELECT 1 FROM overrides WHERE attempt_id = attempts.id) "
        "GROUP BY trainee_id, content_id, outcome",
        (_CALL, *scope),
    ):
        if call_counts_as_passed(rules.get(scenario), outcome, best, True):
            passed.add((trainee, scenario))
    # CROSS JOIN keeps the overrides as the outer loop: a lookup per overridden attempt.
    for trainee, scenario, outcome, score, stored, mentor in conn.execute(
        f"SELECT trainee_id, content_id, outcome, {EFFECTIVE_SCORE}, passed, "
        f"{_OVERRIDE_PASSED} FROM (SELECT DISTINCT attempt_id FROM overrides) AS overridden "
        "CROSS JOIN attempts ON attempts.id = overridden.attempt_id "
        f"WHERE kind = ?{only}",
        (_CALL, *scope),
    ):
        counts = (
            bool(mentor)
            if mentor is not None
            else call_counts_as_passed(rules.get(scenario), outcome, score, stored)
        )
        if counts:
            passed.add((trainee, scenario))
    return passed


def _quiz_records(
    conn: sqlite3.Connection, only: str, scope: tuple[object, ...], marks: Mapping[str, float]
) -> dict[tuple[int, str], QuizRecord]:
    """Per (trainee, quiz): best score, whether passed (`quiz_counts`), and attempts with a
    result.

    Read from the attempts' own results through a covering index; the few (trainee, quiz)
    pairs with an overridden attempt are then worked out again attempt by attempt.
    """
    originals = (
        "SELECT trainee_id, content_id, count(*), max(score), max(passed) FROM "
        "(SELECT trainee_id, content_id, score, passed FROM attempts "
        f"WHERE kind = ? AND status != ?{only}) "
        "WHERE score IS NOT NULL OR passed IS NOT NULL GROUP BY trainee_id, content_id"
    )
    records = {
        (trainee, quiz_id): QuizRecord(
            best or 0.0, quiz_counts(marks.get(quiz_id), best, passed), count
        )
        for trainee, quiz_id, count, best, passed in conn.execute(
            originals, (_QUIZ, AttemptStatus.IN_PROGRESS.value, *scope)
        )
    }
    overridden = conn.execute(
        "SELECT DISTINCT trainee_id, content_id FROM "
        "(SELECT DISTINCT attempt_id FROM overrides) AS overridden "
        "CROSS JOIN attempts ON attempts.id = overridden.attempt_id "
        f"WHERE kind = ?{only}",
        (_QUIZ, *scope),
    ).fetchall()
    for trainee, quiz_id in overridden:
        records.pop((trainee, quiz_id), None)
        results = [
            (score, passed, mentor)
            for score, passed, mentor in conn.execute(
                f"SELECT {EFFECTIVE_SCORE}, {EFFECTIVE_PASSED}, {_OVERRIDE_PASSED} "
                "FROM attempts WHERE kind = ? AND status != ? AND trainee_id = ? "
                "AND content_id = ?",
                (_QUIZ, AttemptStatus.IN_PROGRESS.value, trainee, quiz_id),
            )
            if score is not None or passed is not None
        ]
        if results:
            mark = marks.get(quiz_id)
            records[(trainee, quiz_id)] = QuizRecord(
                max((score for score, _, _ in results if score is not None), default=0.0),
                any(
                    bool(mentor) if mentor is not None else quiz_counts(mark, score, passed)
                    for score, passed, mentor in results
                ),
                len(results),
            )
    return records


@store_operation
def trainee_history(
    store: Store,
    trainee_id: int,
    *,
    practice_scenarios: Collection[str] | None,
    exam_scenario: str | None,
    marks: Marks = NO_MARKS,
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
        marks=marks,
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
