"""Remembered and helpful: each trainee's theme comes back after a restart, F1 (or ? in an empty
reply box) lists every key of the screen, and a practice call left unfinished is picked up where
it stopped, as the same attempt; the exam never is."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, OptionList

from tests.ui.conftest import (
    AppFactory,
    Build,
    rows,
    screen_text,
    shown_text,
    sign_in,
    start_call,
    unlock_stage,
    use_exam_attempt,
)
from trainer.content.content_set import ContentSet
from trainer.errors import StoreError
from trainer.services import calls
from trainer.store.attempts import resume_attempt
from trainer.store.database import Store
from trainer.store.models import Trainee
from trainer.store.trainees import add_trainee
from trainer.ui.app import TrainerApp, make_app
from trainer.ui.modals.keys import KeysModal
from trainer.ui.screens.briefing import BriefingScreen
from trainer.ui.screens.call import CallScreen
from trainer.ui.screens.home import HomeScreen
from trainer.ui.screens.scorecard import ScorecardScreen
from trainer.ui.widgets.call_timer import CallTimer
from trainer.ui.widgets.conversation import Conversation

SIZE = (100, 30)


def keys_listed(pilot: Pilot[int]) -> dict[str, str]:
    """What the keys list shows: each line's description by its keys."""
    modal = pilot.app.screen
    assert isinstance(modal, KeysModal)
    return {description: keys for keys, description in modal.keys}


# -- the theme ---------------------------------------------------------------------------------


async def test_each_trainees_theme_comes_back_after_a_restart(
    make: AppFactory, store: Store, db_path: Path
) -> None:
    add_trainee(store, "Ann Lee")
    add_trainee(store, "Bob Ray")
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        starting = app.theme
        app.theme = "nord"  # before anyone signs in: nobody's choice
        await pilot.pause()
        assert rows(db_path, "SELECT count(*) FROM trainee_preferences") == [(0,)]
        await sign_in(pilot)  # Ann: no choice yet, the app's own theme
        assert app.theme == starting
        app.theme = "textual-light"  # as "Change theme" in the palette sets it
        await pilot.pause()
    assert rows(db_path, "SELECT trainee_id, name, value FROM trainee_preferences") == [
        (1, "theme", "textual-light")
    ]
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        assert app.theme == starting  # signed out: nobody's theme
        await sign_in(pilot)
        assert app.theme == "textual-light"
        await pilot.press("s")  # sign out: the next trainee does not inherit it
        await pilot.pause()
        await pilot.press("down", "enter")  # Bob
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and app.screen.trainee.name == "Bob Ray"
        assert app.theme == starting
        await pilot.pause()
        # Bob chose nothing: the app's own theme is not written down as his choice
        assert rows(db_path, "SELECT trainee_id FROM trainee_preferences") == [(1,)]
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("enter")  # Ann again, who goes back to the app's own theme
        await pilot.pause()
        assert app.theme == "textual-light"
        app.theme = starting
        await pilot.pause()
    assert rows(db_path, "SELECT trainee_id, value FROM trainee_preferences") == [(1, starting)]


async def test_a_theme_no_longer_installed_falls_back_to_the_apps_own(
    make: AppFactory, store: Store, ann: Trainee
) -> None:
    from trainer.store.preferences import save_preference

    save_preference(store, ann.id, "theme", "a-theme-that-left")
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        starting = app.theme
        await sign_in(pilot)
        assert app.theme == starting


def test_a_preference_is_refused_when_it_is_not_a_small_value(store: Store, ann: Trainee) -> None:
    from trainer.store.preferences import save_preference

    with pytest.raises(StoreError, match="longer than 256"):
        save_preference(store, ann.id, "theme", "x" * 257)
    with pytest.raises(StoreError, match="no trainee number 99"):
        save_preference(store, 99, "theme", "nord")


# -- the keys ----------------------------------------------------------------------------------


async def test_f1_lists_every_key_of_home_and_closes_again(ann: Trainee, make: AppFactory) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        await pilot.press("f1")
        listed = keys_listed(pilot)
        assert listed["Sign out"] == "s" and listed["Other list"] == "tab"
        assert listed["Quit"] == "^q" and listed["Keys"].startswith("f1")
        assert "Keys: Home" in screen_text(pilot)
        await pilot.press("f1")
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("question_mark")  # no box on home: ? is free for the keys
        assert isinstance(app.screen, KeysModal)
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


async def test_in_a_call_question_mark_in_the_empty_box_lists_the_calls_keys(
    ann: Trainee, make: AppFactory, db_path: Path
) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        call = await start_call(pilot)
        box = call.query_one("#say-input", Input)
        box.focus()
        await pilot.press("question_mark")
        listed = keys_listed(pilot)
        assert listed["Hint"] == "f2, ^g" and listed["Hang up"] == "esc"
        assert listed["Reply"] == "1-9" and listed["Scroll"] == "PgUp/PgDn"
        assert box.value == ""
        await pilot.press("q")  # closes the list; never a letter of the reply
        assert app.screen is call and box.value == ""
        await pilot.press("H", "i", "question_mark")  # inside words, ? is text
        assert box.value == "Hi?" and app.screen is call
    assert rows(db_path, "SELECT count(*) FROM turns WHERE speaker = 'trainee'") == [(0,)]


# -- resuming a practice call --------------------------------------------------------------------


async def leave_a_call(app_factory: AppFactory, db_path: Path) -> str:
    """Start the first call, reply twice (one typed), quit with Ctrl+Q; the attempt's id."""
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        call = await start_call(pilot)
        assert call.attempt_id is not None
        attempt_id = call.attempt_id
        await pilot.press("1")  # introduce yourself
        await pilot.pause()
        box = call.query_one("#say-input", Input)
        box.focus()
        box.value = "Before we talk price, how many people use the phones every day?"
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("ctrl+q", "y")
        await pilot.pause()
    assert rows(db_path, "SELECT id, status FROM attempts") == [(attempt_id, "abandoned")]
    return attempt_id


async def test_a_practice_call_left_unfinished_is_picked_up_where_it_stopped(
    ann: Trainee, make: AppFactory, db_path: Path
) -> None:
    attempt_id = await leave_a_call(make, db_path)
    stored = rows(db_path, "SELECT idx, speaker, text FROM turns ORDER BY idx")
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        await pilot.press("enter")  # the scenario's briefing
        assert isinstance(app.screen, BriefingScreen)
        offer = " ".join(screen_text(pilot).split())
        assert "You left this call unfinished" in offer and "after 2 replies" in offer
        await pilot.press("r")
        await pilot.pause()
        call = app.screen
        assert isinstance(call, CallScreen) and call.attempt_id == attempt_id
        shown = [shown_text(line) for line in call.query_one(Conversation).children]
        said = " ".join(" ".join(line.split()) for line in shown)
        assert "how many people use the phones every day?" in said
        assert "Heard as reply 1 (" in said  # the typed reply, numbered as it was offered
        assert "You are back in the call where you left it" in said
        await pilot.press("1")  # the meeting: the call goes on from where it was
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ScorecardScreen)
        assert "100%" in screen_text(pilot)
    assert rows(db_path, "SELECT id, status, outcome FROM attempts") == [
        (attempt_id, "completed", "meeting")
    ]
    after = rows(db_path, "SELECT idx, speaker, text FROM turns ORDER BY idx")
    assert after[: len(stored)] == stored  # nothing said before was written again
    assert [index for index, *_ in after] == list(range(len(after)))


async def test_home_opens_a_left_call_on_its_briefing_to_pick_it_up(
    ann: Trainee, make: AppFactory, db_path: Path, store: Store, content: ContentSet
) -> None:
    attempt_id = await leave_a_call(make, db_path)
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        recent = app.screen.query_one("#recent", OptionList)
        recent.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, BriefingScreen)
        assert app.screen.unfinished is not None
        assert app.screen.unfinished.attempt_id == attempt_id
        await pilot.press("enter")  # starting afresh instead: a new attempt
        await pilot.pause()
        assert isinstance(app.screen, CallScreen) and app.screen.attempt_id != attempt_id
        await pilot.press("escape", "y")
        await pilot.pause()
    # the new call is the last at the scenario now: the old one is no longer offered
    assert calls.unfinished_call(store, ann.id, content, "first_call") is None


async def test_the_exam_is_never_picked_up_again(
    build: Build, bundled: ContentSet, store: Store, ann: Trainee
) -> None:
    unlock_stage(store, ann.id, bundled, 4)
    left = use_exam_attempt(store, ann.id, bundled, passed=None)  # left in the middle
    with pytest.raises(StoreError, match="not a practice call"):
        resume_attempt(store, left, ann.id)
    exam = bundled.scenario(
        rows(store.path, "SELECT content_id FROM attempts WHERE id = ?", left)[0][0]  # type: ignore[arg-type]
    )
    assert calls.unfinished_call(store, ann.id, bundled, exam.id) is None
    app = build()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        recent = app.screen.query_one("#recent", OptionList)
        recent.focus()
        await pilot.press("enter")  # the abandoned exam: its transcript, nothing to resume
        await pilot.pause()
        assert not isinstance(app.screen, BriefingScreen)


def test_a_call_whose_scenario_changed_is_not_resumed(
    content: ContentSet, store: Store, ann: Trainee
) -> None:
    from trainer.engine.session import Session
    from trainer.store.attempts import abandon_attempt, record_turn, start_attempt

    scenario = content.scenario("first_call")
    session = Session(content, scenario, seed=3, trainee="Ann Lee")
    attempt = start_attempt(
        store,
        ann.id,
        kind="call",
        content_id=scenario.id,
        content_hash="an older version",
        seed=3,
        mode="practice",
        persona_id="ivan",
    )
    for turn in [*session.turns, *session.choose(1)]:
        record_turn(store, attempt.id, turn)
    abandon_attempt(store, attempt.id)
    assert calls.unfinished_call(store, ann.id, content, scenario.id) is None
    with pytest.raises(Exception, match="has changed since it was left"):
        calls.RecordedCall.resume(store, ann.id, content, attempt.id, trainee="Ann Lee")
    assert rows(store.path, "SELECT status FROM attempts") == [("abandoned",)]


async def test_a_picked_up_call_shows_its_clock_from_where_it_stopped(
    ann: Trainee, content: ContentSet, store: Store, db_path: Path
) -> None:
    """The turns' times count on from the last one stored, and so does the clock on screen."""
    now = [0.0]

    def build() -> TrainerApp:
        return make_app(content, store.path, typing_delay=0, clock=lambda: now[0])

    app = build()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        await start_call(pilot)
        now[0] = 95.0  # a minute and a half of thinking before the first reply
        await pilot.press("1")
        await pilot.pause()
        await pilot.press("ctrl+q", "y")
        await pilot.pause()
    [(last,)] = rows(db_path, "SELECT max(elapsed) FROM turns")
    assert last == 95.0
    now[0] = 5000.0  # the next day, on another clock
    app = build()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        await pilot.press("enter", "r")
        await pilot.pause()
        assert isinstance(app.screen, CallScreen)
        assert str(app.screen.query_one(CallTimer).render()) == "Call 01:35"


async def test_the_calls_keys_list_no_hidden_range_or_scrolling_noise(
    ann: Trainee, make: AppFactory
) -> None:
    """ "1-9 Reply" stands for every number key; Textual's own hidden keys stay out of the list,
    while the trainer's hidden keys (the hint's ^g) are still there."""
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await sign_in(pilot)
        await start_call(pilot)
        await pilot.press("f1")
        listed = keys_listed(pilot)
        assert listed["Reply"] == "1-9" and listed["Hint"] == "f2, ^g"
        noise = [d for d in listed if d.startswith(("Reply ", "Scroll Left", "Page Left"))]
        noise += [d for d in listed if d.startswith(("Scroll Right", "Page Right"))]
        assert noise == [], noise
        assert listed["Scroll"] == "PgUp/PgDn" and "Hang up" in listed
