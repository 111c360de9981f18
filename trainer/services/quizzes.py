"""A quiz taken and recorded answer by answer, and its result as the result screen shows it,
from a quiz just taken or a stored one (scored by the engine's one definition)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from trainer.content.quiz.model import ItemType, Quiz, QuizItem, QuizMode, Source
from trainer.engine.quiz import (
    AnswerResult,
    QuizAttempt,
    QuizResult,
    TopicScore,
    draw_questions,
    quiz_passed,
    quiz_percent,
    topic_scores,
)
from trainer.store.attempts import abandon_attempt
from trainer.store.database import Store
from trainer.store.models import QuizAnswer
from trainer.store.quizzes import (
    finish_quiz_attempt,
    record_answer,
    start_quiz_attempt,
)


def begin_quiz(store: Store, trainee_id: int, attempt: QuizAttempt) -> str:
    """Open an attempt for a quiz that has just started, with its seed; returns the attempt's id."""
    return start_quiz_attempt(
        store,
        trainee_id,
        quiz_id=attempt.quiz.id,
        content_hash=attempt.quiz.digest,
        seed=attempt.seed,
        graded=attempt.quiz.mode is QuizMode.GRADED,
    ).id


def save_answer(store: Store, attempt_id: str, answer: AnswerResult) -> None:
    """Write one answer at once, so that leaving or a crash loses none."""
    record_answer(store, attempt_id, answer)


def finish_quiz(store: Store, attempt_id: str, result: QuizResult) -> None:
    """Close the quiz attempt as completed with its result."""
    finish_quiz_attempt(store, attempt_id, result)


def abandon_quiz(store: Store, attempt_id: str) -> None:
    """Close a quiz attempt left before it ended; its answers are kept."""
    abandon_attempt(store, attempt_id)


@dataclass(frozen=True, slots=True)
class ReviewedItem:
    """One answered question with the right answer, why, and where it lives in the catalogue."""

    number: int
    question: str
    answer_text: str
    expected: str
    correct: bool
    points: float
    max_points: float
    explanation: str
    sources: tuple[Source, ...]

    @property
    def partial(self) -> bool:
        return 0 < self.points < self.max_points


@dataclass(frozen=True, slots=True)
class QuizSummary:
    """What the result screen shows about one quiz attempt."""

    quiz: Quiz
    attempt_id: str
    percent: float
    passed: bool
    points: float
    max_points: float
    answered: int
    total: int
    topics: tuple[TopicScore, ...]
    items: tuple[ReviewedItem, ...]  # the answered questions, in the order asked

    @property
    def pass_mark(self) -> float:
        return self.quiz.pass_mark


def from_result(quiz: Quiz, attempt_id: str, result: QuizResult) -> QuizSummary:
    """The summary of an attempt just finished."""
    items = tuple(
        ReviewedItem(
            number=answer.number,
            question=_question(quiz, answer.item_id),
            answer_text=answer.answer_text,
            expected=answer.expected,
            correct=answer.correct,
            points=answer.points,
            max_points=answer.max_points,
            explanation=answer.explanation,
            sources=_sources(quiz, answer.item_id),
        )
        for answer in sorted(result.answers, key=lambda answer: answer.number)
    )
    return QuizSummary(
        quiz=quiz,
        attempt_id=attempt_id,
        percent=result.percent,
        passed=result.passed,
        points=result.points,
        max_points=result.max_points,
        answered=result.answered,
        total=result.total,
        topics=result.skills,
        items=items,
    )


def from_stored(
    quiz: Quiz,
    attempt_id: str,
    seed: int,
    percent: float | None,
    passed: bool | None,
    answers: Sequence[QuizAnswer],
) -> QuizSummary:
    """The summary of a stored attempt: its questions are redrawn from the stored seed."""
    items_by_id = {item.id: item for item in quiz.items}
    questions = [q for q in draw_questions(quiz, seed) if q.id in items_by_id]
    asked = {question.id for question in questions}
    given: dict[str, QuizAnswer] = {answer.item_id: answer for answer in answers}
    # Items answered but not in today's draw (the quiz changed since) still count.
    extra = [
        items_by_id[item_id] for item_id in given if item_id not in asked and item_id in items_by_id
    ]
    pool = [question.item for question in questions] + extra
    items = tuple(
        ReviewedItem(
            number=answer.number,
            question=_question(quiz, answer.item_id),
            answer_text=answer.answer_text,
            expected=expected_answer(items_by_id[answer.item_id])
            if answer.item_id in items_by_id
            else "",
            correct=answer.correct,
            points=answer.points,
            max_points=answer.max_points,
            explanation=items_by_id[answer.item_id].explanation
            if answer.item_id in items_by_id
            else "",
            sources=_sources(quiz, answer.item_id),
        )
        for answer in sorted(answers, key=lambda answer: answer.number)
    )
    points = sum(answer.points for answer in answers)
    possible = sum(item.points for item in pool) or sum(a.max_points for a in answers)
    shown = percent if percent is not None else quiz_percent(points, possible)
    return QuizSummary(
        quiz=quiz,
        attempt_id=attempt_id,
        percent=shown,
        passed=bool(passed) if passed is not None else quiz_passed(quiz, shown),
        points=round(points, 4),
        max_points=possible,
        answered=len(answers),
        total=max(len(pool), len(answers)),
        topics=topic_scores(pool, {item_id: answer.points for item_id, answer in given.items()}),
        items=items,
    )


def expected_answer(item: QuizItem) -> str:
    """The right answer to an item in words, as the engine's feedback says it."""
    if item.type in (ItemType.SINGLE, ItemType.MULTIPLE):
        return "; ".join(
            option.text for option in sorted(item.options, key=lambda o: o.key) if option.correct
        )
    if item.type is ItemType.TRUE_FALSE:
        return "True" if item.truth else "False"
    if item.type is ItemType.NUMERIC:
        unit = f" {item.unit}" if item.unit else ""
        return f"{item.value_text}{unit}"
    return item.answers[0] if item.answers else ""


def _question(quiz: Quiz, item_id: str) -> str:
    item = next((item for item in quiz.items if item.id == item_id), None)
    return item.question if item else f"(item '{item_id}' is no longer in the quiz)"


def _sources(quiz: Quiz, item_id: str) -> tuple[Source, ...]:
    item = next((item for item in quiz.items if item.id == item_id), None)
    return item.sources if item else ()
