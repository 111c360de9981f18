"""A number answer typed in words ("three", "twenty-five") is read as the number, as the calls'
matcher reads spoken figures; words that are no single number are still refused."""

from __future__ import annotations

import pytest

from trainer.content.quiz.model import ItemType, QuizItem
from trainer.engine.marking import QuizError, mark


def numeric(value: float, unit: str = "") -> QuizItem:
    return QuizItem(
        id="hold",
        type=ItemType.NUMERIC,
        question="For how many business days does a stock reservation hold?",
        explanation="",
        value=value,
        value_text=f"{value:g}",
        unit=unit,
    )


@pytest.mark.parametrize(
    ("typed", "value", "unit"),
    [
        ("three", 3, ""),
        ("Three.", 3, "business days"),
        ("twenty-five", 25, ""),
        ("seven thousand one hundred forty-one", 7141, "EUR"),
    ],
)
def test_a_number_in_words_is_read(typed: str, value: float, unit: str) -> None:
    marking = mark(numeric(value, unit), typed)
    assert marking.correct, marking.feedback
    assert marking.answer == f"{value:g}"


def test_a_wrong_number_in_words_is_wrong() -> None:
    marking = mark(numeric(3), "four")
    assert not marking.correct and marking.answer == "4"


@pytest.mark.parametrize("typed", ["three or four", "a few", "several", "three-ish"])
def test_words_that_are_no_single_number_are_refused(typed: str) -> None:
    with pytest.raises(QuizError):
        mark(numeric(3), typed)
