"""The exam as a pool through the trainee's app: a retake is another variant, the notes stay
with the mentor, and the records' rules hold against the content in use."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

from tests.ui.conftest import (
    SeededScore,
    frozen_clock,
    notices,
    rows,
    screen_text,
    sign_in,
    unlock_stage,
    use_exam_attempt,
)
from trainer.content.content_set import ContentSet
from trainer.content.loader import load_content
from trainer.content.paths import bundled_content_dir
from trainer.engine.turns import Mode
from trainer.services import certificates
from trainer.services.accounts import TraineeCard
from trainer.store.attempts import finish_attempt, start_attempt
from trainer.store.database import Store
from trainer.store.exams import accept_exam_variant, exam_rules_for
from trainer.store.mentors import add_mentor
from trainer.store.models import Trainee
from trainer.ui import messages
from trainer.ui.app import make_app
from trainer.ui.modals.confirm import ConfirmModal
from trainer.ui.routes import programme as programme_routes
from trainer.ui.screens.briefing import BriefingScreen
from trainer.ui.screens.call import CallScreen
from trainer.ui.screens.scorecard import ScorecardScreen
from trainer.ui.screens.transcript import TranscriptScreen
from trainer.ui.wording import EXAM_NOTES_WITHHELD

SIZE = (100, 30)


def exam_ids(content: ContentSet) -> tuple[str, ...]:
    assert content.programme is not None
    return content.programme.exam.exam_variants


def copy_without_programme(tmp_path: Path) -> Path:
    """A copy of the bundled content with quizzes/programme.yaml removed, as --content takes it."""
    copy = tmp_path / "content"
    for folder in ("scenarios", "personas", "quizzes"):
        shutil.copytree(bundled_content_dir() / folder, copy / folder)
    (copy / "quizzes" / "programme.yaml").unlink()
    return copy


async def test_a_retake_starts_a_variant_the_trainee_has_not_had(
    bundled: ContentSet, store: Store, ann: Trainee, db_path: Path
) -> None:
    unlock_stage(store, ann.id, bundled, 4)
    app = make_app(bundled, store.path, typing_delay=0, clock=frozen_clock, seeds=random.Random(5))
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        programme_routes.show_briefing(app.router, exam_ids(bundled)[0])
        await pilot.pause()
        briefing = app.screen
        assert isinstance(briefing, BriefingScreen)
        first = briefing.scenario.id
        assert first in exam_ids(bundled)
        await pilot.press("enter", "y")
        await pilot.pause()
        call = app.screen
        assert isinstance(call, CallScreen) and call.session is not None
        assert call.scenario.id == first  # the call plays the variant the briefing showed
        assert (call.attempt, call.attempts_left) == (1, 1)
        while not call.session.ended:  # a weak trainee: always the first reply shown
            await pilot.press("1")
            await pilot.pause()
        chosen_notes = [turn.note for turn in call.session.turns if turn.note]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ScorecardScreen)
        scorecard = screen_text(pilot)
        assert "NOT PASSED" in scorecard
        assert EXAM_NOTES_WITHHELD.split(":")[0] in scorecard
        # No coach note that gives an answer away: each note is long enough to be recognised.
        for note in chosen_notes:
            assert " ".join(note.split())[:40] not in " ".join(scorecard.split())
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, TranscriptScreen)
        transcript = " ".join(screen_text(pilot).split())
        for note in chosen_notes:
            assert " ".join(note.split())[:40] not in transcript
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("r")  # retake from the scorecard: a new draw
        await pilot.pause()
        retake = app.screen
        assert isinstance(retake, BriefingScreen)
        assert retake.scenario.id != first
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        assert "(1 of 2 left)" in screen_text(pilot)
        await pilot.press("y")
        await pilot.pause()
        second = app.screen
        assert isinstance(second, CallScreen) and second.scenario.id == retake.scenario.id
        # The call knows from the records which attempt this is and that none remains after it.
        assert (second.attempt, second.attempts_left) == (2, 0)
    taken = rows(db_path, "SELECT content_id FROM attempts WHERE kind = 'exam' ORDER BY rowid")
    assert [row[0] for row in taken] == [first, retake.scenario.id]


async def test_content_without_the_programme_does_not_hand_out_a_third_attempt(
    bundled: ContentSet, store: Store, ann: Trainee, db_path: Path, tmp_path: Path
) -> None:
    """The issue's reproduction: 2 of 2 attempts used, then quizzes/programme.yaml removed from
    a copy passed with --content: the trainee must not start a third."""
    unlock_stage(store, ann.id, bundled, 4)
    use_exam_attempt(store, ann.id, bundled, passed=False)  # the programme's first use
    use_exam_attempt(store, ann.id, bundled, passed=False)
    stripped = load_content(copy_without_programme(tmp_path))
    assert stripped.programme is None
    app = make_app(stripped, store.path, typing_delay=0, clock=frozen_clock, seeds=random.Random(3))
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        for exam in exam_ids(bundled):
            programme_routes.show_briefing(app.router, exam)
            await pilot.pause()
            assert not isinstance(app.screen, BriefingScreen | CallScreen)
            assert notices(pilot)[-1] == (
                "The final exam cannot start: all 2 of 2 attempts are used; a mentor must "
                "grant a retake."
            )
            # Nor by asking for the call itself, past the briefing.
            persona = stripped.scenario(exam).personas[0]
            app.router.serve(messages.CallRequested(exam, persona, Mode.EXAM))
            await pilot.pause()
            assert not isinstance(app.screen, ConfirmModal | CallScreen)
    assert rows(db_path, "SELECT count(*) FROM attempts WHERE kind = 'exam'") == [(2,)]


async def test_a_changed_exam_waits_for_a_mentors_acceptance(
    bundled: ContentSet, store: Store, ann: Trainee, tmp_path: Path
) -> None:
    unlock_stage(store, ann.id, bundled, 4)
    app = make_app(bundled, store.path, typing_delay=0, clock=frozen_clock)
    async with app.run_test(size=SIZE) as pilot:  # the programme's first use fixes the pool
        await sign_in(pilot)
    copy = tmp_path / "content"
    for folder in ("scenarios", "personas", "quizzes"):
        shutil.copytree(bundled_content_dir() / folder, copy / folder)
    for exam in exam_ids(bundled):  # every variant edited after the mentor accepted it
        path = copy / "scenarios" / f"{exam}.yaml"
        path.write_text(path.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    edited = load_content(copy)
    app = make_app(edited, store.path, typing_delay=0, clock=frozen_clock)
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        programme_routes.show_briefing(app.router, exam_ids(bundled)[0])
        await pilot.pause()
        assert not isinstance(app.screen, BriefingScreen)
        assert "has changed since a mentor accepted it" in notices(pilot)[-1]
    add_mentor(store, "Maria Senior", "a long passphrase")
    accepted = exam_ids(bundled)[1]
    accept_exam_variant(
        store, "Maria Senior", accepted, edited.scenario(accepted).digest, "Checked the edit"
    )
    app = make_app(edited, store.path, typing_delay=0, clock=frozen_clock)
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        programme_routes.show_briefing(app.router, exam_ids(bundled)[0])
        await pilot.pause()
        # Only the accepted variant can be drawn.
        assert isinstance(app.screen, BriefingScreen) and app.screen.scenario.id == accepted


def test_a_certificate_needs_an_exam_whose_content_a_mentor_accepted(
    bundled: ContentSet, store: Store, ann: Trainee
) -> None:
    """A passed exam attempt at content nobody accepted (an edited file, recorded past the
    app) certifies nobody; the same pass at accepted content does."""
    programme = bundled.programme
    assert programme is not None
    exam_rules_for(store, bundled)  # the programme's first use
    card = TraineeCard(ann.id, ann.name, False)
    variant = exam_ids(bundled)[0]
    edited = start_attempt(
        store, ann.id, kind="exam", content_id=variant, content_hash="edited", seed=1, mode="exam"
    )
    finish_attempt(store, edited.id, SeededScore())  # type: ignore[arg-type]
    assert certificates.certificate(store, card, programme) is None
    accepted = start_attempt(
        store,
        ann.id,
        kind="exam",
        content_id=variant,
        content_hash=bundled.scenario(variant).digest,
        seed=2,
        mode="exam",
    )
    finish_attempt(store, accepted.id, SeededScore())  # type: ignore[arg-type]
    certificate = certificates.certificate(store, card, programme)
    assert certificate is not None and certificate.attempt_id == accepted.id
