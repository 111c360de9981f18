"""Work under guidance in the programme's rules: open once the exam is passed, done only when a
mentor signs readiness off; and the call log counting exam calls."""

from __future__ import annotations

from dataclasses import replace

from trainer.content.loader import load_content
from trainer.content.paths import bundled_content_dir
from trainer.content.programme import Programme, StageKey
from trainer.engine.programme import (
    QuizRecord,
    StageState,
    TraineeHistory,
    call_log,
    programme_status,
)

DONE, OPEN, LOCKED = StageState.DONE, StageState.OPEN, StageState.LOCKED


def bundled() -> Programme:
    programme = load_content(bundled_content_dir()).programme
    assert programme is not None and programme.work is not None
    return programme


def cleared(programme: Programme) -> TraineeHistory:
    sales = programme.stage(StageKey.SALES)
    quizzes = {stage.quiz.id: QuizRecord(100.0, True) for stage in programme.stages if stage.quiz}
    return TraineeHistory(
        quizzes=quizzes,
        passed_scenarios=frozenset(sales.practice_scenarios),
        exam_attempts_used=1,
        exam_passed=True,
    )


def test_work_opens_with_the_passed_exam_and_closes_with_the_sign_off() -> None:
    programme = bundled()
    history = cleared(programme)
    before = programme_status(programme, replace(history, exam_passed=False))
    assert [stage.state for stage in before.stages][-1] is LOCKED
    assert "pass the exam" in " ".join(before.stages[-1].to_unlock)

    working = programme_status(programme, history)
    assert [stage.state for stage in working.stages] == [DONE, DONE, DONE, DONE, OPEN]
    assert working.cleared and not working.ready
    assert working.current is not None and working.current.key is StageKey.WORK
    assert working.stages[-1].to_finish == (
        "work under guidance until a mentor signs your readiness off",
    )

    signed = programme_status(programme, replace(history, signed_off=True))
    assert [stage.state for stage in signed.stages] == [DONE] * 5
    assert signed.ready and signed.current is None
    assert "programme is complete" in signed.stages[-1].progress


def test_a_sign_off_alone_does_not_skip_the_exam() -> None:
    """A sign-off recorded for a trainee who never passed the exam opens nothing."""
    programme = bundled()
    status = programme_status(programme, TraineeHistory(signed_off=True))
    assert [stage.state for stage in status.stages][:4] == [OPEN, LOCKED, LOCKED, LOCKED]
    assert not status.cleared and not status.ready
    assert status.stages[-1].state is LOCKED
    assert status.current is not None and status.current.key is StageKey.INTRODUCTION


def test_the_call_log_counts_exam_calls_and_marks_them() -> None:
    log = call_log(TraineeHistory(calls_made=6, exam_calls=2, outcomes={"deal": 1, "hung-up": 2}))
    assert (log.calls_made, log.exam_calls, log.deals, log.hang_ups) == (6, 2, 1, 2)
