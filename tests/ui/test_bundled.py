"""The bundled content through the app: the exam's calibration scripts, played by keyboard."""

from __future__ import annotations

import random
from collections.abc import Sequence
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Static

from tests.ui.conftest import frozen_clock, rows, sign_in, sign_up, unlock_stage
from trainer.content.content_set import ContentSet
from trainer.content.conversation_tests import ConversationTest, ScriptedReply
from trainer.store.database import Store
from trainer.store.models import Trainee
from trainer.ui.app import make_app
from trainer.ui.modals.confirm import ConfirmModal
from trainer.ui.routes import programme as programme_routes
from trainer.ui.screens.call import CallScreen
from trainer.ui.screens.certificate import CertificateScreen
from trainer.ui.screens.home import HomeScreen
from trainer.ui.screens.scorecard import ScorecardScreen
from trainer.ui.widgets.meters import Meters


class FixedSeeds(random.Random):
    """Hands out the same call seed every time, so a scripted call takes its expected path."""

    def __init__(self, seed: int) -> None:
        super().__init__(seed)
        self.fixed = seed

    def randrange(self, *args: object, **kwargs: object) -> int:
        return self.fixed


def exam_scripts(
    bundled: ContentSet, passed: bool, scenario: str | None = None
) -> ConversationTest:
    """A conversation test of an exam variant (of `scenario` when given) that passes or fails."""
    exams = {s.id for s in bundled.scenarios.values() if s.exam}
    return next(
        t
        for t in bundled.tests
        if t.scenario in exams
        and (scenario is None or t.scenario == scenario)
        and t.expect.passed is passed
    )


async def play_script(pilot: Pilot[int], call: CallScreen, steps: Sequence[ScriptedReply]) -> None:
    """Play scripted replies with number keys, and typed lines in the input."""
    assert call.session is not None
    for step in steps:
        if step.typed is not None:
            say = call.query_one("#say-input", Input)
            say.focus()
            say.value = step.typed
            await pilot.press("enter")
            call.query_one("#replies").focus()
        else:
            numbers = [o.number for o in call.session.options() if o.reply.id == step.reply_id]
            assert numbers, f"reply {step.reply_id} is not on offer"
            number = numbers[0]
            if number <= 9:
                await pilot.press(str(number))
            else:
                await pilot.press("home", *["down"] * (number - 1), "enter")
        await pilot.pause()


@pytest.mark.parametrize("passed", [True, False], ids=["strongest", "weakest"])
async def test_the_exam_scripts_score_in_the_app_as_in_the_engine(
    bundled: ContentSet, store: Store, ann: Trainee, db_path: Path, passed: bool
) -> None:
    script = exam_scripts(bundled, passed)
    app = make_app(
        bundled, store.path, typing_delay=0, clock=frozen_clock, seeds=FixedSeeds(script.seed)
    )
    unlock_stage(store, ann.id, bundled, 4)
    async with app.run_test(size=(100, 30)) as pilot:
        await sign_in(pilot)
        programme_routes.show_briefing(app.router, script.scenario)
        await pilot.pause()
        await pilot.press("enter")
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("y")
        await pilot.pause()
        call = app.screen
        assert isinstance(call, CallScreen) and not call.query(Meters)
        # The exam draws one of its variants: play that variant's script.
        script = exam_scripts(bundled, passed, call.scenario.id)
        await play_script(pilot, call, script.replies)
        await pilot.press("enter")
        await pilot.pause()
        if passed:  # the certificate comes first, over the scorecard
            assert isinstance(app.screen, CertificateScreen)
            assert "Ann Lee" in str(app.screen.query_one("#certificate-name", Static).render())
            await pilot.press("escape")
        assert isinstance(app.screen, ScorecardScreen)
        verdict = str(app.screen.query_one("#verdict", Static).render())
        assert verdict.startswith("PASSED" if passed else "NOT PASSED")
    attempts = rows(db_path, "SELECT kind, mode, status, passed FROM attempts WHERE kind = 'exam'")
    assert attempts == [("exam", "exam", "completed", int(passed))]


async def test_a_new_trainee_practises_a_bundled_scenario_with_a_typed_reply(
    bundled: ContentSet, store: Store, db_path: Path
) -> None:
    script = next(
        t
        for t in bundled.tests
        if t.expect.passed and not bundled.scenario(t.scenario).exam and len(t.replies) >= 3
    )
    app = make_app(
        bundled, store.path, typing_delay=0, clock=frozen_clock, seeds=FixedSeeds(script.seed)
    )
    async with app.run_test(size=(100, 30)) as pilot:
        await sign_up(pilot, "Nina New")
        assert app.trainee is not None and isinstance(app.screen, HomeScreen)
        unlock_stage(store, app.trainee.id, bundled, 3)  # the two quizzes passed
        app.screen.reload()
        programme = app.screen.query_one("#programme", OptionList)
        programme.highlighted = programme.get_option_index(f"scenario:{script.scenario}")
        await pilot.press("enter", "enter")  # the briefing, then start the call
        await pilot.pause()
        call = app.screen
        assert isinstance(call, CallScreen) and call.query(Meters)
        assert call.session is not None
        first, second, *rest = script.replies
        await play_script(pilot, call, [first])
        typed = next(o.text for o in call.session.options() if o.reply.id == second.reply_id)
        await play_script(pilot, call, [ScriptedReply(typed=typed)])
        assert call.session.turns[-2].typed == typed  # understood, not the client's fallback
        await play_script(pilot, call, rest)
        assert call.session.ended
        turn_count = len(call.session.turns)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ScorecardScreen)
        assert str(app.screen.query_one("#verdict", Static).render()).startswith("PASSED")
    assert rows(db_path, "SELECT status, outcome FROM attempts WHERE kind = 'call'") == [
        ("completed", script.expect.outcome.value if script.expect.outcome else "deal")
    ]
    assert rows(db_path, "SELECT count(*) FROM turns") == [(turn_count,)]
