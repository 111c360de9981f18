"""A team's records as the services write them: calls with hints and typed words, a wrong fact,
quizzes, an exam, a mentor's notes, an override and a retake; for tests that read them back."""

from __future__ import annotations

from dataclasses import dataclass

from tests.services.test_quizzes import right_answer, wrong_answer
from trainer.content.content_set import ContentSet
from trainer.engine.quiz import QuizAttempt
from trainer.engine.session import Session
from trainer.engine.turns import Mode
from trainer.services import quizzes
from trainer.services.calls import RecordedCall, draw_exam
from trainer.store.database import Store
from trainer.store.exams import grant_retake
from trainer.store.mentors import Mentor
from trainer.store.models import Trainee
from trainer.store.reviews import add_note, override_attempt
from trainer.store.trainees import add_trainee


@dataclass(frozen=True)
class Team:
    anna: Trainee
    ben: Trainee
    cleo: Trainee  # signed up, nothing played
    overridden: str  # the attempt a mentor overrode


def play(
    store: Store,
    trainee: Trainee,
    content: ContentSet,
    scenario_id: str,
    *,
    seed: int = 11,
    pick: int = 0,
    attempt: int = 1,
    attempts_left: int | None = None,
) -> str:
    """A call through the service: replies by number from `pick` on, a hint at the second move,
    an offered reply typed as read at every third; hung up after twelve moves."""
    scenario = content.scenario(scenario_id)
    mode = Mode.EXAM if scenario.exam else Mode.PRACTICE
    session = Session(
        content,
        scenario,
        mode=mode,
        seed=seed,
        trainee=trainee.name,
        attempt=attempt,
        attempts_left=attempts_left,
    )
    call = RecordedCall.begin(store, trainee.id, session)
    for move in range(12):
        options = session.options()
        if call.ended or not options:
            break
        if mode is Mode.PRACTICE and move == 1:
            session.hint()
        if move % 3 == 2:
            call.say(options[0].text)
        else:
            call.choose(options[(move + pick) % len(options)].number)
    if not call.ended:
        call.hang_up()
    call.finish()
    return call.attempt_id


def take_quiz(store: Store, trainee: Trainee, content: ContentSet, quiz_id: str, every: int) -> str:
    """A quiz answered right every `every` items and wrong otherwise, finished."""
    attempt = QuizAttempt(content.quizzes[quiz_id], seed=5)
    attempt_id = quizzes.begin_quiz(store, trainee.id, attempt)
    for number, question in enumerate(attempt.questions):
        item = question.item
        given = right_answer(item) if number % every == 0 else wrong_answer(item)
        quizzes.save_answer(store, attempt_id, attempt.answer(question, given))
    quizzes.finish_quiz(store, attempt_id, attempt.finish())
    return attempt_id


def seed_team(store: Store, content: ContentSet, mentor: Mentor) -> Team:
    """Anna plays every practice scenario, a call with a wrong fact, both quizzes and the exam
    twice with a retake between; Ben plays two calls, one abandoned; Cleo nothing."""
    anna, ben = add_trainee(store, "Anna Berg"), add_trainee(store, "Ben Okoro")
    cleo = add_trainee(store, "Cleo Marsh")
    practice = sorted(s.id for s in content.scenarios.values() if not s.exam)
    for scenario_id in practice:
        play(store, anna, content, scenario_id)
        play(store, ben, content, scenario_id, seed=4, pick=1)
    # A typed line stating the wrong product: stored with its mismatch.
    session = Session(content, content.scenario("upsell_volume_deferred"), trainee=anna.name)
    wrong = RecordedCall.begin(store, anna.id, session)
    session.jump("switch_check")
    wrong.say("Then take two S8P switches, 24 ports each, 410 euros each, in stock")
    wrong.abandon()
    take_quiz(store, anna, content, "company_intro", 1)
    take_quiz(store, anna, content, "product_quiz", 2)
    take_quiz(store, ben, content, "product_quiz", 1)
    draw = draw_exam(store, anna.id, content, 3, "")
    assert draw.scenario_id is not None
    exam = Session(
        content,
        content.scenario(draw.scenario_id),
        mode=Mode.EXAM,
        seed=3,
        trainee=anna.name,
        attempt=draw.attempt,
        attempts_left=draw.left_after,
    )
    first = RecordedCall.begin(store, anna.id, exam, offered=draw.pool)
    first.hang_up()
    first.finish()
    grant_retake(store, anna.id, mentor.name, "nerves on the first try")
    draw = draw_exam(store, anna.id, content, 4, "")
    assert draw.scenario_id is not None
    overridden = play(
        store, anna, content, draw.scenario_id, seed=4, attempt=2, attempts_left=draw.left_after
    )
    add_note(store, overridden, mentor.name, "Calm and clear; good questions.")
    add_note(store, overridden, mentor.name, "Name the client sooner.", turn_index=1)
    override_attempt(
        store, overridden, mentor.name, reason="the client line was cut off", score=91, passed=True
    )
    return Team(anna, ben, cleo, overridden)
