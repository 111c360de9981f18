"""The trainee's scorecard of an attempt a mentor changed: the result that counts leads, the
call's own result beside it, and the mentor's reason shown."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Static

from tests.ui.conftest import AppFactory, rows, shown_text, sign_in, start_call
from trainer.store.database import Store
from trainer.store.mentors import add_mentor
from trainer.store.models import Trainee
from trainer.store.reviews import override_attempt
from trainer.ui.screens.scorecard import ScorecardScreen

REASON = "negation misheard as the concession"


def flat(text: str) -> str:
    return " ".join(text.split())


async def hung_up_call(pilot: Pilot[int]) -> None:
    """Play the first scenario to a hang-up (0%, not passed) and go back home."""
    await sign_in(pilot)
    await start_call(pilot)
    await pilot.press("2", "1")  # push, push again: the client hangs up
    await pilot.pause()
    await pilot.press("enter", "escape")  # the scorecard, then home
    await pilot.pause()


async def open_recent(pilot: Pilot[int]) -> ScorecardScreen:
    await pilot.press("tab", "enter")  # the recent attempts list
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ScorecardScreen)
    return screen


async def test_a_mentor_pass_leads_the_scorecard_with_the_calls_own_result_beside_it(
    ann: Trainee, make: AppFactory, store: Store, db_path: Path
) -> None:
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await hung_up_call(pilot)
        ((attempt_id, score, passed),) = rows(db_path, "SELECT id, score, passed FROM attempts")
        assert (score, passed) == (0.0, 0)
        add_mentor(store, "Olga Sidorova", "correct horse battery")
        override_attempt(
            store, str(attempt_id), "Olga Sidorova", reason=REASON, score=75, passed=True
        )
        screen = await open_recent(pilot)
        verdict = screen.query_one("#verdict", Static)
        headline = flat(shown_text(verdict))
        assert headline.startswith("PASSED 75%"), headline
        assert "your call scored 0% and did not pass" in headline
        assert verdict.has_class("passed") and not verdict.has_class("failed")
        reasons = flat(shown_text(screen.query_one("#reasons", Static)))
        assert reasons.startswith("Your call alone did not pass because:")
        assert "Why it did not pass" not in reasons
        change = flat(shown_text(screen.query_one("#mentor-change", Static)))
        assert "Olga Sidorova" in change and REASON in change


async def test_a_mentor_fail_of_a_passed_call_says_not_passed_first(
    ann: Trainee, make: AppFactory, store: Store, db_path: Path
) -> None:
    """The other way round: the call passed on its own, the mentor failed it."""
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        await sign_in(pilot)
        await start_call(pilot)
        await pilot.press("1", "1", "1")  # intro, ask, meet: 100%
        await pilot.pause()
        await pilot.press("enter", "escape")
        await pilot.pause()
        ((attempt_id,),) = rows(db_path, "SELECT id FROM attempts")
        add_mentor(store, "Olga Sidorova", "correct horse battery")
        override_attempt(
            store, str(attempt_id), "Olga Sidorova", reason="read from a script", passed=False
        )
        screen = await open_recent(pilot)
        verdict = screen.query_one("#verdict", Static)
        headline = flat(shown_text(verdict))
        assert headline.startswith("NOT PASSED 100%"), headline  # the score itself was kept
        assert "your call scored 100% and passed" in headline
        assert verdict.has_class("failed")
        assert "read from a script" in flat(shown_text(screen.query_one("#mentor-change", Static)))


async def test_an_unchanged_call_shows_only_its_own_result(ann: Trainee, make: AppFactory) -> None:
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await hung_up_call(pilot)
        screen = await open_recent(pilot)
        headline = flat(shown_text(screen.query_one("#verdict", Static)))
        assert headline.startswith("NOT PASSED 0%") and "mentor" not in headline
        reasons = flat(shown_text(screen.query_one("#reasons", Static)))
        assert reasons.startswith("Why it did not pass:")
        assert not screen.query("#mentor-change")
