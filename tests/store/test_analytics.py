"""Team analytics: where a scenario's calls end, how quiz items perform, the funnel."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from tests.store.conftest import MENTOR, SkillLine, call, client, reply
from trainer.store.analytics import (
    funnel,
    group_size,
    quiz_item_statistics,
    scenario_analytics,
    skill_trend,
)
from trainer.store.attempts import abandon_attempt, record_turn, start_attempt
from trainer.store.database import Store
from trainer.store.mentors import Mentor
from trainer.store.models import Count, Funnel, Trainee
from trainer.store.quizzes import finish_quiz_attempt, record_answer, start_quiz_attempt
from trainer.store.reviews import override_attempt
from trainer.store.trainees import add_trainee

# -- scenario analytics -------------------------------------------------------------------------


def test_scenario_analytics_counts_endings_drop_off_and_weak_replies(
    store: Store, trainee: Trainee, mentor: Mentor
) -> None:
    good = [
        client(0, "hello"),
        reply(1, "hello", "intro", {"first_impression": 2.0}),
        client(2, "needs"),
        reply(3, "needs", "ask", {"needs_discovery": 3.0}),
        client(4, "booked"),
    ]
    pushy = [
        client(0, "hello"),
        reply(1, "hello", "push", {"tact": -2.0, "product_knowledge": 1.0}),
        client(2, "annoyed"),
        reply(3, "annoyed", "push_again", {"tact": -1.0}),
        client(4, "annoyed", "Goodbye."),
    ]
    call(store, trainee.id, turns=good, outcome="meeting", passed=True)
    hung_up = call(store, trainee.id, turns=pushy, outcome="hung-up", passed=False)
    override_attempt(store, hung_up.id, MENTOR, passed=True, reason="The persona misfired.")
    call(store, trainee.id, turns=pushy[:2], outcome=None)  # left after pushing
    waited = [client(0, "hello"), reply(1, "hello", "wait", {}), client(2, "hello", "Hello??")]
    call(store, trainee.id, turns=waited, outcome="lost", passed=False)
    running = start_attempt(
        store, trainee.id, kind="call", content_id="first_call", content_hash="h", seed=1,
        mode="practice",
    )  # fmt: skip
    record_turn(store, running.id, pushy[1])
    call(store, trainee.id, content_id="other_call", turns=pushy, outcome="lost", passed=False)

    found = scenario_analytics(store, "first_call")
    assert (found.attempts, found.completed, found.abandoned, found.passed) == (5, 3, 1, 2)
    assert found.pass_rate == pytest.approx(2 / 4)
    assert found.outcomes == {"meeting": 1, "hung-up": 1, "lost": 1}
    assert found.drop_off == (Count("hello", 2), Count("annoyed", 1))
    assert found.weak_replies == (
        Count("hello/push", 3),
        Count("annoyed/push_again", 1),
        Count("hello/wait", 1),
    )
    # the content judges which replies are weak; one that earned points never is
    judged = scenario_analytics(store, "first_call", weak={"hello/wait", "needs/ask"})
    assert judged.weak_replies == (Count("hello/wait", 1),)
    assert scenario_analytics(store, "first_call", weak=set()).weak_replies == ()
    lenient = scenario_analytics(store, "first_call", success={"meeting", "hung-up"}, top=1)
    assert lenient.drop_off == (Count("hello", 2),)
    assert lenient.weak_replies == (Count("hello/push", 3),)
    nothing = scenario_analytics(store, "no_such_scenario")
    assert (nothing.attempts, nothing.pass_rate, nothing.drop_off) == (0, None, ())


# -- quiz item statistics -----------------------------------------------------------------------


@dataclass(frozen=True)
class Answer:
    item_id: str
    number: int
    correct: bool
    topic: str | None = "pricing"
    answer: str = "a"
    answer_text: str = "A"
    points: float = 0.0
    max_points: float = 1.0
    seconds: float = 3.0


@dataclass(frozen=True)
class QuizDone:
    percent: float
    passed: bool = False
    outcome: str = "failed"
    skills: tuple[SkillLine, ...] = ()
    answers: tuple[Answer, ...] = ()


# Ten completed attempts, best first; each item lists the attempts (by score) that got it right.
SCORES = [100.0, 90.0, 80.0, 70.0, 60.0, 50.0, 40.0, 30.0, 20.0, 10.0]
RIGHT_IN = {
    "easy": set(SCORES),
    "good": {100.0, 90.0, 80.0, 70.0, 60.0},
    "reverse": {40.0, 30.0, 20.0, 10.0},
    "hard": {100.0},
}
POOLED = {100.0: True, 70.0: True, 40.0: False, 10.0: False}  # "pool" was drawn in four only


def quiz_attempt(store: Store, trainee: Trainee, quiz_id: str, score: float) -> str:
    attempt = start_quiz_attempt(store, trainee.id, quiz_id=quiz_id, content_hash="h", seed=1)
    answers = [Answer(item, n, score in right) for n, (item, right) in enumerate(RIGHT_IN.items())]
    if score in POOLED:
        answers.append(Answer("pool", 5, POOLED[score]))
    for answer in answers:
        record_answer(store, attempt.id, answer)
    return attempt.id


def test_item_statistics_on_a_hand_computed_example(store: Store, trainee: Trainee) -> None:
    for score in SCORES:
        attempt_id = quiz_attempt(store, trainee, "product_quiz", score)
        finish_quiz_attempt(store, attempt_id, QuizDone(score))
    # Neither an abandoned attempt nor another quiz counts.
    abandon_attempt(store, quiz_attempt(store, trainee, "product_quiz", 55.0))
    finish_quiz_attempt(store, quiz_attempt(store, trainee, "other_quiz", 99.0), QuizDone(99.0))

    # n = 10, so each group holds g = floor(0.27 * 10 + 0.5) = 3 attempts: 100, 90, 80 and 30, 20, 10.
    # easy:    10/10 right; upper 3/3, lower 3/3: D = 0      -> too easy, does not discriminate
    # good:     5/10 right; upper 3/3, lower 0/3: D = 1      -> fine
    # reverse:  4/10 right; upper 0/3, lower 3/3: D = -1     -> does not discriminate
    # hard:     1/10 right; upper 1/3, lower 0/3: D = 1/3    -> too hard
    # pool:     asked 4 times (100, 70, 40, 10), 2 right; g = floor(1.08 + 0.5) = 1:
    #           upper {100} 1/1, lower {10} 0/1: D = 1; under 5 attempts: never flagged
    stats = {item.item_id: item for item in quiz_item_statistics(store, "product_quiz")}
    assert list(stats) == ["easy", "good", "hard", "pool", "reverse"]
    figures = {
        item_id: (s.attempts, s.correct, s.difficulty, s.group_size, s.discrimination)
        for item_id, s in stats.items()
    }
    assert figures == {
        "easy": (10, 10, 1.0, 3, 0.0),
        "good": (10, 5, 0.5, 3, 1.0),
        "reverse": (10, 4, 0.4, 3, -1.0),
        "hard": (10, 1, 0.1, 3, pytest.approx(1 / 3)),
        "pool": (4, 2, 0.5, 1, 1.0),
    }
    assert stats["easy"].flags == (
        "too easy: 100% answer it right",
        "does not tell strong from weak trainees apart (discrimination 0.00)",
    )
    assert stats["good"].flags == () and not stats["good"].worth_rewriting
    assert stats["reverse"].flags == (
        "does not tell strong from weak trainees apart (discrimination -1.00)",
    )
    assert stats["hard"].flags == ("too hard: 10% answer it right",)
    assert stats["pool"].flags == ()
    assert stats["easy"].topic == "pricing"
    too_few = quiz_item_statistics(store, "product_quiz", min_attempts=11)
    assert [item.flags for item in too_few] == [()] * 5


def test_group_size_is_27_percent_rounded_half_up() -> None:
    assert [group_size(n) for n in (0, 1, 2, 3, 4, 10, 100, 370)] == [0, 0, 1, 1, 1, 3, 27, 100]


def test_an_item_answered_once_has_no_discrimination(store: Store, trainee: Trainee) -> None:
    attempt = start_quiz_attempt(store, trainee.id, quiz_id="q", content_hash="h", seed=1)
    record_answer(store, attempt.id, Answer("only", 1, True))
    finish_quiz_attempt(store, attempt.id, QuizDone(100.0))
    (only,) = quiz_item_statistics(store, "q")
    assert (only.attempts, only.difficulty, only.discrimination, only.group_size) == (
        1,
        1.0,
        None,
        0,
    )


# -- funnel and skills over time ----------------------------------------------------------------


def test_the_funnel_counts_each_call_once_at_the_result_it_ended_in(
    store: Store, trainee: Trainee
) -> None:
    for outcome in ("deal", "application", "meeting", "meeting", "lost", "hung-up", None):
        call(store, trainee.id, outcome=outcome)
    start_attempt(  # in progress: not a call made yet
        store, trainee.id, kind="call", content_id="c", content_hash="h", seed=1, mode="practice"
    )
    call(store, trainee.id, kind="exam", content_id="final_exam", outcome="deal")  # counted
    call(store, trainee.id, outcome="deal", passed=False)  # a call made, not a deal won
    other = add_trainee(store, "Bob Stone")
    call(store, other.id, outcome="deal")

    mine = funnel(store, trainee.id)
    assert mine == Funnel(calls=9, meetings=2, applications=1, deals=2, hang_ups=1, exam_calls=1)
    assert mine.deal_rate == pytest.approx(2 / 9) and mine.healthy
    assert funnel(store) == Funnel(
        calls=10, meetings=2, applications=1, deals=3, hang_ups=1, exam_calls=1
    )
    nobody = add_trainee(store, "Cy Dee")
    assert funnel(store, nobody.id) == Funnel(0, 0, 0, 0)
    assert funnel(store, nobody.id).deal_rate is None and not funnel(store, nobody.id).healthy


def test_skill_trend_lists_each_skill_of_each_completed_call_in_order(
    store: Store, trainee: Trainee
) -> None:
    first = call(
        store, trainee.id, skills=(SkillLine("tact", 1, 4, 25.0), SkillLine("rapport", 2, 2, 100.0))
    )
    second = call(store, trainee.id, skills=(SkillLine("tact", 3, 4, 75.0),))
    call(store, trainee.id, outcome=None)
    trend = [
        (point.attempt_id, point.skill, point.percent) for point in skill_trend(store, trainee.id)
    ]
    assert trend == [
        (first.id, "tact", 25.0),
        (first.id, "rapport", 100.0),
        (second.id, "tact", 75.0),
    ]
