"""The trainee's routes into and out of attempts: calls (the exam's confirmation), quizzes, and
the stored attempts reopened from home.
"""

from __future__ import annotations

import dataclasses
from functools import partial
from typing import TYPE_CHECKING

from trainer.content.scenario.model import Outcome
from trainer.engine.programme import StageState
from trainer.engine.scoring import calibrate, score_call
from trainer.engine.turns import Mode, Speaker
from trainer.errors import StoreError
from trainer.services import calls, records, stages
from trainer.services.quizzes import QuizSummary, from_stored
from trainer.services.stages import Item, ItemKind, is_exam, stage_number
from trainer.ui import messages
from trainer.ui.routes import screens
from trainer.ui.routes.programme import (
    locked_because,
    programme_status,
    show_briefing,
    show_certificate,
    signed_in_trainee,
)

if TYPE_CHECKING:
    from trainer.ui.routes.router import Router


def call_requested(router: Router, intent: messages.CallRequested) -> None:
    """Start the call, behind the gate; the exam first draws its variant and asks to confirm."""
    if router.trainee is None:
        return
    item = Item(ItemKind.SCENARIO, intent.scenario_id)
    reason = locked_because(router, item)
    if reason is not None:
        router.notify_locked(reason)
        return
    programme = router.content.programme
    if not router.content.scenario(intent.scenario_id).exam:
        _start_call(router, intent, None)
        return
    if intent.resume is not None:
        router.app.notify("The final exam is never picked up again.", severity="warning")
        return
    draw = router.exam_draw
    if draw is None or draw.scenario_id != intent.scenario_id:
        # A retake from the scorecard, or an exam asked for by name: draw the variant first.
        show_briefing(router, intent.scenario_id)
        return
    status = programme_status(router)
    if status is None:
        left = "the records count every attempt"
    else:
        exam = status.exam
        left = f"{exam.attempts_left} of {exam.attempts_allowed} left"
    attempts = None if programme is None else programme.exam.exam_attempts
    router.app.push_screen(
        screens.CONFIRM.load()(
            "Start the final exam now?",
            f"This uses one of your exam attempts ({left}). Once it starts it counts, "
            "even if you hang up, quit or the computer crashes. No hints, meters or coach "
            "notes until the call ends.",
            yes="Start the exam",
            no="Not now",
            danger=True,
        ),
        partial(_exam_confirmed, router, intent, attempts, draw),
    )


def _exam_confirmed(
    router: Router,
    intent: messages.CallRequested,
    attempts: int | None,
    draw: calls.ExamDraw,
    confirmed: bool | None,
) -> None:
    if confirmed:
        router.exam_draw = None  # a draw is used once
        _start_call(router, intent, attempts, draw)


def _start_call(
    router: Router,
    intent: messages.CallRequested,
    exam_attempts: int | None,
    draw: calls.ExamDraw | None = None,
) -> None:
    seed = draw.seed if draw is not None else router.seeds.randrange(1, 2**31)
    call = screens.CALL.load()(
        router.content,
        router.store,
        signed_in_trainee(router),
        router.content.scenario(intent.scenario_id),
        router.content.persona(intent.persona_id),
        intent.mode,
        seed,
        typing_delay=router.typing_delay,
        clock=router.clock,
        exam_attempts=exam_attempts,
        exam_pool=(draw.pool or None) if draw is not None else None,
        attempt=draw.attempt if draw is not None else 1,
        attempts_left=draw.left_after if draw is not None else None,
        resume=intent.resume,
    )
    router.back_to_home()
    router.app.push_screen(call)


def call_finished(router: Router, intent: messages.CallFinished) -> None:
    """The call's scorecard in place of the call; a passed exam opens the certificate too."""
    result = intent.result
    try:
        previous = records.previous_percent(
            router.store, signed_in_trainee(router).id, result.scenario_id, result.attempt_id
        )
    except StoreError as error:
        router.app.log.error(f"no previous score for the scorecard: {error}")
        previous = None
    exam = is_exam(router.content, Item(ItemKind.SCENARIO, result.scenario_id))
    passed_exam = result.score.passed and exam
    router.app.switch_screen(
        screens.SCORECARD.load()(
            router.content,
            result,
            previous,
            certificate=passed_exam,
            exam_left=exam_attempts_left(router) if exam and not passed_exam else None,
        )
    )
    if passed_exam:
        show_certificate(router)


def exam_attempts_left(router: Router) -> int | None:
    """The exam attempts the trainee has left now, by the records; None when unknown."""
    programme = router.content.programme
    if programme is None or router.trainee is None:
        return None
    try:
        status = stages.trainee_status(router.store, router.trainee.id, programme)
    except StoreError as error:
        router.app.log.error(f"no exam status for the scorecard: {error}")
        return None
    return status.exam.attempts_left


def transcript_requested(router: Router, intent: messages.TranscriptRequested) -> None:
    """One of the trainee's own attempts, turn by turn."""
    try:
        review = records.review(router.store, signed_in_trainee(router).id, intent.attempt_id)
    except StoreError as error:
        router.app.notify(
            str(error), title="Cannot open that attempt", severity="error", markup=False
        )
        return
    router.app.push_screen(
        screens.TRANSCRIPT.load()(router.content, review, heard=_heard(router, review))
    )


def _heard(router: Router, review: records.Review) -> dict[int, str]:
    """How each typed turn of a practice call was heard ("heard as reply 2 (71%)"), by index.

    Not for the exam: the reply each line was taken for would show the exam's key.
    """
    if review.attempt.mode is not Mode.PRACTICE or not any(t.typed for t in review.turns):
        return {}
    trainee = signed_in_trainee(router)
    try:
        played = calls.replay_attempt(
            router.store, trainee.id, router.content, review.attempt.id, trainee.name
        )
    except StoreError as error:
        router.app.log.error(f"could not replay the attempt for its transcript: {error}")
        return {}
    if played is None:
        return {}
    heard = {turn.index: played.heard_as(turn) for turn in review.turns}
    return {index: words for index, words in heard.items() if words is not None}


def attempt_opened(router: Router, intent: messages.AttemptOpened) -> None:
    """A stored attempt: a quiz opens its result, a finished call its scorecard, else its
    transcript."""
    try:
        line = records.attempt_line(router.store, signed_in_trainee(router).id, intent.attempt_id)
        if line.kind is records.QUIZ_KIND:
            _open_stored_quiz(router, line)
            return
        scenario = router.content.scenarios.get(line.content_id)
        if (
            line.status is not records.AttemptStatus.COMPLETED
            or scenario is None
            or line.outcome is None
        ):
            unfinished = calls.unfinished_call(
                router.store, signed_in_trainee(router).id, router.content, line.content_id
            )
            if unfinished is not None and unfinished.attempt_id == line.id:
                # A call left in the middle: its briefing offers to pick it up again.
                show_briefing(router, line.content_id)
                return
            transcript_requested(router, messages.TranscriptRequested(line.id))
            return
        _open_stored_call(router, line)
    except StoreError as error:
        router.app.notify(
            str(error), title="Cannot open that attempt", severity="error", markup=False
        )


def _open_stored_quiz(router: Router, line: records.AttemptLine) -> None:
    quiz = router.content.quizzes.get(line.content_id)
    if quiz is None:
        router.app.notify(
            f"The quiz '{line.content_id}' is no longer in the content.",
            title="Cannot open that attempt",
            severity="warning",
            markup=False,
        )
        return
    stored = records.stored_quiz(router.store, signed_in_trainee(router).id, line.id)
    summary = from_stored(quiz, line.id, stored.seed, line.percent, line.passed, stored.answers)
    left = (
        "You left this attempt before answering any question; it does not count."
        if line.status is records.AttemptStatus.ABANDONED
        else ""
    )
    router.app.push_screen(
        screens.QUIZ_RESULT.load()(summary, next_step=left, mentor=stored.mentor)
    )


def _open_stored_call(router: Router, line: records.AttemptLine) -> None:
    scenario = router.content.scenario(line.content_id)
    stored = records.stored_call(router.store, signed_in_trainee(router).id, line.id)
    try:
        outcome = Outcome(line.outcome or Outcome.LOST.value)
    except ValueError:
        outcome = Outcome.LOST
    said = [tag for turn in stored.turns if turn.speaker is Speaker.TRAINEE for tag in turn.tags]
    score = score_call(
        scenario,
        router.content.rubric,
        calibrate(scenario, router.content.rubric),
        stored.earned,
        outcome,
        said,
    )
    if line.percent is not None and line.passed is not None:
        score = dataclasses.replace(score, percent=line.percent, passed=line.passed)
    persona_id = line.persona_id or scenario.personas[0]
    result = messages.CallResult(
        attempt_id=line.id,
        scenario_id=scenario.id,
        persona_id=persona_id,
        mode=line.mode,
        score=score,
        turns=stored.turns,
        ending_note="",
    )
    previous = records.previous_percent(
        router.store, signed_in_trainee(router).id, scenario.id, line.id
    )
    exam = is_exam(router.content, Item(ItemKind.SCENARIO, scenario.id))
    # The result that counts is the mentor's once they changed it: a pass they withdrew gives
    # no certificate, and a fail they turned into a pass does.
    _, passed = stored.mentor.counted(line.percent, line.passed)
    passed_exam = bool(passed) and exam
    router.app.push_screen(
        screens.SCORECARD.load()(
            router.content,
            result,
            previous,
            mentor=stored.mentor,
            certificate=passed_exam,
            exam_left=(
                exam_attempts_left(router)
                if exam and not passed_exam and stored.mentor.changed_by is not None
                else None
            ),
        )
    )


def quiz_start_requested(router: Router, intent: messages.QuizStartRequested) -> None:
    """Start the quiz on top of home, behind the gate."""
    if router.trainee is None:
        return
    reason = locked_because(router, Item(ItemKind.QUIZ, intent.quiz_id))
    if reason is not None:
        router.notify_locked(reason)
        return
    quiz = router.content.quizzes[intent.quiz_id]
    screen = screens.QUIZ.load()(
        router.store,
        signed_in_trainee(router),
        quiz,
        router.seeds.randrange(1, 2**31),
        clock=router.clock,
    )
    router.back_to_home()
    router.app.push_screen(screen)


def quiz_finished(router: Router, intent: messages.QuizFinished) -> None:
    """The quiz's result in place of the quiz, with what it means for the programme."""
    summary = intent.summary
    router.app.switch_screen(
        screens.QUIZ_RESULT.load()(summary, next_step=_after_quiz(router, summary))
    )


def _after_quiz(router: Router, summary: QuizSummary) -> str:
    """What passing (or not) the quiz means for the programme, in one sentence."""
    if not summary.passed:
        return (
            f"You need {summary.pass_mark:g}% to pass. Read the explanations below, "
            "then press r to take it again."
        )
    number = stage_number(router.content, Item(ItemKind.QUIZ, summary.quiz.id))
    try:
        status = programme_status(router)
    except StoreError:
        return ""
    if status is None or number is None or number >= len(status.stages):
        return ""
    following = status.stages[number]
    if following.state is StageState.LOCKED:
        return ""
    return f"Stage {following.number}, {following.title}, is open now."
