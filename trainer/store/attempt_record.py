"""An attempt's record and what is recorded with it: the rows home and the records modules read.

The store's read models (the mentor's review, comparisons, analytics) stay in `models`, which
re-exports these: every frozen dataclass costs memory to create, and home reads these alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import NamedTuple

from trainer.engine.turns import Mode, Turn


class AttemptKind(StrEnum):
    CALL = "call"
    QUIZ = "quiz"
    EXAM = "exam"


class AttemptStatus(StrEnum):
    IN_PROGRESS = "in-progress"
    COMPLETED = "completed"
    ABANDONED = "abandoned"


@dataclass(frozen=True, slots=True)
class Attempt:
    """One play of a scenario, quiz or exam by one trainee."""

    id: str
    trainee_id: int
    kind: AttemptKind
    content_id: str
    content_hash: str
    seed: int
    mode: Mode
    persona_id: str | None
    started_at: datetime
    ended_at: datetime | None
    status: AttemptStatus
    outcome: str | None
    score: float | None  # percent, 0..100
    passed: bool | None
    pid: int
    host: str


@dataclass(frozen=True, slots=True, kw_only=True)
class StoredTurn(Turn):
    """A transcript line as recorded: the engine's `Turn`, with its attempt and when written."""

    attempt_id: str
    created_at: datetime


@dataclass(frozen=True, slots=True)
class SkillResult:
    """One line of an attempt's scorecard."""

    attempt_id: str
    skill: str
    earned: float
    best: float
    percent: float


class ContentProgress(NamedTuple):
    """A trainee's record on one scenario or quiz: best score and number of completed attempts."""

    best_score: float
    attempts: int


@dataclass(frozen=True, slots=True)
class QuizAnswer:
    """One quiz item as the trainee answered it, for the scorecard and the item statistics."""

    attempt_id: str
    item_id: str
    number: int  # position in the attempt
    topic: str | None
    answer: str  # normalised, as marked
    answer_text: str  # as shown back to the trainee
    correct: bool
    points: float
    max_points: float
    seconds: float
    answered_at: datetime


@dataclass(frozen=True, slots=True)
class ExamRetake:
    """One more exam attempt, granted by a mentor."""

    id: int
    trainee_id: int
    granted_by: str  # the mentor's name
    reason: str
    granted_at: datetime


@dataclass(frozen=True, slots=True)
class Note:
    """A mentor's comment on one turn of an attempt, or on the whole attempt (`turn_index` None)."""

    id: int
    attempt_id: str
    turn_index: int | None
    mentor: str
    text: str
    created_at: datetime
    edited_at: datetime | None = None  # last edited by its mentor (note_changes has the rest)


@dataclass(frozen=True, slots=True)
class NoteChange:
    """An edit or deletion of a mentor's comment: what it said before, and what it says now
    (None once deleted)."""

    note_id: int
    attempt_id: str
    turn_index: int | None
    mentor: str
    old_text: str
    new_text: str | None
    changed_at: datetime


@dataclass(frozen=True, slots=True)
class Override:
    """A mentor's change of an attempt's score and/or pass; the attempt itself keeps its own."""

    id: int
    attempt_id: str
    mentor: str
    score: float | None  # None: the score is left as it was
    passed: bool | None  # None: the pass is left as it was
    reason: str
    created_at: datetime


class EffectiveResult(NamedTuple):
    """The result that counts: the latest override of each of score and pass, else the attempt's."""

    score: float | None
    passed: bool | None
    overridden_by: str | None  # the mentor of the latest override; None when not overridden
