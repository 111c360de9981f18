"""The quiz engine: a seeded draw of items, an attempt marked answer by answer, and its result.

Each answer is marked by `trainer.engine.marking`.

No I/O: the caller stores the seed, each AnswerResult and the QuizResult, and shows only what
`QuizAttempt.shows_feedback` allows (practice: after each item; graded: once the quiz is over).
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from trainer.content.quiz.model import (
    CHOICE_TYPES,
    ItemType,
    Option,
    Quiz,
    QuizItem,
    QuizMode,
    Topic,
)
from trainer.engine.marking import QuizError, mark

# ---------------------------------------------------------------------------------------------
# What the trainee is asked


@dataclass(frozen=True, slots=True)
class Question:
    """One drawn item as the trainee sees it: its number and its options in the order shown."""

    number: int  # 1-based position in this attempt
    item: QuizItem
    options: tuple[Option, ...]  # shuffled when the quiz says so; true/false as two options

    @property
    def id(self) -> str:
        return self.item.id

    @property
    def type(self) -> ItemType:
        return self.item.type

    @property
    def text(self) -> str:
        return self.item.question


TRUE_FALSE_OPTIONS = (Option("true", "True"), Option("false", "False"))


def draw_questions(quiz: Quiz, seed: int) -> tuple[Question, ...]:
    """The items one attempt asks, in order, with options shuffled; the same seed, the same quiz.

    When only some items are drawn, every topic gets one item first (while the draw allows), so
    each attempt of the product quiz asks about every one of its topics.
    """
    rng = random.Random(seed)
    order = {item.id: index for index, item in enumerate(quiz.items)}
    chosen = list(quiz.items)
    if quiz.size < len(quiz.items):
        by_topic: dict[Topic | None, list[QuizItem]] = {}
        for item in quiz.items:
            by_topic.setdefault(item.topic, []).append(item)
        groups = list(by_topic.values())
        rng.shuffle(groups)
        chosen = [rng.choice(group) for group in groups[: quiz.size]]
        taken = {item.id for item in chosen}
        rest = [item for item in quiz.items if item.id not in taken]
        chosen += rng.sample(rest, quiz.size - len(chosen))
        chosen.sort(key=lambda item: order[item.id])
    if quiz.shuffle_items:
        rng.shuffle(chosen)
    questions = []
    for number, item in enumerate(chosen, start=1):
        options = list(item.options)
        if item.type is ItemType.TRUE_FALSE:
            options = [
                Option(option.key, option.text, (option.key == "true") == item.truth)
                for option in TRUE_FALSE_OPTIONS
            ]
        elif quiz.shuffle_options:
            rng.shuffle(options)
        questions.append(Question(number, item, tuple(options)))
    return tuple(questions)


# ---------------------------------------------------------------------------------------------
# An attempt


@dataclass(frozen=True, slots=True)
class AnswerResult:
    """One answered item, as the store records it and feedback shows it."""

    item_id: str
    number: int  # position in this attempt
    topic: Topic | None
    correct: bool
    points: float
    max_points: float
    answer: str  # normalised answer given
    answer_text: str  # as shown
    expected: str
    feedback: str
    explanation: str
    sources: tuple[str, ...]  # where the answer lives in the catalogue, as labels
    seconds: float  # time taken, from the previous answer (or the start) to this one

    @property
    def partial(self) -> bool:
        return 0 < self.points < self.max_points


@dataclass(frozen=True, slots=True)
class TopicScore:
    """Points per topic; shaped like a scorecard line (`skill`, `earned`, `best`, `percent`)."""

    skill: str  # the topic id ("other" for items without one)
    name: str
    earned: float
    best: float
    percent: float


@dataclass(frozen=True, slots=True)
class QuizResult:
    """The attempt's score: unanswered items count as wrong."""

    quiz_id: str
    percent: float
    pass_mark: float
    passed: bool
    points: float
    max_points: float
    answered: int
    total: int
    answers: tuple[AnswerResult, ...]
    skills: tuple[TopicScore, ...]  # per topic, so the store can keep it as a scorecard

    @property
    def outcome(self) -> Literal["passed", "failed"]:
        return "passed" if self.passed else "failed"


class QuizAttempt:
    """One attempt at a quiz by one trainee: the drawn questions, the answers and the result."""

    def __init__(
        self, quiz: Quiz, seed: int, *, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.quiz = quiz
        self.seed = seed
        self.questions = draw_questions(quiz, seed)
        self._by_id = {question.id: question for question in self.questions}
        self._answers: dict[str, AnswerResult] = {}
        self._clock = clock
        self._last = clock()
        self._closed = False

    # -- what may be shown -----------------------------------------------------------------

    @property
    def finished(self) -> bool:
        """Every question is answered, or the trainee ended the quiz."""
        return self._closed or len(self._answers) == len(self.questions)

    @property
    def shows_feedback(self) -> bool:
        """Whether right/wrong, explanations and the score may be shown now."""
        return self.quiz.mode is QuizMode.PRACTICE or self.finished

    @property
    def current(self) -> Question | None:
        """The first question not answered yet, in the order drawn."""
        if self._closed:
            return None
        return next((q for q in self.questions if q.id not in self._answers), None)

    @property
    def answers(self) -> Mapping[str, AnswerResult]:
        """The answers so far by item id, for storing; show them only when `shows_feedback`."""
        return dict(self._answers)

    def question(self, item_id: str) -> Question:
        if item_id not in self._by_id:
            raise QuizError(f"item '{item_id}' is not in this attempt")
        return self._by_id[item_id]

    def feedback(self, item_id: str) -> AnswerResult | None:
        """The item's marking when it may be shown, else None (graded and not finished)."""
        return self._answers.get(item_id) if self.shows_feedback else None

    # -- moves -------------------------------------------------------------------------------

    def answer(self, question: Question | str, given: object) -> AnswerResult:
        """Mark the answer to a question (or item id) and record the time it took."""
        if self.finished:
            raise QuizError("the quiz is over")
        item_id = question.id if isinstance(question, Question) else question
        asked = self.question(item_id)
        if item_id in self._answers:
            raise QuizError(f"item '{item_id}' is already answered")
        marking = mark(asked.item, given, partial_credit=self.quiz.partial_credit)
        now = self._clock()
        seconds, self._last = round(max(0.0, now - self._last), 3), now
        result = AnswerResult(
            item_id=item_id,
            number=asked.number,
            topic=asked.item.topic,
            correct=marking.correct,
            points=marking.points,
            max_points=marking.max_points,
            answer=marking.answer,
            answer_text=marking.answer_text,
            expected=marking.expected,
            feedback=marking.feedback,
            explanation=asked.item.explanation,
            sources=tuple(source.label for source in asked.item.sources),
            seconds=seconds,
        )
        self._answers[item_id] = result
        return result

    def finish(self) -> QuizResult:
        """End the attempt now (unanswered items score 0) and return its result."""
        self._closed = True
        return self.result()

    def result(self) -> QuizResult:
        """The score so far, with unanswered items counted as wrong; final once finished."""
        answers = tuple(
            self._answers[question.id]
            for question in self.questions
            if question.id in self._answers
        )
        points = sum(answer.points for answer in answers)
        possible = sum(question.item.points for question in self.questions)
        percent = quiz_percent(points, possible)
        return QuizResult(
            quiz_id=self.quiz.id,
            percent=percent,
            pass_mark=self.quiz.pass_mark,
            passed=quiz_passed(self.quiz, percent),
            points=round(points, 4),
            max_points=possible,
            answered=len(answers),
            total=len(self.questions),
            answers=answers,
            skills=topic_scores(
                [question.item for question in self.questions],
                {item_id: answer.points for item_id, answer in self._answers.items()},
            ),
        )


def quiz_percent(points: float, possible: float) -> float:
    """A quiz's score in percent, to one decimal; 0 when nothing could be earned."""
    return round(100.0 * points / possible, 1) if possible else 0.0


def quiz_passed(quiz: Quiz, percent: float) -> bool:
    """Whether a score in percent reaches the quiz's pass mark."""
    return percent >= quiz.pass_mark


def topic_scores(
    asked: Iterable[QuizItem], earned_by_item: Mapping[str, float]
) -> tuple[TopicScore, ...]:
    """Points per topic over the items asked (by topic id); unanswered items count as wrong.

    The one definition, for an attempt just taken and for one read back from the records.
    """
    earned: dict[str, float] = {}
    best: dict[str, float] = {}
    names: dict[str, str] = {}
    for item in asked:
        topic = item.topic
        key = topic.value if topic else "other"
        names[key] = topic.label if topic else "Other"
        best[key] = best.get(key, 0.0) + item.points
        earned[key] = earned.get(key, 0.0) + earned_by_item.get(item.id, 0.0)
    return tuple(
        TopicScore(key, names[key], earned[key], best[key], round(100 * earned[key] / best[key], 1))
        for key in sorted(best)
    )


def is_choice(question: Question) -> bool:
    """Whether the trainee picks from options (single, multiple, true/false) rather than types."""
    return question.type in CHOICE_TYPES or question.type is ItemType.TRUE_FALSE
