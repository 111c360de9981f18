"""The app's only door to the store: the few plain functions the screens call, in UI terms.

Screens never import `trainer.store`; when the store's API moves, this module is the one to adapt.
Every read takes the signed-in trainee's id, so a trainee only ever sees their own records.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from trainer import store as db
from trainer.engine.scoring import Score
from trainer.engine.session import Session, Speaker, Turn

Store = db.Store

CALL_KIND = db.AttemptKind.CALL.value
EXAM_KIND = db.AttemptKind.EXAM.value


@dataclass(frozen=True, slots=True)
class TraineeCard:
    """A trainee as the sign-in list shows them."""

    id: int
    name: str
    has_pin: bool


@dataclass(frozen=True, slots=True)
class AttemptLine:
    """One attempt as the lists and the transcript header show it."""

    id: str
    content_id: str
    kind: str
    mode: str
    status: str  # in-progress | completed | abandoned
    started_at: datetime
    percent: float | None
    passed: bool | None
    outcome: str | None
    persona_id: str | None


@dataclass(frozen=True, slots=True)
class Review:
    """A stored attempt with its transcript, for the read-only transcript screen."""

    attempt: AttemptLine
    turns: tuple[Turn, ...]


def open_records(db_option: str | None) -> Store:
    """The store named by `--db` (or the default), with calls left open by a crash closed."""
    store = db.open_store(db.resolve_db_path(db_option))
    db.abandon_stale_attempts(store)
    return store


def trainees(store: Store) -> list[TraineeCard]:
    """Everyone who has signed up, in the order the store lists them."""
    return [_trainee(trainee) for trainee in db.list_trainees(store)]


def add_trainee(store: Store, name: str, pin: str | None) -> TraineeCard:
    """Sign a new trainee up; an empty PIN means none."""
    return _trainee(db.add_trainee(store, name, pin=pin or None))


def pin_matches(store: Store, trainee_id: int, pin: str) -> bool:
    """Whether `pin` is the trainee's PIN (always true for a trainee without one)."""
    return bool(db.check_pin(store, trainee_id, pin))


def begin_call(store: Store, trainee_id: int, session: Session) -> str:
    """Open an attempt for a call that has just started; returns the attempt's id."""
    attempt = db.start_attempt(
        store,
        trainee_id,
        kind=EXAM_KIND if session.scenario.exam else CALL_KIND,
        content_id=session.scenario.id,
        content_hash=session.scenario.digest,
        seed=session.seed,
        mode=session.mode.value,
        persona_id=session.persona.id,
    )
    return attempt.id


def save_turns(store: Store, attempt_id: str, turns: Iterable[Turn]) -> None:
    """Write the turns to the attempt at once, one by one, so a crash loses none of them."""
    for turn in turns:
        db.record_turn(store, attempt_id, turn)


def finish_call(store: Store, attempt_id: str, score: Score) -> None:
    """Close the attempt as completed with its score."""
    db.finish_attempt(store, attempt_id, score)


def abandon_call(store: Store, attempt_id: str) -> None:
    """Close an attempt whose call was left before it ended."""
    db.abandon_attempt(store, attempt_id)


def best_scores(store: Store, trainee_id: int) -> dict[str, tuple[float | None, int]]:
    """Per scenario id: the trainee's best score in percent (None before any) and attempt count."""
    summary = db.practice_summary(store, trainee_id)
    return {
        content_id: (progress.best_score, progress.attempts)
        for content_id, progress in summary.items()
    }


def recent_attempts(store: Store, trainee_id: int, limit: int = 20) -> list[AttemptLine]:
    """The trainee's latest attempts, newest first."""
    return [_attempt(attempt) for attempt in db.attempts_for(store, trainee_id, limit=limit)]


def previous_percent(
    store: Store, trainee_id: int, content_id: str, attempt_id: str
) -> float | None:
    """The score of the trainee's completed attempt at the same content before this one."""
    previous = db.previous_attempt(store, trainee_id, content_id, attempt_id)
    if previous is None:
        return None
    return _attempt(previous).percent


def review(store: Store, trainee_id: int, attempt_id: str) -> Review:
    """The trainee's own attempt with its transcript; a StoreError when it is not theirs."""
    attempt = db.get_attempt(store, attempt_id, trainee_id=trainee_id)
    turns = tuple(_turn(row) for row in db.turns_for(store, attempt_id, trainee_id=trainee_id))
    return Review(_attempt(attempt), turns)


# -- the store's records in UI terms ------------------------------------------------------------


def _trainee(row: db.Trainee) -> TraineeCard:
    return TraineeCard(id=row.id, name=row.name, has_pin=row.has_pin)


def _attempt(row: db.Attempt) -> AttemptLine:
    return AttemptLine(
        id=row.id,
        content_id=row.content_id,
        kind=row.kind.value,
        mode=row.mode.value,
        status=row.status.value,
        started_at=row.started_at.astimezone(),  # stored in UTC, shown in local time
        percent=row.score,
        passed=row.passed,
        outcome=row.outcome,
        persona_id=row.persona_id,
    )


def _turn(row: db.StoredTurn) -> Turn:
    return Turn(
        index=row.index,
        speaker=Speaker(row.speaker),
        name=row.name,
        text=row.text,
        node=row.node,
        reply=row.reply,
        typed=row.typed,
        confidence=row.confidence,
        points=row.points,
        meters=row.meters,
        note=row.note,
        tags=row.tags,
        elapsed=row.elapsed,
    )
