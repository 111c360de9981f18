"""The call's input at 80x24: every typed character kept, digits that pick only when alone, paste
anywhere, Esc that means what the footer says, and the hint on its own key, recorded per reply."""

from __future__ import annotations

import random
from pathlib import Path

from rich.console import Console
from textual import events
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Static

from tests.ui.conftest import (
    AppFactory,
    frozen_clock,
    notices,
    rows,
    screen_text,
    shown_text,
    sign_in,
    start_call,
    unlock_stage,
)
from trainer.content.content_set import ContentSet
from trainer.engine.session import Option
from trainer.store.database import Store
from trainer.store.models import Trainee
from trainer.store.transcripts import transcript
from trainer.ui.app import make_app
from trainer.ui.modals.hang_up import HangUpModal
from trainer.ui.screens.call import CallScreen
from trainer.ui.screens.scorecard import ScorecardScreen
from trainer.ui.widgets.conversation import Conversation
from trainer.ui.widgets.mentor_text import turn_view
from trainer.ui.widgets.reply_list import ReplyList

SIZE = (80, 24)
KEY_NAMES = {" ": "space", "?": "question_mark", ",": "comma", ".": "full_stop", "'": "apostrophe"}


def keys(text: str) -> list[str]:
    """The key presses that type `text`, one at a time."""
    return [KEY_NAMES.get(character, character) for character in text]


async def burst(pilot: Pilot[int], text: str) -> None:
    """Keys as a terminal hands them over in one read (fast typing, a paste it does not mark):
    all of them queued before the app has handled the first."""
    for character in text:
        if character == "\n":
            pilot.app.post_message(events.Key("enter", "\r"))
            continue
        pilot.app.post_message(events.Key(KEY_NAMES.get(character, character), character))
    await pilot.pause()


async def paste(pilot: Pilot[int], text: str) -> None:
    """A bracketed paste, as the terminal reports it."""
    pilot.app.post_message(events.Paste(text))
    await pilot.pause()


async def in_a_call(pilot: Pilot[int]) -> CallScreen:
    await sign_in(pilot)
    await start_call(pilot)
    call = pilot.app.screen
    assert isinstance(call, CallScreen)
    assert call.query_one(ReplyList).has_focus
    return call


def on_top(pilot: Pilot[int]) -> object:
    """The screen shown now (not narrowed by an earlier isinstance check)."""
    return pilot.app.screen


def box(call: CallScreen) -> Input:
    return call.query_one("#say-input", Input)


def trainee_turns(db_path: Path) -> list[tuple[object, ...]]:
    """What the trainee said, as stored: the reply picked and the words typed."""
    return rows(
        db_path, "SELECT reply_key, typed_text FROM turns WHERE speaker = 'trainee' ORDER BY idx"
    )


# -- every printable key is text -----------------------------------------------------------------


async def test_a_question_mark_is_typed_not_taken_as_a_key(
    ann: Trainee, make: AppFactory, db_path: Path
) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        call = await in_a_call(pilot)
        await pilot.press("question_mark")  # on the list, as the first key: the box, with it
        assert box(call).value == "?" and box(call).has_focus
        await pilot.press("backspace")
        await burst(pilot, "How can I help?")  # typed as fast as a terminal reads it
        assert box(call).value == "How can I help?"
        assert not call.query(".hint-line")
        await pilot.press("enter")
        await pilot.pause()
    assert trainee_turns(db_path) == [(None, "How can I help?")]


async def test_keys_that_arrive_before_focus_moves_all_land_in_the_box(
    ann: Trainee, make: AppFactory, db_path: Path
) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        call = await in_a_call(pilot)
        await burst(pilot, "Hi? 2 of us use 12 phones")
        assert box(call).value == "Hi? 2 of us use 12 phones" and box(call).has_focus
        assert not call.query(".hint-line")
        assert trainee_turns(db_path) == []  # the 2 and the 1 picked nothing


async def test_a_sentence_that_starts_with_a_digit_is_typed_text_sent_whole(
    ann: Trainee, make: AppFactory, db_path: Path
) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        call = await in_a_call(pilot)
        await burst(pilot, "3 quick")  # from the list, faster than focus moves
        assert box(call).value == "3 quick"
        await pilot.press(*keys(" questions about your setup"), "enter")
        await pilot.pause()
        assert box(call).value == ""
    assert trainee_turns(db_path) == [(None, "3 quick questions about your setup")]


async def test_enter_in_the_same_burst_sends_the_words_not_the_highlighted_reply(
    ann: Trainee, make: AppFactory, db_path: Path
) -> None:
    """Words and Enter read in one go (a busy app, a fast typist): the Enter reaches the list
    before focus has moved, and must send the words, not pick reply 1 under the highlight."""
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        call = await in_a_call(pilot)
        await burst(pilot, "Hi, how can I help?\n")
        await pilot.pause()
        assert box(call).value == ""
    assert trainee_turns(db_path) == [(None, "Hi, how can I help?")]


async def test_a_digit_and_enter_in_one_burst_pick_that_reply_once(
    ann: Trainee, make: AppFactory, db_path: Path
) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        call = await in_a_call(pilot)
        assert call.session is not None
        second = call.session.options()[1].reply
        await burst(pilot, "2\n")
        await pilot.pause()
    assert trainee_turns(db_path) == [(second.key, None)]


# -- digits pick replies only when they come alone -------------------------------------------------


async def test_a_digit_alone_picks_on_the_list_and_with_enter_in_the_box(
    ann: Trainee, make: AppFactory, db_path: Path
) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        call = await in_a_call(pilot)
        await pilot.press("tab")
        assert box(call).has_focus
        await pilot.press("2", "enter")  # the box: a lone number is that reply
        await pilot.pause()
        assert trainee_turns(db_path) == [("hello/push", None)]
        assert box(call).value == "" and call.query_one(ReplyList).has_focus
        await pilot.press("2")  # the list: one key is enough
        await pilot.pause()
    assert trainee_turns(db_path) == [("hello/push", None), ("annoyed/sorry", None)]


async def test_a_number_with_no_reply_says_so_and_picks_nothing(
    ann: Trainee, make: AppFactory, db_path: Path
) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        call = await in_a_call(pilot)
        await pilot.press("7")
        assert notices(pilot)[-1] == (
            "There is no reply 7 here: pick 1 to 2, or type your own words."
        )
        await pilot.press("0")
        assert "There is no reply 0 here" in notices(pilot)[-1]
        await pilot.press("tab", "1", "2", "enter")
        await pilot.pause()
        assert "There is no reply 12 here" in notices(pilot)[-1]
        assert box(call).value == "12" and box(call).has_focus  # kept, to be corrected
    assert trainee_turns(db_path) == []


# -- paste -----------------------------------------------------------------------------------------


async def test_a_paste_lands_in_the_box_whatever_has_focus(
    ann: Trainee, make: AppFactory, db_path: Path
) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        call = await in_a_call(pilot)
        await paste(pilot, "Hello Ivan, ")  # while the list has focus
        assert box(call).value == "Hello Ivan, " and box(call).has_focus
        await paste(pilot, "this is Ann\nfrom Northline.\r\n")  # into the box: every line
        assert box(call).value == "Hello Ivan, this is Ann from Northline. "
        call.query_one(Conversation).focus()  # reading back, then typing again
        await pilot.press("o", "k")
        await paste(pilot, "?")
        assert box(call).value == "Hello Ivan, this is Ann from Northline. ok?"
        await pilot.press("enter")
        await pilot.pause()
    assert trainee_turns(db_path) == [
        ("hello/intro", "Hello Ivan, this is Ann from Northline. ok?")
    ]


# -- Esc and the hang-up dialog --------------------------------------------------------------------


async def test_esc_asks_to_hang_up_from_the_box_too_and_keeps_the_words(
    ann: Trainee, make: AppFactory, db_path: Path
) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        call = await in_a_call(pilot)
        footer = {key: active.binding.description for key, active in call.active_bindings.items()}
        assert footer["escape"] == "Hang up"
        await pilot.press(*keys("so"), "escape")
        assert isinstance(app.screen, HangUpModal)
        await pilot.press("escape")
        assert on_top(pilot) is call and box(call).value == "so"
        await pilot.pause(call.DIALOG_ECHO_SECONDS)
        await pilot.press("o", "n")  # the words go on where they were
        assert box(call).value == "soon" and box(call).has_focus
        assert rows(db_path, "SELECT status FROM attempts") == [("in-progress",)]


async def test_a_y_just_after_the_dialog_closed_is_not_a_reply(
    ann: Trainee, make: AppFactory, db_path: Path
) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        call = await in_a_call(pilot)
        call.DIALOG_ECHO_SECONDS = 60.0  # a loaded machine must not outrun the window
        await pilot.press("s", "o", "escape", "escape", "y")  # from the box
        assert on_top(pilot) is call and not call.session.ended  # type: ignore[union-attr]
        assert box(call).value == "so"
        assert notices(pilot)[-1] == "The call goes on. Press Esc if you want to hang up."
        assert call.query_one(ReplyList).has_focus
        await pilot.press("escape", "n", "n")  # from the list, closed with n
        assert box(call).value == "so" and len(notices(pilot)) == 2
        await pilot.press("enter")  # the highlighted reply: the call went on as it was
        await pilot.pause()
        assert trainee_turns(db_path) == [("hello/intro", None)]
        await pilot.press("escape", "escape")
        call.DIALOG_ECHO_SECONDS = 0.0  # as when the trainee starts typing a while later
        await pilot.press("y", "e", "s")
        assert box(call).value == "soyes"


# -- the hint: its own key, and recorded ----------------------------------------------------------


async def test_the_hint_is_on_f2_from_the_list_and_the_box_and_in_the_footer(
    ann: Trainee, make: AppFactory
) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        call = await in_a_call(pilot)
        footer = {key: active.binding.description for key, active in call.active_bindings.items()}
        # ? is typed as text in a call (and opens the keys only from an empty box), never a hint
        assert footer["f2"] == "Hint" and footer.get("question_mark", "Keys") == "Keys"
        await pilot.press("f2")
        assert "Say who you are." in shown_text(call.query(".hint-line").first(Static))
        await pilot.press(*keys("Hi?"), "f2", "ctrl+g")  # from the box; Ctrl+G where F2 is taken
        assert len(call.query(".hint-line")) == 3 and box(call).value == "Hi?"


async def test_hints_used_are_stored_per_reply_and_shown_on_the_scorecard_and_to_the_mentor(
    ann: Trainee, make: AppFactory, db_path: Path, store: Store
) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        call = await in_a_call(pilot)
        attempt_id = call.attempt_id
        assert attempt_id is not None
        await pilot.press("f2", *keys("qwerty zxcv"), "enter")  # helped, and not understood
        await pilot.pause()
        await pilot.press("f2", "f2", "1")  # two hints, one reply: one helped reply
        await pilot.pause()
        await pilot.press("1")  # alone
        await pilot.pause()
        await pilot.press("f2")  # nothing to hint here: the reply is still the trainee's own
        assert "No hint for this moment" in shown_text(call.query(".hint-line").last(Static))
        await pilot.press("1")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ScorecardScreen)
        text = screen_text(pilot)
        assert "Hints used: 2, before replies 1 and 2." in text
        assert text.count("(after a hint)") == 2
        await pilot.press("t")  # the transcript marks the same two replies
        await pilot.pause()
        said = [shown_text(line) for line in app.screen.query(".trainee-line").results(Static)]
        assert ["after a hint" in line for line in said] == [True, True, False, False]
    assert rows(
        db_path, "SELECT reply_key, hint_used FROM turns WHERE speaker = 'trainee' ORDER BY idx"
    ) == [(None, 1), ("hello/intro", 1), ("needs/ask", 0), ("offer/meet", 0)]
    record = transcript(store, attempt_id)
    marked = []
    for turn in record.turns:
        console = Console(width=100, record=True, color_system=None, file=open("/dev/null", "w"))  # noqa: SIM115
        console.print(turn_view(app.router.content, record, turn, None))
        marked.append("after a hint" in console.export_text())
    assert marked == [turn.hint_used for turn in record.turns]
    assert marked.count(True) == 2


async def test_a_scorecard_without_hints_says_none(ann: Trainee, make: AppFactory) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await in_a_call(pilot)
        await pilot.press("1")
        await pilot.pause()
        await pilot.press("1")
        await pilot.pause()
        await pilot.press("1")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert "Hints used: none." in screen_text(pilot)


async def test_the_briefing_names_the_hint_key(ann: Trainee, make: AppFactory) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        await pilot.press("enter")
        mode = shown_text(app.screen.query_one("#mode", Static))
        assert "press F2 (or Ctrl+G)" in " ".join(mode.split())
        assert "press h" not in mode


# -- every reply on offer can be read in full ------------------------------------------------------


async def test_the_longest_replies_of_the_bundled_content_fit_at_80x24(
    bundled: ContentSet, store: Store, ann: Trainee
) -> None:
    """Daniel's call once hid its fourth reply at 80x24: every option of the node with the most
    lines of replies is shown whole, with the client's last line still in view above them."""
    unlock_stage(store, ann.id, bundled, 3)
    app = make_app(bundled, store.path, typing_delay=0, clock=frozen_clock, seeds=random.Random(7))
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        programme = app.screen.query_one("#programme", OptionList)
        programme.highlighted = programme.get_option_index("scenario:cold_call_gatekeeper")
        await pilot.press("enter", "enter")
        await pilot.pause()
        call = app.screen
        assert isinstance(call, CallScreen) and call.session is not None
        replies = call.query_one(ReplyList)
        nodes = [
            node for scenario in bundled.scenarios.values() for node in scenario.nodes.values()
        ]
        longest = max(nodes, key=lambda node: sum(len(reply.text) for reply in node.replies))
        render = call.session.render
        replies.show_options(
            [Option(n, reply, render(reply.text)) for n, reply in enumerate(longest.replies, 1)]
        )
        await pilot.pause()
        assert replies.virtual_size.height > 9  # more than the list used to show
        assert replies.virtual_size.height <= replies.scrollable_content_region.height
        assert call.query_one(Conversation).size.height >= 5
