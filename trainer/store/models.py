"""The store's read models (review, comparison, analytics) and the shapes of the engine results
it accepts; the records themselves, re-exported here, live in `attempt_record`.

A mentor's record lives in `mentors`, a trainee's in `trainee_record` and an attempt's, with its
answers, notes and overrides, in `attempt_record`: home and the sign-in import those alone, not
the read models here (every dataclass costs memory and time to create).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

from trainer.store.attempt_record import (
    Attempt as Attempt,
    AttemptKind as AttemptKind,
    AttemptStatus as AttemptStatus,
    ContentProgress as ContentProgress,
    EffectiveResult as EffectiveResult,
    ExamRetake as ExamRetake,
    Note as Note,
    NoteChange as NoteChange,
    Override as Override,
    QuizAnswer as QuizAnswer,
    SkillResult as SkillResult,
    StoredTurn as StoredTurn,
)
from trainer.store.trainee_record import Trainee as Trainee

if TYPE_CHECKING:
    from trainer.engine.programme import ProgrammeStatus, StageStatus, TraineeHistory


# What the store reads from the engine's results. `trainer.engine.scoring.Score` and the quiz's
# `QuizResult` satisfy these, so a call, a quiz and an exam are finished by the same code.


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


class AnswerLike(Protocol):
    """One answered quiz item; `trainer.engine.quiz.AnswerResult` satisfies it."""

    @property
    def item_id(self) -> str: ...
    @property
    def number(self) -> int: ...
    @property
    def topic(self) -> str | None: ...
    @property
    def answer(self) -> str: ...
    @property
    def answer_text(self) -> str: ...
    @property
    def correct(self) -> bool: ...
    @property
    def points(self) -> float: ...
    @property
    def max_points(self) -> float: ...
    @property
    def seconds(self) -> float: ...


class QuizResultLike(ScoreLike, Protocol):
    """A quiz attempt's result; `trainer.engine.quiz.QuizResult` satisfies it."""

    @property
    def answers(self) -> Sequence[AnswerLike]: ...


# ---------------------------------------------------------------------------------------------
# Read models: the mentor's review, analytics and the lists of trainees


@dataclass(frozen=True, slots=True)
class ReviewedAttempt:
    """An attempt as the mentor's lists show it: with the result that counts and its notes."""

    attempt: Attempt
    result: EffectiveResult
    notes: int


@dataclass(frozen=True, slots=True)
class TraineeAttempts:
    """One trainee's attempts by stage (newest first in each) and the exam retakes granted."""

    trainee: Trainee
    quizzes: tuple[ReviewedAttempt, ...]  # stages 1 and 2
    calls: tuple[ReviewedAttempt, ...]  # stage 3, practice calls
    exams: tuple[ReviewedAttempt, ...]  # stage 4
    retakes: tuple[ExamRetake, ...]


@dataclass(frozen=True, slots=True)
class Transcript:
    """Everything the transcript screen and the exports show about one attempt."""

    attempt: Attempt
    trainee_name: str
    result: EffectiveResult
    turns: tuple[StoredTurn, ...]
    skills: tuple[SkillResult, ...]
    answers: tuple[QuizAnswer, ...]  # quiz attempts only
    notes: tuple[Note, ...]  # overall comments first, then by turn
    overrides: tuple[Override, ...]  # oldest first: the audit trail
    retake: ExamRetake | None = None  # the mentor's grant an exam attempt was taken on
    # Why the integrity check flagged the record ("this record does not match its transcript:
    # ..."); None when it was not flagged or not checked (services.integrity sets both).
    flag: str | None = None
    checked: bool = False

    @property
    def integrity(self) -> str | None:
        """The check's verdict as exports give it: None unchecked, "ok", or why it is flagged."""
        if not self.checked:
            return None
        return self.flag or "ok"

    def notes_on(self, turn_index: int | None) -> tuple[Note, ...]:
        """The mentor notes on one turn, or the overall ones (None)."""
        return tuple(note for note in self.notes if note.turn_index == turn_index)


@dataclass(frozen=True, slots=True)
class AlignedStep:
    """Step `step` of two compared attempts: each one's k-th trainee reply and the lines before."""

    step: int  # 1-based; one past the last reply for the lines after it (the ending)
    a_before: tuple[StoredTurn, ...]  # client and system lines since the previous reply
    a: StoredTurn | None  # the trainee's reply; None when this attempt has no such step
    b_before: tuple[StoredTurn, ...]
    b: StoredTurn | None

    @property
    def same_reply(self) -> bool:
        return self.a is not None and self.b is not None and self.a.reply == self.b.reply


@dataclass(frozen=True, slots=True)
class Comparison:
    """Two attempts of the same scenario, aligned reply by reply."""

    a: Transcript
    b: Transcript
    steps: tuple[AlignedStep, ...]


@dataclass(frozen=True, slots=True)
class Count:
    """How often something happened: a node where calls ended, a reply chosen."""

    key: str  # a node id or reply key
    count: int


@dataclass(frozen=True, slots=True)
class ScenarioAnalytics:
    """Where attempts of one scenario end, and the weak replies trainees choose most."""

    content_id: str
    attempts: int  # every attempt, in progress included
    completed: int
    abandoned: int
    passed: int  # completed or abandoned attempts that count as passed (overrides applied)
    outcomes: Mapping[str, int]  # completed attempts by outcome
    drop_off: tuple[Count, ...]  # node of the last turn of ended attempts without success
    weak_replies: tuple[Count, ...]  # reply keys chosen with points summing to <= 0

    @property
    def pass_rate(self) -> float | None:
        """Share of ended attempts (completed or abandoned) that passed; None before any."""
        ended = self.completed + self.abandoned
        return self.passed / ended if ended else None


@dataclass(frozen=True, slots=True)
class AnswerCount:
    """How often one answer was given to a quiz item, as the trainees saw it."""

    answer: str  # the answer as shown: an option's text, or the words or number typed
    count: int
    correct: bool


@dataclass(frozen=True, slots=True)
class ItemStatistics:
    """How one quiz item performs: see `quiz_item_statistics` for the formulas."""

    item_id: str
    topic: str | None
    attempts: int  # completed attempts that asked it
    correct: int
    difficulty: float  # share of those attempts that answered it fully right
    discrimination: float | None  # upper-lower 27% index; None under 2 attempts
    group_size: int  # attempts in each of the upper and lower groups
    flags: tuple[str, ...]  # why it is worth rewriting, in words; empty when it is fine
    answers: tuple[AnswerCount, ...] = ()  # the answers given, most often first

    @property
    def worth_rewriting(self) -> bool:
        return bool(self.flags)


@dataclass(frozen=True, slots=True)
class SkillPoint:
    """One skill's score in one completed attempt, for a chart of a trainee's progress."""

    attempt_id: str
    content_id: str
    started_at: datetime
    skill: str
    percent: float


HEALTHY_DEAL_RATE = 0.1  # company guidance: one deal in ten clients called is a healthy funnel


@dataclass(frozen=True, slots=True)
class Funnel:
    """Calls and how many ended in each result that moves a client on.

    A call counts once, at the result it ended in (a deal is not also a meeting; a deal only
    in a call that passed), as the trainees table, the trainee's home, the call log and the
    exports count it (`history.call_counts`).
    """

    calls: int  # practice and exam calls completed or abandoned
    meetings: int  # ended with a meeting booked
    applications: int  # ended with an application
    deals: int  # ended with a deal
    hang_ups: int = 0  # ended with the client hanging up
    exam_calls: int = 0  # of the calls, those of the final exam

    @property
    def deal_rate(self) -> float | None:
        return self.deals / self.calls if self.calls else None

    @property
    def healthy(self) -> bool:
        """At least one deal in ten calls."""
        rate = self.deal_rate
        return rate is not None and rate >= HEALTHY_DEAL_RATE


@dataclass(frozen=True, slots=True)
class TraineeRow:
    """One trainee on the mentor's list: figures, programme status and flags worth a look."""

    trainee: Trainee
    history: TraineeHistory
    status: ProgrammeStatus | None  # None when no programme was given
    product_quiz_best: float | None  # percent; None when not taken or no programme given
    calls_made: int
    applications: int
    deals: int
    meetings: int
    hang_ups: int
    exam_attempts_used: int
    exam_attempts_allowed: int  # the programme's attempts plus retakes granted
    exam_passed: bool
    last_activity: datetime | None  # None: nothing done since signing up
    stalled: bool  # nothing done for the given number of days
    repeated_hang_ups: bool  # at least 3 of the last 5 calls hung up
    exam_locked: bool  # every exam attempt used without a pass
    # short hashes of files other than the content in use's that attempts were played on
    other_content: tuple[str, ...] = ()

    @property
    def stage(self) -> StageStatus | None:
        """The first stage that is open and not done; None when all are done or no programme."""
        return None if self.status is None else self.status.current

    @property
    def flags(self) -> tuple[str, ...]:
        """The flags that are up, in words."""
        words = (
            (self.stalled, "stalled"),
            (self.repeated_hang_ups, "repeated hang-ups"),
            (self.exam_locked, "exam locked"),
            (
                bool(self.other_content),
                f"played on other content ({', '.join(self.other_content)})",
            ),
        )
        return tuple(word for up, word in words if up)
