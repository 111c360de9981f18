"""Team analytics for mentors: how a scenario's calls end, how quiz items perform, the funnel."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Collection

from trainer.content.scenario.model import Outcome
from trainer.store.database import Store, parse_timestamp, store_operation
from trainer.store.history import call_counts
from trainer.store.models import (
    AnswerCount,
    AttemptKind,
    AttemptStatus,
    Count,
    Funnel,
    ItemStatistics,
    ScenarioAnalytics,
    SkillPoint,
)
from trainer.store.reviews import EFFECTIVE_PASSED
from trainer.store.scope import EVERYTHING, Scope

# What counts as success when the caller does not pass the scenario's own `success` outcomes.
SUCCESS_OUTCOMES = frozenset({Outcome.DEAL.value, Outcome.APPLICATION.value, Outcome.MEETING.value})

# Item analysis (see quiz_item_statistics).
GROUP_SHARE = 0.27
TOO_EASY = 0.95
TOO_HARD = 0.2
LOW_DISCRIMINATION = 0.1
MIN_ATTEMPTS_TO_FLAG = 5
# Under this many answers an item's figures move a lot with one more trainee: read with care.
FEW_ANSWERS = 30


@store_operation
def scenario_analytics(
    store: Store,
    content_id: str,
    *,
    success: Collection[str] = SUCCESS_OUTCOMES,
    weak: Collection[str] | None = None,
    top: int = 10,
    scope: Scope = EVERYTHING,
) -> ScenarioAnalytics:
    """Attempts of one scenario: how many ended and passed, how they ended, and where they stall.

    - pass rate: attempts that count as passed (overrides applied) among those that ended;
    - drop-off: for ended attempts whose outcome is not in `success` (pass the scenario's own;
      abandoned attempts have none), the node of their last turn, counted;
    - weak replies: replies whose turn earned 0 points or less, and of those only the keys in
      `weak` when it is given (the caller judges them on the content, see
      `trainer.content.graph.weak_replies`), by how often they were chosen (the `top` most).
    Only attempts in `scope` are read.
    """
    conn = store.conn
    within, bounds = scope.sql()
    statuses: Counter[str] = Counter()
    outcomes: Counter[str] = Counter()
    drop_off: Counter[str] = Counter()
    passed = 0
    for status, outcome, end_node, is_passed, count in conn.execute(
        "SELECT status, outcome, end_node, passed, count(*) FROM attempts "
        f"WHERE content_id = ?{within} GROUP BY status, outcome, end_node, passed",
        (content_id, *bounds),
    ):
        statuses[status] += count
        if status == AttemptStatus.IN_PROGRESS.value:
            continue
        if is_passed:
            passed += count
        if status == AttemptStatus.COMPLETED.value and outcome is not None:
            outcomes[outcome] += count
        if outcome not in success and end_node is not None:
            drop_off[end_node] += count
    # The attempts' own passes were counted above; the few overridden ones are corrected here,
    # rather than looking up overrides for every attempt of the scenario.
    for original, effective in conn.execute(
        f"SELECT attempts.passed, {EFFECTIVE_PASSED} FROM "
        "(SELECT DISTINCT attempt_id FROM overrides WHERE passed IS NOT NULL) AS overridden "
        "CROSS JOIN attempts ON attempts.id = overridden.attempt_id "
        f"WHERE content_id = ? AND status != ?{within}",
        (content_id, AttemptStatus.IN_PROGRESS.value, *bounds),
    ):
        passed += (effective == 1) - (original == 1)
    # Only replies that earned nothing can be weak, and that filter keeps the query on the
    # covering index idx_turns_weak_replies; the content's judgement is applied to the few
    # keys it returns.
    chosen = conn.execute(
        "SELECT turns.reply_key, count(*) AS chosen FROM attempts "
        "JOIN turns ON turns.attempt_id = attempts.id "
        "WHERE attempts.content_id = ? AND turns.reply_key IS NOT NULL "
        f"AND turns.points_total <= 0{within} "
        "GROUP BY turns.reply_key ORDER BY chosen DESC, turns.reply_key",
        (content_id, *bounds),
    ).fetchall()
    weak_replies = [Count(key, count) for key, count in chosen if weak is None or key in weak]
    return ScenarioAnalytics(
        content_id=content_id,
        attempts=sum(statuses.values()),
        completed=statuses[AttemptStatus.COMPLETED.value],
        abandoned=statuses[AttemptStatus.ABANDONED.value],
        passed=passed,
        outcomes=dict(outcomes.most_common()),
        drop_off=tuple(Count(node, count) for node, count in _ranked(drop_off)[:top]),
        weak_replies=tuple(weak_replies[:top]),
    )


def _ranked(counts: Counter[str]) -> list[tuple[str, int]]:
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def group_size(attempts: int) -> int:
    """Attempts in each of the upper and lower groups: 27% of them, rounded half up."""
    return math.floor(GROUP_SHARE * attempts + 0.5)


@store_operation
def quiz_item_statistics(
    store: Store,
    quiz_id: str,
    *,
    min_attempts: int = MIN_ATTEMPTS_TO_FLAG,
    scope: Scope = EVERYTHING,
) -> list[ItemStatistics]:
    """Per item of a quiz, over its completed attempts: difficulty, discrimination and flags.

    For an item answered in n completed attempts:
    - difficulty = (attempts that answered it fully right) / n;
    - discrimination (upper-lower index) = p_upper - p_lower: the n attempts are ranked by their
      total score (the attempt's percent; ties by attempt id), the upper group is the best
      g = floor(0.27 n + 0.5) of them and the lower group the worst g, and p_upper, p_lower are
      the shares of each group that answered the item fully right. From -1 to 1; None when g
      is 0 (fewer than 2 attempts).
    - flags, from `min_attempts` attempts on: too easy (difficulty > 0.95), too hard (< 0.2),
      or not telling strong from weak trainees apart (discrimination < 0.1).
    - answers: each answer given (as shown), how often, and whether it was right.
    Items by id; an item drawn in no completed attempt is not listed. Only attempts in `scope`.
    """
    conn = store.conn
    within, bounds = scope.sql()
    which = (AttemptKind.QUIZ.value, quiz_id, AttemptStatus.COMPLETED.value, *bounds)
    attempts = conn.execute(
        f"SELECT id, score FROM attempts WHERE kind = ? AND content_id = ? AND status = ?{within}",
        which,
    ).fetchall()
    attempts.sort(key=lambda row: (-(row[1] or 0.0), row[0]))
    rank = {attempt_id: position for position, (attempt_id, _) in enumerate(attempts)}
    answers: dict[str, list[tuple[int, int]]] = {}  # item: (attempt's rank, correct) per answer
    topics: dict[str, str | None] = {}
    given: dict[str, Counter[tuple[str, bool]]] = {}  # item: (answer as shown, right) counted
    for attempt_id, item_id, topic, correct, shown in conn.execute(
        "SELECT quiz_answers.attempt_id, quiz_answers.item_id, quiz_answers.topic, "
        "quiz_answers.correct, quiz_answers.answer_text FROM attempts "
        "JOIN quiz_answers ON quiz_answers.attempt_id = attempts.id "
        f"WHERE attempts.kind = ? AND attempts.content_id = ? AND attempts.status = ?{within}",
        which,
    ):
        answers.setdefault(item_id, []).append((rank[attempt_id], correct))
        topics.setdefault(item_id, topic)
        given.setdefault(item_id, Counter())[(" ".join(str(shown).split()), bool(correct))] += 1
    return [
        _item_statistics(
            item_id,
            topics[item_id],
            sorted(answers[item_id]),
            min_attempts,
            tuple(
                AnswerCount(text, count, right)
                for (text, right), count in sorted(
                    given[item_id].items(), key=lambda item: (-item[1], item[0][0])
                )
            ),
        )
        for item_id in sorted(answers)
    ]


def _item_statistics(
    item_id: str,
    topic: str | None,
    ranked: list[tuple[int, int]],
    min_attempts: int,
    given: tuple[AnswerCount, ...] = (),
) -> ItemStatistics:
    """The statistics of one item from its answers, best attempt first: (rank, correct)."""
    attempts = len(ranked)
    correct = sum(right for _, right in ranked)
    size = group_size(attempts)
    difficulty = correct / attempts
    discrimination = None
    if size:
        upper = sum(right for _, right in ranked[:size])
        lower = sum(right for _, right in ranked[attempts - size :])
        discrimination = (upper - lower) / size
    flags = []
    if attempts >= min_attempts:
        if difficulty > TOO_EASY:
            flags.append(f"too easy: {difficulty:.0%} answer it right")
        elif difficulty < TOO_HARD:
            flags.append(f"too hard: {difficulty:.0%} answer it right")
        if discrimination is not None and discrimination < LOW_DISCRIMINATION:
            flags.append(
                "does not tell strong from weak trainees apart "
                f"(discrimination {discrimination:.2f})"
            )
    return ItemStatistics(
        item_id=item_id,
        topic=topic,
        attempts=attempts,
        correct=correct,
        difficulty=difficulty,
        discrimination=discrimination,
        group_size=size,
        flags=tuple(flags),
        answers=given,
    )


@store_operation
def attempted(store: Store, scope: Scope = EVERYTHING) -> frozenset[str]:
    """The content ids with at least one attempt in `scope`: a large library's untried
    scenarios need no query of their own."""
    within, bounds = scope.sql()
    return frozenset(
        content_id
        for (content_id,) in store.conn.execute(
            f"SELECT DISTINCT content_id FROM attempts WHERE 1 = 1{within}", bounds
        )
    )


@store_operation
def funnel(store: Store, trainee_id: int | None = None, scope: Scope = EVERYTHING) -> Funnel:
    """Calls and how many ended in a meeting, an application, a deal (team when None),
    counted as everywhere else (see `history.call_counts`), of the calls in `scope`."""
    counted = call_counts(store.conn, trainee_id, scope)
    outcomes: Counter[str] = Counter()
    for by_outcome in counted.outcomes.values():
        outcomes.update(by_outcome)
    return Funnel(
        calls=sum(counted.calls.values()),
        exam_calls=sum(counted.exam_calls.values()),
        meetings=outcomes[Outcome.MEETING.value],
        applications=outcomes[Outcome.APPLICATION.value],
        deals=outcomes[Outcome.DEAL.value],
        hang_ups=outcomes[Outcome.HUNG_UP.value],
    )


@store_operation
def skill_trend(
    store: Store, trainee_id: int, *, kind: str = AttemptKind.CALL.value
) -> list[SkillPoint]:
    """The trainee's score per skill across completed attempts of a kind, oldest first."""
    rows = store.conn.execute(
        "SELECT attempts.id, attempts.content_id, attempts.started_at, attempt_skills.skill, "
        "attempt_skills.percent FROM attempts "
        "JOIN attempt_skills ON attempt_skills.attempt_id = attempts.id "
        "WHERE attempts.trainee_id = ? AND attempts.kind = ? AND attempts.status = ? "
        "ORDER BY attempts.started_at, attempts.rowid, attempt_skills.rowid",
        (trainee_id, kind, AttemptStatus.COMPLETED.value),
    ).fetchall()
    return [
        SkillPoint(attempt_id, content_id, parse_timestamp(started_at), skill, percent)
        for attempt_id, content_id, started_at, skill, percent in rows
    ]
