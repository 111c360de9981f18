"""A numeric quiz answer typed as a person says it: "21 days" where business days are asked is
marked right, and a unit that does not fit is refused saying which unit the question wants."""

from __future__ import annotations

import random
from pathlib import Path

from textual.widgets import Input

from tests.ui.conftest import Build, notices, pick, rows, sign_in, unlock_stage
from trainer.content.content_set import ContentSet
from trainer.engine.quiz import draw_questions
from trainer.store.database import Store
from trainer.store.models import Trainee
from trainer.ui.screens.quiz import QuizScreen

SIZE = (100, 30)
QUIZ = "product_quiz"


def seed_asking_business_days_first(content: ContentSet) -> int:
    """An app seed whose first product-quiz question counts business days."""
    quiz = content.quizzes[QUIZ]
    for seed in range(3000):
        first = draw_questions(quiz, random.Random(seed).randrange(1, 2**31))[0].item
        if first.unit == "business days":
            return seed
    raise AssertionError("no seed asks a business-day item first")


async def test_days_are_read_as_business_days_and_a_wrong_unit_is_named(
    build: Build, bundled: ContentSet, store: Store, ann: Trainee, db_path: Path
) -> None:
    unlock_stage(store, ann.id, bundled, 2)
    app = build(seed_asking_business_days_first(bundled))
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        await pick(pilot, f"quiz:{QUIZ}")
        await pilot.press("enter")
        await pilot.pause()
        quiz = app.screen
        assert isinstance(quiz, QuizScreen) and quiz.attempt is not None
        item = quiz.attempt.questions[0].item
        assert item.value is not None
        await pilot.press(*"36", "space", *"hours", "enter")
        assert notices(pilot)[-1] == "Give the answer in business days: a number, then press Enter."
        box = quiz.query_one("#answer-input", Input)
        box.value = f"{item.value:g} days"  # as said aloud, without "business"
        await pilot.press("enter")
        await pilot.pause()
        # a graded quiz says nothing until its end: the record says how it was marked
    assert rows(db_path, "SELECT answer, correct FROM quiz_answers WHERE item_id = ?", item.id) == [
        (f"{item.value:g}", 1)
    ]
