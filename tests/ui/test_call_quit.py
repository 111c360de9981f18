"""A call is never lost to a slip: Ctrl+Q asks first (and the exam's question says the attempt
counts), and a key meant for a dialog never reaches the call once the dialog has closed."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from tests.ui.conftest import (
    AppFactory,
    Build,
    notices,
    rows,
    screen_text,
    sign_in,
    start_call,
    unlock_stage,
)
from tests.ui.test_programme_exam import start_exam
from trainer.content.content_set import ContentSet
from trainer.store.database import Store
from trainer.store.models import Trainee
from trainer.ui.modals.confirm import ConfirmModal
from trainer.ui.screens.call import CallScreen
from trainer.ui.widgets.reply_list import ReplyList

SIZE = (80, 24)


def on_top(pilot: Pilot[int]) -> object:
    """The screen shown now (not narrowed by an earlier isinstance check)."""
    return pilot.app.screen


def statuses(db_path: Path) -> list[tuple[object, ...]]:
    return rows(db_path, "SELECT kind, status FROM attempts ORDER BY started_at")


async def test_ctrl_q_in_a_practice_call_asks_and_n_keeps_the_call_going(
    ann: Trainee, make: AppFactory, db_path: Path
) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        call = await start_call(pilot)
        await pilot.press("1")
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        assert "Quit the trainer in the middle of the call?" in screen_text(pilot)
        assert "pick it up again from home" in " ".join(screen_text(pilot).split())
        await pilot.press("ctrl+q")  # the same slip twice: still only the question
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal) and app.is_running
        await pilot.press("n")
        await pilot.pause()
        assert on_top(pilot) is call and app.is_running
        assert call.query_one(ReplyList).has_focus
        call.DIALOG_ECHO_SECONDS = 60.0  # a loaded machine must not outrun the window
        await pilot.press("n")  # a late second n for the dialog: not the start of a reply
        assert call.query_one("#say-input").value == ""  # type: ignore[attr-defined]
        assert notices(pilot)[-1] == "The call goes on. Press Esc if you want to hang up."
        assert statuses(db_path) == [("call", "in-progress")]


async def test_ctrl_q_then_y_quits_and_leaves_the_practice_call_unfinished(
    ann: Trainee, make: AppFactory, db_path: Path
) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        await start_call(pilot)
        await pilot.press("1")
        await pilot.pause()
        await pilot.press("ctrl+q", "y")
        await pilot.pause()
        assert not app.is_running
    assert statuses(db_path) == [("call", "abandoned")]
    assert rows(db_path, "SELECT count(*) FROM turns") == [(3,)]


async def test_ctrl_q_outside_a_call_quits_at_once(ann: Trainee, make: AppFactory) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running


async def test_ctrl_q_in_the_exam_says_the_attempt_counts_and_esc_stays(
    build: Build, bundled: ContentSet, store: Store, ann: Trainee, db_path: Path
) -> None:
    unlock_stage(store, ann.id, bundled, 4)
    app = build()
    async with app.run_test(size=(100, 30)) as pilot:
        await sign_in(pilot)
        await start_exam(pilot, bundled)
        call = app.screen
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        said = " ".join(screen_text(pilot).split())
        assert "This exam attempt will count as used" in said
        assert "cannot be resumed" in said
        await pilot.press("escape")
        await pilot.pause()
        assert on_top(pilot) is call and app.is_running
        assert rows(db_path, "SELECT status FROM attempts WHERE kind = 'exam'") == [
            ("in-progress",)
        ]
        await pilot.press("ctrl+q", "y")
        await pilot.pause()
        assert not app.is_running
    assert rows(db_path, "SELECT status FROM attempts WHERE kind = 'exam'") == [("abandoned",)]


async def test_ctrl_q_after_the_call_ended_quits_without_asking(
    ann: Trainee, make: AppFactory, db_path: Path
) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        await start_call(pilot)
        await pilot.press("2", "1")  # pushy twice: the client hangs up
        await pilot.pause()
        assert isinstance(app.screen, CallScreen) and app.screen.session is not None
        assert app.screen.session.ended
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running
    assert statuses(db_path) == [("call", "completed")]
