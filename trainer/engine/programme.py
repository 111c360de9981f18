"""Programme rules: each stage done, open or locked for a trainee; whether the exam may start.

Pure functions over plain data: the caller (store, UI, CLI) builds a TraineeHistory from its
records and gets back words it can show as they are.
"""

from __future__ import annotations

import random
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum

from trainer.content.programme import Programme, Stage, StageKey
from trainer.content.scenario.kinds import CallType, Outcome


class StageState(StrEnum):
    DONE = "done"
    OPEN = "open"
    LOCKED = "locked"


@dataclass(frozen=True, slots=True)
class QuizRecord:
    """A trainee's record on one quiz."""

    best_percent: float
    passed: bool
    attempts: int = 1


@dataclass(frozen=True, slots=True)
class TraineeHistory:
    """What the rules need to know about one trainee; the caller builds it from the store."""

    quizzes: Mapping[str, QuizRecord] = field(default_factory=dict)  # by quiz id
    passed_scenarios: Collection[str] = (
        frozenset()
    )  # ids of practice scenarios passed at least once
    calls_made: int = 0  # practice and exam calls completed or abandoned
    exam_calls: int = 0  # the exam calls among them
    outcomes: Mapping[str, int] = field(default_factory=dict)  # outcome ("deal", ...) to count
    exam_attempts_used: int = 0  # started attempts, including abandoned ones
    exam_passed: bool = False
    retakes_granted: int = 0
    signed_off: bool = False  # a mentor signed the trainee's readiness to work alone off


@dataclass(frozen=True, slots=True)
class StageStatus:
    number: int
    key: StageKey
    title: str
    state: StageState
    to_unlock: tuple[str, ...]  # locked: what earlier stages still need, in words
    to_finish: tuple[str, ...]  # not done: what this stage still needs, in words
    progress: str  # one line on where the trainee stands, e.g. "best 65%, needs 80%"
    missing_call_types: tuple[CallType, ...] = ()  # sales: kinds of call still to pass


@dataclass(frozen=True, slots=True)
class ExamStatus:
    can_start: bool
    attempts_allowed: int  # the programme's attempts plus retakes granted
    attempts_used: int
    attempts_left: int
    passed: bool
    reason: str  # why it cannot start; "" when it can


@dataclass(frozen=True, slots=True)
class CallLog:
    """The figures the programme says must be recorded for sales training."""

    calls_made: int  # practice and exam calls
    applications: int
    deals: int
    meetings: int
    callbacks: int
    lost: int
    hang_ups: int
    exam_calls: int = 0  # of the calls made, those of the final exam


@dataclass(frozen=True, slots=True)
class ProgrammeStatus:
    stages: tuple[StageStatus, ...]
    exam: ExamStatus
    cleared: bool  # passed the exam: may work with real clients
    call_log: CallLog
    ready: bool = False  # passed the exam and a mentor signed readiness off: programme closed

    @property
    def current(self) -> StageStatus | None:
        """The first stage that is open and not done; None once everything is done."""
        return next((stage for stage in self.stages if stage.state is StageState.OPEN), None)


def programme_status(programme: Programme, history: TraineeHistory) -> ProgrammeStatus:
    """Every stage's state with what is still needed, the exam's availability, and the call log."""
    statuses = []
    pending: list[str] = []  # what the earlier unfinished stages still need
    for stage in programme.stages:
        needs = stage_needs(stage, history)
        if not needs:
            state = StageState.DONE
        elif pending:
            state = StageState.LOCKED
        else:
            state = StageState.OPEN
        statuses.append(
            StageStatus(
                number=stage.number,
                key=stage.key,
                title=stage.title,
                state=state,
                to_unlock=tuple(pending) if state is StageState.LOCKED else (),
                to_finish=tuple(needs),
                progress=stage_progress(stage, history),
                missing_call_types=missing_call_types(stage, history),
            )
        )
        pending.extend(needs)
    return ProgrammeStatus(
        stages=tuple(statuses),
        exam=exam_status(programme, history),
        cleared=history.exam_passed,
        call_log=call_log(history),
        ready=_ready(history),
    )


def stage_needs(stage: Stage, history: TraineeHistory) -> list[str]:
    """What the trainee must still do to finish `stage`, in words; empty when it is done."""
    needs = []
    if stage.quiz is not None:
        record = history.quizzes.get(stage.quiz.id)
        if record is None or not record.passed:
            best = (
                f"best so far {_percent(record.best_percent)}"
                if record is not None
                else "not taken yet"
            )
            mark = _percent(stage.quiz.pass_mark)
            needs.append(f"pass the quiz '{stage.quiz.title}' ({best}, needs {mark})")
    if stage.pass_scenarios:
        missing = stage.pass_scenarios - _practice_passed(stage, history)
        if missing > 0:
            needs.append(f"pass {missing} more practice scenario{'s' if missing != 1 else ''}")
    needs.extend(f"pass a practice {kind.label}" for kind in missing_call_types(stage, history))
    if stage.exam_variants and not history.exam_passed:
        exam = _exam_attempts(stage, history)
        if exam.left > 0:
            left = f"{exam.left} attempt{'s' if exam.left != 1 else ''} left"
            needs.append(f"pass the exam '{stage.exam_title}' ({left})")
        else:
            left = "no attempts left: a mentor must grant a retake"
            needs.append(f"pass the exam '{stage.exam_title}' ({left})")
    if stage.key is StageKey.WORK and not _ready(history):
        needs.append("work under guidance until a mentor signs your readiness off")
    return needs


def stage_progress(stage: Stage, history: TraineeHistory) -> str:
    """One line on where the trainee stands in the stage, whatever its state."""
    parts = []
    if stage.quiz is not None:
        record = history.quizzes.get(stage.quiz.id)
        needs = _percent(stage.quiz.pass_mark)
        if record is None:
            parts.append(f"quiz not taken yet, needs {needs}")
        else:
            verdict = "passed" if record.passed else f"needs {needs}"
            parts.append(f"quiz best {_percent(record.best_percent)}, {verdict}")
    if stage.pass_scenarios:
        done = min(_practice_passed(stage, history), stage.pass_scenarios)
        parts.append(f"{done} of {stage.pass_scenarios} practice scenarios passed")
    kinds = missing_call_types(stage, history)
    if kinds:
        parts.append(f"still to pass: {joined([_a(kind.label) for kind in kinds])}")
    if stage.exam_variants:
        exam = _exam_attempts(stage, history)
        if history.exam_passed:
            parts.append("exam passed: cleared to work with real clients")
        else:
            parts.append(f"exam attempts used {exam.used} of {exam.allowed}")
    if stage.key is StageKey.WORK:
        parts.append(
            "readiness signed off: the programme is complete"
            if _ready(history)
            else "log your work; your mentor signs your readiness off"
        )
    return "; ".join(parts) if parts else "nothing to pass in this stage"


def exam_status(programme: Programme, history: TraineeHistory) -> ExamStatus:
    """Whether the trainee may start an exam attempt now, and how many attempts are left."""
    stage = programme.exam
    exam = _exam_attempts(stage, history)
    earlier = [
        need
        for other in programme.stages
        if other.number < stage.number
        for need in stage_needs(other, history)
    ]
    if history.exam_passed:
        reason = "the exam is passed"
    elif earlier:
        reason = "first " + "; ".join(earlier)
    elif exam.left <= 0:
        reason = (
            f"all {exam.allowed} exam attempts are used; a mentor must grant a retake"
            if exam.allowed != 1
            else "the exam attempt is used; a mentor must grant a retake"
        )
    else:
        reason = ""
    return ExamStatus(
        can_start=not reason,
        attempts_allowed=exam.allowed,
        attempts_used=exam.used,
        attempts_left=exam.left,
        passed=history.exam_passed,
        reason=reason,
    )


def call_log(history: TraineeHistory) -> CallLog:
    """Calls made and how they ended, as the supervisor's report counts them (a deal only in a
    call that passed: the store counts it so)."""

    def count(outcome: Outcome) -> int:
        return int(history.outcomes.get(outcome.value, 0))

    return CallLog(
        calls_made=history.calls_made,
        applications=count(Outcome.APPLICATION),
        deals=count(Outcome.DEAL),
        meetings=count(Outcome.MEETING),
        callbacks=count(Outcome.CALLBACK),
        lost=count(Outcome.LOST),
        hang_ups=count(Outcome.HUNG_UP),
        exam_calls=history.exam_calls,
    )


@dataclass(frozen=True, slots=True)
class _Attempts:
    allowed: int
    used: int

    @property
    def left(self) -> int:
        return max(0, self.allowed - self.used)


def _exam_attempts(stage: Stage, history: TraineeHistory) -> _Attempts:
    return _Attempts(stage.exam_attempts + history.retakes_granted, history.exam_attempts_used)


def eligible_variants(pool: Sequence[str], taken: Sequence[str]) -> tuple[str, ...]:
    """The exam variants an attempt may draw, given the variants taken before, oldest first.

    One the trainee has not had yet; once every variant was had, any but the last one taken
    (so a retake never replays the attempt just failed); a pool of one is always that one.
    """
    fresh = tuple(variant for variant in pool if variant not in taken)
    if fresh:
        return fresh
    others = tuple(variant for variant in pool if not taken or variant != taken[-1])
    return others or tuple(pool)


def draw_exam_variant(pool: Sequence[str], taken: Sequence[str], seed: int) -> str:
    """The variant an exam attempt with `seed` plays: the same seed and history, the same draw."""
    eligible = eligible_variants(pool, taken)
    if not eligible:
        raise ValueError("the exam pool is empty")
    return eligible[random.Random(seed).randrange(len(eligible))]


def with_exam_attempts(programme: Programme, attempts: int) -> Programme:
    """The programme with the exam's attempt limit the records fix, in place of the content's."""
    stages = tuple(
        replace(stage, exam_attempts=attempts) if stage.key is StageKey.EXAM else stage
        for stage in programme.stages
    )
    return replace(programme, stages=stages)


def missing_call_types(stage: Stage, history: TraineeHistory) -> tuple[CallType, ...]:
    """The kinds of call the stage requires of which the trainee has passed no practice call."""
    passed = set(history.passed_scenarios)
    return tuple(
        kind for kind, ids in stage.required_call_types.items() if not passed.intersection(ids)
    )


def _a(words: str) -> str:
    return f"{'an' if words[0] in 'aeiou' else 'a'} {words}"


def joined(needs: tuple[str, ...] | list[str]) -> str:
    """`a`, `a and b`, `a, b and c`."""
    if not needs:
        return ""
    if len(needs) == 1:
        return needs[0]
    return f"{', '.join(needs[:-1])} and {needs[-1]}"


def _ready(history: TraineeHistory) -> bool:
    """Readiness counts only after the exam: real work comes after it."""
    return history.signed_off and history.exam_passed


def _practice_passed(stage: Stage, history: TraineeHistory) -> int:
    return len(set(history.passed_scenarios) & set(stage.practice_scenarios))


def _percent(value: float) -> str:
    return f"{round(value, 1):g}%"
