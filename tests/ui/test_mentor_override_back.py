"""The mentor's override form survives its own question: "Go back" at "Passed below the pass
mark?" returns to the form as filled in, and nothing is saved until the mentor says so."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, RadioSet, Static

from tests.ui.conftest import rows
from tests.ui.mentor_team import (  # noqa: F401 (fixtures: pytest finds them by name)
    MENTOR,
    Team,
    app,
    cheap_mentor_hashing,
    open_attempt,
    open_trainee,
    programme_content,
    shown,
    sign_in_as_mentor,
    team,
    type_into,
)
from trainer.ui.app import TrainerApp
from trainer.ui.modals.confirm import ConfirmModal
from trainer.ui.modals.mentor_override import MentorOverrideModal

WIDE = (170, 36)


def top(app: TrainerApp) -> object:
    """The screen on top now (typed loosely: the keys pressed change it)."""
    return app.screen


async def test_going_back_from_the_pass_mark_question_keeps_the_form(
    app: TrainerApp, team: Team, db_path: Path
) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await sign_in_as_mentor(pilot)
        await open_trainee(pilot, "Ann Lee")
        await open_attempt(pilot, team.ann_pushy)
        await pilot.press("r")
        form = app.screen
        assert isinstance(form, MentorOverrideModal)
        await pilot.press(*"55", "enter")
        await pilot.press("down", "enter")  # passed
        await pilot.press("tab")
        await type_into(pilot, "#override-reason", "The client was rude")
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("n")  # go back
        await pilot.pause()
        assert top(app) is form
        assert form.query_one("#override-score", Input).value == "55"
        pressed = form.query_one("#override-pass", RadioSet).pressed_button
        assert pressed is not None and pressed.id == "set-passed"
        assert form.query_one("#override-reason", Input).value == "The client was rude"
        assert "Not saved yet" in shown(form.query_one("#override-error", Static))
        assert rows(db_path, "SELECT count(*) FROM overrides") == [(0,)]

        # Changed to a pass at the mark: no question, saved as now filled in.
        score = form.query_one("#override-score", Input)
        score.value = "70"
        form.query_one("#override-reason", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, (MentorOverrideModal, ConfirmModal))
    assert rows(db_path, "SELECT mentor, score, passed, reason FROM overrides") == [
        (MENTOR, 70.0, 1, "The client was rude")
    ]


async def test_escape_at_the_question_also_goes_back_and_saving_it_needs_yes(
    app: TrainerApp, team: Team, db_path: Path
) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await sign_in_as_mentor(pilot)
        await open_trainee(pilot, "Ann Lee")
        await open_attempt(pilot, team.ann_pushy)
        await pilot.press("r")
        form = app.screen
        await pilot.press(*"40", "enter", "down", "enter", "tab")
        await type_into(pilot, "#override-reason", "Good enough")
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is form
        form.query_one("#override-reason", Input).focus()
        await pilot.press("enter")
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("y")
        await pilot.pause()
        assert not isinstance(app.screen, (MentorOverrideModal, ConfirmModal))
    assert rows(db_path, "SELECT score, passed, reason FROM overrides") == [
        (40.0, 1, "Good enough")
    ]
