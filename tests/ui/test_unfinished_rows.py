"""Home's record of a scenario whose only attempts were left unfinished: never "not tried yet"."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import OptionList

from tests.ui.conftest import (
    AppFactory,
    Build,
    programme_row,
    rows,
    shown_text_of,
    sign_in,
    start_call,
    unlock_stage,
)
from trainer.content.content_set import ContentSet
from trainer.store.attempts import abandon_attempt
from trainer.store.database import Store
from trainer.store.exams import start_exam_attempt
from trainer.store.models import Trainee
from trainer.ui.screens.home import HomeScreen
from trainer.ui.widgets.programme_rows import record_words


def test_record_words_count_unfinished_attempts_only_when_none_was_completed() -> None:
    assert record_words(None, 0).plain == "not tried yet"
    assert record_words(None, 0, unfinished=1).plain == "1 attempt, not finished"
    assert record_words(None, 0, unfinished=2, exam=True).plain == "2 attempts, abandoned"
    assert record_words(80, 1, unfinished=3).plain == "best 80% · 1 attempt"


async def test_a_quit_practice_call_shows_as_not_finished_on_home(
    ann: Trainee, make: AppFactory, db_path: Path
) -> None:
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await sign_in(pilot)
        assert "not tried yet" in programme_row(pilot, "scenario:first_call")
        await start_call(pilot)
        await pilot.press("1")
        await pilot.press("ctrl+q", "y")
        await pilot.pause()
    assert rows(db_path, "SELECT content_id, status FROM attempts") == [("first_call", "abandoned")]
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await sign_in(pilot)
        assert isinstance(app.screen, HomeScreen)
        row = programme_row(pilot, "scenario:first_call")
        assert "1 attempt, not finished" in row and "not tried yet" not in row
        # The recent attempts say the same of the same call: it can be picked up again.
        recent = pilot.app.screen.query_one("#recent", OptionList)
        (attempt,) = recent.options
        shown = shown_text_of(attempt.prompt)
        assert "not finished" in shown and "abandoned" not in shown, shown


@pytest.mark.parametrize("variant", [0, 1])
async def test_an_exam_attempt_used_up_by_quitting_is_never_not_tried(
    build: Build, bundled: ContentSet, store: Store, ann: Trainee, variant: int
) -> None:
    """The stage's exam row counts the attempts left, whichever variant was drawn; no variant
    is listed on its own (that would show the exam's pool)."""
    unlock_stage(store, ann.id, bundled, 4)
    programme = bundled.programme
    assert programme is not None
    pool = programme.exam.exam_variants
    assert len(pool) > 1
    drawn = pool[variant]
    attempt = start_exam_attempt(
        store,
        ann.id,
        content_id=drawn,
        content_hash=bundled.scenario(drawn).digest,
        seed=1,
        allowed=programme.exam.exam_attempts,
        offered=pool,
    )
    abandon_attempt(store, attempt.id)
    app = build()
    async with app.run_test(size=(120, 40)) as pilot:
        await sign_in(pilot)
        row = programme_row(pilot, f"scenario:{programme.exam.exam_scenario}")
        assert "not tried yet" not in row
        assert f"1 of {programme.exam.exam_attempts} attempts left" in row
        listed = [
            option.id for option in pilot.app.screen.query_one("#programme", OptionList).options
        ]
        assert [key for key in listed if key and key.removeprefix("scenario:") in pool] == [
            f"scenario:{programme.exam.exam_scenario}"
        ]
