"""The app end to end through the keyboard: sign in, brief, call, scorecard, and the database."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from rich.text import Text
from textual.command import CommandList
from textual.widgets import Input, OptionList, ProgressBar, Static

from tests.ui.conftest import (
    AppFactory,
    frozen_clock,
    rows,
    shown_text,
    sign_in,
    sign_up,
    start_call,
)
from trainer.content.content_set import ContentSet
from trainer.content.loader import load_content
from trainer.engine.session import Session
from trainer.store.attempts import finish_attempt, record_turn, start_attempt
from trainer.store.database import Store
from trainer.store.models import Trainee
from trainer.store.trainees import add_trainee
from trainer.ui.app import make_app
from trainer.ui.modals.confirm import ConfirmModal
from trainer.ui.modals.hang_up import HangUpModal
from trainer.ui.modals.pin import PinModal
from trainer.ui.screens.briefing import BriefingScreen
from trainer.ui.screens.call import CallScreen
from trainer.ui.screens.home import HomeScreen
from trainer.ui.screens.scorecard import ScorecardScreen
from trainer.ui.screens.sign_in import SignInScreen
from trainer.ui.screens.transcript import TranscriptScreen
from trainer.ui.widgets.meters import Meters


def shown(static: Static) -> str:
    """The plain text a Static shows."""
    return str(static.render())


async def test_a_new_trainee_plays_a_call_to_the_end(make: AppFactory, db_path: Path) -> None:
    app = make()
    async with app.run_test(size=(100, 30)) as pilot:
        assert isinstance(app.screen, SignInScreen)
        await sign_up(pilot, "Ann Lee")
        assert isinstance(app.screen, HomeScreen)
        await start_call(pilot)
        assert isinstance(app.screen, CallScreen)
        await pilot.press("1")  # intro
        await pilot.press("tab")
        say = app.screen.query_one("#say-input", Input)
        assert say.has_focus
        say.value = "Before we talk price, how many people use the phones every day?"
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("1")  # meet: the replies have focus again after a typed reply
        await pilot.pause()
        await pilot.press("enter")  # see the scorecard
        await pilot.pause()
        assert isinstance(app.screen, ScorecardScreen)
        verdict = shown(app.screen.query_one("#verdict", Static))
        assert "PASSED" in verdict and "100%" in verdict and "a meeting booked" in verdict
        assert "first completed attempt" in shown(app.screen.query_one("#change", Static))
        notes = shown_text(app.screen.query_one("#notes", Static))
        assert "You asked before offering." in notes and "End: Meeting booked." in notes
    attempts = rows(db_path, "SELECT id, status, outcome, score, passed, mode FROM attempts")
    assert [attempt[1:] for attempt in attempts] == [("completed", "meeting", 100.0, 1, "practice")]
    turns = rows(db_path, "SELECT speaker, typed_text FROM turns ORDER BY idx")
    assert [speaker for speaker, _ in turns] == ["client", "trainee"] * 3 + ["client"]
    assert turns[3][1] == "Before we talk price, how many people use the phones every day?"


async def test_every_turn_is_stored_before_the_next_replies_are_shown(
    ann: Trainee, make: AppFactory, db_path: Path
) -> None:
    app = make()
    async with app.run_test(size=(100, 30)) as pilot:
        await sign_in(pilot)
        await start_call(pilot)
        assert rows(db_path, "SELECT count(*) FROM turns") == [(1,)]
        await pilot.press("1")
        await pilot.pause()
        assert rows(db_path, "SELECT count(*) FROM turns") == [(3,)]
        assert rows(db_path, "SELECT status FROM attempts") == [("in-progress",)]


async def test_hanging_up_asks_first_and_ends_the_call_as_lost(
    ann: Trainee, make: AppFactory, db_path: Path
) -> None:
    app = make()
    async with app.run_test(size=(100, 30)) as pilot:
        await sign_in(pilot)
        await start_call(pilot)
        await pilot.press("escape")
        assert isinstance(app.screen, HangUpModal)
        await pilot.press("n")  # keep talking
        assert isinstance(app.screen, CallScreen)
        assert rows(db_path, "SELECT status FROM attempts") == [("in-progress",)]
        await pilot.press("escape", "y")
        await pilot.pause()
        assert isinstance(app.screen, CallScreen)
        assert app.screen.query_one("#see-scorecard").display
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ScorecardScreen)
        assert "NOT PASSED" in shown(app.screen.query_one("#verdict", Static))
    assert rows(db_path, "SELECT status, outcome, passed FROM attempts") == [
        ("completed", "lost", 0)
    ]
    assert rows(db_path, "SELECT speaker, text FROM turns ORDER BY idx")[-1] == (
        "system",
        "You ended the call.",
    )


async def test_quitting_in_the_middle_of_a_call_abandons_the_attempt(
    ann: Trainee, make: AppFactory, db_path: Path
) -> None:
    app = make()
    async with app.run_test(size=(100, 30)) as pilot:
        await sign_in(pilot)
        await start_call(pilot)
        await pilot.press("1")
        await pilot.press("ctrl+q", "y")  # the call asks first
        await pilot.pause()
        assert not app.is_running
    assert rows(db_path, "SELECT status FROM attempts") == [("abandoned",)]
    assert rows(db_path, "SELECT count(*) FROM turns") == [(3,)]


async def test_a_pushy_caller_is_hung_up_on(ann: Trainee, make: AppFactory, db_path: Path) -> None:
    app = make()
    async with app.run_test(size=(100, 30)) as pilot:
        await sign_in(pilot)
        await start_call(pilot)
        await pilot.press("2", "1")  # push, push_again: patience runs out
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ScorecardScreen)
        assert "the client hung up" in shown(app.screen.query_one("#verdict", Static))
        assert "Why it did not pass" in shown(app.screen.query_one("#reasons", Static))
    assert rows(db_path, "SELECT outcome FROM attempts") == [("hung-up",)]


async def test_retry_plays_the_same_scenario_again_and_shows_the_change(
    ann: Trainee, make: AppFactory, db_path: Path
) -> None:
    app = make()
    async with app.run_test(size=(100, 30)) as pilot:
        await sign_in(pilot)
        await start_call(pilot)
        await pilot.press("2", "1")  # hung up on: 0%
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, CallScreen)
        await pilot.press("1", "1", "1")  # intro, ask, meet: 100%
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        change = shown(app.screen.query_one("#change", Static))
        assert "Up 100 points since your previous attempt (0% → 100%)" in change
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        programme = app.screen.query_one("#programme", OptionList)
        row = programme.get_option("scenario:first_call").prompt
        assert "best 100% · 2 attempts" in _plain(row)
    seeds = rows(db_path, "SELECT seed FROM attempts")
    assert len({seed for (seed,) in seeds}) == 2


async def test_a_recent_attempt_opens_its_scorecard_and_transcript(
    ann: Trainee, make: AppFactory
) -> None:
    app = make()
    async with app.run_test(size=(100, 30)) as pilot:
        await sign_in(pilot)
        await start_call(pilot)
        await pilot.press("1", "1", "1")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("escape")  # home
        await pilot.pause()
        await pilot.press("tab", "enter")  # the recent attempts list
        await pilot.pause()
        assert isinstance(app.screen, ScorecardScreen)  # rebuilt from the store
        verdict = shown(app.screen.query_one("#verdict", Static))
        assert "PASSED" in verdict and "100%" in verdict and "a meeting booked" in verdict
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, TranscriptScreen)
        lines = [shown(line) for line in app.screen.query(".trainee-line").results(Static)]
        assert any("Before we talk price" in line for line in lines)
        await pilot.press("escape", "escape")
        assert isinstance(app.screen, HomeScreen)


async def test_home_never_lists_another_trainees_attempts(
    ann: Trainee, make: AppFactory, store: Store, content: ContentSet
) -> None:
    other = add_trainee(store, "Boris Other")
    session = Session(content, content.scenario("first_call"), trainee=other.name)
    for reply in ("intro", "ask", "meet"):
        session.choose(reply)
    attempt = start_attempt(
        store,
        other.id,
        kind="call",
        content_id="first_call",
        content_hash="x",
        seed=1,
        mode="practice",
        persona_id="ivan",
    )
    for turn in session.turns:
        record_turn(store, attempt.id, turn)
    finish_attempt(store, attempt.id, session.score())
    app = make()
    async with app.run_test(size=(100, 30)) as pilot:
        await sign_in(pilot)
        home = app.screen
        assert isinstance(home, HomeScreen)
        recent = home.query_one("#recent", OptionList)
        assert recent.option_count == 1 and recent.get_option_at_index(0).disabled
        assert "No attempts yet" in _plain(recent.get_option_at_index(0).prompt)
        programme = home.query_one("#programme", OptionList)
        assert "not tried yet" in _plain(programme.get_option("scenario:first_call").prompt)
        await pilot.press("s")  # sign out, and in as the other trainee (listed after Ann)
        await pilot.pause()
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.trainee is not None and app.trainee.name == "Boris Other"
        recent = app.screen.query_one("#recent", OptionList)
        assert recent.get_option_at_index(0).id == f"attempt:{attempt.id}"


async def test_a_wrong_pin_is_refused_with_a_clear_message(make: AppFactory, store: Store) -> None:
    add_trainee(store, "Pia Pin", pin="2468")
    app = make()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        assert isinstance(app.screen, PinModal)
        await pilot.press("1", "1", "1", "1", "enter")
        assert isinstance(app.screen, PinModal)
        assert "That is not Pia Pin's PIN" in shown(app.screen.query_one("#pin-error", Static))
        assert app.trainee is None
        await pilot.press("2", "4", "6", "8", "enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.trainee is not None and app.trainee.name == "Pia Pin"


async def test_a_taken_name_is_refused(ann: Trainee, make: AppFactory) -> None:
    app = make()
    async with app.run_test(size=(100, 30)) as pilot:
        await sign_up(pilot, "ann  LEE")
        assert "already on the list" in shown(app.screen.query_one("#add-error", Static))


async def test_an_exam_has_no_meters_notes_or_hints(
    ann: Trainee, content: ContentSet, store: Store
) -> None:
    scenario = dataclasses.replace(content.scenario("first_call"), exam=True, stage=4)
    exam_content = dataclasses.replace(content, scenarios={scenario.id: scenario})
    app = make_app(exam_content, store.path, typing_delay=0, clock=frozen_clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await sign_in(pilot)
        programme = app.screen.query_one("#programme", OptionList)
        assert "EXAM" in _plain(programme.get_option("scenario:first_call").prompt)
        await pilot.press("enter")
        assert isinstance(app.screen, BriefingScreen)
        assert "EXAM" in shown(app.screen.query_one("#briefing-mode", Static))
        await pilot.press("enter")
        await pilot.pause()
        # Without a programme the exam still counts against the records: it asks first.
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("y")
        await pilot.pause()
        call = app.screen
        assert isinstance(call, CallScreen)
        assert not call.query(Meters)
        await pilot.press("1", "f2", "ctrl+g")
        await pilot.pause()
        assert not call.query(".coach-line") and not call.query(".hint-line")
    assert rows_of(store, "SELECT kind, mode FROM attempts") == [("exam", "exam")]


async def test_practice_shows_meters_notes_and_a_hint(ann: Trainee, make: AppFactory) -> None:
    app = make()
    async with app.run_test(size=(100, 30)) as pilot:
        await sign_in(pilot)
        await start_call(pilot)
        call = app.screen
        assert call.query_one("#meter-patience", ProgressBar).progress == 40
        await pilot.press("f2")
        assert "Say who you are." in shown(call.query(".hint-line").results(Static).__next__())
        await pilot.press("2")  # push: patience 40 - 25
        await pilot.pause()
        assert call.query_one("#meter-patience", ProgressBar).progress == 15
        assert call.query_one("#meter-patience").has_class("low")
        notes = [shown(note) for note in call.query(".coach-line").results(Static)]
        assert notes == ["Coach: Too pushy."]


async def test_typed_words_and_content_are_never_read_as_markup(
    make: AppFactory, store: Store
) -> None:
    add_trainee(store, "[b]Ann[/b]")
    app = make()
    async with app.run_test(size=(100, 30)) as pilot:
        await sign_in(pilot)
        await start_call(pilot)
        await pilot.press("tab")
        app.screen.query_one("#say-input", Input).value = "[red]hello[/red] [link=x]?"
        await pilot.press("enter")
        await pilot.pause()
        lines = [shown(line) for line in app.screen.query(".trainee-line").results(Static)]
        assert any("[red]hello[/red] [link=x]?" in line for line in lines)
        await pilot.press("1")  # sorry, which names the trainee
        await pilot.pause()
        lines = [shown(line) for line in app.screen.query(".trainee-line").results(Static)]
        assert any("[b]Ann[/b] from Northline" in line for line in lines)


async def test_the_command_palette_opens_a_scenario(ann: Trainee, make: AppFactory) -> None:
    app = make()
    async with app.run_test(size=(100, 30)) as pilot:
        await sign_in(pilot)
        await pilot.press("ctrl+p", *"practise first")
        for _ in range(50):  # the palette searches in the background
            found = app.screen.query(CommandList)
            if found and found.first(CommandList).option_count:
                break
            await pilot.pause(0.05)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, BriefingScreen)
        assert app.screen.scenario.id == "first_call"


def _plain(prompt: object) -> str:
    """The text of an option's prompt (a Rich Text or a grid of them)."""
    if isinstance(prompt, Text):
        return prompt.plain
    from rich.console import Console

    console = Console(width=100, record=True, file=open("/dev/null", "w"))  # noqa: SIM115
    console.print(prompt)
    return console.export_text()


def rows_of(store: Store, sql: str) -> list[tuple[object, ...]]:
    return rows(store.path, sql)


async def test_the_client_types_for_a_moment_before_each_line(
    ann: Trainee, content: ContentSet, store: Store
) -> None:
    app = make_app(content, store.path, typing_delay=60, clock=frozen_clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await sign_in(pilot)
        call = await start_call(pilot)
        assert "Ivan Petrov is typing…" in shown(call.query_one(".typing-line", Static))
        assert call.query_one("#replies", OptionList).option_count == 0
        call.show_pending_turns()  # as when the pause runs out
        await pilot.pause()
        assert not call.query(".typing-line") and len(call.query(".client-line")) == 1
        assert call.query_one("#replies", OptionList).option_count == 2
        await pilot.press("1")
        assert len(call.query(".trainee-line")) == 1 and call.query(".typing-line")
        await pilot.press("1")  # ignored while the client is typing
        assert len(call.query(".trainee-line")) == 1
        assert rows_of(store, "SELECT count(*) FROM turns") == [(3,)]  # stored already
        call.show_pending_turns()
        await pilot.pause()
        assert len(call.query(".client-line")) == 2


def keys(text: str) -> list[str]:
    """The key presses that type `text`."""
    names = {" ": "space", ",": "comma", "?": "question_mark", "'": "apostrophe"}
    return [names.get(character, character) for character in text]


async def test_typing_during_the_call_goes_into_the_reply_box(
    ann: Trainee, make: AppFactory, db_path: Path
) -> None:
    app = make()
    async with app.run_test(size=(100, 30)) as pilot:
        await sign_in(pilot)
        await start_call(pilot)
        # no click, no tab: the trainee just starts typing (the first letter is not lost)
        await pilot.press(*keys("hello, this is Ann from Northline"))
        say = app.screen.query_one("#say-input", Input)
        assert say.has_focus and say.value == "hello, this is Ann from Northline"
        await pilot.press("enter")
        await pilot.pause()
        assert rows(
            db_path, "SELECT typed_text, reply_key FROM turns WHERE speaker = 'trainee'"
        ) == [("hello, this is Ann from Northline", "hello/intro")]
        # after a typed reply the digits pick numbered replies again
        assert not say.has_focus
        await pilot.press("1")
        await pilot.pause()
        assert rows(db_path, "SELECT reply_key FROM turns WHERE speaker = 'trainee'")[-1] == (
            "needs/ask",
        )
        # Esc asks to hang up, as the footer says, from the box too; the words stay if not
        await pilot.press(*keys("so"), "escape")
        assert isinstance(app.screen, HangUpModal)
        await pilot.press("n")
        assert say.value == "so"
        await pilot.pause(CallScreen.DIALOG_ECHO_SECONDS)
        await pilot.press("o", "n")  # the next letters carry on where the words were
        assert say.value == "soon" and say.has_focus


async def test_the_scorecard_names_the_habit_the_replies_showed(
    ann: Trainee, store: Store, mini: Path
) -> None:
    rubric = mini / "scenarios" / "rubric.yaml"
    rubric.write_text(
        rubric.read_text(encoding="utf-8").replace(
            "tags:\n",
            "habits:\n  hard_sell:\n    name: The hard sell\n    tags: [pushy]\n"
            "    advice: Pressing scares a client off.\ntags:\n",
        ),
        encoding="utf-8",
    )
    app = make_app(load_content(mini), store.path, typing_delay=0, clock=frozen_clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await sign_in(pilot)
        await start_call(pilot)
        await pilot.press("2", "1")  # push, push_again
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ScorecardScreen)
        assert shown(app.screen.query_one("#habit", Static)) == (
            "The hard sell (2 of your replies): Pressing scares a client off."
        )
