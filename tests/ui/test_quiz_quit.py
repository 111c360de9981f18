"""Ctrl+Q or the palette's Quit in the middle of a quiz asks first, as in a call; the answers
given so far are kept either way (quitting scores them), and with none the attempt does not
count."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from tests.ui.conftest import Build, answer_by_keys, pick, rows, screen_text, sign_in
from trainer.content.content_set import ContentSet
from trainer.content.programme import StageKey
from trainer.store.models import Trainee
from trainer.ui.modals.confirm import ConfirmModal
from trainer.ui.screens.quiz import QuizScreen

SIZE = (100, 30)


def flat(text: str) -> str:
    return " ".join(text.split())


async def open_intro_quiz(pilot: Pilot[int], content: ContentSet) -> QuizScreen:
    programme = content.programme
    assert programme is not None
    quiz = programme.stage(StageKey.INTRODUCTION).quiz
    assert quiz is not None
    await sign_in(pilot)
    await pick(pilot, f"quiz:{quiz.id}")
    await pilot.press("enter")  # the quiz's introduction: start
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, QuizScreen) and screen.attempt is not None
    return screen


def on_top(pilot: Pilot[int]) -> object:
    return pilot.app.screen


def attempts(db_path: Path) -> list[tuple[object, ...]]:
    return rows(db_path, "SELECT kind, status FROM attempts")


async def test_ctrl_q_mid_quiz_asks_n_goes_on_and_y_keeps_the_answers_given(
    build: Build, bundled: ContentSet, ann: Trainee, db_path: Path
) -> None:
    app = build()
    async with app.run_test(size=SIZE) as pilot:
        quiz = await open_intro_quiz(pilot, bundled)
        assert quiz.question is not None and quiz.attempt is not None
        await answer_by_keys(pilot, quiz.question)
        await pilot.pause()
        assert len(quiz.attempt.answers) == 1
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        asked = flat(screen_text(pilot))
        assert "Quit the trainer in the middle of the quiz?" in asked
        assert "Your 1 answer so far is kept" in asked
        await pilot.press("ctrl+q")  # the same slip twice: still only the question
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal) and app.is_running
        await pilot.press("n")
        await pilot.pause()
        assert on_top(pilot) is quiz and app.is_running
        assert attempts(db_path) == [("quiz", "in-progress")]
        await pilot.press("ctrl+q", "y")
        await pilot.pause()
    assert not app.is_running
    assert attempts(db_path) == [("quiz", "completed")]  # scored, the answer kept
    assert rows(db_path, "SELECT COUNT(*) FROM quiz_answers") == [(1,)]


async def test_the_palettes_quit_asks_too_and_without_answers_the_attempt_does_not_count(
    build: Build, bundled: ContentSet, ann: Trainee, db_path: Path
) -> None:
    app = build()
    async with app.run_test(size=SIZE) as pilot:
        quiz = await open_intro_quiz(pilot, bundled)
        (quit_entry,) = [c for c in app.get_system_commands(quiz) if c.title == "Quit"]
        assert quit_entry.help == "Close the trainer (in a call or a quiz, it asks first)"
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"quit")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal), type(app.screen)
        assert "this attempt will not count" in flat(screen_text(pilot))
        await pilot.press("y")
        await pilot.pause()
    assert not app.is_running
    assert attempts(db_path) == [("quiz", "abandoned")]
