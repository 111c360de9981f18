"""Passing what a stage asks moves home's cursor on to the next stage's first step; anything else
leaves it where the trainee put it."""

from __future__ import annotations

from textual.widgets import OptionList

from tests.ui.conftest import Build, reload_home, sign_in, take_quiz
from trainer.content.content_set import ContentSet
from trainer.services.stages import Item, ItemKind
from trainer.store.database import Store
from trainer.store.models import Trainee

SIZE = (80, 24)


def highlighted(home_list: OptionList) -> str | None:
    option = home_list.highlighted_option
    return option.id if option is not None else None


async def test_passing_the_stage_quiz_moves_the_cursor_to_the_next_stage(
    build: Build, bundled: ContentSet, store: Store, ann: Trainee
) -> None:
    quiz = bundled.quizzes["company_intro"]
    app = build()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        programme = app.screen.query_one("#programme", OptionList)
        quiz_key = Item(ItemKind.QUIZ, quiz.id).key
        programme.highlighted = programme.get_option_index(quiz_key)
        take_quiz(store, ann.id, quiz, right=0)  # failed: nothing moves
        await reload_home(pilot)
        assert highlighted(programme) == quiz_key
        take_quiz(store, ann.id, quiz)  # passed: stage 2 opens
        await reload_home(pilot)
        assert highlighted(programme) == Item(ItemKind.CATALOGUE).key
        company = Item(ItemKind.COMPANY).key
        programme.highlighted = programme.get_option_index(company)
        await reload_home(pilot)  # still stage 2: the trainee's own choice stays
        assert highlighted(programme) == company
