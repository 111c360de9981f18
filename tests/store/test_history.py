"""A trainee's history as the programme rules read it, with mentors' overrides applied."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.store.conftest import MENTOR, call
from tests.store.test_quizzes import QUIZ
from trainer.content.programme import Programme, Stage, StageKey
from trainer.engine.programme import QuizRecord, TraineeHistory
from trainer.errors import StoreError
from trainer.store.attempts import abandon_attempt, start_attempt
from trainer.store.database import Store
from trainer.store.exams import grant_retake
from trainer.store.history import histories, trainee_history
from trainer.store.mentors import Mentor
from trainer.store.models import Trainee
from trainer.store.reviews import override_attempt
from trainer.store.trainees import add_trainee

PRACTICE = ("first_call", "second_call", "third_call")
EXAM = "final_exam"
PROGRAMME = Programme(
    title="Test programme",
    stages=(
        Stage(StageKey.INTRODUCTION, "Introduction"),
        Stage(StageKey.PRODUCT, "Product", quiz=QUIZ),
        Stage(StageKey.SALES, "Sales", practice_scenarios=PRACTICE, pass_scenarios=2),
        Stage(StageKey.EXAM, "Exam", exam_scenario=EXAM, exam_title="Close", exam_attempts=2),
    ),
    path=Path("programme.yaml"),
)


def history(store: Store, trainee: Trainee) -> TraineeHistory:
    return trainee_history(store, trainee.id, practice_scenarios=PRACTICE, exam_scenario=EXAM)


def quiz(store: Store, trainee: Trainee, percent: float, *, ended: bool = True) -> str:
    return call(
        store,
        trainee.id,
        kind="quiz",
        content_id=QUIZ.id,
        outcome=None if not ended else "passed" if percent >= 75 else "failed",
        percent=percent,
        passed=percent >= 75,
    ).id


def test_a_new_trainee_has_an_empty_history(store: Store, trainee: Trainee) -> None:
    assert history(store, trainee) == TraineeHistory()
    with pytest.raises(StoreError, match="there is no trainee number 42"):
        trainee_history(store, 42, practice_scenarios=PRACTICE, exam_scenario=EXAM)


def test_the_figures_the_rules_need(store: Store, trainee: Trainee, mentor: Mentor) -> None:
    quiz(store, trainee, 60.0)
    quiz(store, trainee, 82.5)
    quiz(store, trainee, 99.0, ended=False)  # abandoned: no result
    call(store, trainee.id, content_id="first_call", outcome="meeting", passed=True)
    call(store, trainee.id, content_id="first_call", outcome="deal", passed=True)
    call(store, trainee.id, content_id="second_call", outcome="hung-up", passed=False)
    call(store, trainee.id, content_id="not_practice", outcome="deal", passed=True)
    call(store, trainee.id, content_id="third_call", outcome=None)  # abandoned: a call made
    start_attempt(  # in progress: not a call made yet
        store, trainee.id, kind="call", content_id="third_call", content_hash="h", seed=1,
        mode="practice",
    )  # fmt: skip
    call(store, trainee.id, kind="exam", content_id=EXAM, outcome="lost", passed=False)
    exam = start_attempt(
        store, trainee.id, kind="exam", content_id=EXAM, content_hash="h", seed=1, mode="exam"
    )
    abandon_attempt(store, exam.id)
    grant_retake(store, trainee.id, MENTOR, "Nerves.")
    other = add_trainee(store, "Bob Stone")
    call(store, other.id, content_id="second_call", outcome="deal", passed=True)

    assert history(store, trainee) == TraineeHistory(
        quizzes={QUIZ.id: QuizRecord(best_percent=82.5, passed=True, attempts=2)},
        passed_scenarios=frozenset({"first_call"}),
        calls_made=7,  # five practice calls and two exam calls ended
        exam_calls=2,
        outcomes={"meeting": 1, "deal": 2, "hung-up": 1, "lost": 1},
        exam_attempts_used=2,
        exam_passed=False,
        retakes_granted=1,
    )
    anything = trainee_history(store, trainee.id, practice_scenarios=None, exam_scenario=None)
    assert anything.passed_scenarios == {"first_call", "not_practice"}


def test_overridden_results_count_instead_of_the_originals(
    store: Store, trainee: Trainee, mentor: Mentor
) -> None:
    failed_quiz = quiz(store, trainee, 70.0)
    passed_call = call(store, trainee.id, content_id="first_call", passed=True).id
    failed_call = call(store, trainee.id, content_id="second_call", passed=False).id
    abandoned_call = call(store, trainee.id, content_id="third_call", outcome=None).id
    exam = call(store, trainee.id, kind="exam", content_id=EXAM, outcome="lost", passed=False).id

    override_attempt(store, failed_quiz, MENTOR, score=78.0, passed=True, reason="Typo in item 3.")
    override_attempt(store, passed_call, MENTOR, passed=False, reason="Pushed the client.")
    override_attempt(store, failed_call, MENTOR, passed=True, reason="Good recovery.")
    override_attempt(store, abandoned_call, MENTOR, passed=True, reason="Crashed at the close.")
    override_attempt(store, exam, MENTOR, passed=True, reason="Deal agreed, app crashed.")

    found = history(store, trainee)
    assert found.quizzes == {QUIZ.id: QuizRecord(78.0, True, 1)}
    assert found.passed_scenarios == {"second_call", "third_call"}
    assert found.exam_passed is True
    override_attempt(store, failed_quiz, MENTOR, score=40.0, reason="Re-marked.")
    assert history(store, trainee).quizzes == {QUIZ.id: QuizRecord(40.0, True, 1)}


def test_one_trainee_and_the_whole_team_agree(store: Store, mentor: Mentor) -> None:
    """The trainees table and each trainee's home screen read the same figures."""
    team = [add_trainee(store, name) for name in ("Ann Lee", "Bob Stone", "Cy Dee")]
    for number, trainee in enumerate(team):
        for attempt in range(number + 2):
            call(store, trainee.id, content_id=PRACTICE[attempt % 3], passed=attempt % 2 == 0)
        quiz(store, trainee, 50.0 + 15 * number)
    override_attempt(store, quiz(store, team[0], 10.0), MENTOR, score=90.0, reason="Re-marked.")
    everyone = histories(
        store.conn, trainee_id=None, practice_scenarios=PRACTICE, exam_scenario=EXAM
    )
    assert everyone == {trainee.id: history(store, trainee) for trainee in team}


def test_a_deal_counts_only_in_a_call_that_passed(
    store: Store, trainee: Trainee, mentor: Mentor
) -> None:
    """A deal struck by breaking company policy (the call failed) is a call made, not a deal;
    a mentor's override decides either way, and an exam's deal counts like any other."""
    call(store, trainee.id, content_id="first_call", outcome="deal", passed=True)
    call(store, trainee.id, content_id="second_call", outcome="deal", passed=False)
    rescued = call(store, trainee.id, content_id="third_call", outcome="deal", passed=False).id
    revoked = call(store, trainee.id, content_id="first_call", outcome="deal", passed=True).id
    call(store, trainee.id, kind="exam", content_id=EXAM, outcome="deal", passed=True)
    override_attempt(store, rescued, MENTOR, passed=True, reason="Policy allowed it after all.")
    override_attempt(store, revoked, MENTOR, passed=False, reason="Promised a discount.")

    found = history(store, trainee)
    assert (found.calls_made, found.exam_calls) == (5, 1)
    assert found.outcomes == {"deal": 3}  # the first, the rescued one and the exam's
    everyone = histories(
        store.conn, trainee_id=None, practice_scenarios=PRACTICE, exam_scenario=EXAM
    )
    assert everyone[trainee.id].outcomes == {"deal": 3}
