"""After a mentor changes a result, everything the trainee sees follows the result that counts:
the exam's scorecard, its certificate key, home's exam row, the transcript's heading and a
quiz's result, either way round."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import OptionList, Static

from tests.ui.conftest import (
    Build,
    exam_id,
    programme_row,
    screen_text,
    shown_text,
    sign_in,
    take_quiz,
    unlock_stage,
    use_exam_attempt,
)
from trainer.content.content_set import ContentSet
from trainer.content.programme import StageKey
from trainer.store.database import Store
from trainer.store.mentors import add_mentor
from trainer.store.models import Trainee
from trainer.store.reviews import override_attempt
from trainer.ui.screens.certificate import CertificateScreen
from trainer.ui.screens.quiz_result import QuizResultScreen
from trainer.ui.screens.scorecard import ScorecardScreen
from trainer.ui.screens.transcript import TranscriptScreen

SIZE = (100, 30)
MENTOR = "Olga Sidorova"


def flat(text: str) -> str:
    return " ".join(text.split())


async def open_newest_attempt(pilot: Pilot[int]) -> None:
    """Home's recent attempts, the newest (first) one, opened with Enter."""
    recent = pilot.app.screen.query_one("#recent", OptionList)
    recent.focus()
    recent.highlighted = 0
    await pilot.press("enter")
    await pilot.pause()


async def test_an_exam_pass_the_mentor_withdrew_gives_no_certificate_anywhere(
    build: Build, bundled: ContentSet, store: Store, ann: Trainee
) -> None:
    unlock_stage(store, ann.id, bundled, 4)
    attempt = use_exam_attempt(store, ann.id, bundled, passed=True)
    add_mentor(store, MENTOR, "correct horse battery")
    override_attempt(store, attempt, MENTOR, reason="read from the screen", score=60, passed=False)
    app = build()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        assert not app.screen.query_one("#cleared", Static).display
        exam_row = programme_row(pilot, f"scenario:{exam_id(bundled)}")
        assert "certificate withdrawn" in exam_row and "1 of 2 attempts left" in exam_row
        assert "certificate:" not in [
            option.id for option in app.screen.query_one("#programme", OptionList).options
        ]
        await open_newest_attempt(pilot)
        scorecard = app.screen
        assert isinstance(scorecard, ScorecardScreen)
        shown = flat(screen_text(pilot))
        assert "NOT PASSED 60%" in shown
        assert "cleared to work with real clients" not in shown.replace(
            "You are not cleared to work with real clients", ""
        )
        assert "Press c" not in shown
        assert "certificate is withdrawn" in shown
        assert "1 exam attempt left" in shown
        assert not scorecard.query("#cleared")
        assert scorecard.check_action("certificate", ()) is False  # no `c` in the footer
        await pilot.press("c")
        await pilot.pause()
        assert not isinstance(app.screen, CertificateScreen)
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, TranscriptScreen)
        heading = flat(shown_text(app.screen.query_one("#transcript-title", Static)))
        assert "60% not passed (mentor)" in heading, heading
        assert "88% passed" not in heading


async def test_an_exam_fail_the_mentor_passed_brings_the_certificate(
    build: Build, bundled: ContentSet, store: Store, ann: Trainee
) -> None:
    unlock_stage(store, ann.id, bundled, 4)
    attempt = use_exam_attempt(store, ann.id, bundled, passed=False)
    add_mentor(store, MENTOR, "correct horse battery")
    override_attempt(store, attempt, MENTOR, reason="misheard negation", score=86, passed=True)
    app = build()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        assert app.screen.query_one("#cleared", Static).display
        await open_newest_attempt(pilot)
        scorecard = app.screen
        assert isinstance(scorecard, ScorecardScreen)
        shown = flat(screen_text(pilot))
        assert "PASSED 86%" in shown and "NOT PASSED 86%" not in shown
        assert "Press c for your certificate" in shown
        assert "exam attempt" not in shown and "withdrawn" not in shown
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CertificateScreen)


async def test_a_quiz_result_leads_with_the_mentors_result_either_way(
    build: Build, bundled: ContentSet, store: Store, ann: Trainee
) -> None:
    programme = bundled.programme
    assert programme is not None
    quiz = programme.stage(StageKey.INTRODUCTION).quiz
    assert quiz is not None
    passed = take_quiz(store, ann.id, quiz)  # all right: 100%, passed
    add_mentor(store, MENTOR, "correct horse battery")
    override_attempt(store, passed, MENTOR, reason="answers copied", score=40, passed=False)
    app = build()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        await open_newest_attempt(pilot)
        assert isinstance(app.screen, QuizResultScreen)
        verdict = app.screen.query_one("#quiz-verdict", Static)
        headline = flat(shown_text(verdict))
        assert headline.startswith("NOT PASSED 40%"), headline
        assert "your answers scored 100% and passed" in headline
        assert verdict.has_class("failed")
        await pilot.press("escape")
        await pilot.pause()
        failed = take_quiz(store, ann.id, quiz, right=0)  # none answered: 0%
        override_attempt(store, failed, MENTOR, reason="keys mixed up", passed=True)
        app.screen.reload()  # type: ignore[attr-defined]
        await pilot.pause()
        await open_newest_attempt(pilot)
        verdict = app.screen.query_one("#quiz-verdict", Static)
        headline = flat(shown_text(verdict))
        assert headline.startswith("PASSED 0%"), headline
        assert "your answers scored 0% and did not pass" in headline
        assert verdict.has_class("passed")
