"""The programme's rules over the records: where a trainee stands, the stage each item belongs
to, and why it is locked.

The store reads the records; the rules (`trainer.engine.programme`) are applied here, once, for
the trainee's home, the mentor's lists and the command palette alike, so that every "next step"
button obeys the same rules.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from trainer.content.content_set import ContentSet
from trainer.content.programme import Programme, StageKey
from trainer.engine.programme import (
    CallLog,
    ProgrammeStatus,
    StageState,
    StageStatus,
    TraineeHistory,
    call_log,
    joined,
    programme_status,
    with_exam_attempts,
)
from trainer.store.attempts import abandon_stale_attempts
from trainer.store.database import Store
from trainer.store.exams import ExamRules, exam_rules, exam_rules_for
from trainer.store.history import Marks, trainee_history


@dataclass(frozen=True, slots=True)
class Progress:
    """Where the trainee stands: the programme's stages (None without one) and the call log."""

    status: ProgrammeStatus | None
    history: TraineeHistory
    call_log: CallLog


def abandon_stale(store: Store) -> int:
    """Mark abandoned the attempts that a crashed or killed trainer left in progress (turns kept).

    The app does it as it starts, before anyone's records are read; the number abandoned.
    """
    return abandon_stale_attempts(store)


def fix_exam_rules(store: Store, content: ContentSet) -> ExamRules | None:
    """The exam's rules in the records, fixed from `content`'s programme at its first use.

    Later content cannot change them; only a mentor can (`trainer mentor exam`).
    """
    return exam_rules_for(store, content)


def practice_scenarios(programme: Programme) -> tuple[str, ...]:
    """The scenarios whose passed practice calls count towards the sales stage."""
    return programme.stage(StageKey.SALES).practice_scenarios


def programme_marks(programme: Programme) -> Marks:
    """The marks of the content in use that the gates judge stored quiz and call results by."""
    return Marks(
        quizzes={stage.quiz.id: stage.quiz.pass_mark for stage in programme.stages if stage.quiz},
        calls=programme.stage(StageKey.SALES).practice_rules,
    )


def programme_in_records(store: Store, programme: Programme) -> Programme:
    """The programme with the exam's attempt limit the records fix, once they fix one."""
    rules = exam_rules(store)
    return programme if rules is None else with_exam_attempts(programme, rules.attempts)


def trainee_status(store: Store, trainee_id: int, programme: Programme) -> ProgrammeStatus:
    """Each stage done, open or locked for the trainee, the exam's availability and call log."""
    history = _history(store, trainee_id, programme)
    return programme_status(programme_in_records(store, programme), history)


def _history(store: Store, trainee_id: int, programme: Programme) -> TraineeHistory:
    # Every exam attempt counts, whatever its variant (no `exam_scenario`): the exam is a pool,
    # and an exam of a new id in the content in use must not hand out fresh attempts.
    # Quiz and practice results are judged against this content's marks, not the stored flag:
    # a pass scored on a copy with a lower mark must not finish a stage here.
    return trainee_history(
        store,
        trainee_id,
        practice_scenarios=practice_scenarios(programme),
        exam_scenario=None,
        marks=programme_marks(programme),
    )


def progress(store: Store, trainee_id: int, programme: Programme | None) -> Progress:
    """The trainee's stages (when there is a programme) and call log, mentors' changes applied."""
    if programme is None:
        history = trainee_history(store, trainee_id, practice_scenarios=None, exam_scenario=None)
        return Progress(None, history, call_log(history))
    history = _history(store, trainee_id, programme)
    status = programme_status(programme_in_records(store, programme), history)
    return Progress(status, history, status.call_log)


class ItemKind(StrEnum):
    COMPANY = "company"  # the company cards
    CATALOGUE = "catalogue"  # the product catalogue
    QUIZ = "quiz"
    SCENARIO = "scenario"  # a practice call, or the exam
    CERTIFICATE = "certificate"
    WORK_LOG = "work-log"  # the form to log a day of real work
    CALL_LOG = "call-log"  # every call and work-log entry, with filters


@dataclass(frozen=True, slots=True)
class Item:
    """Something the trainee can open from home or the command palette."""

    kind: ItemKind
    id: str = ""

    @property
    def key(self) -> str:
        """The item as an option id, e.g. `quiz:product_quiz`."""
        return f"{self.kind.value}:{self.id}"

    @classmethod
    def parse(cls, key: str) -> Item | None:
        """The item an option id names; None for anything else (stage headings)."""
        kind, _, item_id = key.partition(":")
        try:
            return cls(ItemKind(kind), item_id)
        except ValueError:
            return None


def stage_number(content: ContentSet, item: Item) -> int | None:
    """The programme stage the item belongs to; None when it is outside the programme."""
    programme = content.programme
    if programme is None:
        return None
    if item.kind is ItemKind.COMPANY:
        return StageKey.INTRODUCTION.number
    if item.kind is ItemKind.CATALOGUE:
        return StageKey.PRODUCT.number
    if item.kind is ItemKind.QUIZ:
        return next(
            (s.number for s in programme.stages if s.quiz is not None and s.quiz.id == item.id),
            None,
        )
    if item.kind is ItemKind.CALL_LOG:
        return None  # a record of what was done: always open
    if item.kind is ItemKind.WORK_LOG:
        return None if programme.work is None else StageKey.WORK.number
    if item.kind is ItemKind.SCENARIO:
        if item.id in programme.exam.exam_variants:
            return StageKey.EXAM.number
        if item.id in programme.stage(StageKey.SALES).practice_scenarios:
            return StageKey.SALES.number
        return None
    return StageKey.EXAM.number


def is_exam(content: ContentSet, item: Item) -> bool:
    """Whether the item is the programme's final exam."""
    programme = content.programme
    return (
        programme is not None
        and item.kind is ItemKind.SCENARIO
        and item.id in programme.exam.exam_variants
    )


def lock_reason(content: ContentSet, status: ProgrammeStatus | None, item: Item) -> str | None:
    """Why the item cannot be opened now, as a sentence; None when it can."""
    if status is None:
        return None  # no programme: everything is open
    if item.kind is ItemKind.CERTIFICATE:
        return None if status.cleared else "The certificate comes with a passed final exam."
    number = stage_number(content, item)
    if number is None:
        return None
    stage = status.stages[number - 1]
    if stage.state is StageState.LOCKED:
        return f"{stage.title} opens once you {joined(stage.to_unlock)}."
    if is_exam(content, item) and not status.exam.can_start:
        if status.exam.passed:
            return "You have passed the final exam: your certificate is on the home screen."
        return f"The final exam is locked: {status.exam.reason}."
    return None


def shown_state(status: ProgrammeStatus, stage: StageStatus) -> StageState:
    """The stage's state as home shows it: the exam stage is locked while no attempt is left."""
    exam = status.exam
    if (
        stage.key is StageKey.EXAM
        and stage.state is StageState.OPEN
        and not exam.can_start
        and not exam.passed
    ):
        return StageState.LOCKED
    return stage.state


def stage_note(status: ProgrammeStatus, stage: StageStatus, *, practice: tuple[int, int]) -> str:
    """One line under a stage's title: what unlocks it, or where the trainee stands in it.

    `practice` is (distinct practice scenarios passed, how many the sales stage needs).
    """
    if stage.state is StageState.LOCKED:
        return f"Locked: first {joined(stage.to_unlock)}"
    if stage.key is StageKey.SALES:
        passed, needed = practice
        line = f"Passed {min(passed, needed)} of {needed} distinct scenarios needed"
        if stage.missing_call_types:
            kinds = [f"one {kind.label}" for kind in stage.missing_call_types]
            return f"{line} · still to pass: {joined(kinds)}"
        return line + (" · done: the final exam is open" if stage.state is StageState.DONE else "")
    if stage.key is StageKey.EXAM and not status.exam.passed:
        exam = status.exam
        if not exam.can_start:
            return f"Locked: {exam.reason}"
        left = f"{exam.attempts_left} of {exam.attempts_allowed} attempts left"
        return f"{left}; starting one uses it"
    return stage.progress[:1].upper() + stage.progress[1:]
