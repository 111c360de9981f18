"""The quiz engine: a seeded draw of items, marking of every item type, and the attempt's result.

No I/O: the caller stores the seed, each AnswerResult and the QuizResult, and shows only what
`QuizAttempt.shows_feedback` allows (practice: after each item; graded: once the quiz is over).
"""

from __future__ import annotations

import math
import random
import re
import time
import unicodedata
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
    normalise_text,
)
from trainer.errors import DialogueError

# Float sums such as 10 * 79 * 0.97 miss the exact decimal by ~1e-13; forgive that much.
_EPSILON = 1e-9
_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)*")
TRUE_WORDS = {"true", "t", "yes", "y", "right", "correct"}
FALSE_WORDS = {"false", "f", "no", "n", "wrong", "incorrect"}


class QuizError(DialogueError):
    """An answer the quiz cannot take: not a number, an unknown option, an item answered twice."""


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
# Marking one answer


@dataclass(frozen=True, slots=True)
class Marking:
    """How one answer scores, before timing and position are known."""

    correct: bool  # full points
    points: float
    max_points: float
    answer: str  # the answer given, normalised, as stored (option keys "a,c", "true", "1234.5")
    answer_text: str  # the answer given, as shown back to the trainee
    expected: str  # the right answer in words
    feedback: str  # one line: right, partly right (and why), or wrong


def mark(item: QuizItem, given: object, *, partial_credit: bool = False) -> Marking:
    """Score `given` against `item`; raises QuizError for input that is not an answer at all.

    `given` is an option key or Option (single), an iterable of them (multiple), a bool or
    yes/no text (true/false), a number or numeric text (numeric), or text (text).
    """
    if item.type is ItemType.SINGLE:
        return _mark_choices(item, _single_key(item, given), partial_credit=False)
    if item.type is ItemType.MULTIPLE:
        return _mark_choices(item, _keys(item, given), partial_credit=partial_credit)
    if item.type is ItemType.TRUE_FALSE:
        return _mark_true_false(item, given)
    if item.type is ItemType.NUMERIC:
        return _mark_numeric(item, given)
    return _mark_text(item, given)


def _option_key(item: QuizItem, given: object) -> str:
    key = given.key if isinstance(given, Option) else given
    if not isinstance(key, str) or key not in {option.key for option in item.options}:
        known = ", ".join(option.key for option in item.options)
        raise QuizError(f"'{key}' is not an option of item '{item.id}'; options: {known}")
    return key


def _single_key(item: QuizItem, given: object) -> frozenset[str]:
    if isinstance(given, Iterable) and not isinstance(given, str | Option):
        raise QuizError(f"item '{item.id}' takes one option")
    return frozenset({_option_key(item, given)})


def _keys(item: QuizItem, given: object) -> frozenset[str]:
    if isinstance(given, str | Option):
        given = [given]
    if not isinstance(given, Iterable):
        raise QuizError(f"item '{item.id}' takes a set of options")
    return frozenset(_option_key(item, key) for key in given)


def _mark_choices(item: QuizItem, picked: frozenset[str], *, partial_credit: bool) -> Marking:
    correct = item.correct_keys
    right = len(picked & correct)
    wrong = len(picked - correct)
    if picked == correct:
        share = 1.0
    elif partial_credit:
        share = max(0.0, (right - wrong) / len(correct))
    else:
        share = 0.0
    points = round(item.points * share, 4)
    texts = {option.key: option.text for option in item.options}
    expected = "; ".join(texts[key] for key in sorted(correct))
    if share == 1.0:
        feedback = "Correct."
    elif item.type is ItemType.MULTIPLE:
        parts = [f"{right} of {len(correct)} right options chosen"]
        if wrong:
            parts.append(f"{wrong} wrong one{'s' if wrong != 1 else ''} chosen")
        earned = f"{_number(points)} of {_number(item.points)} points"
        lead = "Partly right" if points > 0 else "Not quite"
        feedback = f"{lead}: {', '.join(parts)} ({earned}). The answer: {expected}."
    else:
        feedback = f"Not quite. The answer: {expected}."
    return Marking(
        correct=share == 1.0,
        points=points,
        max_points=item.points,
        answer=",".join(sorted(picked)),
        answer_text="; ".join(texts[key] for key in sorted(picked)) or "(none)",
        expected=expected,
        feedback=feedback,
    )


def _mark_true_false(item: QuizItem, given: object) -> Marking:
    value = _truth(item, given)
    expected = "True" if item.truth else "False"
    correct = value == item.truth
    return Marking(
        correct=correct,
        points=item.points if correct else 0.0,
        max_points=item.points,
        answer="true" if value else "false",
        answer_text="True" if value else "False",
        expected=expected,
        feedback="Correct." if correct else f"Not quite. The statement is {expected.lower()}.",
    )


def _truth(item: QuizItem, given: object) -> bool:
    if isinstance(given, Option):
        given = given.key
    if isinstance(given, bool):
        return given
    if isinstance(given, str):
        word = normalise_text(given)
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
    raise QuizError(f"item '{item.id}' takes true or false, not '{given}'")


def _mark_numeric(item: QuizItem, given: object) -> Marking:
    value = parse_number(given, item.unit)
    if value is None:
        raise QuizError(f"type a number (e.g. 1234.50) for item '{item.id}'")
    assert item.value is not None
    correct = abs(value - item.value) <= item.tolerance + _EPSILON
    unit = f" {item.unit}" if item.unit else ""
    within = f" (within {_number(item.tolerance)})" if item.tolerance else ""
    expected = f"{item.value_text}{unit}{within}"
    return Marking(
        correct=correct,
        points=item.points if correct else 0.0,
        max_points=item.points,
        answer=_number(value),
        answer_text=f"{_number(value)}{unit}",
        expected=expected,
        feedback="Correct." if correct else f"Not quite. The answer: {expected}.",
    )


def parse_number(given: object, unit: str = "") -> float | None:
    """A number typed as `1234.5`, `1,234.50`, `1 234,50`, `EUR 2251.50` or `€ 2.251,50`.

    With both `.` and `,` the last one is the decimal mark; one `,` before exactly three digits
    separates thousands; otherwise it is a decimal comma.
    """
    if isinstance(given, bool):
        return None
    if isinstance(given, int | float):
        return float(given) if math.isfinite(given) else None
    if not isinstance(given, str):
        return None
    text = unicodedata.normalize("NFKC", given).casefold()
    for noise in (unit.casefold(), "€", "$", "eur"):
        if noise:
            text = text.replace(noise, " ")
    text = re.sub(r"[\s'_]", "", text)
    if not _NUMBER.fullmatch(text):
        return None
    if "." in text and "," in text:
        decimal = "." if text.rfind(".") > text.rfind(",") else ","
    elif text.count(",") == 1 and (
        len(text.rpartition(",")[2]) != 3 or text.lstrip("+-").startswith("0,")
    ):
        decimal = ","
    elif text.count(".") == 1:
        decimal = "."
    else:
        decimal = ""  # every mark groups thousands
    whole, _, fraction = text.rpartition(decimal) if decimal else (text, "", "")
    groups = re.split(r"[.,]", whole.lstrip("+-"))
    if (decimal and decimal in whole) or len({mark for mark in whole if mark in ".,"}) > 1:
        return None
    if len(groups) > 1 and (len(groups[0]) > 3 or any(len(group) != 3 for group in groups[1:])):
        return None
    sign = "-" if whole.startswith("-") else ""
    return float(f"{sign}{''.join(groups)}.{fraction or 0}")


def _mark_text(item: QuizItem, given: object) -> Marking:
    if not isinstance(given, str) or not normalise_text(given):
        raise QuizError(f"type an answer for item '{item.id}'")
    answer = normalise_text(given)
    exact, close = text_match(given, item.answers, item.typos)
    correct = exact or close is not None
    if exact:
        feedback = "Correct."
    elif close is not None:
        feedback = f"Correct (mind the spelling: {close})."
    else:
        feedback = f"Not quite. The answer: {item.answers[0]}."
    return Marking(
        correct=correct,
        points=item.points if correct else 0.0,
        max_points=item.points,
        answer=answer,
        answer_text=given.strip(),
        expected=item.answers[0],
        feedback=feedback,
    )


def allowed_typos(answer: str) -> int:
    """How many typing errors an accepted answer forgives by default: more for longer words."""
    length = len(_compact(answer))
    return 0 if length < 4 else 1 if length < 9 else 2


def text_match(
    given: str, accepted: Iterable[str], typos: int | None = None
) -> tuple[bool, str | None]:
    """(exact, close): whether `given` equals an accepted answer once normalised, or else the
    accepted answer it is a small typo of. Digits must always match exactly ("30" is not "90")."""
    from rapidfuzz.distance import OSA  # 5 MB of C++: loaded with the first typed answer

    compact = _compact(given)
    digits = _digits(compact)
    close = None
    for answer in accepted:
        target = _compact(answer)
        if compact == target:
            return True, None
        if close is not None or digits != _digits(target):
            continue
        limit = allowed_typos(answer) if typos is None else typos
        if limit and OSA.distance(compact, target, score_cutoff=limit) <= limit:
            close = answer
    return False, close


def _compact(text: str) -> str:
    return normalise_text(text).replace(" ", "")


def _digits(text: str) -> str:
    return "".join(char for char in text if char.isdigit())


def _number(value: float) -> str:
    """1234.5 as `1234.5`, 5.0 as `5`, without float noise."""
    return f"{round(value, 6):g}" if abs(value) < 1e15 else str(value)


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
