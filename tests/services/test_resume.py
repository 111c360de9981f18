"""Resuming a practice call without Textual: the stored moves played again on the same seed, the
same attempt going on, and a refusal whenever the replay would not be the call that was had."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.services.conftest import rows
from trainer.content.content_set import ContentSet
from trainer.engine.session import Session
from trainer.engine.turns import Mode
from trainer.errors import DialogueError, StoreError
from trainer.services.calls import RecordedCall, unfinished_call
from trainer.store.database import Store
from trainer.store.models import Trainee


def left_call(store: Store, content: ContentSet, trainee: Trainee) -> RecordedCall:
    """A practice call with a pick and a typed reply, left before its end."""
    session = Session(content, content.scenario("first_call"), seed=5, trainee=trainee.name)
    call = RecordedCall.begin(store, trainee.id, session)
    call.choose(1)
    call.say("Before we talk price, how many people use the phones every day?")
    call.abandon()
    return call


def test_a_resumed_call_goes_on_as_the_same_attempt_to_its_end(
    store: Store, mini_content: ContentSet, ann: Trainee, db_path: Path
) -> None:
    left = left_call(store, mini_content, ann)
    found = unfinished_call(store, ann.id, mini_content, "first_call")
    assert found is not None and found.attempt_id == left.attempt_id and found.replies == 2
    call, played = RecordedCall.resume(
        store, ann.id, mini_content, left.attempt_id, trainee=ann.name
    )
    assert call.attempt_id == left.attempt_id and played.complete
    assert [turn.text for turn in call.session.turns] == [t.text for t in left.session.turns]
    assert played.heard_as(call.session.turns[3]) is not None  # the typed reply, numbered
    assert str(played.heard_as(call.session.turns[3])).startswith("heard as reply 1 (")
    call.choose("meet")
    score = call.finish()
    assert score.passed
    assert rows(db_path, "SELECT status, outcome FROM attempts") == [("completed", "meeting")]
    indexes = [index for (index,) in rows(db_path, "SELECT idx FROM turns ORDER BY idx")]
    assert indexes == list(range(len(call.session.turns)))
    assert unfinished_call(store, ann.id, mini_content, "first_call") is None


def test_a_call_whose_stored_lines_would_not_come_again_is_refused(
    store: Store, mini_content: ContentSet, ann: Trainee, db_path: Path
) -> None:
    left = left_call(store, mini_content, ann)
    with sqlite3.connect(db_path) as conn:  # what the client said differs from a replay's
        conn.execute("UPDATE turns SET text = 'Something else.' WHERE idx = 2")
    with pytest.raises(DialogueError, match="cannot be played again as it went"):
        RecordedCall.resume(store, ann.id, mini_content, left.attempt_id, trainee=ann.name)
    assert rows(db_path, "SELECT status FROM attempts") == [("abandoned",)]


def test_a_finished_call_and_an_exam_are_never_resumed(
    store: Store, mini_content: ContentSet, ann: Trainee
) -> None:
    session = Session(mini_content, mini_content.scenario("first_call"), seed=2)
    call = RecordedCall.begin(store, ann.id, session)
    call.choose("push")
    call.choose("push_again")
    call.finish()
    with pytest.raises(StoreError, match="only a call left unfinished can resume"):
        RecordedCall.resume(store, ann.id, mini_content, call.attempt_id, trainee=ann.name)
    exam = Session(mini_content, mini_content.scenario("first_call"), mode=Mode.EXAM, seed=3)
    # first_call is not an exam scenario: played in exam mode it is still not a practice call
    graded = RecordedCall.begin(store, ann.id, exam)
    graded.choose(1)
    graded.abandon()
    with pytest.raises(StoreError, match="only a practice call can be picked up again"):
        RecordedCall.resume(store, ann.id, mini_content, graded.attempt_id, trainee=ann.name)


def test_nobody_resumes_another_trainees_call(
    store: Store, mini_content: ContentSet, ann: Trainee
) -> None:
    from trainer.store.trainees import add_trainee

    bob = add_trainee(store, "Bob Ray")
    left = left_call(store, mini_content, ann)
    with pytest.raises(StoreError, match="there is no attempt"):
        RecordedCall.resume(store, bob.id, mini_content, left.attempt_id, trainee=bob.name)
    assert unfinished_call(store, bob.id, mini_content, "first_call") is None
