"""Programme rules: a trainee's path from a fresh start to cleared, exam attempts and the call log."""

from __future__ import annotations

import shutil
from dataclasses import replace

import pytest

from tests.conftest import MINI
from tests.content.test_quiz_programme import programme_set
from trainer.content.loader import load_content, validate
from trainer.content.paths import bundled_content_dir
from trainer.content.programme import Programme, StageKey
from trainer.content.scenario.model import CallType
from trainer.engine.programme import (
    QuizRecord,
    StageState,
    TraineeHistory,
    call_log,
    exam_status,
    programme_status,
)

DONE, OPEN, LOCKED = StageState.DONE, StageState.OPEN, StageState.LOCKED
INTRO_PASSED = {"intro": QuizRecord(90.0, True)}
PRODUCT_PASSED = {**INTRO_PASSED, "phones": QuizRecord(85.0, True)}
READY_FOR_EXAM = TraineeHistory(quizzes=PRODUCT_PASSED, passed_scenarios={"first_call"})


@pytest.fixture(scope="module")
def programme(tmp_path_factory: pytest.TempPathFactory) -> Programme:
    root = tmp_path_factory.mktemp("programme") / "content"
    shutil.copytree(MINI, root)
    loaded = load_content(programme_set(root)).programme
    assert loaded is not None
    return loaded


def states(programme: Programme, history: TraineeHistory) -> list[StageState]:
    return [stage.state for stage in programme_status(programme, history).stages]


@pytest.mark.parametrize(
    "history, expected, cleared",
    [
        (TraineeHistory(), [OPEN, LOCKED, LOCKED, LOCKED], False),
        (
            TraineeHistory(quizzes={"intro": QuizRecord(50.0, False)}),
            [OPEN, LOCKED, LOCKED, LOCKED],
            False,
        ),
        (TraineeHistory(quizzes=INTRO_PASSED), [DONE, OPEN, LOCKED, LOCKED], False),
        (
            TraineeHistory(quizzes={**INTRO_PASSED, "phones": QuizRecord(65, False)}),
            [DONE, OPEN, LOCKED, LOCKED],
            False,
        ),
        (TraineeHistory(quizzes=PRODUCT_PASSED), [DONE, DONE, OPEN, LOCKED], False),
        (READY_FOR_EXAM, [DONE, DONE, DONE, OPEN], False),
        (replace(READY_FOR_EXAM, exam_attempts_used=1), [DONE, DONE, DONE, OPEN], False),
        (
            replace(READY_FOR_EXAM, exam_attempts_used=1, exam_passed=True),
            [DONE, DONE, DONE, DONE],
            True,
        ),
    ],
)
def test_from_a_fresh_trainee_to_cleared(
    programme: Programme, history: TraineeHistory, expected: list[StageState], cleared: bool
) -> None:
    status = programme_status(programme, history)
    assert [stage.state for stage in status.stages] == expected
    assert status.cleared is cleared
    current = status.current
    assert (current.number if current else None) == (
        expected.index(OPEN) + 1 if OPEN in expected else None
    )


def test_a_fresh_trainee_is_told_what_each_stage_needs(programme: Programme) -> None:
    intro, product, sales, exam = programme_status(programme, TraineeHistory()).stages
    assert intro.to_finish == ("pass the quiz 'Introduction check' (not taken yet, needs 70%)",)
    assert intro.to_unlock == ()
    assert product.to_unlock == intro.to_finish
    assert sales.to_unlock == (
        "pass the quiz 'Introduction check' (not taken yet, needs 70%)",
        "pass the quiz 'Phone quiz' (not taken yet, needs 80%)",
    )
    assert exam.to_unlock[-1] == "pass 1 more practice scenario"
    assert exam.to_finish == ("pass the exam 'A first call' (2 attempts left)",)


def test_a_failed_product_quiz_shows_the_best_so_far(programme: Programme) -> None:
    history = TraineeHistory(
        quizzes={**INTRO_PASSED, "phones": QuizRecord(65.0, False, attempts=2)}
    )
    sales = programme_status(programme, history).stages[2]
    assert sales.state is LOCKED
    assert sales.to_unlock == ("pass the quiz 'Phone quiz' (best so far 65%, needs 80%)",)


def test_only_distinct_practice_scenarios_count(programme: Programme) -> None:
    sales = replace(
        programme.stage(StageKey.SALES),
        practice_scenarios=("a", "b", "c", "first_call"),
        pass_scenarios=3,
    )
    bigger = replace(programme, stages=(*programme.stages[:2], sales, programme.stages[3]))
    history = TraineeHistory(
        quizzes=PRODUCT_PASSED,
        passed_scenarios=["a", "a", "final_exam", "unknown"],  # repeats and non-practice ignored
    )
    status = programme_status(bigger, history).stages[2]
    assert status.to_finish == ("pass 2 more practice scenarios",)
    assert status.progress == "1 of 3 practice scenarios passed"
    history = replace(history, passed_scenarios={"a", "b", "first_call"})
    assert programme_status(bigger, history).stages[2].state is DONE


def test_the_exam_opens_only_after_sales_training(programme: Programme) -> None:
    blocked = exam_status(programme, TraineeHistory(quizzes=PRODUCT_PASSED))
    assert not blocked.can_start
    assert blocked.reason == "first pass 1 more practice scenario"
    ready = exam_status(programme, READY_FOR_EXAM)
    assert ready.can_start and ready.reason == ""
    assert (ready.attempts_allowed, ready.attempts_used, ready.attempts_left) == (2, 0, 2)


def test_two_exam_attempts_then_a_granted_retake(programme: Programme) -> None:
    first_failed = replace(READY_FOR_EXAM, exam_attempts_used=1)
    assert exam_status(programme, first_failed).can_start
    assert exam_status(programme, first_failed).attempts_left == 1

    both_failed = replace(READY_FOR_EXAM, exam_attempts_used=2)
    locked = exam_status(programme, both_failed)
    assert not locked.can_start and locked.attempts_left == 0
    assert locked.reason == "all 2 exam attempts are used; a mentor must grant a retake"
    exam_stage = programme_status(programme, both_failed).stages[3]
    assert exam_stage.state is OPEN  # the stage is reached, but its exam is locked
    assert exam_stage.to_finish == (
        "pass the exam 'A first call' (no attempts left: a mentor must grant a retake)",
    )
    assert exam_stage.progress == "exam attempts used 2 of 2"

    retake = replace(both_failed, retakes_granted=1)
    granted = exam_status(programme, retake)
    assert granted.can_start
    assert (granted.attempts_allowed, granted.attempts_left) == (3, 1)

    retake_failed = replace(retake, exam_attempts_used=3)
    assert not exam_status(programme, retake_failed).can_start

    passed = replace(retake_failed, exam_passed=True)
    done = exam_status(programme, passed)
    assert (done.can_start, done.passed, done.reason) == (False, True, "the exam is passed")
    assert programme_status(programme, passed).cleared


def test_a_single_allowed_attempt_is_worded_as_one(programme: Programme) -> None:
    exam = replace(programme.exam, exam_attempts=1)
    one = replace(programme, stages=(*programme.stages[:3], exam))
    history = replace(READY_FOR_EXAM, exam_attempts_used=1)
    assert exam_status(one, history).reason == (
        "the exam attempt is used; a mentor must grant a retake"
    )


def test_the_call_log_counts_outcomes(programme: Programme) -> None:
    history = TraineeHistory(
        calls_made=9,
        outcomes={"deal": 2, "application": 3, "meeting": 1, "hung-up": 2, "lost": 1},
    )
    log = call_log(history)
    assert (log.calls_made, log.applications, log.deals, log.meetings, log.hang_ups) == (
        9,
        3,
        2,
        1,
        2,
    )
    assert (log.callbacks, log.lost) == (0, 1)
    assert programme_status(programme, history).call_log == log


def test_the_stage_progress_lines(programme: Programme) -> None:
    history = TraineeHistory(quizzes={**INTRO_PASSED, "phones": QuizRecord(72.5, False)})
    lines = [stage.progress for stage in programme_status(programme, history).stages]
    assert lines == [
        "quiz best 90%, passed",
        "quiz best 72.5%, needs 80%",
        "0 of 1 practice scenarios passed",
        "exam attempts used 0 of 2",
    ]


def test_an_introduction_without_a_quiz_is_done_from_the_start(programme: Programme) -> None:
    intro = replace(programme.stages[0], quiz=None)
    lenient = replace(programme, stages=(intro, *programme.stages[1:]))
    assert states(lenient, TraineeHistory()) == [DONE, OPEN, LOCKED, LOCKED]
    assert programme_status(lenient, TraineeHistory()).stages[0].progress == (
        "nothing to pass in this stage"
    )


def test_the_bundled_programme() -> None:
    result = validate(bundled_content_dir())
    assert [str(p) for p in result.problems] == []
    assert result.content is not None
    bundled = result.content.programme
    assert bundled is not None
    assert states(bundled, TraineeHistory()) == [OPEN, LOCKED, LOCKED, LOCKED, LOCKED]
    assert bundled.work is not None and bundled.work.targets is not None
    product = bundled.stage(StageKey.PRODUCT).quiz
    assert product is not None and product.id == "product_quiz"
    assert bundled.exam.exam_attempts == 2
    assert bundled.stage(StageKey.SALES).pass_scenarios >= 3


def test_a_required_kind_of_call_keeps_the_exam_closed(programme: Programme) -> None:
    sales = replace(
        programme.stage(StageKey.SALES),
        practice_scenarios=("a", "b", "c", "first_call"),
        pass_scenarios=2,
        required_call_types={CallType.COLD_CALL: ("first_call",), CallType.COMPLAINT: ("c",)},
    )
    mixed = replace(programme, stages=(*programme.stages[:2], sales, programme.stages[3]))
    history = TraineeHistory(quizzes=PRODUCT_PASSED, passed_scenarios={"a", "b"})
    status = programme_status(mixed, history)
    stage = status.stages[2]
    assert stage.state is OPEN  # the count is met, the mix is not
    assert stage.to_finish == ("pass a practice cold call", "pass a practice complaint call")
    assert stage.progress == (
        "2 of 2 practice scenarios passed; still to pass: a cold call and a complaint call"
    )
    assert stage.missing_call_types == (CallType.COLD_CALL, CallType.COMPLAINT)
    assert not status.exam.can_start
    assert "pass a practice cold call" in status.exam.reason
    done = programme_status(mixed, replace(history, passed_scenarios={"a", "first_call", "c"}))
    assert done.stages[2].state is DONE and done.exam.can_start
