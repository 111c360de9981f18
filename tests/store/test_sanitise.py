"""Every stored human text is sanitised on the way in: notes, reasons, typed replies, answers."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.store.conftest import MENTOR, call, client, reply
from tests.store.test_quizzes import QUIZ
from trainer.engine.quiz import QuizAttempt
from trainer.errors import StoreError
from trainer.store.database import Store
from trainer.store.exams import grant_retake
from trainer.store.mentors import Mentor
from trainer.store.models import Trainee
from trainer.store.quizzes import record_answer, start_quiz_attempt
from trainer.store.reviews import add_note, override_attempt

PWNED = "\x1b]0;PWNED\x1b\\ \x1b[2J\x1b[5;31m"  # the issue's note: title, clear screen, red
UNSAFE = ("\x00", "\x07", "\x1b", "\x9b", "\x9d", "\u202e", "\u2066", "\u200b", "\u200d", "\ufeff")
MEGABYTE = "blah " * 210_000


def stored(db_path: Path, sql: str, *parameters: object) -> list[str]:
    """Text columns as another program reading the file sees them."""
    with sqlite3.connect(db_path) as conn:
        return [row[0] for row in conn.execute(sql, parameters)]


def assert_clean(texts: list[str]) -> None:
    assert texts, "nothing was stored"
    for text in texts:
        found = [f"U+{ord(c):04X}" for c in UNSAFE if c in text]
        assert not found, (text, found)


def test_the_issues_note_is_stored_without_its_escape_sequences(
    store: Store, db_path: Path, trainee: Trainee, mentor: Mentor
) -> None:
    attempt = call(store, trainee.id, turns=[client(0, "hello")])
    note = add_note(store, attempt.id, MENTOR, f"Well done.\n{PWNED}\nKeep going.")
    assert note.text == "Well done.\n]0;PWNED\\ [2J[5;31m\nKeep going."  # lines kept
    assert_clean(stored(db_path, "SELECT text FROM notes"))


def test_a_megabyte_note_is_refused_with_its_size_and_nothing_is_stored(
    store: Store, db_path: Path, trainee: Trainee, mentor: Mentor
) -> None:
    attempt = call(store, trainee.id, turns=[client(0, "hello")])
    with pytest.raises(StoreError, match=r"^a note can be at most 10,000 characters; this one "):
        add_note(store, attempt.id, MENTOR, MEGABYTE)
    assert stored(db_path, "SELECT text FROM notes") == []


def test_a_note_of_only_invisible_characters_is_empty(
    store: Store, trainee: Trainee, mentor: Mentor
) -> None:
    attempt = call(store, trainee.id, turns=[client(0, "hello")])
    with pytest.raises(StoreError, match="a note cannot be empty"):
        add_note(store, attempt.id, MENTOR, "\u200b\u200d\u2060 \x1b")


@pytest.mark.parametrize("character", UNSAFE)
def test_override_and_retake_reasons_are_stored_clean(
    store: Store, db_path: Path, trainee: Trainee, mentor: Mentor, character: str
) -> None:
    attempt = call(store, trainee.id, turns=[client(0, "hello")])
    reason = f"Marked{character} too hard{character}"
    override = override_attempt(store, attempt.id, MENTOR, score=90.0, reason=reason)
    retake = grant_retake(store, trainee.id, MENTOR, reason)
    assert override.reason == retake.reason == "Marked too hard"
    assert_clean(stored(db_path, "SELECT reason FROM overrides"))
    assert_clean(stored(db_path, "SELECT reason FROM exam_retakes"))


def test_typed_replies_are_stored_clean_and_a_paste_is_cut_not_kept_whole(
    store: Store, db_path: Path, trainee: Trainee
) -> None:
    hostile = "I\u202e understand\u200b your\x07 budget\x9d"
    call(
        store,
        trainee.id,
        turns=[
            client(0, "hello"),
            reply(1, "hello", "intro", {}, typed=hostile),
            client(2, "needs"),
            reply(3, "needs", "ask", {}, typed=MEGABYTE),
        ],
    )
    typed = stored(
        db_path, "SELECT typed_text FROM turns WHERE typed_text IS NOT NULL ORDER BY idx"
    )
    texts = stored(db_path, "SELECT text FROM turns ORDER BY idx")
    assert_clean(typed + texts)
    assert typed[0] == "I understand your budget"
    assert len(typed[1]) <= 1_000 and typed[1].endswith("characters in all]")
    assert max(len(text) for text in texts) <= 1_000


def test_quiz_free_text_answers_are_stored_without_control_characters(
    store: Store, db_path: Path, trainee: Trainee
) -> None:
    quiz = QuizAttempt(QUIZ, 7)
    attempt = start_quiz_attempt(store, trainee.id, quiz_id=QUIZ.id, content_hash="d", seed=7)
    question = next(q for q in quiz.questions if q.id == "terms")
    answer = quiz.answer(question, "Northline\x07 example\x1b[2J terms\x9d\u202e")
    kept = record_answer(store, attempt.id, answer)
    assert kept.answer_text == "Northline example[2J terms"
    assert_clean(stored(db_path, "SELECT answer_text FROM quiz_answers"))
    assert_clean(stored(db_path, "SELECT answer FROM quiz_answers"))


def test_a_megabyte_quiz_answer_is_cut_to_the_answer_limit(
    store: Store, db_path: Path, trainee: Trainee
) -> None:
    quiz = QuizAttempt(QUIZ, 7)
    attempt = start_quiz_attempt(store, trainee.id, quiz_id=QUIZ.id, content_hash="d", seed=7)
    question = next(q for q in quiz.questions if q.id == "terms")
    record_answer(store, attempt.id, quiz.answer(question, MEGABYTE))
    [text] = stored(db_path, "SELECT answer_text FROM quiz_answers")
    assert len(text) <= 1_000 and "cut:" in text
