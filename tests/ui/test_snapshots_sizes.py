"""Home, the call, the scorecard and the transcript at 80x24 and at 120x40, as a trainee sees them.

Review a changed snapshot with `pytest --snapshot-update`; each test's docstring says what a
reviewer should see. The rendered text is checked too, so a snapshot can never hide a cut title
or a reply that does not fit.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Input, OptionList

from tests.ui.conftest import frozen_clock
from tests.ui.test_snapshots import fixed_times
from trainer.content.content_set import ContentSet
from trainer.store.database import Store
from trainer.store.trainees import add_trainee
from trainer.ui.app import TrainerApp, make_app
from trainer.ui.screens.call import CallScreen
from trainer.ui.widgets.conversation import Conversation
from trainer.ui.widgets.reply_list import ReplyList

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]
Snap = Callable[..., bool]


def build(content: ContentSet, store: Store) -> TrainerApp:
    return make_app(content, store.path, typing_delay=0, clock=frozen_clock, seeds=random.Random(7))


@pytest.fixture
def utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Show times in UTC whatever the machine's zone."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def shown_lines(app: App[Any]) -> list[str]:
    """The screen as plain text, one line per row."""
    return [strip.text.rstrip() for strip in app.screen._compositor.render_strips()]


@pytest.mark.parametrize("size", SIZES)
def test_home(
    snap_compare: Snap, content: ContentSet, store: Store, db_path: Path, utc: None, size: Any
) -> None:
    """Home without a programme after one call: "Signed in as Ann Lee"; the four stages, stage 3
    with "A first call" (highlighted, "best 41.7% · 1 attempt"); the call log; the recent
    attempt (03 Mar 09:30, 41.7% not passed · no result) and the footer with "f1 Keys"."""
    ann = add_trainee(store, "Ann Lee")

    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.press("enter", "enter", "enter")  # sign in, the briefing, start
        await pilot.pause()
        await pilot.press("2", "2", "1", "1")
        await pilot.pause()
        fixed_times(db_path)
        await pilot.press("enter", "escape")  # the scorecard, home
        await pilot.pause()
        lines = shown_lines(pilot.app)
        assert any("A first call" in line and "best 41.7% · 1 attempt" in line for line in lines)
        assert "f1 Keys" in lines[-1]

    assert ann.id
    assert snap_compare(build(content, store), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_call(snap_compare: Snap, content: ContentSet, store: Store, size: Any) -> None:
    """A practice call after the first reply: the header with Ivan Petrov, the PRACTICE badge and
    the frozen timer; the meters; the conversation with the coach's note; both replies whole;
    the reply box; the footer with "1-9 Reply", "f2 Hint", "esc Hang up" and "PgUp/PgDn
    Scroll"."""
    add_trainee(store, "Ann Lee")

    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.press("enter", "enter", "enter", "1")
        await pilot.pause()
        lines = shown_lines(pilot.app)
        text = "\n".join(lines)
        assert "Before we talk price, how many people use the phones every day?" in " ".join(
            text.split()
        )
        assert "Our price is the best on the market." in text
        assert "PgUp/PgDn Scroll" in lines[-1] and "esc Hang up" in lines[-1]

    assert snap_compare(build(content, store), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_scorecard(snap_compare: Snap, content: ContentSet, store: Store, size: Any) -> None:
    """The scorecard of a call that went wrong: the whole title "Scorecard  A first call ·
    practice", a red "NOT PASSED 41.7%", the reasons, the skills and the coach notes numbered
    with their text hanging under the words; the footer with Retry, Transcript, Home."""
    add_trainee(store, "Ann Lee")

    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.press("enter", "enter", "enter", "2", "2", "1", "1")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert shown_lines(pilot.app)[0].strip() == "Scorecard  A first call · practice"

    assert snap_compare(build(content, store), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_transcript(
    snap_compare: Snap, content: ContentSet, store: Store, db_path: Path, utc: None, size: Any
) -> None:
    """The transcript of a call with a typed reply: its title whole (the scenario, practice, 03
    Mar 09:30 and the result), the lines, "Coach: Heard as reply 1 (..%)" under the typed
    words, then the replies' own notes; the footer with "esc Back"."""
    add_trainee(store, "Ann Lee")

    async def typed_call(pilot: Pilot[Any]) -> None:
        await pilot.press("enter", "enter", "enter")
        await pilot.pause()
        box = pilot.app.screen.query_one("#say-input")
        box.focus()
        box.value = "Hello Ivan, this is Ann from Northline."  # type: ignore[attr-defined]
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("1", "1")
        await pilot.pause()
        fixed_times(db_path)
        await pilot.press("enter", "t")
        await pilot.pause()
        text = " ".join("\n".join(shown_lines(pilot.app)).split())
        assert "Transcript A first call · practice · 03 Mar 09:30 · 100% passed" in text
        assert "Coach: Heard as reply 1 (" in text

    assert snap_compare(build(content, store), terminal_size=size, run_before=typed_call)


# -- what a snapshot alone would not prove --------------------------------------------------------


async def test_long_titles_wrap_whole_on_the_scorecard_and_transcript_at_80x24(
    bundled: ContentSet, store: Store
) -> None:
    """The longest scenario title once ended "…operations director ·", with "practice" cut."""
    from tests.ui.conftest import unlock_stage

    ann = add_trainee(store, "Ann Lee")
    unlock_stage(store, ann.id, bundled, 3)
    scenario = max(
        (s for s in bundled.scenarios.values() if not s.exam), key=lambda s: len(s.title)
    )
    assert len(scenario.title) > 60
    app = build(bundled, store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        programme = app.screen.query_one("#programme", OptionList)
        programme.highlighted = programme.get_option_index(f"scenario:{scenario.id}")
        await pilot.press("enter", "enter")
        await pilot.pause()
        await pilot.press("escape", "y")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        head = " ".join(" ".join(shown_lines(app)[:3]).split())
        assert f"Scorecard {scenario.title} · practice" in head
        await pilot.press("t")
        await pilot.pause()
        head = " ".join(" ".join(shown_lines(app)[:3]).split())
        assert f"Transcript {scenario.title} · practice ·" in head
        assert "not passed" in head


async def test_pgup_and_pgdn_scroll_the_conversation_from_the_list_and_the_box(
    content: ContentSet, store: Store
) -> None:
    add_trainee(store, "Ann Lee")
    app = build(content, store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "enter", "enter")
        await pilot.pause()
        call = app.screen
        conversation = call.query_one(Conversation)
        for _ in range(2):  # words the client cannot follow: the call goes on, the lines pile up
            box = call.query_one("#say-input", Input)
            box.focus()
            box.value = "Our invoices carry a blue stamp on the back"
            await pilot.press("enter")
            await pilot.pause()
        assert isinstance(call, CallScreen) and call.session is not None
        assert not call.session.ended
        assert conversation.max_scroll_y > 0 and conversation.scroll_y == conversation.max_scroll_y
        replies = call.query_one(ReplyList)
        assert replies.has_focus
        highlighted = replies.highlighted
        await pilot.press("pageup")
        await pilot.pause()
        assert conversation.scroll_y < conversation.max_scroll_y
        assert replies.has_focus and replies.highlighted == highlighted  # not the list's paging
        await pilot.press("pagedown", "pagedown", "pagedown")
        await pilot.pause()
        assert conversation.scroll_y == conversation.max_scroll_y
        call.query_one("#say-input", Input).focus()
        await pilot.press("pageup")
        await pilot.pause()
        assert conversation.scroll_y < conversation.max_scroll_y
