"""The mentor's second thoughts: editing or deleting their own comment (audited), a pass below
the pass mark confirmed first, retakes only once every attempt is used, attempt ids at hand."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Static

from tests.ui.conftest import notices, rows
from tests.ui.mentor_team import (
    MENTOR,
    PASSPHRASE,
    SIZE,
    Team,
    build,
    cheap_hashing,
    highlight_turn,
    open_attempt,
    open_trainee,
    seed_team,
    settle,
    shown,
    sign_in_as_mentor,
    text_of,
    turn_text,
    type_into,
    with_programme,
)
from trainer.content.content_set import ContentSet
from trainer.store.database import Store
from trainer.store.mentors import add_mentor, verify_mentor
from trainer.store.reviews import add_note
from trainer.ui.app import TrainerApp
from trainer.ui.modals.confirm import ConfirmModal
from trainer.ui.modals.mentor_override import MentorOverrideModal
from trainer.ui.modals.mentor_text import MentorTextModal
from trainer.ui.screens.mentor_trainee import MentorTraineeScreen
from trainer.ui.screens.mentor_transcript import MentorTranscriptScreen

OTHER = "Olga Other"


@pytest.fixture(autouse=True)
def cheap_mentor_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    cheap_hashing(monkeypatch)


@pytest.fixture(scope="session")
def programme_content(content: ContentSet) -> ContentSet:
    return with_programme(content)


@pytest.fixture
def team(store: Store, programme_content: ContentSet) -> Team:
    seeded = seed_team(store, programme_content, datetime.now(UTC))
    add_mentor(
        store, OTHER, "another long passphrase", sponsor=verify_mentor(store, MENTOR, PASSPHRASE)
    )
    add_note(store, seeded.ann_pushy, OTHER, "Olga's word on it.", turn_index=1)
    add_note(store, seeded.ann_pushy, MENTOR, "Slow down before the price.", turn_index=1)
    return seeded


@pytest.fixture
def app(programme_content: ContentSet, store: Store, team: Team) -> TrainerApp:
    return build(programme_content, store)


async def sign_in(pilot: Pilot[Any]) -> None:
    """As Maria, one of two mentors: her name typed, then her passphrase."""
    pilot.app.screen.query_one("#mentor-name", Input).value = MENTOR
    await sign_in_as_mentor(pilot)


async def pushy_transcript(pilot: Pilot[Any], team: Team) -> MentorTranscriptScreen:
    await sign_in(pilot)
    await open_trainee(pilot, "Ann Lee")
    screen = await open_attempt(pilot, team.ann_pushy)
    await highlight_turn(pilot, screen, 1)
    return screen


async def test_a_mentor_edits_their_own_comment_and_the_old_words_are_kept(
    app: TrainerApp, team: Team, db_path: Path
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await pushy_transcript(pilot, team)
        await pilot.press("u")
        assert isinstance(app.screen, MentorTextModal)
        field = app.screen.query_one("#text-input", Input)
        assert field.value == "Slow down before the price."  # theirs, not Olga's
        await type_into(pilot, "#text-input", "Ask before you pitch.")
        await pilot.pause()
        shown_turn = turn_text(screen, 1)
        assert "Ask before you pitch." in shown_turn and "edited" in shown_turn
        assert "Slow down" not in shown_turn and "Olga's word on it." in shown_turn
    assert rows(db_path, "SELECT mentor, text, edited_at IS NOT NULL FROM notes ORDER BY id") == [
        (OTHER, "Olga's word on it.", 0),
        (MENTOR, "Ask before you pitch.", 1),
    ]
    assert rows(db_path, "SELECT mentor, change, old_text, new_text FROM note_changes") == [
        (MENTOR, "edited", "Slow down before the price.", "Ask before you pitch.")
    ]


async def test_a_mentor_deletes_their_own_comment_after_saying_yes(
    app: TrainerApp, team: Team, db_path: Path
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await pushy_transcript(pilot, team)
        await pilot.press("x")
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("n")  # kept
        await pilot.pause()
        assert "Slow down before the price." in turn_text(screen, 1)
        await pilot.press("x")
        await pilot.press("y")
        await pilot.pause()
        assert "Slow down before the price." not in turn_text(screen, 1)
        await pilot.press("x")  # nothing of theirs left here; Olga's is not theirs to delete
        await pilot.pause()
        assert isinstance(app.screen, MentorTranscriptScreen)  # no question asked
        assert "You have no comment on turn 2 to change." in notices(pilot)[-1]
    assert rows(db_path, "SELECT mentor, text FROM notes") == [(OTHER, "Olga's word on it.")]
    assert rows(db_path, "SELECT mentor, change, old_text, new_text FROM note_changes") == [
        (MENTOR, "deleted", "Slow down before the price.", None)
    ]


async def test_a_pass_below_the_pass_mark_is_not_saved_without_a_yes(
    app: TrainerApp, team: Team, db_path: Path
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pushy_transcript(pilot, team)
        await pilot.press("r")
        assert isinstance(app.screen, MentorOverrideModal)
        await pilot.press("enter", "down", "enter")  # passed, the score kept at 0%
        await type_into(pilot, "#override-reason", "Let it through")
        assert isinstance(app.screen, ConfirmModal)
        body = shown(app.screen.query_one("#confirm-body", Static))
        assert "0% is below the pass mark of 70%" in " ".join(body.split())
        await pilot.press("n")  # back to the form, as filled in
        await pilot.pause()
        assert isinstance(app.screen, MentorOverrideModal)
        assert app.screen.query_one("#override-reason", Input).value == "Let it through"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MentorTranscriptScreen)
    assert rows(db_path, "SELECT * FROM overrides") == []


async def test_a_fail_or_a_pass_above_the_mark_needs_no_confirmation(
    app: TrainerApp, team: Team, db_path: Path
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pushy_transcript(pilot, team)
        await pilot.press("r")
        await pilot.press(*"85", "enter", "down", "enter")  # 85%, passed
        await type_into(pilot, "#override-reason", "The client line was a bug")
        assert isinstance(app.screen, MentorTranscriptScreen)
    assert rows(db_path, "SELECT score, passed FROM overrides") == [(85.0, 1)]


async def test_a_retake_is_granted_once_every_attempt_is_used_and_only_then(
    app: TrainerApp, team: Team, db_path: Path
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        trainee = await open_trainee(pilot, "Cy [bold]Dee[/bold]")
        assert "exam 2 of 2 used" in shown(trainee.query_one("#trainee-header", Static))
        await pilot.press("g")
        assert isinstance(app.screen, MentorTextModal)
        await type_into(pilot, "#text-input", "Ill on exam day")
        await settle(pilot)
        assert "exam 2 of 3 used" in shown(trainee.query_one("#trainee-header", Static))
        await pilot.press("g")  # the retake is not used yet
        await pilot.pause()
        assert isinstance(app.screen, MentorTraineeScreen)
        assert "1 exam attempt is still unused (2 of 3 taken)" in notices(pilot)[-1]
    assert rows(db_path, "SELECT trainee_id, granted_by, reason FROM exam_retakes") == [
        (team.cy, MENTOR, "Ill on exam day")
    ]


async def test_attempt_ids_are_shown_and_copied(app: TrainerApp, team: Team) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        trainee = await open_trainee(pilot, "Ann Lee")
        highlighted = trainee.highlighted()
        assert highlighted is not None
        assert highlighted.attempt.id in shown(trainee.query_one("#attempt-detail", Static))
        await pilot.press("y")
        assert app.clipboard == highlighted.attempt.id
        screen = await open_attempt(pilot, team.ann_pushy)
        line = shown(screen.query_one("#mentor-transcript-id", Static))
        assert f"Attempt {team.ann_pushy} · y copy" in line
        await pilot.press("y")
        assert app.clipboard == team.ann_pushy
        assert f"Copied {team.ann_pushy}" in notices(pilot)[-1]


async def test_each_reply_shows_what_was_on_offer_and_the_map_shows_both_routes(
    app: TrainerApp, team: Team
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        await open_trainee(pilot, "Ann Lee")
        screen = await open_attempt(pilot, team.ann_typed)
        typed = turn_text(screen, 1)
        assert "on offer (▸ taken, ★ best)" in typed
        assert "▸1★ Hello Ivan, this is Ann Lee from Northline. · First impression +2" in typed
        assert " 2  Buy our phones now! · Tact -2" in typed
        last = turn_text(screen, 5)  # "I'll send you a brochure": taken, not the best
        assert "▸2  I'll send you a brochure. · no points" in last
        assert " 1★ Let's meet on Tuesday" in last
        drawn = text_of(screen.query_one("#mentor-turns", OptionList).get_option("map").prompt)
        assert "●★ hello" in drawn and "●★ offer" in drawn
        assert "●  lost  ends: no result" in drawn
        assert " ★ booked  ends: a meeting booked" in drawn  # where this call did not end
        assert "▸  send → lost" in drawn and " ★ meet → booked" in drawn
