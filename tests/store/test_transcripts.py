"""Transcripts for the mentor and the trainee, and two attempts compared reply by reply."""

from __future__ import annotations

import pytest

from tests.store.conftest import MENTOR, PlayedCall, SkillLine, call, client, play, reply
from tests.store.test_attempts import complete
from trainer.errors import StoreError
from trainer.store.database import Store
from trainer.store.mentors import Mentor
from trainer.store.models import Trainee
from trainer.store.reviews import add_note, override_attempt
from trainer.store.trainees import add_trainee
from trainer.store.transcripts import compare_attempts, iter_transcripts, transcript


def test_a_transcript_has_turns_scorecard_notes_and_overrides(
    store: Store, trainee: Trainee, mentor: Mentor, winning_call: PlayedCall
) -> None:
    attempt = complete(store, trainee, winning_call)
    note = add_note(store, attempt.id, MENTOR, "Textbook opening.", turn_index=1)
    overall = add_note(store, attempt.id, MENTOR, "Well done.")
    change = override_attempt(store, attempt.id, MENTOR, score=95.0, reason="Slow to close.")

    found = transcript(store, attempt.id)
    assert found.attempt == attempt and found.trainee_name == "Ann Lee"
    assert [turn.text for turn in found.turns] == [turn.text for turn in winning_call.turns]
    assert [s.skill for s in found.skills] == [s.skill for s in winning_call.score.skills]
    assert found.notes == (overall, note)
    assert found.notes_on(1) == (note,) and found.notes_on(None) == (overall,)
    assert found.overrides == (change,)
    assert found.result == (95.0, True, MENTOR)
    assert found.answers == ()
    assert transcript(store, attempt.id, trainee_id=trainee.id) == found


def test_a_trainee_cannot_open_another_trainees_transcript(
    store: Store, trainee: Trainee, winning_call: PlayedCall
) -> None:
    attempt = complete(store, trainee, winning_call)
    other = add_trainee(store, "Bob Stone")
    with pytest.raises(StoreError, match=f"there is no attempt {attempt.id} for trainee number"):
        transcript(store, attempt.id, trainee_id=other.id)
    mine = complete(store, other, winning_call)
    with pytest.raises(StoreError, match="there is no attempt"):
        compare_attempts(store, mine.id, attempt.id, trainee_id=other.id)


def test_transcripts_for_a_trainee_or_everyone_match_one_by_one(
    store: Store, trainee: Trainee, mentor: Mentor, winning_call: PlayedCall
) -> None:
    other = add_trainee(store, "Bob Stone")
    first = complete(store, trainee, winning_call)
    add_note(store, first.id, MENTOR, "Good.", turn_index=0)
    second = call(
        store,
        other.id,
        turns=[client(0, "hello")],
        outcome="lost",
        passed=False,
        skills=(SkillLine("tact", 1.0, 4.0, 25.0),),
    )
    override_attempt(store, second.id, MENTOR, passed=True, reason="Fine.")
    everyone = list(iter_transcripts(store))
    assert everyone == [transcript(store, first.id), transcript(store, second.id)]
    assert list(iter_transcripts(store, trainee_id=other.id)) == [transcript(store, second.id)]


def test_two_attempts_are_aligned_by_the_trainees_replies(store: Store, trainee: Trainee) -> None:
    short = complete(store, trainee, play(["push", "push_again"]))
    long = complete(store, trainee, play(["intro", "ask", "meet"]))
    comparison = compare_attempts(store, short.id, long.id)
    assert comparison.a.attempt == short and comparison.b.attempt == long
    replies = [
        (step.step, step.a and step.a.reply, step.b and step.b.reply) for step in comparison.steps
    ]
    assert replies == [
        (1, "hello/push", "hello/intro"),
        (2, "annoyed/push_again", "needs/ask"),
        (3, None, "offer/meet"),
        (4, None, None),  # the endings, side by side
    ]
    first = comparison.steps[0]
    assert [t.speaker for t in first.a_before] == ["client"] == [t.speaker for t in first.b_before]
    ending = comparison.steps[-1]
    assert ending.a_before and ending.b_before
    assert all(t.speaker != "trainee" for t in (*ending.a_before, *ending.b_before))
    same = compare_attempts(store, long.id, long.id)
    assert all(step.same_reply for step in same.steps[:-1])


def test_only_attempts_of_the_same_scenario_are_compared(store: Store, trainee: Trainee) -> None:
    one = call(store, trainee.id, content_id="first_call", turns=[reply(0, "a", "x", {})])
    two = call(store, trainee.id, content_id="other_call", turns=[reply(0, "a", "x", {})])
    with pytest.raises(
        StoreError,
        match=r"only attempts of the same scenario can be compared: .* of 'first_call', .* of 'other_call'",
    ):
        compare_attempts(store, one.id, two.id)
