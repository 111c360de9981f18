"""The store's internals its modules share: row shapes, row <-> record conversions, common checks.

Every conversion between a table row and a record lives here, once: an engine `Turn` becomes a
`turns` row in `turn_values` and a row becomes a `StoredTurn` in `turn_from_row`, and so on for
attempts, trainees, quiz answers and mentor records. The helpers that take a connection expect
the caller to hold the transaction when they write.
"""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import uuid
from enum import StrEnum
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, TypeVar

from trainer.engine.turns import Mode, Speaker, Turn
from trainer.errors import StoreError
from trainer.store.attempt_record import (
    Attempt,
    AttemptKind,
    AttemptStatus,
    Note,
    Override,
    QuizAnswer,
    StoredTurn,
)
from trainer.store.database import parse_timestamp, utc_now
from trainer.store.trainee_record import (
    TRAINEE_COLUMNS as TRAINEE_COLUMNS,
    ensure_trainee as ensure_trainee,
    trainee_from_row as trainee_from_row,
)
from trainer.text import REPLY, cut, without_unsafe

if TYPE_CHECKING:  # the engine's results, as the store reads them
    from trainer.store.models import ScoreLike

Row = sqlite3.Row | tuple[Any, ...]

ATTEMPT_COLUMNS = (
    "id, trainee_id, kind, content_id, content_hash, seed, mode, persona_id, started_at, "
    "ended_at, status, outcome, score, passed, pid, host"
)
TURN_COLUMNS = (
    "attempt_id, idx, speaker, name, text, node, reply_key, typed_text, confidence, "
    "points_json, meters_json, note, tags_json, elapsed, created_at, hint_used, facts_json"
)
# points_total (the turn's points summed) lets a scenario's weak replies be found by an index.
INSERT_TURN = f"INSERT INTO turns ({TURN_COLUMNS}, points_total) VALUES ({', '.join('?' * 18)})"
# The node of the attempt's last turn: where the call ended, or where the trainee left it.
END_NODE = "(SELECT node FROM turns WHERE attempt_id = attempts.id ORDER BY idx DESC LIMIT 1)"
ANSWER_COLUMNS = (
    "attempt_id, item_id, number, topic, answer, answer_text, correct, points, max_points, "
    "seconds, answered_at"
)
NOTE_COLUMNS = "id, attempt_id, turn_index, mentor, text, created_at, edited_at"
OVERRIDE_COLUMNS = "id, attempt_id, mentor, score, passed, reason, created_at"

_E = TypeVar("_E", bound=StrEnum)


def member(enum: type[_E], value: str, what: str) -> _E:
    """`value` as a member of `enum`, or a StoreError that lists the members."""
    try:
        return enum(value)
    except ValueError:
        known = ", ".join(item.value for item in enum)
        raise StoreError(f"'{value}' is not {what}; use one of: {known}") from None


# -- rows -> records ----------------------------------------------------------------------------


def attempt_from_row(row: Row) -> Attempt:
    (attempt_id, trainee_id, kind, content_id, content_hash, seed, mode, persona_id,
     started_at, ended_at, status, outcome, score, passed, pid, host) = row  # fmt: skip
    return Attempt(
        id=attempt_id,
        trainee_id=trainee_id,
        kind=AttemptKind(kind),
        content_id=content_id,
        content_hash=content_hash,
        seed=seed,
        mode=Mode(mode),
        persona_id=persona_id,
        started_at=parse_timestamp(started_at),
        ended_at=None if ended_at is None else parse_timestamp(ended_at),
        status=AttemptStatus(status),
        outcome=outcome,
        score=score,
        passed=None if passed is None else bool(passed),
        pid=pid,
        host=host,
    )


def turn_from_row(row: Row) -> StoredTurn:
    (attempt_id, index, speaker, name, text, node, reply, typed, confidence, points_json,
     meters_json, note, tags_json, elapsed, created_at, hint_used,
     facts_json) = row  # fmt: skip
    return StoredTurn(
        attempt_id=attempt_id,
        index=index,
        speaker=_speaker(speaker, index, attempt_id),
        name=name,
        text=text,
        node=node,
        reply=reply,
        typed=typed,
        confidence=confidence,
        points=MappingProxyType(json.loads(points_json)),
        meters=MappingProxyType(json.loads(meters_json)),
        note=note,
        tags=tuple(json.loads(tags_json)),
        elapsed=elapsed,
        created_at=parse_timestamp(created_at),
        hint_used=bool(hint_used),
        facts=None if facts_json is None else MappingProxyType(json.loads(facts_json)),
    )


def _speaker(value: str, index: int, attempt_id: str) -> Speaker:
    try:
        return Speaker(value)
    except ValueError:
        raise StoreError(
            f"turn {index} of the attempt {attempt_id} has the speaker '{value}', which trainer "
            "never writes: the database was edited by hand"
        ) from None


def answer_from_row(row: Row) -> QuizAnswer:
    (attempt_id, item_id, number, topic, answer, answer_text, correct, points, max_points,
     seconds, answered_at) = row  # fmt: skip
    return QuizAnswer(
        attempt_id=attempt_id,
        item_id=item_id,
        number=number,
        topic=topic,
        answer=answer,
        answer_text=answer_text,
        correct=bool(correct),
        points=points,
        max_points=max_points,
        seconds=seconds,
        answered_at=parse_timestamp(answered_at),
    )


def note_from_row(row: Row) -> Note:
    note_id, attempt_id, turn_index, mentor, text, created_at, edited_at = row
    return Note(
        note_id,
        attempt_id,
        turn_index,
        mentor,
        text,
        parse_timestamp(created_at),
        None if edited_at is None else parse_timestamp(edited_at),
    )


def override_from_row(row: Row) -> Override:
    override_id, attempt_id, mentor, score, passed, reason, created_at = row
    return Override(
        override_id,
        attempt_id,
        mentor,
        score,
        None if passed is None else bool(passed),
        reason,
        parse_timestamp(created_at),
    )


# -- records -> rows ----------------------------------------------------------------------------


def turn_values(attempt_id: str, turn: Turn, created_at: str) -> tuple[Any, ...]:
    """The `INSERT_TURN` parameters of an engine turn, its texts sanitised.

    What the trainee typed is kept to a reply's length (cut with a note), so no stored line
    can carry a terminal command or a megabyte paste.
    """
    return (
        attempt_id,
        turn.index,
        turn.speaker.value,
        turn.name,
        without_unsafe(turn.text) if turn.typed is None else cut(turn.text, REPLY),
        turn.node,
        turn.reply,
        None if turn.typed is None else cut(turn.typed, REPLY),
        turn.confidence,
        json.dumps(dict(turn.points), ensure_ascii=False),
        json.dumps(dict(turn.meters), ensure_ascii=False),
        without_unsafe(turn.note),
        json.dumps(list(turn.tags), ensure_ascii=False),
        turn.elapsed,
        created_at,
        int(turn.hint_used),
        None if turn.facts is None else json.dumps(dict(turn.facts), ensure_ascii=False),
        float(sum(turn.points.values())),
    )


# -- checks and writes several operations share -------------------------------------------------


def select_attempt(conn: sqlite3.Connection, attempt_id: str) -> Attempt | None:
    row = conn.execute(
        f"SELECT {ATTEMPT_COLUMNS} FROM attempts WHERE id = ?", (attempt_id,)
    ).fetchone()
    return None if row is None else attempt_from_row(row)


def owned_attempt(conn: sqlite3.Connection, attempt_id: str, trainee_id: int | None) -> Attempt:
    """The attempt, provided it exists and (when `trainee_id` is given) is that trainee's."""
    attempt = select_attempt(conn, attempt_id)
    if attempt is None or (trainee_id is not None and attempt.trainee_id != trainee_id):
        # The same words whether the attempt is missing or someone else's: nothing is revealed.
        who = "" if trainee_id is None else f" for trainee number {trainee_id}"
        raise StoreError(f"there is no attempt {attempt_id}{who}")
    return attempt


def ensure_in_progress(conn: sqlite3.Connection, attempt_id: str) -> None:
    row = conn.execute("SELECT status FROM attempts WHERE id = ?", (attempt_id,)).fetchone()
    if row is None:
        raise StoreError(f"there is no attempt {attempt_id}")
    if row[0] != AttemptStatus.IN_PROGRESS:
        raise StoreError(f"the attempt {attempt_id} has already ended ({row[0]})")


def insert_attempt(
    conn: sqlite3.Connection,
    trainee_id: int,
    *,
    kind: AttemptKind,
    content_id: str,
    content_hash: str,
    seed: int,
    mode: Mode,
    persona_id: str | None,
) -> Attempt:
    """Insert an attempt in progress, stamped with this process and host for crash recovery."""
    attempt_id = uuid.uuid4().hex
    conn.execute(
        "INSERT INTO attempts (id, trainee_id, kind, content_id, content_hash, seed, mode, "
        "persona_id, started_at, status, pid, host) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            attempt_id,
            trainee_id,
            kind.value,
            content_id,
            content_hash,
            seed,
            mode.value,
            persona_id,
            utc_now(),
            AttemptStatus.IN_PROGRESS.value,
            os.getpid(),
            socket.gethostname(),
        ),
    )
    return owned_attempt(conn, attempt_id, None)


def complete_attempt(conn: sqlite3.Connection, attempt_id: str, score: ScoreLike) -> Attempt:
    """Write the attempt's result and scorecard."""
    conn.execute(
        "UPDATE attempts SET status = ?, ended_at = ?, outcome = ?, score = ?, passed = ?, "
        f"end_node = {END_NODE} WHERE id = ?",
        (
            AttemptStatus.COMPLETED.value,
            utc_now(),
            str(score.outcome),
            score.percent,
            int(score.passed),
            attempt_id,
        ),
    )
    conn.executemany(
        "INSERT INTO attempt_skills (attempt_id, skill, earned, best, percent) "
        "VALUES (?, ?, ?, ?, ?)",
        [(attempt_id, s.skill, s.earned, s.best, s.percent) for s in score.skills],
    )
    return owned_attempt(conn, attempt_id, None)
