"""A trainee's own records: their attempts, transcripts, scorecards and mentors' comments.

Every read takes the signed-in trainee's id, so a trainee only ever sees their own records.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import datetime

from trainer.engine.turns import Mode, Turn
from trainer.store.attempt_record import (
    Attempt,
    AttemptKind as AttemptKind,
    AttemptStatus as AttemptStatus,
    QuizAnswer,
)
from trainer.store.attempts import (
    attempts_for,
    get_attempt,
    practice_summary,
    previous_attempt,
    skills_for,
    turns_for,
)
from trainer.store.database import Store
from trainer.store.quizzes import answers_for
from trainer.store.reviews import effective_result, notes_for, overrides_for

QUIZ_KIND = AttemptKind.QUIZ


@dataclass(frozen=True, slots=True)
class AttemptLine:
    """One attempt as the lists and the transcript header show it."""

    id: str
    content_id: str
    kind: AttemptKind
    mode: Mode
    status: AttemptStatus
    started_at: datetime
    percent: float | None
    passed: bool | None
    outcome: str | None  # a call's outcome id, or a quiz's "passed" / "failed"
    persona_id: str | None
    mentor_notes: int = 0  # comments mentors left on it
    changed_by: str | None = None  # the mentor who changed its result (percent/passed are theirs)


@dataclass(frozen=True, slots=True)
class MentorNote:
    """A mentor's comment on one of the trainee's attempts (on one turn, or on all of it)."""

    mentor: str
    text: str
    turn_index: int | None
    created_at: datetime


@dataclass(frozen=True, slots=True)
class MentorReview:
    """What mentors said about an attempt: their comments, and a result they changed, if any."""

    notes: tuple[MentorNote, ...] = ()
    percent: float | None = None  # the result that counts, once a mentor's change applies
    passed: bool | None = None
    changed_by: str | None = None  # the mentor who last changed the result; None: unchanged
    reason: str = ""  # why the latest change was made, in the mentor's words

    def notes_on(self, turn_index: int | None) -> tuple[MentorNote, ...]:
        return tuple(note for note in self.notes if note.turn_index == turn_index)

    def counted(
        self, percent: float | None, passed: bool | None
    ) -> tuple[float | None, bool | None]:
        """The percent and pass that count: a mentor's change of either, else the attempt's."""
        if self.changed_by is None:
            return percent, passed
        return (
            percent if self.percent is None else self.percent,
            passed if self.passed is None else self.passed,
        )


@dataclass(frozen=True, slots=True)
class Review:
    """A stored attempt with its transcript, for the read-only transcript screen."""

    attempt: AttemptLine
    turns: tuple[Turn, ...]
    mentor: MentorReview = field(default_factory=MentorReview)


@dataclass(frozen=True, slots=True)
class StoredQuiz:
    """A stored quiz attempt: its record, its seed (to redraw its questions) and its answers."""

    attempt: AttemptLine
    seed: int
    answers: tuple[QuizAnswer, ...]
    mentor: MentorReview


@dataclass(frozen=True, slots=True)
class StoredCall:
    """A stored call or exam with what it takes to rebuild its scorecard."""

    attempt: AttemptLine
    earned: dict[str, float]  # points per skill
    turns: tuple[Turn, ...]
    mentor: MentorReview


def attempt_line(store: Store, trainee_id: int, attempt_id: str) -> AttemptLine:
    """One of the trainee's attempts; a StoreError when it is not theirs."""
    return _attempt(get_attempt(store, attempt_id, trainee_id=trainee_id))


def mentor_review(store: Store, trainee_id: int, attempt_id: str) -> MentorReview:
    """Mentors' comments on the trainee's own attempt, and the result that counts."""
    notes = tuple(
        MentorNote(note.mentor, note.text, note.turn_index, note.created_at.astimezone())
        for note in notes_for(store, attempt_id, trainee_id=trainee_id)
    )
    result = effective_result(store, attempt_id, trainee_id=trainee_id)
    if result.overridden_by is None:
        return MentorReview(notes)
    changes = overrides_for(store, attempt_id, trainee_id=trainee_id)
    reason = changes[-1].reason if changes else ""
    return MentorReview(notes, result.score, result.passed, result.overridden_by, reason)


def stored_quiz(store: Store, trainee_id: int, attempt_id: str) -> StoredQuiz:
    """The trainee's own quiz attempt with its answers, for the result screen."""
    row = get_attempt(store, attempt_id, trainee_id=trainee_id)
    answers = tuple(answers_for(store, attempt_id, trainee_id=trainee_id))
    return StoredQuiz(
        _attempt(row), row.seed, answers, mentor_review(store, trainee_id, attempt_id)
    )


def stored_call(store: Store, trainee_id: int, attempt_id: str) -> StoredCall:
    """The trainee's own call or exam with its points per skill and transcript."""
    line = _attempt(get_attempt(store, attempt_id, trainee_id=trainee_id))
    earned = {
        skill.skill: skill.earned for skill in skills_for(store, attempt_id, trainee_id=trainee_id)
    }
    turns = tuple(turns_for(store, attempt_id, trainee_id=trainee_id))
    return StoredCall(line, earned, turns, mentor_review(store, trainee_id, attempt_id))


def best_scores(store: Store, trainee_id: int) -> dict[str, tuple[float | None, int]]:
    """Per scenario id: the trainee's best score in percent (None before any) and attempt count."""
    summary = practice_summary(store, trainee_id)
    return {
        content_id: (progress.best_score, progress.attempts)
        for content_id, progress in summary.items()
    }


def unfinished_counts(store: Store, trainee_id: int) -> dict[str, int]:
    """Per scenario or quiz id: how many of the trainee's attempts were left unfinished
    (abandoned, or still open), which `best_scores` does not count."""
    counts: dict[str, int] = {}
    for row in attempts_for(store, trainee_id):
        if row.status is not AttemptStatus.COMPLETED:
            counts[row.content_id] = counts.get(row.content_id, 0) + 1
    return counts


def recent_attempts(store: Store, trainee_id: int, limit: int = 20) -> list[AttemptLine]:
    """The trainee's latest attempts, newest first, with the result that counts (a mentor's
    change applied) and how many comments mentors left on each."""
    lines = []
    for row in attempts_for(store, trainee_id, limit=limit):
        result = effective_result(store, row.id, trainee_id=trainee_id)
        notes = notes_for(store, row.id, trainee_id=trainee_id)
        lines.append(
            dataclasses.replace(
                _attempt(row),
                percent=result.score,
                passed=result.passed,
                mentor_notes=len(notes),
                changed_by=result.overridden_by,
            )
        )
    return lines


def previous_percent(
    store: Store, trainee_id: int, content_id: str, attempt_id: str
) -> float | None:
    """The score that counts (a mentor's change applied) of the trainee's completed attempt at
    the same content before this one."""
    previous = previous_attempt(store, trainee_id, content_id, attempt_id)
    if previous is None:
        return None
    return effective_result(store, previous.id, trainee_id=trainee_id).score


def withdrawn_passes(store: Store, trainee_id: int, content_ids: Collection[str]) -> list[str]:
    """The mentors who changed a pass of the trainee's at one of `content_ids` (the exam's
    variants) to not passed, oldest first: the certificate that pass gave is withdrawn."""
    mentors = []
    for row in attempts_for(store, trainee_id):
        if row.content_id not in content_ids or not row.passed:
            continue
        result = effective_result(store, row.id, trainee_id=trainee_id)
        if result.overridden_by is not None and not result.passed:
            mentors.append(result.overridden_by)
    return mentors[::-1]


def review(store: Store, trainee_id: int, attempt_id: str) -> Review:
    """The trainee's own attempt with its transcript and the result that counts; a StoreError
    when it is not theirs."""
    attempt = get_attempt(store, attempt_id, trainee_id=trainee_id)
    turns = tuple(turns_for(store, attempt_id, trainee_id=trainee_id))
    mentor = mentor_review(store, trainee_id, attempt_id)
    line = _attempt(attempt)
    # The heading shows the result that counts, as the lists do; the change itself is a line
    # of the transcript.
    percent, passed = mentor.counted(line.percent, line.passed)
    line = dataclasses.replace(line, percent=percent, passed=passed, changed_by=mentor.changed_by)
    return Review(line, turns, mentor)


# -- the store's rows as the trainee's records --------------------------------------------------


def _attempt(row: Attempt) -> AttemptLine:
    return AttemptLine(
        id=row.id,
        content_id=row.content_id,
        kind=row.kind,
        mode=row.mode,
        status=row.status,
        started_at=row.started_at.astimezone(),  # stored in UTC, shown in local time
        percent=row.score,
        passed=row.passed,
        outcome=row.outcome,
        persona_id=row.persona_id,
    )
