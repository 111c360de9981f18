"""Mentor notes and overrides: signed, beside the attempt, and never changing the original."""

from __future__ import annotations

import pytest

from tests.store.conftest import MENTOR, PASSPHRASE, call, client, reply
from trainer.errors import StoreError
from trainer.store.attempts import get_attempt, start_attempt
from trainer.store.database import Store
from trainer.store.mentors import Mentor, add_mentor
from trainer.store.models import EffectiveResult, Trainee
from trainer.store.reviews import (
    add_note,
    effective_result,
    notes_for,
    override_attempt,
    overrides_for,
)
from trainer.store.trainees import add_trainee

TURNS = [
    client(0, "hello"),
    reply(1, "hello", "intro", {"first_impression": 2.0}),
    client(2, "needs"),
]


def test_notes_on_a_turn_and_on_the_whole_attempt_are_signed(
    store: Store, trainee: Trainee, mentor: Mentor
) -> None:
    attempt = call(store, trainee.id, turns=TURNS)
    on_turn = add_note(store, attempt.id, "maria head", "Good introduction.", turn_index=1)
    overall = add_note(store, attempt.id, MENTOR, "  Ask about volumes next time.  ")
    assert (on_turn.mentor, on_turn.turn_index, on_turn.text) == (MENTOR, 1, "Good introduction.")
    assert (overall.turn_index, overall.text) == (None, "Ask about volumes next time.")
    later = add_note(store, attempt.id, MENTOR, "Well closed.", turn_index=0)
    assert notes_for(store, attempt.id) == [overall, later, on_turn]


def test_a_note_needs_a_mentor_a_turn_that_exists_and_some_text(
    store: Store, trainee: Trainee, mentor: Mentor
) -> None:
    attempt = call(store, trainee.id, turns=TURNS)
    with pytest.raises(StoreError, match="there is no mentor named Ann Lee"):
        add_note(store, attempt.id, "Ann Lee", "I passed, surely")
    with pytest.raises(StoreError, match=f"the attempt {attempt.id} has no turn 7"):
        add_note(store, attempt.id, MENTOR, "?", turn_index=7)
    with pytest.raises(StoreError, match="a note cannot be empty"):
        add_note(store, attempt.id, MENTOR, " \n ")
    with pytest.raises(StoreError, match="there is no attempt nope"):
        add_note(store, "nope", MENTOR, "text")
    assert notes_for(store, attempt.id) == []


def test_a_trainee_sees_notes_on_their_own_attempts_only(
    store: Store, trainee: Trainee, mentor: Mentor
) -> None:
    attempt = call(store, trainee.id, turns=TURNS)
    note = add_note(store, attempt.id, MENTOR, "Well done.")
    assert notes_for(store, attempt.id, trainee_id=trainee.id) == [note]
    other = add_trainee(store, "Bob Stone")
    with pytest.raises(StoreError, match=f"there is no attempt {attempt.id} for trainee number"):
        notes_for(store, attempt.id, trainee_id=other.id)
    with pytest.raises(StoreError, match="there is no attempt"):
        overrides_for(store, attempt.id, trainee_id=other.id)
    with pytest.raises(StoreError, match="there is no attempt"):
        effective_result(store, attempt.id, trainee_id=other.id)


def test_an_override_never_changes_the_attempt_and_the_latest_wins_field_by_field(
    store: Store, trainee: Trainee, mentor: Mentor
) -> None:
    add_mentor(store, "Oleg Senior", PASSPHRASE, sponsor=mentor)
    attempt = call(store, trainee.id, turns=TURNS, outcome="lost", percent=55.0, passed=False)
    row_before = store.conn.execute("SELECT * FROM attempts WHERE id = ?", (attempt.id,)).fetchone()
    assert effective_result(store, attempt.id) == EffectiveResult(55.0, False, None)

    first = override_attempt(
        store, attempt.id, MENTOR, score=72.5, passed=True, reason="The client script was wrong."
    )
    assert (first.mentor, first.score, first.passed) == (MENTOR, 72.5, True)
    assert effective_result(store, attempt.id) == (72.5, True, MENTOR)

    second = override_attempt(store, attempt.id, "oleg senior", passed=False, reason="Re-listened.")
    score, passed, overridden_by = effective_result(store, attempt.id)
    assert (score, passed, overridden_by) == (72.5, False, "Oleg Senior")

    row_after = store.conn.execute("SELECT * FROM attempts WHERE id = ?", (attempt.id,)).fetchone()
    assert row_after == row_before
    assert get_attempt(store, attempt.id) == attempt
    assert overrides_for(store, attempt.id) == [first, second]
    view = store.conn.execute(
        "SELECT original_score, original_passed, score, passed, overridden_by "
        "FROM attempt_results WHERE attempt_id = ?",
        (attempt.id,),
    ).fetchone()
    assert view == (55.0, 0, 72.5, 0, "Oleg Senior")


def test_an_override_needs_a_reason_a_change_and_an_ended_attempt(
    store: Store, trainee: Trainee, mentor: Mentor
) -> None:
    attempt = call(store, trainee.id, turns=TURNS)
    with pytest.raises(StoreError, match="the reason for an override cannot be empty"):
        override_attempt(store, attempt.id, MENTOR, passed=True, reason=" ")
    with pytest.raises(StoreError, match="neither was given"):
        override_attempt(store, attempt.id, MENTOR, reason="why")
    with pytest.raises(StoreError, match="a score is a percent from 0 to 100, not 120"):
        override_attempt(store, attempt.id, MENTOR, score=120, reason="why")
    with pytest.raises(StoreError, match="there is no mentor named Ann Lee"):
        override_attempt(store, attempt.id, "Ann Lee", passed=True, reason="I deserve it")
    running = start_attempt(
        store, trainee.id, kind="call", content_id="c", content_hash="h", seed=1, mode="practice"
    )
    with pytest.raises(StoreError, match="still in progress"):
        override_attempt(store, running.id, MENTOR, passed=True, reason="why")
    assert overrides_for(store, attempt.id) == []


def test_an_abandoned_attempt_may_be_given_a_result(
    store: Store, trainee: Trainee, mentor: Mentor
) -> None:
    attempt = call(store, trainee.id, turns=TURNS, outcome=None)
    override_attempt(store, attempt.id, MENTOR, passed=True, reason="Power cut at the deal.")
    assert effective_result(store, attempt.id) == (None, True, MENTOR)
    assert get_attempt(store, attempt.id).passed is None
