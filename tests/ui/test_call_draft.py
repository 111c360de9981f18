"""Words typed into the reply box and not sent survive a quit and a closed terminal: kept after
a pause in typing (not a write per key) and as the call is left, back in the box when the call
is picked up, and gone once sent."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.ui.conftest import AppFactory, rows, screen_text, sign_in, start_call
from trainer.store import drafts as stored_drafts
from trainer.store.database import Store
from trainer.store.models import Trainee
from trainer.ui.screens.briefing import BriefingScreen
from trainer.ui.screens.call import CallScreen
from trainer.ui.widgets.reply_box import ReplyBox

SIZE = (100, 30)
WORDS = "Could you tell me who decides on the phones"


def drafts(db_path: Path) -> list[tuple[object, ...]]:
    return rows(db_path, "SELECT text FROM reply_drafts")


async def type_words(pilot: Pilot[int], words: str) -> None:
    """Type the words key by key, as a trainee does (letters on the list go to the box)."""
    await pilot.press(*[{" ": "space"}.get(char, char) for char in words])


@pytest.fixture
def counted_writes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every draft the call writes to the store, in order (the real write still happens)."""
    written: list[str] = []

    def save(store: Store, attempt_id: str, text: str) -> str:
        written.append(text)
        return stored_drafts.save_draft(store, attempt_id, text)

    monkeypatch.setattr("trainer.services.calls.save_draft", save)
    return written


async def test_words_left_in_the_box_come_back_when_the_call_is_picked_up(
    ann: Trainee, make: AppFactory, db_path: Path, counted_writes: list[str]
) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        call = await start_call(pilot)
        attempt_id = call.attempt_id
        await pilot.press("1")
        await pilot.pause()
        await type_words(pilot, WORDS)
        assert call.query_one(ReplyBox).value == WORDS
        await pilot.press("ctrl+q", "y")  # left before the pause: kept as the screen goes
        await pilot.pause()
        assert not app.is_running
    assert drafts(db_path) == [(WORDS,)]
    assert counted_writes == [WORDS]  # one write, not one per key
    assert rows(db_path, "SELECT text FROM turns WHERE speaker = 'trainee'") == [
        (rows(db_path, "SELECT text FROM turns WHERE idx = 1")[0][0],)
    ]  # the pick alone was said
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        await pilot.press("enter")
        assert isinstance(app.screen, BriefingScreen)
        await pilot.press("r")
        await pilot.pause()
        picked_up = app.screen
        assert isinstance(picked_up, CallScreen) and picked_up.attempt_id == attempt_id
        box = picked_up.query_one(ReplyBox)
        assert box.value == WORDS and box.has_focus
        assert box.cursor_position == len(WORDS)
        said = " ".join(screen_text(pilot).split())
        assert "What you had typed and not sent is in the box again." in said
        await type_words(pilot, "?")
        await pilot.press("enter")  # sent: a turn now, and no longer a draft
        await pilot.pause()
        assert box.value == ""
        assert drafts(db_path) == []
        trainee_lines = rows(db_path, "SELECT text FROM turns WHERE speaker = 'trainee'")
        assert trainee_lines[-1] == (WORDS + "?",)


async def test_a_pause_in_typing_keeps_the_words_while_the_call_goes_on(
    ann: Trainee,
    make: AppFactory,
    db_path: Path,
    counted_writes: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A terminal closed without a goodbye loses at most the words since the last pause."""
    monkeypatch.setattr(ReplyBox, "DRAFT_PAUSE", 0.3)
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        await start_call(pilot)
        await type_words(pilot, "Good morning")
        await pilot.pause(1.0)
        assert drafts(db_path) == [("Good morning",)]
        await type_words(pilot, ", this is Ann")
        await pilot.pause(1.0)
        assert drafts(db_path) == [("Good morning, this is Ann",)]
        # a write after each pause, not one per key (25 of them); a loaded machine may pause
        # between two keys, which costs a write more, never one per key
        assert counted_writes[-1] == "Good morning, this is Ann"
        assert 2 <= len(counted_writes) <= 6
        await pilot.press(*["backspace"] * len("Good morning, this is Ann"))
        await pilot.pause(1.0)
        assert drafts(db_path) == []  # an emptied box keeps nothing
        await pilot.press("escape", "y")  # hang up: the call ends, nothing to keep
        await pilot.pause()
    assert drafts(db_path) == []


async def test_a_call_left_with_only_words_typed_can_be_picked_up(
    ann: Trainee, make: AppFactory, db_path: Path
) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        await start_call(pilot)
        await type_words(pilot, "Hello Ivan, I am calling about")
        await pilot.press("ctrl+q", "y")
        await pilot.pause()
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        await pilot.press("enter")
        offer = " ".join(screen_text(pilot).split())
        assert "You left this call unfinished" in offer
        assert "before your first reply, with words typed and not sent" in offer
        await pilot.press("r")
        await pilot.pause()
        assert app.screen.query_one(ReplyBox).value == "Hello Ivan, I am calling about"
