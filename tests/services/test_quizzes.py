"""A quiz taken and recorded through the services, and its result read back from the records."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.services.conftest import rows
from trainer.content.content_set import ContentSet
from trainer.content.quiz.model import ItemType, QuizItem
from trainer.engine.quiz import QuizAttempt
from trainer.services import quizzes, records
from trainer.store.database import Store
from trainer.store.models import Trainee


def right_answer(item: QuizItem) -> object:
    if item.type is ItemType.SINGLE:
        return next(option.key for option in item.options if option.correct)
    if item.type is ItemType.MULTIPLE:
        return [option.key for option in item.options if option.correct]
    if item.type is ItemType.TRUE_FALSE:
        return bool(item.truth)
    if item.type is ItemType.NUMERIC:
        return item.value_text
    return item.answers[0]


def wrong_answer(item: QuizItem) -> object:
    if item.type is ItemType.SINGLE:
        return next(option.key for option in item.options if not option.correct)
    if item.type is ItemType.MULTIPLE:
        return [next(option.key for option in item.options if not option.correct)]
    if item.type is ItemType.TRUE_FALSE:
        return not item.truth
    if item.type is ItemType.NUMERIC:
        return "-12345"
    return "no idea at all"


@pytest.mark.parametrize("right_every", [1, 2, 3], ids=["all-right", "half", "a-third"])
def test_a_stored_quiz_scores_as_the_quiz_just_taken(
    store: Store, db_path: Path, ann: Trainee, bundled: ContentSet, right_every: int
) -> None:
    quiz = bundled.quizzes["product_quiz"]
    attempt = QuizAttempt(quiz, seed=11)
    attempt_id = quizzes.begin_quiz(store, ann.id, attempt)
    for number, question in enumerate(attempt.questions[:-1]):  # the last one left unanswered
        given = (
            right_answer(question.item)
            if number % right_every == 0
            else wrong_answer(question.item)
        )
        quizzes.save_answer(store, attempt_id, attempt.answer(question, given))
        stored = rows(db_path, "SELECT count(*) FROM quiz_answers WHERE attempt_id = ?", attempt_id)
        assert stored == [(number + 1,)]  # each answer committed as it is given
    result = attempt.finish()
    quizzes.finish_quiz(store, attempt_id, result)
    just_taken = quizzes.from_result(quiz, attempt_id, result)

    saved = records.stored_quiz(store, ann.id, attempt_id)
    read_back = quizzes.from_stored(
        quiz, attempt_id, saved.seed, saved.attempt.percent, saved.attempt.passed, saved.answers
    )
    # And with no stored result at all, the engine's definition gives the same figures.
    recomputed = quizzes.from_stored(quiz, attempt_id, saved.seed, None, None, saved.answers)
    for summary in (read_back, recomputed):
        assert (summary.percent, summary.passed, summary.points, summary.max_points) == (
            just_taken.percent,
            just_taken.passed,
            just_taken.points,
            just_taken.max_points,
        )
        assert (summary.answered, summary.total) == (just_taken.answered, just_taken.total)
        assert summary.topics == just_taken.topics
        assert [item.correct for item in summary.items] == [i.correct for i in just_taken.items]
    assert result.answered == len(attempt.questions) - 1 < result.total
    assert rows(db_path, "SELECT status, score, passed FROM attempts") == [
        ("completed", result.percent, int(result.passed))
    ]


def test_a_quiz_left_midway_is_abandoned_with_its_answers_kept(
    store: Store, db_path: Path, ann: Trainee, bundled: ContentSet
) -> None:
    quiz = bundled.quizzes["company_intro"]
    attempt = QuizAttempt(quiz, seed=3)
    attempt_id = quizzes.begin_quiz(store, ann.id, attempt)
    first = attempt.questions[0]
    quizzes.save_answer(store, attempt_id, attempt.answer(first, right_answer(first.item)))
    quizzes.abandon_quiz(store, attempt_id)
    assert rows(db_path, "SELECT status, score FROM attempts") == [("abandoned", None)]
    assert rows(db_path, "SELECT item_id FROM quiz_answers") == [(first.id,)]


def test_a_graded_quiz_is_recorded_as_counting_and_a_practice_quiz_as_practice(
    store: Store, db_path: Path, ann: Trainee, bundled: ContentSet
) -> None:
    graded = quizzes.begin_quiz(store, ann.id, QuizAttempt(bundled.quizzes["product_quiz"], seed=1))
    practice = quizzes.begin_quiz(
        store, ann.id, QuizAttempt(bundled.quizzes["company_intro"], seed=1)
    )
    mode = "SELECT mode FROM attempts WHERE id = ?"
    assert rows(db_path, mode, graded) == [("exam",)]
    assert rows(db_path, mode, practice) == [("practice",)]
