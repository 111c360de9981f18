"""Words typed and not sent: kept with a practice call's attempt, given back when it is picked up,
gone once sent or once the call ends, and never a turn, a score or a line a mentor reads."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.services.conftest import rows
from trainer.content.content_set import ContentSet
from trainer.engine.session import Session
from trainer.engine.turns import Mode
from trainer.errors import StoreError
from trainer.services.calls import RecordedCall, unfinished_call
from trainer.store.database import Store
from trainer.store.drafts import DRAFT_LIMIT, draft_of, save_draft
from trainer.store.export import attempts_json
from trainer.store.export_md import transcript_markdown
from trainer.store.models import Trainee
from trainer.store.snapshot import write_snapshot
from trainer.store.transcripts import iter_transcripts

DRAFT = "We could start with the three phones on your desk and"


def begun(
    store: Store, content: ContentSet, trainee: Trainee, mode: Mode = Mode.PRACTICE
) -> RecordedCall:
    session = Session(
        content, content.scenario("first_call"), seed=5, mode=mode, trainee=trainee.name
    )
    return RecordedCall.begin(store, trainee.id, session)


def test_a_draft_is_kept_with_the_attempt_and_comes_back_when_the_call_is_picked_up(
    store: Store, mini_content: ContentSet, ann: Trainee, db_path: Path
) -> None:
    call = begun(store, mini_content, ann)
    call.choose(1)
    call.keep_draft(DRAFT)
    call.abandon()
    assert rows(db_path, "SELECT attempt_id, text FROM reply_drafts") == [(call.attempt_id, DRAFT)]
    assert rows(db_path, "SELECT count(*) FROM turns WHERE speaker = 'trainee'") == [(1,)]
    found = unfinished_call(store, ann.id, mini_content, "first_call")
    assert found is not None and found.drafted and found.replies == 1
    again, _ = RecordedCall.resume(store, ann.id, mini_content, call.attempt_id, trainee=ann.name)
    assert again.draft == DRAFT
    again.say(DRAFT + " see how much of the cost we can take off.")
    again.keep_draft("")  # the box, emptied as the words were sent
    assert rows(db_path, "SELECT count(*) FROM reply_drafts") == [(0,)]


def test_a_draft_alone_makes_a_call_worth_picking_up(
    store: Store, mini_content: ContentSet, ann: Trainee
) -> None:
    call = begun(store, mini_content, ann)
    call.abandon()
    assert unfinished_call(store, ann.id, mini_content, "first_call") is None
    call = begun(store, mini_content, ann)
    call.keep_draft("Good morning, this is Ann from")
    call.abandon()
    found = unfinished_call(store, ann.id, mini_content, "first_call")
    assert found is not None and found.replies == 0 and found.drafted
    again, _ = RecordedCall.resume(store, ann.id, mini_content, call.attempt_id, trainee=ann.name)
    assert again.draft == "Good morning, this is Ann from"


def test_the_same_words_are_written_once_and_an_empty_box_deletes_the_draft(
    store: Store, mini_content: ContentSet, ann: Trainee, db_path: Path
) -> None:
    call = begun(store, mini_content, ann)
    call.keep_draft(DRAFT)
    [(first,)] = rows(db_path, "SELECT saved_at FROM reply_drafts")
    call.keep_draft(DRAFT)
    call.keep_draft(f"  {DRAFT}\u200b ")  # the same words as kept: nothing to write
    assert rows(db_path, "SELECT saved_at FROM reply_drafts") == [(first,)]
    call.keep_draft(DRAFT + " the")
    assert rows(db_path, "SELECT text FROM reply_drafts") == [(DRAFT + " the",)]
    call.keep_draft("   ")
    assert rows(db_path, "SELECT count(*) FROM reply_drafts") == [(0,)]


def test_the_draft_goes_when_the_call_ends(
    store: Store, mini_content: ContentSet, ann: Trainee, db_path: Path
) -> None:
    call = begun(store, mini_content, ann)
    call.choose(1)
    call.keep_draft(DRAFT)
    call.choose("ask")
    call.choose("meet")
    assert call.ended
    call.finish()
    assert rows(db_path, "SELECT count(*) FROM reply_drafts") == [(0,)]
    call.keep_draft("typed after the end")  # the box is gone: nothing is kept
    assert rows(db_path, "SELECT count(*) FROM reply_drafts") == [(0,)]


def test_the_exam_and_a_preview_keep_no_draft(
    store: Store, mini_content: ContentSet, ann: Trainee, db_path: Path
) -> None:
    exam = begun(store, mini_content, ann, Mode.EXAM)
    exam.keep_draft(DRAFT)  # the exam is never picked up: nothing to give back
    exam.abandon()
    session = Session(mini_content, mini_content.scenario("first_call"), seed=5, trainee="Ann")
    preview = RecordedCall.preview(session)
    preview.keep_draft(DRAFT)
    assert rows(db_path, "SELECT count(*) FROM reply_drafts") == [(0,)]


def test_a_draft_is_never_said_scored_exported_or_in_the_mentors_copy(
    store: Store, mini_content: ContentSet, ann: Trainee, tmp_path: Path
) -> None:
    call = begun(store, mini_content, ann)
    call.choose(1)
    call.keep_draft("UNSENT-WORDS we will match any price")
    call.abandon()
    [record] = list(iter_transcripts(store))
    assert all("UNSENT-WORDS" not in turn.text for turn in record.turns)
    assert "UNSENT-WORDS" not in attempts_json([record])
    assert "UNSENT-WORDS" not in transcript_markdown(record)
    copy = tmp_path / "copy.db"
    write_snapshot(store, copy)
    assert rows(copy, "SELECT count(*) FROM reply_drafts") == [(0,)]
    assert rows(copy, "SELECT count(*) FROM attempts") == [(1,)]


def test_the_store_keeps_a_draft_clean_short_and_only_while_the_call_goes_on(
    store: Store, mini_content: ContentSet, ann: Trainee
) -> None:
    call = begun(store, mini_content, ann)
    kept = save_draft(
        store, call.attempt_id, "line one\nline\x1b[31m two\u202e " + "x" * DRAFT_LIMIT
    )
    assert kept.startswith("line one line[31m two ") and len(kept) == DRAFT_LIMIT
    assert draft_of(store, call.attempt_id) == kept
    call.abandon()
    with pytest.raises(StoreError, match="has already ended"):
        save_draft(store, call.attempt_id, "too late")
    with pytest.raises(StoreError, match="no attempt"):
        save_draft(store, "no-such-attempt", "words")
    assert draft_of(store, "no-such-attempt") == ""
