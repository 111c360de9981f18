"""The app says why: words the client could not follow get a coach note saying why, typed turns
say how they were heard (in the call and in the transcript), a reshuffle is announced, and the
command palette offers nothing the programme keeps locked."""

from __future__ import annotations

import re
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input, OptionList

from tests.ui.conftest import (
    AppFactory,
    Build,
    rows,
    shown_text,
    sign_in,
    start_call,
    unlock_stage,
)
from trainer.content.content_set import ContentSet
from trainer.store.database import Store
from trainer.store.models import Trainee
from trainer.ui.screens.briefing import BriefingScreen
from trainer.ui.screens.call import CallScreen
from trainer.ui.screens.scorecard import ScorecardScreen
from trainer.ui.screens.transcript import TranscriptScreen

SIZE = (100, 30)
RESHUFFLED = "The replies come in a new order each call"


def coach_lines(pilot: Pilot[int]) -> list[str]:
    return [" ".join(shown_text(line).split()) for line in pilot.app.screen.query(".coach-line")]


def events_shown(pilot: Pilot[int]) -> str:
    return " ".join(
        " ".join(shown_text(line).split()) for line in pilot.app.screen.query(".system-line")
    )


async def say(pilot: Pilot[int], words: str) -> None:
    call = pilot.app.screen
    assert isinstance(call, CallScreen)
    box = call.query_one("#say-input", Input)
    box.focus()
    box.value = words
    await pilot.press("enter")
    await pilot.pause()


async def test_words_the_client_could_not_follow_get_a_note_saying_why(
    ann: Trainee, make: AppFactory, db_path: Path
) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        await start_call(pilot)
        await say(pilot, "um well")  # nothing to act on
        first = coach_lines(pilot)[-1]
        assert first.startswith("Coach: The client could not follow that (best match")
        assert "too little in it to act on: say a whole thought" in first
        await say(pilot, "Our invoices carry a blue stamp on the back")
        second = coach_lines(pilot)[-1]
        assert second.startswith("Coach: The client could not follow that (best match")
        nearest = re.search(r"the nearest was reply (\d) \((\d+)%, 60% needed\)", second)
        assert nearest is not None, second
        assert nearest[1] in ("1", "2") and int(nearest[2]) < 60
    assert rows(db_path, "SELECT tags_json FROM turns WHERE speaker = 'trainee'") == [
        ('["unclear"]',),
        ('["unclear"]',),
    ]


async def test_typed_words_are_heard_as_a_numbered_reply_in_the_call_and_the_transcript(
    ann: Trainee, make: AppFactory
) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        await start_call(pilot)
        await say(pilot, "Hello Ivan, this is Ann from Northline.")
        heard = coach_lines(pilot)[-2]  # then the reply's own note
        assert re.fullmatch(
            r"Coach: Heard as reply 1 \(\d+%\): Hello Ivan, this is Ann Lee from Northline\.",
            heard,
        ), heard
        await say(pilot, "Before we talk price, how many people use the phones every day?")
        await pilot.press("1")  # the meeting
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ScorecardScreen)
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, TranscriptScreen)
        notes = coach_lines(pilot)
        heard_lines = [line for line in notes if line.startswith("Coach: Heard as reply")]
        assert len(heard_lines) == 2
        assert heard_lines[0].startswith("Coach: Heard as reply 1 (")
        assert heard_lines[1].startswith("Coach: Heard as reply 1 (")
        assert heard_lines[1].endswith("how many people use the phones every day?")
        assert "Coach: You asked before offering." in notes  # the reply's own note stays


async def test_the_second_call_at_a_shuffled_scenario_says_the_order_changed(
    build: Build, bundled: ContentSet, store: Store, ann: Trainee
) -> None:
    unlock_stage(store, ann.id, bundled, 3)
    scenario = next(s for s in bundled.scenarios.values() if not s.exam and s.shuffle_replies)
    app = build()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        programme = app.screen.query_one("#programme", OptionList)
        programme.highlighted = programme.get_option_index(f"scenario:{scenario.id}")
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, CallScreen)
        assert RESHUFFLED not in events_shown(pilot)  # the first call: nothing changed
        await pilot.press("escape", "y")  # hang up
        await pilot.pause()
        await pilot.press("enter")  # the scorecard
        await pilot.pause()
        await pilot.press("r")  # again
        await pilot.pause()
        assert isinstance(app.screen, CallScreen)
        assert RESHUFFLED in events_shown(pilot)


async def test_a_scenario_authored_in_a_fixed_order_says_nothing_of_a_reshuffle(
    ann: Trainee, make: AppFactory
) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        await start_call(pilot)
        await pilot.press("escape", "y", "enter", "r")
        await pilot.pause()
        assert isinstance(app.screen, CallScreen)
        assert RESHUFFLED not in events_shown(pilot)


async def test_the_palette_offers_nothing_the_programme_keeps_locked(
    build: Build, bundled: ContentSet, store: Store, ann: Trainee
) -> None:
    app = build()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        offered = [command.name for command in app.router.palette()]
        assert "Company cards" in offered and "Home" in offered
        assert "Take the final exam" not in offered and "Certificate" not in offered
        assert not [name for name in offered if name.startswith("Practise:")]  # stage 3 locked
        unlock_stage(store, ann.id, bundled, 4)
        offered = [command.name for command in app.router.palette()]
        assert "Take the final exam" in offered
        assert [name for name in offered if name.startswith("Practise:")]
        # what is offered opens: the exam's briefing, not a "Locked" notice
        (exam,) = (c for c in app.router.palette() if c.name == "Take the final exam")
        exam.run()
        await pilot.pause()
        briefing = app.screen
        assert isinstance(briefing, BriefingScreen) and briefing.scenario.exam
