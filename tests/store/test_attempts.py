"""Attempts: start, record the engine's turns, finish with its score, and read them back."""

from __future__ import annotations

import sqlite3
from dataclasses import fields, replace

import pytest

from tests.store.conftest import PlayedCall, play, tables
from trainer.engine.turns import Mode, Speaker, Turn
from trainer.errors import StoreError
from trainer.store.attempts import (
    abandon_attempt,
    attempts_for,
    finish_attempt,
    get_attempt,
    practice_summary,
    previous_attempt,
    record_turn,
    skills_for,
    start_attempt,
    turns_for,
)
from trainer.store.database import Store
from trainer.store.mentors import Mentor
from trainer.store.models import (
    Attempt,
    AttemptKind,
    AttemptStatus,
    ContentProgress,
    Trainee,
)
from trainer.store.reviews import override_attempt
from trainer.store.trainees import add_trainee


def start(store: Store, trainee: Trainee, call: PlayedCall, **overrides: object) -> Attempt:
    details: dict[str, object] = {
        "kind": "call",
        "content_id": call.content_id,
        "content_hash": call.content_hash,
        "seed": call.seed,
        "mode": call.mode,
        "persona_id": call.persona_id,
    }
    details.update(overrides)
    return start_attempt(store, trainee.id, **details)  # type: ignore[arg-type]


def complete(store: Store, trainee: Trainee, call: PlayedCall) -> Attempt:
    attempt = start(store, trainee, call)
    for turn in call.turns:
        record_turn(store, attempt.id, turn)
    return finish_attempt(store, attempt.id, call.score)


def test_a_new_attempt_is_in_progress(
    store: Store, trainee: Trainee, winning_call: PlayedCall
) -> None:
    attempt = start(store, trainee, winning_call)
    assert len(attempt.id) == 32
    assert attempt.status is AttemptStatus.IN_PROGRESS
    assert attempt.kind is AttemptKind.CALL
    assert attempt.mode is Mode.PRACTICE
    assert (attempt.ended_at, attempt.outcome, attempt.score, attempt.passed) == (None,) * 4
    assert attempt.content_hash == winning_call.content_hash
    assert attempt.persona_id == "ivan"
    assert get_attempt(store, attempt.id) == attempt


def test_a_played_call_round_trips(
    store: Store, trainee: Trainee, winning_call: PlayedCall
) -> None:
    attempt = complete(store, trainee, winning_call)
    assert attempt.status is AttemptStatus.COMPLETED
    assert attempt.outcome == "meeting"
    assert attempt.score == winning_call.score.percent == 100.0
    assert attempt.passed is True
    assert attempt.ended_at is not None and attempt.ended_at >= attempt.started_at

    stored = turns_for(store, attempt.id)
    assert len(stored) == len(winning_call.turns) == 7
    for turn, kept in zip(winning_call.turns, stored, strict=True):
        for field in fields(Turn):
            original = getattr(turn, field.name)
            assert getattr(kept, field.name) == original, field.name
        assert kept.attempt_id == attempt.id
    assert stored[1].speaker == Speaker.TRAINEE
    assert stored[1].reply == "hello/intro"
    assert stored[1].points == {"first_impression": 2.0}
    assert stored[1].tags == ("introduction",)

    skills = skills_for(store, attempt.id)
    assert [(s.skill, s.earned, s.best, s.percent) for s in skills] == [
        (s.skill, s.earned, s.best, s.percent) for s in winning_call.score.skills
    ]


def test_a_typed_reply_keeps_the_words_and_the_confidence(store: Store, trainee: Trainee) -> None:
    call = play(["intro"])
    typed = Turn(
        index=len(call.turns),
        speaker=Speaker.TRAINEE,
        name="You",
        text="how many people use the phones every day",
        node="needs",
        reply="needs/ask",
        typed="how many people use the phones every day",
        confidence=87.5,
        elapsed=12.25,
    )
    attempt = start(store, trainee, call)
    record_turn(store, attempt.id, typed)
    (kept,) = turns_for(store, attempt.id)
    assert (kept.typed, kept.confidence, kept.elapsed) == (typed.typed, 87.5, 12.25)
    assert kept.points == {} and kept.meters == {} and kept.tags == ()


def test_a_reply_said_after_the_hint_is_stored_as_helped(store: Store, trainee: Trainee) -> None:
    call = play([])
    helped = Turn(1, Speaker.TRAINEE, "You", "Hello", node="hello", reply="hello/intro")
    helped = replace(helped, hint_used=True)
    attempt = start(store, trainee, call)
    record_turn(store, attempt.id, call.turns[0])
    record_turn(store, attempt.id, helped)
    assert [turn.hint_used for turn in turns_for(store, attempt.id)] == [False, True]
    assert [row[0] for row in store.conn.execute("SELECT hint_used FROM turns ORDER BY idx")] == [
        0,
        1,
    ]
    with pytest.raises(sqlite3.IntegrityError):  # a flag, never a count or a word
        store.conn.execute("UPDATE turns SET hint_used = 2 WHERE idx = 1")


def test_a_failed_call_is_stored_as_not_passed(store: Store, trainee: Trainee) -> None:
    call = play(["push", "push_again"])
    attempt = complete(store, trainee, call)
    assert attempt.outcome == "hung-up"
    assert attempt.passed is False


def test_turns_are_committed_as_they_happen(
    store: Store, db_path: object, trainee: Trainee, winning_call: PlayedCall
) -> None:
    """A second connection (another process, or the next run after a crash) sees each turn."""
    from trainer.store.database import open_store

    attempt = start(store, trainee, winning_call)
    with open_store(store.path) as other:
        for count, turn in enumerate(winning_call.turns[:3], start=1):
            record_turn(store, attempt.id, turn)
            assert len(turns_for(other, attempt.id)) == count


def test_a_turn_is_recorded_once(store: Store, trainee: Trainee, winning_call: PlayedCall) -> None:
    attempt = start(store, trainee, winning_call)
    record_turn(store, attempt.id, winning_call.turns[0])
    with pytest.raises(StoreError, match=r"turn 0 of the attempt \w+ is already recorded"):
        record_turn(store, attempt.id, winning_call.turns[0])
    assert len(turns_for(store, attempt.id)) == 1


def test_an_ended_attempt_takes_no_more_turns_and_no_second_finish(
    store: Store, trainee: Trainee, winning_call: PlayedCall
) -> None:
    attempt = complete(store, trainee, winning_call)
    extra = Turn(index=99, speaker=Speaker.SYSTEM, name="-", text="late", node="booked")
    with pytest.raises(StoreError, match=r"has already ended \(completed\)"):
        record_turn(store, attempt.id, extra)
    with pytest.raises(StoreError, match="has already ended"):
        finish_attempt(store, attempt.id, winning_call.score)
    with pytest.raises(StoreError, match="completed and cannot be abandoned"):
        abandon_attempt(store, attempt.id)
    assert len(skills_for(store, attempt.id)) == len(winning_call.score.skills)


def test_unknown_attempts_and_trainees_are_errors(store: Store, winning_call: PlayedCall) -> None:
    with pytest.raises(StoreError, match="no attempt nope"):
        record_turn(store, "nope", winning_call.turns[0])
    with pytest.raises(StoreError, match="no attempt nope"):
        get_attempt(store, "nope")
    with pytest.raises(StoreError, match="no trainee number 9"):
        start_attempt(
            store, 9, kind="call", content_id="x", content_hash="h", seed=1, mode="practice"
        )


@pytest.mark.parametrize(("key", "value"), [("kind", "game"), ("mode", "test")])
def test_kind_and_mode_are_closed_sets(
    store: Store, trainee: Trainee, winning_call: PlayedCall, key: str, value: str
) -> None:
    with pytest.raises(StoreError, match=f"'{value}' is not an attempt {key}; use one of"):
        start(store, trainee, winning_call, **{key: value})


def test_abandoning_keeps_the_turns(
    store: Store, trainee: Trainee, winning_call: PlayedCall
) -> None:
    attempt = start(store, trainee, winning_call)
    record_turn(store, attempt.id, winning_call.turns[0])
    abandoned = abandon_attempt(store, attempt.id)
    assert abandoned.status is AttemptStatus.ABANDONED
    assert abandoned.ended_at is not None and abandoned.outcome is None
    assert abandon_attempt(store, attempt.id) == abandoned  # twice is harmless
    assert len(turns_for(store, attempt.id)) == 1


def test_a_trainee_cannot_read_another_trainees_attempt(
    store: Store, trainee: Trainee, winning_call: PlayedCall
) -> None:
    other = add_trainee(store, "Bob")
    attempt = complete(store, trainee, winning_call)
    assert get_attempt(store, attempt.id, trainee.id) == attempt
    message = f"^there is no attempt {attempt.id} for trainee number {other.id}$"
    with pytest.raises(StoreError, match=message):
        get_attempt(store, attempt.id, other.id)
    with pytest.raises(StoreError, match=message):
        turns_for(store, attempt.id, trainee_id=other.id)
    with pytest.raises(StoreError, match=message):
        skills_for(store, attempt.id, trainee_id=other.id)
    with pytest.raises(StoreError, match=message):
        previous_attempt(store, other.id, attempt.content_id, attempt.id)
    assert attempts_for(store, other.id) == []
    assert practice_summary(store, other.id) == {}


def test_attempts_are_listed_newest_first_and_filtered(
    store: Store, trainee: Trainee, winning_call: PlayedCall
) -> None:
    first = complete(store, trainee, winning_call)
    quiz = start(store, trainee, winning_call, kind="quiz", content_id="products", persona_id=None)
    last = start(store, trainee, winning_call)
    assert [a.id for a in attempts_for(store, trainee.id)] == [last.id, quiz.id, first.id]
    assert [a.id for a in attempts_for(store, trainee.id, limit=2)] == [last.id, quiz.id]
    assert [a.id for a in attempts_for(store, trainee.id, content_id="first_call")] == [
        last.id,
        first.id,
    ]
    assert [a.id for a in attempts_for(store, trainee.id, kind="quiz")] == [quiz.id]


def test_the_practice_summary_counts_completed_attempts(
    store: Store, trainee: Trainee, winning_call: PlayedCall
) -> None:
    lost = play(["intro", "pitch", "send"])
    complete(store, trainee, lost)
    complete(store, trainee, winning_call)
    start(store, trainee, winning_call)  # in progress: not counted
    summary = practice_summary(store, trainee.id)
    assert summary == {"first_call": ContentProgress(best_score=100.0, attempts=2)}
    assert summary["first_call"] == (100.0, 2)


def test_the_practice_summary_counts_a_mentors_change_of_score(
    store: Store, trainee: Trainee, mentor: Mentor
) -> None:
    lost = complete(store, trainee, play(["intro", "pitch", "send"]))
    assert practice_summary(store, trainee.id)["first_call"].best_score == pytest.approx(16.7)
    override_attempt(store, lost.id, mentor.name, reason="the client was rude", score=75.0)
    assert practice_summary(store, trainee.id) == {"first_call": ContentProgress(75.0, 1)}


def test_the_previous_attempt_is_the_last_completed_one_before(
    store: Store, trainee: Trainee, winning_call: PlayedCall
) -> None:
    lost = play(["intro", "pitch", "send"])
    first = complete(store, trainee, lost)
    assert previous_attempt(store, trainee.id, "first_call", first.id) is None
    second = complete(store, trainee, winning_call)
    start(store, trainee, winning_call)  # abandoned later: never a "previous attempt"
    third = complete(store, trainee, winning_call)
    assert previous_attempt(store, trainee.id, "first_call", second.id) == first
    assert previous_attempt(store, trainee.id, "first_call", third.id) == second
    assert previous_attempt(store, trainee.id, "other_scenario", third.id) is None


def test_the_views_summarise_attempts(
    store: Store, trainee: Trainee, winning_call: PlayedCall
) -> None:
    attempt = complete(store, trainee, winning_call)
    start(store, trainee, winning_call)
    (summary,) = tables(store).query("SELECT * FROM attempt_summaries WHERE status = 'completed'")
    assert summary["id"] == attempt.id
    assert summary["trainee_name"] == "Ann Lee"
    assert summary["turn_count"] == 7
    (progress,) = tables(store).query("SELECT * FROM trainee_progress")
    assert progress["attempts"] == 2
    assert progress["completed"] == 1
    assert progress["passed"] == 1
    assert progress["best_call_score"] == 100.0 and progress["best_quiz_score"] is None
    assert progress["last_activity"] >= summary["ended_at"]
