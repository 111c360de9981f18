"""Transcripts for review and export: an attempt with turns, scorecard, answers, mentor records."""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterator, Sequence

from trainer.engine.turns import Speaker
from trainer.errors import StoreError
from trainer.store.database import Store, store_operation
from trainer.store.exams import retakes_used
from trainer.store.models import (
    AlignedStep,
    Attempt,
    Comparison,
    Note,
    Override,
    QuizAnswer,
    SkillResult,
    StoredTurn,
    Transcript,
)
from trainer.store.quizzes import select_answers
from trainer.store.reviews import (
    EFFECTIVE_PASSED,
    EFFECTIVE_SCORE,
    OVERRIDDEN_BY,
    result_from_row,
    select_notes,
    select_overrides,
    select_result,
)
from trainer.store.rows import (
    ANSWER_COLUMNS,
    ATTEMPT_COLUMNS,
    NOTE_COLUMNS,
    OVERRIDE_COLUMNS,
    TURN_COLUMNS,
    answer_from_row,
    attempt_from_row,
    note_from_row,
    override_from_row,
    owned_attempt,
    turn_from_row,
)


def trainee_label(name: str | None, trainee_id: int) -> str:
    """The trainee's name; for an attempt whose trainee is not in the file (a row written by
    hand, a partial restore) words that say so, rather than nothing or a crash."""
    return name if name is not None else f"unknown trainee (id {trainee_id})"


def _transcript(conn: sqlite3.Connection, attempt: Attempt) -> Transcript:
    found = conn.execute("SELECT name FROM trainees WHERE id = ?", (attempt.trainee_id,)).fetchone()
    trainee_name = trainee_label(found[0] if found else None, attempt.trainee_id)
    turns = conn.execute(
        f"SELECT {TURN_COLUMNS} FROM turns WHERE attempt_id = ? ORDER BY idx", (attempt.id,)
    ).fetchall()
    skills = conn.execute(
        "SELECT attempt_id, skill, earned, best, percent FROM attempt_skills "
        "WHERE attempt_id = ? ORDER BY rowid",
        (attempt.id,),
    ).fetchall()
    return Transcript(
        attempt=attempt,
        trainee_name=trainee_name,
        result=select_result(conn, attempt.id),
        turns=tuple(turn_from_row(row) for row in turns),
        skills=tuple(SkillResult(*row) for row in skills),
        answers=tuple(select_answers(conn, attempt.id)),
        notes=tuple(select_notes(conn, attempt.id)),
        overrides=tuple(select_overrides(conn, attempt.id)),
        retake=retakes_used(conn, [attempt.trainee_id]).get(attempt.id),
    )


@store_operation
def transcript(store: Store, attempt_id: str, *, trainee_id: int | None = None) -> Transcript:
    """The attempt with its turns, scorecard, quiz answers, mentor notes and overrides.

    With `trainee_id`, only if the attempt is that trainee's (their own scorecard).
    """
    conn = store.conn
    return _transcript(conn, owned_attempt(conn, attempt_id, trainee_id))


# Attempts read per batch when streaming: large enough for few queries, small enough that a
# batch's turns (about 20 an attempt) stay a few megabytes.
BATCH_ATTEMPTS = 500


def iter_transcripts(
    store: Store, *, trainee_id: int | None = None, batch: int = BATCH_ATTEMPTS
) -> Iterator[Transcript]:
    """Every attempt of one trainee (or of everyone), oldest first, in full: for exports.

    Read a batch of attempts at a time, in a handful of queries per batch, so that memory stays
    flat however many attempts there are. Attempts added while the export runs may be left out.
    """
    ids = _attempt_ids(store, trainee_id)
    for start in range(0, len(ids), batch):
        yield from _transcripts(store, ids[start : start + batch])


@store_operation
def _attempt_ids(store: Store, trainee_id: int | None) -> list[str]:
    only = "" if trainee_id is None else " WHERE trainee_id = ?"
    scope: tuple[object, ...] = () if trainee_id is None else (trainee_id,)
    rows = store.conn.execute(
        f"SELECT id FROM attempts{only} ORDER BY started_at, rowid", scope
    ).fetchall()
    return [row[0] for row in rows]


@store_operation
def _transcripts(store: Store, attempt_ids: Sequence[str]) -> list[Transcript]:
    conn = store.conn
    marks = ", ".join("?" * len(attempt_ids))
    inside = f"attempt_id IN ({marks})"
    scope = tuple(attempt_ids)
    rows = conn.execute(
        f"SELECT {ATTEMPT_COLUMNS}, {EFFECTIVE_SCORE}, {EFFECTIVE_PASSED}, {OVERRIDDEN_BY}, "
        "(SELECT name FROM trainees WHERE id = attempts.trainee_id) "
        f"FROM attempts WHERE id IN ({marks}) ORDER BY started_at, rowid",
        scope,
    ).fetchall()

    turns: defaultdict[str, list[StoredTurn]] = defaultdict(list)
    for row in conn.execute(
        f"SELECT {TURN_COLUMNS} FROM turns WHERE {inside} ORDER BY attempt_id, idx",
        scope,
    ):
        turns[row[0]].append(turn_from_row(row))
    skills: defaultdict[str, list[SkillResult]] = defaultdict(list)
    for row in conn.execute(
        "SELECT attempt_id, skill, earned, best, percent FROM attempt_skills "
        f"WHERE {inside} ORDER BY rowid",
        scope,
    ):
        skills[row[0]].append(SkillResult(*row))
    answers: defaultdict[str, list[QuizAnswer]] = defaultdict(list)
    for row in conn.execute(
        f"SELECT {ANSWER_COLUMNS} FROM quiz_answers WHERE {inside} "
        "ORDER BY attempt_id, number, item_id",
        scope,
    ):
        answers[row[0]].append(answer_from_row(row))
    notes: defaultdict[str, list[Note]] = defaultdict(list)
    for row in conn.execute(
        f"SELECT {NOTE_COLUMNS} FROM notes WHERE {inside} "
        "ORDER BY turn_index IS NOT NULL, turn_index, id",
        scope,
    ):
        notes[row[1]].append(note_from_row(row))
    overrides: defaultdict[str, list[Override]] = defaultdict(list)
    for row in conn.execute(
        f"SELECT {OVERRIDE_COLUMNS} FROM overrides WHERE {inside} ORDER BY id",
        scope,
    ):
        overrides[row[1]].append(override_from_row(row))

    trainee_ids = sorted({row[1] for row in rows})
    retakes = retakes_used(conn, trainee_ids)
    found = []
    for row in rows:
        *attempt_row, score, passed, mentor, trainee_name = row
        attempt = attempt_from_row(tuple(attempt_row))
        found.append(
            Transcript(
                attempt=attempt,
                trainee_name=trainee_label(trainee_name, attempt.trainee_id),
                result=result_from_row(score, passed, mentor),
                turns=tuple(turns[attempt.id]),
                skills=tuple(skills[attempt.id]),
                answers=tuple(answers[attempt.id]),
                notes=tuple(notes[attempt.id]),
                overrides=tuple(overrides[attempt.id]),
                retake=retakes.get(attempt.id),
            )
        )
    return found


def _split(
    turns: Sequence[StoredTurn],
) -> tuple[list[tuple[tuple[StoredTurn, ...], StoredTurn]], tuple[StoredTurn, ...]]:
    """Each trainee reply with the lines since the previous one; and the lines after the last."""
    replies: list[tuple[tuple[StoredTurn, ...], StoredTurn]] = []
    before: list[StoredTurn] = []
    for turn in turns:
        if turn.speaker is Speaker.TRAINEE:
            replies.append((tuple(before), turn))
            before = []
        else:
            before.append(turn)
    return replies, tuple(before)


@store_operation
def compare_attempts(
    store: Store, attempt_a: str, attempt_b: str, *, trainee_id: int | None = None
) -> Comparison:
    """Two attempts of the same scenario side by side, aligned by the trainee's k-th reply.

    Step k holds each attempt's k-th trainee reply with the lines that led to it (None when
    that attempt has fewer replies); the lines after the last replies (the endings) form one
    more step, without replies, so endings sit side by side. A StoreError when the attempts
    are not of the same scenario or quiz.
    """
    conn = store.conn
    a = _transcript(conn, owned_attempt(conn, attempt_a, trainee_id))
    b = _transcript(conn, owned_attempt(conn, attempt_b, trainee_id))
    if a.attempt.content_id != b.attempt.content_id:
        raise StoreError(
            f"only attempts of the same scenario can be compared: {attempt_a} is of "
            f"'{a.attempt.content_id}', {attempt_b} of '{b.attempt.content_id}'"
        )
    (a_replies, a_ending), (b_replies, b_ending) = _split(a.turns), _split(b.turns)
    steps = []
    for number in range(max(len(a_replies), len(b_replies))):
        a_before, a_reply = a_replies[number] if number < len(a_replies) else ((), None)
        b_before, b_reply = b_replies[number] if number < len(b_replies) else ((), None)
        steps.append(AlignedStep(number + 1, a_before, a_reply, b_before, b_reply))
    if a_ending or b_ending:
        steps.append(AlignedStep(len(steps) + 1, a_ending, None, b_ending, None))
    return Comparison(a, b, tuple(steps))
