"""The store's records (frozen dataclasses) and the shapes of the engine objects it accepts."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import NamedTuple, Protocol


class AttemptKind(StrEnum):
    CALL = "call"
    QUIZ = "quiz"
    EXAM = "exam"


class AttemptMode(StrEnum):
    """The same values as `trainer.engine.session.Mode`, which may be passed in its place."""

    PRACTICE = "practice"
    EXAM = "exam"


class AttemptStatus(StrEnum):
    IN_PROGRESS = "in-progress"
    COMPLETED = "completed"
    ABANDONED = "abandoned"


@dataclass(frozen=True, slots=True)
class Trainee:
    id: int
    name: str
    has_pin: bool
    created_at: datetime


@dataclass(frozen=True, slots=True)
class Attempt:
    """One play of a scenario, quiz or exam by one trainee."""

    id: str
    trainee_id: int
    kind: AttemptKind
    content_id: str
    content_hash: str
    seed: int
    mode: AttemptMode
    persona_id: str | None
    started_at: datetime
    ended_at: datetime | None
    status: AttemptStatus
    outcome: str | None
    score: float | None  # percent, 0..100
    passed: bool | None
    pid: int
    host: str


@dataclass(frozen=True, slots=True)
class StoredTurn:
    """A transcript line as recorded; its fields carry the names of the engine's `Turn`."""

    attempt_id: str
    index: int
    speaker: str
    name: str
    text: str
    node: str
    reply: str | None
    typed: str | None
    confidence: float | None
    points: Mapping[str, float]
    meters: Mapping[str, int]
    note: str
    tags: tuple[str, ...]
    elapsed: float
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


# What the store reads from the engine's objects. `trainer.engine.session.Turn` and
# `trainer.engine.scoring.Score` satisfy these; the store does not import the engine, so a quiz
# or an exam may hand in objects of its own with the same attributes.


class TurnLike(Protocol):
    @property
    def index(self) -> int: ...
    @property
    def speaker(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def node(self) -> str: ...
    @property
    def reply(self) -> str | None: ...
    @property
    def typed(self) -> str | None: ...
    @property
    def confidence(self) -> float | None: ...
    @property
    def points(self) -> Mapping[str, float]: ...
    @property
    def meters(self) -> Mapping[str, int]: ...
    @property
    def note(self) -> str: ...
    @property
    def tags(self) -> Sequence[str]: ...
    @property
    def elapsed(self) -> float: ...


class SkillScoreLike(Protocol):
    @property
    def skill(self) -> str: ...
    @property
    def earned(self) -> float: ...
    @property
    def best(self) -> float: ...
    @property
    def percent(self) -> float: ...


class ScoreLike(Protocol):
    @property
    def outcome(self) -> str: ...
    @property
    def percent(self) -> float: ...
    @property
    def passed(self) -> bool: ...
    @property
    def skills(self) -> Sequence[SkillScoreLike]: ...
