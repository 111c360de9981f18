"""The app's only door to the store: the few plain functions the screens call, in UI terms.

Screens never import `trainer.store`; when the store's API moves, this module is the one to adapt.
Every read takes the signed-in trainee's id, so a trainee only ever sees their own records.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from trainer.content.content_set import ContentSet
from trainer.content.programme import DEFAULT_EXAM_ATTEMPTS, Programme, StageKey
from trainer.engine.programme import (
    CallLog,
    ProgrammeStatus,
    TraineeHistory,
    call_log,
    draw_exam_variant,
    programme_status,
)
from trainer.engine.quiz import AnswerResult, QuizAttempt, QuizResult
from trainer.engine.scoring import Score
from trainer.engine.session import Session
from trainer.engine.turns import Mode, Turn
from trainer.store.attempts import (
    abandon_attempt,
    abandon_stale_attempts,
    attempts_for,
    finish_attempt,
    get_attempt,
    practice_summary,
    previous_attempt,
    record_turn,
    skills_for,
    start_attempt,
    turns_for,
)
from trainer.store.database import Store as Store
from trainer.store.exams import (
    ExamRules,
    exam_rules,
    exam_rules_for,
    exam_standing,
    start_exam_attempt,
)
from trainer.store.history import programme_in_records, trainee_history
from trainer.store.models import (
    Attempt,
    AttemptKind as AttemptKind,
    AttemptStatus as AttemptStatus,
)
from trainer.store.quizzes import (
    answers_for,
    finish_quiz_attempt,
    record_answer,
    start_quiz_attempt,
)
from trainer.store.reviews import effective_result, notes_for
from trainer.ui.accounts import TraineeCard

CALL_KIND = AttemptKind.CALL
EXAM_KIND = AttemptKind.EXAM
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

    def notes_on(self, turn_index: int | None) -> tuple[MentorNote, ...]:
        return tuple(note for note in self.notes if note.turn_index == turn_index)


@dataclass(frozen=True, slots=True)
class Review:
    """A stored attempt with its transcript, for the read-only transcript screen."""

    attempt: AttemptLine
    turns: tuple[Turn, ...]
    mentor: MentorReview = field(default_factory=MentorReview)


@dataclass(frozen=True, slots=True)
class Progress:
    """Where the trainee stands: the programme's stages (None without one) and the call log."""

    status: ProgrammeStatus | None
    history: TraineeHistory
    call_log: CallLog


@dataclass(frozen=True, slots=True)
class StoredAnswer:
    """One answered quiz item as stored."""

    item_id: str
    number: int
    answer_text: str
    correct: bool
    points: float
    max_points: float


@dataclass(frozen=True, slots=True)
class StoredQuiz:
    """A stored quiz attempt: its record, its seed (to redraw its questions) and its answers."""

    attempt: AttemptLine
    seed: int
    answers: tuple[StoredAnswer, ...]
    mentor: MentorReview


@dataclass(frozen=True, slots=True)
class StoredCall:
    """A stored call or exam with what it takes to rebuild its scorecard."""

    attempt: AttemptLine
    earned: dict[str, float]  # points per skill
    turns: tuple[Turn, ...]
    mentor: MentorReview


@dataclass(frozen=True, slots=True)
class Certificate:
    """What the certificate of a passed final exam says."""

    trainee: str
    programme: str
    scenario_id: str
    passed_on: datetime  # local time
    percent: float
    attempt_id: str


def abandon_stale(store: Store) -> int:
    """Mark abandoned the attempts that a crashed or killed trainer left in progress (turns kept).

    The app does it as it starts, before anyone's records are read; the number abandoned.
    """
    return abandon_stale_attempts(store)


@dataclass(frozen=True, slots=True)
class ExamDraw:
    """The exam variant a trainee's next attempt plays, drawn with `seed`; or why none can."""

    scenario_id: str | None
    seed: int
    refused: str = ""  # in words, when scenario_id is None
    pool: tuple[str, ...] = ()  # the variants it was drawn from, for the store to check again
    attempt: int = 1  # which exam attempt this is, by the records
    left_after: int | None = None  # attempts the records leave after this one


def offered_variants(content: ContentSet, rules: ExamRules) -> tuple[str, ...]:
    """The records' exam variants this content has (accepted as they are now or not)."""
    return tuple(
        variant
        for variant in rules.pool
        if variant in content.scenarios and content.scenarios[variant].exam
    )


def draw_exam(
    store: Store, trainee_id: int, content: ContentSet, seed: int, asked: str
) -> ExamDraw:
    """The variant of the trainee's next exam attempt: one they have not had (see the rules).

    `asked` is the exam the trainee opened; it is the one played only while the records fix no
    exam rules (content without a programme, never used with one).
    """
    rules = exam_rules_for(store, content)
    default = (
        content.programme.exam.exam_attempts
        if content.programme is not None
        else DEFAULT_EXAM_ATTEMPTS
    )
    standing = exam_standing(store, trainee_id, default_attempts=default)
    if standing.passed:
        return ExamDraw(None, seed, "you have passed it already")
    if standing.left <= 0:
        used = len(standing.taken)
        return ExamDraw(
            None,
            seed,
            f"all {used} of {standing.allowed} attempts are used; a mentor must grant a retake",
        )
    attempt, left_after = len(standing.taken) + 1, standing.left - 1
    if rules is None:
        return ExamDraw(asked, seed, attempt=attempt, left_after=left_after)
    offered = offered_variants(content, rules)
    if not offered:
        return ExamDraw(None, seed, "none of the exam's variants is in this content set")
    pool = tuple(v for v in offered if rules.accepts(v, content.scenarios[v].digest))
    if not pool:
        return ExamDraw(
            None,
            seed,
            "the exam has changed since a mentor accepted it; a mentor must review and "
            "accept it before you can take it",
        )
    variant = draw_exam_variant(pool, standing.taken, seed)
    return ExamDraw(variant, seed, pool=pool, attempt=attempt, left_after=left_after)


def begin_call(
    store: Store,
    trainee_id: int,
    session: Session,
    *,
    exam_attempts: int | None = None,
    offered: tuple[str, ...] | None = None,
) -> str:
    """Open an attempt for a call that has just started; returns the attempt's id.

    An exam is always counted by the store against the records' limit (`exam_attempts`, the
    programme's, only fixes it at first use), at a variant of the records' pool (of `offered`,
    the programme's, when given); a StoreError when none is left, in one transaction.
    """
    if session.scenario.exam:
        return start_exam_attempt(
            store,
            trainee_id,
            content_id=session.scenario.id,
            content_hash=session.scenario.digest,
            seed=session.seed,
            persona_id=session.persona.id,
            allowed=DEFAULT_EXAM_ATTEMPTS if exam_attempts is None else exam_attempts,
            offered=offered,
        ).id
    attempt = start_attempt(
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
        record_turn(store, attempt_id, turn)


def finish_call(store: Store, attempt_id: str, score: Score) -> None:
    """Close the attempt as completed with its score."""
    finish_attempt(store, attempt_id, score)


def abandon_call(store: Store, attempt_id: str) -> None:
    """Close an attempt whose call (or quiz) was left before it ended."""
    abandon_attempt(store, attempt_id)


def begin_quiz(store: Store, trainee_id: int, attempt: QuizAttempt) -> str:
    """Open an attempt for a quiz that has just started, with its seed; returns the attempt's id."""
    return start_quiz_attempt(
        store,
        trainee_id,
        quiz_id=attempt.quiz.id,
        content_hash=attempt.quiz.digest,
        seed=attempt.seed,
    ).id


def save_answer(store: Store, attempt_id: str, answer: AnswerResult) -> None:
    """Write one answer at once, so that leaving or a crash loses none."""
    record_answer(store, attempt_id, answer)


def finish_quiz(store: Store, attempt_id: str, result: QuizResult) -> None:
    """Close the quiz attempt as completed with its result."""
    finish_quiz_attempt(store, attempt_id, result)


def progress(store: Store, trainee_id: int, programme: Programme | None) -> Progress:
    """The trainee's stages (when there is a programme) and call log, mentors' changes applied."""
    if programme is None:
        history = trainee_history(store, trainee_id, practice_scenarios=None, exam_scenario=None)
        return Progress(None, history, call_log(history))
    history = trainee_history(
        store,
        trainee_id,
        practice_scenarios=programme.stage(StageKey.SALES).practice_scenarios,
        exam_scenario=None,
    )
    status = programme_status(programme_in_records(store.conn, programme), history)
    return Progress(status, history, status.call_log)


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
    return MentorReview(notes, result.score, result.passed, result.overridden_by)


def stored_quiz(store: Store, trainee_id: int, attempt_id: str) -> StoredQuiz:
    """The trainee's own quiz attempt with its answers, for the result screen."""
    row = get_attempt(store, attempt_id, trainee_id=trainee_id)
    answers = tuple(
        StoredAnswer(
            answer.item_id,
            answer.number,
            answer.answer_text,
            answer.correct,
            answer.points,
            answer.max_points,
        )
        for answer in answers_for(store, attempt_id, trainee_id=trainee_id)
    )
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


def certificate(store: Store, trainee: TraineeCard, programme: Programme) -> Certificate | None:
    """The certificate of the trainee's passed final exam (a mentor's pass counts); None before."""
    rules = exam_rules(store)
    if rules is None:
        return None
    exams = attempts_for(store, trainee.id, kind=EXAM_KIND)
    for row in reversed(exams):  # the first attempt that passed
        result = effective_result(store, row.id, trainee_id=trainee.id)
        # Only an exam whose content a mentor accepted certifies anyone.
        if result.passed and rules.accepts(row.content_id, row.content_hash):
            ended = row.ended_at or row.started_at
            return Certificate(
                trainee=trainee.name,
                programme=programme.title,
                scenario_id=row.content_id,
                passed_on=ended.astimezone(),
                percent=result.score if result.score is not None else 0.0,
                attempt_id=row.id,
            )
    return None


def best_scores(store: Store, trainee_id: int) -> dict[str, tuple[float | None, int]]:
    """Per scenario id: the trainee's best score in percent (None before any) and attempt count."""
    summary = practice_summary(store, trainee_id)
    return {
        content_id: (progress.best_score, progress.attempts)
        for content_id, progress in summary.items()
    }


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


def review(store: Store, trainee_id: int, attempt_id: str) -> Review:
    """The trainee's own attempt with its transcript; a StoreError when it is not theirs."""
    attempt = get_attempt(store, attempt_id, trainee_id=trainee_id)
    turns = tuple(turns_for(store, attempt_id, trainee_id=trainee_id))
    return Review(_attempt(attempt), turns, mentor_review(store, trainee_id, attempt_id))


# -- the store's records in UI terms ------------------------------------------------------------


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
