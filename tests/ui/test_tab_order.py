"""Tab goes through every form as it reads, top to bottom, and on to its buttons: never to a
control the eye cannot find (a scroll area) or back to the top before the form is done."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input, Static

from tests.ui.conftest import AppFactory, Build, answer_by_keys, shown_text
from tests.ui.test_quiz_quit import open_intro_quiz
from tests.ui.test_worklog import cleared, home, work_log
from trainer.content.content_set import ContentSet
from trainer.store.database import Store
from trainer.store.mentors import add_mentor
from trainer.store.models import Trainee
from trainer.store.trainees import add_trainee
from trainer.ui.screens.mentor_sign_in import MentorSignInScreen

SIZE = (80, 24)
PASSPHRASE = "correct horse"


async def stops(pilot: Pilot[int], presses: int, key: str = "tab") -> list[str]:
    """The id of the control that has focus after each press of `key`."""
    shown = []
    for _ in range(presses):
        await pilot.press(key)
        focused = pilot.app.focused
        shown.append(focused.id or type(focused).__name__ if focused else "nothing")
    return shown


def keys(text: str) -> list[str]:
    return ["space" if character == " " else character for character in text]


def mentors(store: Store, *names: str) -> None:
    first = add_mentor(store, names[0], PASSPHRASE)
    for name in names[1:]:
        add_mentor(store, name, PASSPHRASE, sponsor=first)


async def test_the_mentor_sign_in_goes_name_passphrase_sign_in_back_then_the_list(
    ann: Trainee, make: AppFactory, store: Store
) -> None:
    mentors(store, "Maria Stone", "Bob Reyes")
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m")
        assert isinstance(app.screen, MentorSignInScreen)
        assert app.focused is not None and app.focused.id == "mentor-name"
        assert await stops(pilot, 5) == [
            "mentor-passphrase",
            "mentor-sign-in",
            "mentor-back",
            "mentor-list",
            "mentor-name",
        ]
        assert await stops(pilot, 2, "shift+tab") == ["mentor-list", "mentor-back"]


async def test_a_name_tab_and_the_passphrase_in_one_burst_sign_the_mentor_in(
    ann: Trainee, make: AppFactory, store: Store
) -> None:
    """Typed as fast as a terminal reads it: nothing lands on the list of names, whose Enter
    would have put the first name in place of the one typed."""
    mentors(store, "Maria Stone", "Bob Reyes")
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m")
        await pilot.press(*keys("Bob Reyes"), "tab", *keys(PASSPHRASE))
        assert app.screen.query_one("#mentor-name", Input).value == "Bob Reyes"
        assert app.screen.query_one("#mentor-passphrase", Input).value == PASSPHRASE


async def test_the_sign_in_button_signs_in_and_back_goes_back(
    ann: Trainee, make: AppFactory, store: Store
) -> None:
    mentors(store, "Maria Stone")
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m")
        # One mentor: the name is filled in, and the cursor is on it as on any sign-in.
        assert app.focused is not None and app.focused.id == "mentor-name"
        screen = app.screen
        assert screen.query_one("#mentor-name", Input).value == "Maria Stone"
        await pilot.press("tab", *keys("wrong one"), "tab", "enter")  # the button
        error = screen.query_one("#mentor-error", Static)
        for _ in range(100):  # the passphrase's hash takes a moment, in a worker
            await pilot.pause(0.05)
            if "Checking" not in shown_text(error):
                break
        assert "passphrase" in shown_text(error).lower()
        assert app.screen is screen and app.focused is not None
        assert app.focused.id == "mentor-passphrase"
        await pilot.press("tab", "tab", "enter")  # Back
        assert app.screen is not screen


async def test_add_yourself_goes_name_pin_add_cancel(ann: Trainee, make: AppFactory) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        assert app.focused is not None and app.focused.id == "name-input"
        assert await stops(pilot, 4) == ["new-pin-input", "add-ok", "add-cancel", "name-input"]


async def test_the_pin_goes_pin_sign_in_back(ann: Trainee, make: AppFactory, store: Store) -> None:
    add_trainee(store, "Pat Lin", "4711")
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "enter")  # Pat Lin, after Ann Lee
        assert app.focused is not None and app.focused.id == "pin-input"
        assert await stops(pilot, 3) == ["pin-ok", "pin-cancel", "pin-input"]


async def test_the_work_log_goes_round_its_boxes_and_buttons_only(
    build: Build, bundled: ContentSet, ann: Trainee, store: Store, db_path: Path
) -> None:
    cleared(store, ann, bundled)
    app = build()
    async with app.run_test(size=SIZE) as pilot:
        await home(pilot)
        form = await work_log(pilot)
        boxes = [box.id for box in form.query("Input")]
        assert app.focused is not None and app.focused.id == "count-calls"
        assert await stops(pilot, len(boxes) + 2) == [
            *boxes[2:],
            "worklog-save",
            "worklog-back",
            "worklog-day",
            "count-calls",
        ]
        assert await stops(pilot, 3, "shift+tab") == ["worklog-day", "worklog-back", "worklog-save"]
        await pilot.resize_terminal(80, 14)  # a short terminal: the form scrolls
        await pilot.press("tab", "tab")
        assert app.focused is not None and app.focused.id == "worklog-day"
        body = form.query_one("#worklog-body")
        assert body.max_scroll_y > 0 and body.scroll_y == 0
        await pilot.press("pagedown")  # from a box
        assert body.scroll_y > 0


async def test_the_quiz_goes_from_the_answer_to_nothing_hidden_and_pages_by_keys(
    build: Build, bundled: ContentSet, ann: Trainee
) -> None:
    app = build()
    async with app.run_test(size=(80, 16)) as pilot:
        quiz = await open_intro_quiz(pilot, bundled)
        answer = app.focused
        assert answer is not None and answer.id in ("choices", "answer-input")
        visible = [widget.id for widget in quiz.focus_chain]
        assert visible == [answer.id]  # Next shows only once the answer is given
        assert await stops(pilot, 1) == [answer.id]
        assert quiz.question is not None
        await answer_by_keys(pilot, quiz.question)
        await pilot.pause()
        assert app.focused is not None and app.focused.id == "next"
        body = quiz.query_one("#quiz-body")
        assert body.max_scroll_y > 0  # the explanation runs below the fold at 16 lines
        await pilot.press("pageup")
        assert body.scroll_y == 0
        await pilot.press("pagedown")  # from Next, outside the scroll area
        assert body.scroll_y > 0
