"""The mentor's override form takes a fast burst in the order typed: the score, an arrow and a
space for the pass, the reason, Enter."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, RadioSet

from tests.ui.conftest import rows
from tests.ui.mentor_team import (  # noqa: F401 (fixtures: pytest finds them by name)
    MENTOR,
    Team,
    app,
    cheap_mentor_hashing,
    open_attempt,
    open_trainee,
    programme_content,
    sign_in_as_mentor,
    team,
)
from tests.ui.test_form_bursts import burst, typed
from trainer.ui.app import TrainerApp
from trainer.ui.modals.mentor_override import MentorOverrideModal


async def test_override_burst_fills_score_pass_and_reason(
    app: TrainerApp, team: Team, db_path: Path
) -> None:
    async with app.run_test(size=(170, 36)) as pilot:
        await sign_in_as_mentor(pilot)
        await open_trainee(pilot, "Ann Lee")
        await open_attempt(pilot, team.ann_pushy)
        await pilot.press("r")
        form = app.screen
        assert isinstance(form, MentorOverrideModal)
        reason = "QA setup to open the work log"
        await burst(pilot, "9", "0", "tab", "right", "space", "tab", *typed(reason))
        assert form.query_one("#override-score", Input).value == "90"
        pressed = form.query_one("#override-pass", RadioSet).pressed_button
        assert pressed is not None and pressed.id == "set-passed"
        assert form.query_one("#override-reason", Input).value == reason
        await burst(pilot, "enter")
        assert not isinstance(app.screen, MentorOverrideModal)
    assert rows(db_path, "SELECT mentor, score, passed, reason FROM overrides") == [
        (MENTOR, 90.0, 1, reason)
    ]
