"""A mentor's comment can change, but only by its author, and never without a trace."""

from __future__ import annotations

import pytest

from tests.store.conftest import MENTOR, PASSPHRASE, call
from trainer.errors import StoreError
from trainer.store.database import Store
from trainer.store.exams import grant_retake
from trainer.store.mentors import Mentor, add_mentor, verify_mentor
from trainer.store.models import Trainee
from trainer.store.reviews import add_note, delete_note, edit_note, note_changes_for, notes_for
from trainer.store.transcripts import transcript

OTHER = "Olga Other"


@pytest.fixture
def attempt_id(store: Store, mentor: Mentor, trainee: Trainee) -> str:
    add_mentor(
        store, OTHER, "another long passphrase", sponsor=verify_mentor(store, MENTOR, PASSPHRASE)
    )
    return call(store, trainee.id).id


def test_an_edit_keeps_the_old_words_in_the_trail(store: Store, attempt_id: str) -> None:
    note = add_note(store, attempt_id, MENTOR, "First thought")
    edited = edit_note(store, note.id, MENTOR, "Second thought")
    assert (edited.text, edited.created_at) == ("Second thought", note.created_at)
    assert edited.edited_at is not None
    assert [n.text for n in notes_for(store, attempt_id)] == ["Second thought"]
    (change,) = note_changes_for(store, attempt_id)
    assert (change.old_text, change.new_text, change.mentor) == (
        "First thought",
        "Second thought",
        MENTOR,
    )


def test_a_deleted_note_leaves_every_view_but_not_the_trail(store: Store, attempt_id: str) -> None:
    note = add_note(store, attempt_id, MENTOR, "Said too soon")
    delete_note(store, note.id, MENTOR)
    assert notes_for(store, attempt_id) == []
    assert transcript(store, attempt_id).notes == ()
    (change,) = note_changes_for(store, attempt_id)
    assert (change.old_text, change.new_text) == ("Said too soon", None)
    with pytest.raises(StoreError, match="deleted already"):
        delete_note(store, note.id, MENTOR)


@pytest.mark.parametrize("action", ["edit", "delete"])
def test_only_the_author_changes_a_note(store: Store, attempt_id: str, action: str) -> None:
    note = add_note(store, attempt_id, OTHER, "Mine, not Maria's")
    with pytest.raises(StoreError, match="only Olga Other can change or delete"):
        if action == "edit":
            edit_note(store, note.id, MENTOR, "Overwritten")
        else:
            delete_note(store, note.id, MENTOR)
    with pytest.raises(StoreError, match=r"no mentor|not a mentor|Nobody"):
        edit_note(store, note.id, "Nobody", "Overwritten")
    assert [n.text for n in notes_for(store, attempt_id)] == ["Mine, not Maria's"]
    assert note_changes_for(store, attempt_id) == []


def test_an_edit_to_nothing_is_refused(store: Store, attempt_id: str) -> None:
    note = add_note(store, attempt_id, MENTOR, "Keep me")
    with pytest.raises(StoreError, match="cannot be empty"):
        edit_note(store, note.id, MENTOR, " \u200b ")
    assert [n.text for n in notes_for(store, attempt_id)] == ["Keep me"]


def test_a_second_grant_for_the_same_need_is_refused(
    store: Store, mentor: Mentor, trainee: Trainee
) -> None:
    grant_retake(store, trainee.id, MENTOR, "first mentor", granted_before=0)
    with pytest.raises(StoreError, match="another mentor granted"):
        grant_retake(store, trainee.id, MENTOR, "second mentor, same moment", granted_before=0)
    count = store.conn.execute("SELECT count(*) FROM exam_retakes").fetchone()
    assert count == (1,)
