"""Numeric quiz answers typed with a time unit of their own: "3 days", "two weeks", "48 hours" are
read in the unit the question asks for, and a unit that does not convert is refused by name."""

from __future__ import annotations

import pytest

from trainer.content.quiz.model import ItemType, QuizItem
from trainer.engine.marking import QuizError, mark, parse_duration


def numeric(value: float, unit: str) -> QuizItem:
    return QuizItem(
        id="ship",
        type=ItemType.NUMERIC,
        question="How soon does it ship?",
        explanation="",
        value=value,
        value_text=f"{value:g}",
        unit=unit,
    )


@pytest.mark.parametrize(
    ("typed", "value", "unit"),
    [
        ("3 days", 3, "business days"),  # said without "business": the same three days
        ("Three days.", 3, "business days"),
        ("2 weeks", 10, "business days"),  # five business days a week
        ("2 working weeks", 10, "business days"),
        ("2 weeks", 14, "days"),
        ("a week", 7, "days"),
        ("48 hours", 2, "days"),
        ("3 days", 72, "hours"),
        ("90 minutes", 1.5, "hours"),
        ("10 business days", 10, "business days"),
        ("5", 5, "business days"),
    ],
)
def test_a_time_with_its_unit_is_read_in_the_unit_asked(
    typed: str, value: float, unit: str
) -> None:
    marking = mark(numeric(value, unit), typed)
    assert marking.correct, marking.feedback


@pytest.mark.parametrize(
    ("typed", "value", "unit"),
    [
        ("2 weeks", 14, "business days"),  # ten business days, not fourteen
        ("3 weeks", 3, "days"),  # the number alone is not the answer
        ("4 days", 3, "business days"),
    ],
)
def test_a_converted_time_must_still_be_right(typed: str, value: float, unit: str) -> None:
    marking = mark(numeric(value, unit), typed)
    assert not marking.correct
    assert marking.feedback == f"Not quite. The answer: {value:g} {unit}."


def test_a_time_unit_where_something_else_is_counted_is_refused_by_name() -> None:
    with pytest.raises(QuizError, match="give item 'ship' in calls, not '3 days'"):
        mark(numeric(3, "calls"), "3 days")
    with pytest.raises(QuizError, match="in business days, not '36 hours'"):
        mark(numeric(3, "business days"), "36 hours")  # a business day is not 24 hours


@pytest.mark.parametrize(
    "typed", ["days", "3 apples", "three or four days", "3 days!", "3 days ago"]
)
def test_what_is_not_one_time_is_not_a_number(typed: str) -> None:
    assert parse_duration(typed, "days") is None
    with pytest.raises(QuizError):
        mark(numeric(3, "days"), typed)


@pytest.mark.parametrize(
    ("value", "unit", "typed", "said"),
    [
        (1, "business days", "1", "1 business day"),
        (2, "business days", "2", "2 business days"),
        (1, "hours", "1", "1 hour"),
        (1, "EUR", "1", "1 EUR"),
        (1, "boxes", "1", "1 boxes"),  # a plural it cannot undo by dropping an s is kept
        (1, "glass", "1", "1 glass"),
    ],
)
def test_one_of_a_unit_is_said_in_the_singular(
    value: float, unit: str, typed: str, said: str
) -> None:
    marking = mark(numeric(value, unit), typed)
    assert marking.correct and marking.answer_text == said
    assert marking.expected == said
