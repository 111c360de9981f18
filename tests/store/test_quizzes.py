"""Quiz attempts: the seed of the draw kept, each answer committed as given, the result stored."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest

from trainer.content.quiz.model import ItemType, Option, Quiz, QuizItem, QuizMode, Topic
from trainer.engine.quiz import QuizAttempt, draw_questions
from trainer.errors import StoreError
from trainer.store.attempts import get_attempt, skills_for, start_attempt
from trainer.store.database import Store, open_store
from trainer.store.models import AttemptKind, AttemptStatus, Trainee
from trainer.store.quizzes import (
    answers_for,
    finish_quiz_attempt,
    record_answer,
    start_quiz_attempt,
)
from trainer.store.trainees import add_trainee

QUIZ = Quiz(
    id="mini_quiz",
    title="Mini quiz",
    stage=2,
    mode=QuizMode.GRADED,
    pass_mark=75.0,
    items=(
        QuizItem(
            "box",
            ItemType.SINGLE,
            "How many phones in a box?",
            "See the packaging.",
            topic=Topic.PACKAGING,
            options=(Option("a", "One", correct=True), Option("b", "Ten")),
        ),
        QuizItem(
            "ships",
            ItemType.NUMERIC,
            "Days to ship?",
            "See delivery.",
            topic=Topic.DELIVERY,
            value=2.0,
            value_text="2",
        ),
        QuizItem(
            "warranty",
            ItemType.TRUE_FALSE,
            "Two-year warranty?",
            "See the product card.",
            topic=Topic.CHARACTERISTICS,
            truth=True,
        ),
        QuizItem(
            "terms",
            ItemType.TEXT,
            "Where are the terms?",
            "See conditions.",
            topic=Topic.CONDITIONS,
            answers=("northline.example/terms",),
        ),
    ),
    path=Path("mini_quiz.yaml"),
    digest="quiz-digest",
)

RIGHT = {"box": "a", "ships": "2", "warranty": True, "terms": "northline.example/terms"}


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def play(attempt: QuizAttempt, clock: Clock, wrong: frozenset[str] = frozenset()) -> None:
    wrong_answers = {"box": "b", "ships": "9", "warranty": False, "terms": "the shop"}
    for question in attempt.questions:
        clock.now += 4.5
        given = wrong_answers if question.id in wrong else RIGHT
        attempt.answer(question, given[question.id])


def test_a_quiz_attempt_keeps_its_seed_so_the_draw_can_be_repeated(
    store: Store, trainee: Trainee
) -> None:
    attempt = start_quiz_attempt(
        store, trainee.id, quiz_id=QUIZ.id, content_hash=QUIZ.digest, seed=4242
    )
    assert (attempt.kind, attempt.content_id, attempt.seed) == (AttemptKind.QUIZ, "mini_quiz", 4242)
    assert attempt.content_hash == "quiz-digest"
    stored = get_attempt(store, attempt.id)
    first = [q.id for q in draw_questions(QUIZ, stored.seed)]
    assert first == [q.id for q in QuizAttempt(QUIZ, stored.seed).questions]


def test_each_answer_is_stored_with_what_the_item_statistics_need(
    store: Store, trainee: Trainee
) -> None:
    clock = Clock()
    quiz = QuizAttempt(QUIZ, 7, clock=clock)
    attempt = start_quiz_attempt(store, trainee.id, quiz_id=QUIZ.id, content_hash="d", seed=7)
    play(quiz, clock, wrong=frozenset({"ships"}))
    for answer in quiz.answers.values():
        kept = record_answer(store, attempt.id, answer)
        assert (kept.item_id, kept.correct, kept.points, kept.seconds) == (
            answer.item_id,
            answer.correct,
            answer.points,
            4.5,
        )
    stored = answers_for(store, attempt.id)
    assert [a.number for a in stored] == [1, 2, 3, 4]
    by_item = {a.item_id: a for a in stored}
    assert by_item["ships"].correct is False and by_item["ships"].answer == "9"
    assert by_item["ships"].points == 0.0 and by_item["ships"].max_points == 1.0
    assert by_item["box"].topic == "packaging"
    assert by_item["box"].answer_text == "One"
    assert by_item["terms"].answer == "northline example terms"  # normalised
    assert by_item["warranty"].answer == "true"


def test_answers_are_committed_as_they_are_given(
    store: Store, trainee: Trainee, db_path: Path
) -> None:
    """Another connection (the next run after a crash) sees every answer given so far."""
    clock = Clock()
    quiz = QuizAttempt(QUIZ, 3, clock=clock)
    attempt = start_quiz_attempt(store, trainee.id, quiz_id=QUIZ.id, content_hash="d", seed=3)
    with open_store(db_path) as other:
        for count, question in enumerate(quiz.questions[:2], start=1):
            record_answer(store, attempt.id, quiz.answer(question, RIGHT[question.id]))
            assert len(answers_for(other, attempt.id)) == count


CHILD = """
import sys, time
from pathlib import Path
from tests.store.test_quizzes import QUIZ, RIGHT
from trainer.engine.quiz import QuizAttempt
from trainer.store.database import open_store
from trainer.store.quizzes import record_answer, start_quiz_attempt

store = open_store(Path(sys.argv[1]))
attempt = start_quiz_attempt(store, int(sys.argv[2]), quiz_id=QUIZ.id, content_hash="d", seed=5)
quiz = QuizAttempt(QUIZ, 5)
for question in quiz.questions[:3]:
    record_answer(store, attempt.id, quiz.answer(question, RIGHT[question.id]))
print(attempt.id, flush=True)
time.sleep(60)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_a_trainer_killed_mid_quiz_keeps_every_answer_given(
    store: Store, trainee: Trainee, db_path: Path
) -> None:
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(db_path), str(trainee.id)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).parents[2],
    )
    assert child.stdout is not None
    attempt_id = child.stdout.readline().strip()
    child.send_signal(signal.SIGKILL)
    _, errors = child.communicate(timeout=30)
    assert attempt_id, errors
    assert len(answers_for(store, attempt_id)) == 3
    assert get_attempt(store, attempt_id).status is AttemptStatus.IN_PROGRESS


def test_finishing_stores_the_result_and_the_topics_as_the_scorecard(
    store: Store, trainee: Trainee
) -> None:
    clock = Clock()
    quiz = QuizAttempt(QUIZ, 11, clock=clock)
    attempt = start_quiz_attempt(store, trainee.id, quiz_id=QUIZ.id, content_hash="d", seed=11)
    play(quiz, clock, wrong=frozenset({"terms"}))
    for answer in quiz.answers.values():
        record_answer(store, attempt.id, answer)
    result = quiz.finish()
    finished = finish_quiz_attempt(store, attempt.id, result)
    assert finished.status is AttemptStatus.COMPLETED
    assert (finished.score, finished.passed, finished.outcome) == (75.0, True, "passed")
    skills = {s.skill: (s.earned, s.best, s.percent) for s in skills_for(store, attempt.id)}
    assert skills == {
        "characteristics": (1.0, 1.0, 100.0),
        "conditions": (0.0, 1.0, 0.0),
        "delivery": (1.0, 1.0, 100.0),
        "packaging": (1.0, 1.0, 100.0),
    }
    with pytest.raises(StoreError, match="has already ended"):
        finish_quiz_attempt(store, attempt.id, result)


def test_answers_not_recorded_yet_are_recorded_at_the_finish(
    store: Store, trainee: Trainee
) -> None:
    clock = Clock()
    quiz = QuizAttempt(QUIZ, 11, clock=clock)
    attempt = start_quiz_attempt(store, trainee.id, quiz_id=QUIZ.id, content_hash="d", seed=11)
    play(quiz, clock)
    first = quiz.questions[0].id
    kept = record_answer(store, attempt.id, quiz.answers[first])
    finish_quiz_attempt(store, attempt.id, quiz.finish())
    stored = answers_for(store, attempt.id)
    assert len(stored) == 4
    assert next(a for a in stored if a.item_id == first).answered_at == kept.answered_at


def test_an_item_is_answered_once_and_only_in_a_quiz_in_progress(
    store: Store, trainee: Trainee
) -> None:
    quiz = QuizAttempt(QUIZ, 1)
    attempt = start_quiz_attempt(store, trainee.id, quiz_id=QUIZ.id, content_hash="d", seed=1)
    answer = quiz.answer(quiz.questions[0], RIGHT[quiz.questions[0].id])
    record_answer(store, attempt.id, answer)
    with pytest.raises(StoreError, match=rf"item '{answer.item_id}' .* is already answered"):
        record_answer(store, attempt.id, answer)
    call_attempt = start_attempt(
        store, trainee.id, kind="call", content_id="c", content_hash="h", seed=1, mode="practice"
    )
    with pytest.raises(StoreError, match="is a call attempt, not a quiz"):
        record_answer(store, call_attempt.id, answer)
    with pytest.raises(StoreError, match="there is no attempt nope"):
        record_answer(store, "nope", answer)


def test_a_trainee_cannot_read_another_trainees_answers(store: Store, trainee: Trainee) -> None:
    quiz = QuizAttempt(QUIZ, 1)
    attempt = start_quiz_attempt(store, trainee.id, quiz_id=QUIZ.id, content_hash="d", seed=1)
    record_answer(store, attempt.id, quiz.answer(quiz.questions[0], RIGHT[quiz.questions[0].id]))
    other = add_trainee(store, "Bob Stone")
    with pytest.raises(StoreError, match=f"there is no attempt {attempt.id} for trainee number"):
        answers_for(store, attempt.id, trainee_id=other.id)
    assert len(answers_for(store, attempt.id, trainee_id=trainee.id)) == 1
