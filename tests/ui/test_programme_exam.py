"""The final exam through the trainee's app: an attempt counts once started, two failed ones lock
the exam until a mentor grants a retake, the review never shows the key, and a pass brings the
certificate.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Static

from tests.ui.conftest import (
    Build,
    exam_id,
    notices,
    pick,
    programme_row,
    reload_home,
    rows,
    screen_text,
    shown_text,
    sign_in,
    unlock_stage,
    use_exam_attempt,
)
from trainer.content.content_set import ContentSet
from trainer.engine.turns import Speaker
from trainer.store.database import Store
from trainer.store.exams import grant_retake
from trainer.store.mentors import add_mentor
from trainer.store.models import Trainee
from trainer.ui.modals.confirm import ConfirmModal
from trainer.ui.modals.hang_up import HangUpModal
from trainer.ui.modals.save_certificate import SaveCertificateModal
from trainer.ui.routes import programme as programme_routes
from trainer.ui.screens.briefing import BriefingScreen
from trainer.ui.screens.call import CallScreen
from trainer.ui.screens.certificate import CertificateScreen
from trainer.ui.screens.home import HomeScreen
from trainer.ui.screens.scorecard import ScorecardScreen
from trainer.ui.screens.transcript import TranscriptScreen

SIZE = (100, 30)


async def start_exam(pilot: Pilot[int], content: ContentSet) -> None:
    """From home: the exam's briefing, Enter, and yes to the confirmation."""
    await pick(pilot, f"scenario:{exam_id(content)}")
    assert isinstance(pilot.app.screen, BriefingScreen)
    await pilot.press("enter")
    assert isinstance(pilot.app.screen, ConfirmModal)
    assert "uses one of your exam attempts (2 of 2 left)" in screen_text(pilot)
    await pilot.press("y")
    await pilot.pause()
    assert isinstance(pilot.app.screen, CallScreen)


async def test_an_exam_attempt_counts_once_started_even_if_the_trainee_quits(
    build: Build, bundled: ContentSet, store: Store, ann: Trainee, db_path: Path
) -> None:
    unlock_stage(store, ann.id, bundled, 4)
    app = build()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        await pick(pilot, f"scenario:{exam_id(bundled)}")
        assert isinstance(app.screen, BriefingScreen)
        assert shown_text(app.screen.query_one("#exam-attempts")) == (
            "Starting uses your attempt 1. 1 more after this one if it does not go well."
        )
        await pilot.press("enter", "n")  # not now: nothing is used
        await pilot.pause()
        assert isinstance(app.screen, BriefingScreen)
        assert rows(db_path, "SELECT count(*) FROM attempts WHERE kind = 'exam'") == [(0,)]
        await pilot.press("escape")
        await start_exam(pilot, bundled)
        assert rows(db_path, "SELECT status FROM attempts WHERE kind = 'exam'") == [
            ("in-progress",)
        ]
        await pilot.press("1")
        await pilot.pause()
    # the app closed mid-exam (as ctrl+q does): the attempt is used
    assert rows(db_path, "SELECT status FROM attempts WHERE kind = 'exam'") == [("abandoned",)]
    app = build()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        assert "1 of 2 attempts left" in programme_row(pilot, f"scenario:{exam_id(bundled)}")
        await pick(pilot, f"scenario:{exam_id(bundled)}")
        assert "Starting uses your attempt 2. It is your last: after it, only a mentor can " in (
            shown_text(app.screen.query_one("#exam-attempts"))
        )
        await pilot.press("enter")
        assert "(1 of 2 left)" in screen_text(pilot)
        await pilot.press("y")
        await pilot.pause()
        await pilot.press("escape")  # hanging up counts too
        assert isinstance(app.screen, HangUpModal)
        await pilot.press("y")
        await pilot.pause()
        await pilot.press("enter")  # the scorecard
        await pilot.pause()
        assert isinstance(app.screen, ScorecardScreen)
        assert shown_text(app.screen.query_one("#exam-left")).startswith(
            "No exam attempt is left: your mentor can grant a retake"
        )
        await pilot.press("r")  # no attempt left: retrying is refused
        await pilot.pause()
        assert isinstance(app.screen, ScorecardScreen)
        assert "a mentor must grant a retake" in notices(pilot)[-1]
    assert rows(db_path, "SELECT status, outcome FROM attempts WHERE kind = 'exam'") == [
        ("abandoned", None),
        ("completed", "lost"),
    ]


async def test_two_failed_attempts_lock_the_exam_until_a_mentor_grants_a_retake(
    build: Build, bundled: ContentSet, store: Store, ann: Trainee
) -> None:
    unlock_stage(store, ann.id, bundled, 4)
    use_exam_attempt(store, ann.id, bundled, passed=False)
    use_exam_attempt(store, ann.id, bundled, passed=False)
    exam = f"scenario:{exam_id(bundled)}"
    app = build()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        stage = programme_row(pilot, "stage:4")
        assert "LOCKED" in stage and "a mentor must grant a retake" in stage
        assert "locked" in programme_row(pilot, exam)
        await pick(pilot, exam)
        assert isinstance(app.screen, HomeScreen)
        assert notices(pilot)[-1] == (
            "The final exam is locked: all 2 exam attempts are used; a mentor must grant a retake."
        )
        programme_routes.show_briefing(
            app.router, exam_id(bundled)
        )  # even from a briefing, the call does not start
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmModal | CallScreen)
        await pilot.press("escape")
        add_mentor(store, "Maria Senior", "a long passphrase")
        grant_retake(store, ann.id, "Maria Senior", "We went through the first two calls.")
        await reload_home(pilot)
        assert "OPEN" in programme_row(pilot, "stage:4")
        assert "1 of 3 attempts left" in programme_row(pilot, exam)
        await pick(pilot, exam)
        assert isinstance(app.screen, BriefingScreen)
        await pilot.press("enter")
        assert isinstance(app.screen, ConfirmModal)
        assert "(1 of 3 left)" in screen_text(pilot)


async def test_the_exam_review_never_shows_the_key(
    build: Build, bundled: ContentSet, store: Store, ann: Trainee
) -> None:
    """After an exam, neither the scorecard nor the transcript shows a reply the trainee did
    not choose, the points of a reply, or a hint."""
    unlock_stage(store, ann.id, bundled, 4)
    app = build()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        await start_exam(pilot, bundled)
        call = app.screen
        assert isinstance(call, CallScreen) and call.session is not None
        session = call.session
        scenario = session.scenario  # the variant drawn
        while not session.ended:  # a middling trainee: the second reply when there is one
            options = session.options()
            await pilot.press(str(2 if len(options) > 1 else 1))
            await pilot.pause()
        chosen = {turn.reply for turn in session.turns if turn.speaker is Speaker.TRAINEE}
        visited = {turn.node for turn in session.turns}
        unchosen = [
            reply
            for node_id in visited
            for reply in scenario.nodes[node_id].replies
            if reply.id and f"{node_id}/{reply.id}" not in chosen
        ]
        hints = [
            scenario.nodes[node_id].hint for node_id in visited if scenario.nodes[node_id].hint
        ]
        assert unchosen and hints
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ScorecardScreen)
        scorecard = screen_text(pilot)
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, TranscriptScreen)
        transcript = screen_text(pilot)
        for shown in (scorecard, transcript):
            flat = " ".join(shown.split())
            for reply in unchosen:
                rendered = " ".join(session.render(reply.text).split())
                assert rendered not in flat, reply.id
            for hint in hints:
                assert " ".join(session.render(hint).split()) not in flat
            assert "Hint" not in shown and "+" not in shown  # no points per reply


async def test_passing_the_exam_shows_the_certificate_and_saves_it(
    build: Build,
    bundled: ContentSet,
    store: Store,
    ann: Trainee,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    unlock_stage(store, ann.id, bundled, 4)
    use_exam_attempt(store, ann.id, bundled, passed=True)
    monkeypatch.chdir(tmp_path)
    app = build()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        assert app.screen.query_one("#cleared", Static).display
        assert "DONE" in programme_row(pilot, "stage:4")
        await pick(pilot, "certificate:")
        certificate = app.screen
        assert isinstance(certificate, CertificateScreen)
        shown = screen_text(pilot)
        assert "Ann Lee" in shown and "is cleared to work with real clients." in shown
        assert "with a score of 88%" in shown
        await pilot.press("s")
        assert isinstance(app.screen, SaveCertificateModal)
        await pilot.press("enter")  # the suggested file, in the current directory
        await pilot.pause()
        markdown = tmp_path / "certificate-ann-lee.md"
        assert notices(pilot)[-1] == f"Saved to {markdown}"
        text = markdown.read_text()
        assert text.startswith("# Certificate: Northline onboarding programme")
        assert "**Ann Lee** is cleared to work with real clients." in text
        await pilot.press("s")
        app.screen.query_one("#save-path", Input).value = str(tmp_path / "ann.txt")
        await pilot.press("enter")
        await pilot.pause()
        plain = (tmp_path / "ann.txt").read_text()
        assert plain.startswith("CERTIFICATE: ") and "Ann Lee is cleared" in plain
        assert "**" not in plain
        await pilot.press("s", "enter")  # the same file again: asks before replacing it
        await pilot.pause()
        assert "is an earlier certificate: press Enter again to replace it" in screen_text(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CertificateScreen)
        # a passed exam cannot be taken again
        await pilot.press("escape")
        await pick(pilot, f"scenario:{exam_id(bundled)}")
        assert isinstance(app.screen, HomeScreen)
        assert "You have passed the final exam" in notices(pilot)[-1]
