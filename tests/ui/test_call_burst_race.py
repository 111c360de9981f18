"""A digit on the reply list picks only when it comes alone, whatever the app does between the
keys of one terminal read: a screen update, a timer, any message that makes it wait."""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual import events
from textual.pilot import Pilot

from tests.ui.conftest import AppFactory, rows, sign_in, start_call
from trainer.store.models import Trainee
from trainer.ui.widgets.reply_box import ReplyBox
from trainer.ui.widgets.reply_list import ReplyList

SIZE = (80, 24)
NAMES = {" ": "space"}


def key(character: str) -> events.Key:
    if character == "\n":
        return events.Key("enter", "\r")
    return events.Key(NAMES.get(character, character), character)


async def update() -> None:
    """A message the app awaits on (as it awaits a screen update): the widgets run meanwhile."""
    await asyncio.sleep(0.05)


async def read_with_an_update(pilot: Pilot[int], first: str, rest: str) -> None:
    """One terminal read, `first` then `rest`, all queued before the app handles any of it, with
    an update that the app handles between `first` and `rest`."""
    for character in first:
        pilot.app.post_message(key(character))
    pilot.app.call_later(update)
    for character in rest:
        pilot.app.post_message(key(character))
    await pilot.pause()


def trainee_turns(db_path: Path) -> list[tuple[object, ...]]:
    return rows(
        db_path, "SELECT reply_key, typed_text FROM turns WHERE speaker = 'trainee' ORDER BY idx"
    )


async def test_an_update_between_two_digits_of_one_read_picks_nothing(
    ann: Trainee, make: AppFactory, db_path: Path
) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        call = await start_call(pilot)
        assert call.query_one(ReplyList).has_focus
        await read_with_an_update(pilot, "1", "2 phones")
        box = call.query_one(ReplyBox)
        assert box.value == "12 phones" and box.has_focus
        assert trainee_turns(db_path) == []
        await pilot.press("enter")
        await pilot.pause()
    assert [typed for _, typed in trainee_turns(db_path)] == ["12 phones"]  # said, not picked


async def test_an_update_between_a_digit_and_words_of_one_read_picks_nothing(
    ann: Trainee, make: AppFactory, db_path: Path
) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        call = await start_call(pilot)
        await read_with_an_update(pilot, "2", " quick questions\n")
        await pilot.pause()
        assert call.query_one(ReplyBox).value == ""
    assert trainee_turns(db_path) == [(None, "2 quick questions")]


async def test_a_digit_alone_still_picks_after_an_update(
    ann: Trainee, make: AppFactory, db_path: Path
) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        call = await start_call(pilot)
        await read_with_an_update(pilot, "2", "")
        assert call.query_one(ReplyBox).value == ""
    assert trainee_turns(db_path) == [("hello/push", None)]


async def test_words_typed_on_after_enter_in_the_same_read_stay_in_the_box(
    ann: Trainee, make: AppFactory, db_path: Path
) -> None:
    """The Enter sends the words before it; those after it reached the box before the screen
    saw the Enter, and are the start of the next reply, not something to clear."""
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        call = await start_call(pilot)
        for character in "Hi there\nhow many":
            app.post_message(key(character))
        await pilot.pause()
        box = call.query_one(ReplyBox)
        assert box.value == "how many" and box.has_focus
        assert box.cursor_position == len("how many")
        await pilot.press("space", "p", "enter")
        await pilot.pause()
    assert [typed for _, typed in trainee_turns(db_path)] == ["Hi there", "how many p"]
