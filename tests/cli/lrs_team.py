"""The records the LRS tests push: a team's calls, quizzes and exam, seeded through the store."""

from __future__ import annotations

from pathlib import Path

from tests.cli.conftest import PASSPHRASE, store_call
from tests.store.test_xapi import QUIZ
from trainer.content.loader import load_content
from trainer.engine.quiz import QuizAttempt
from trainer.engine.session import Session
from trainer.engine.turns import Mode
from trainer.store.attempts import finish_attempt, record_turn, start_attempt
from trainer.store.database import open_store
from trainer.store.exams import start_exam_attempt
from trainer.store.mentors import add_mentor
from trainer.store.quizzes import finish_quiz_attempt, record_answer, start_quiz_attempt
from trainer.store.reviews import override_attempt
from trainer.store.trainees import add_trainee

MENTOR = "Olga"


def seed(mini: Path, path: Path) -> dict[str, str]:
    """A team's records through the engine and the store: calls (typed, picked, abandoned, in
    progress), a quiz, an exam, a mentor's override. Returns the attempt ids by what they are."""
    content = load_content(mini)
    ids: dict[str, str] = {}
    with open_store(path) as records:
        add_mentor(records, MENTOR, PASSPHRASE)
        anna, boris = add_trainee(records, "Anna"), add_trainee(records, "Boris")
        moves = [("say", "Hello Ivan, this is Anna from Northline."), ("pick", "ask")]
        ids["won"] = store_call(records, content, anna.id, [*moves, ("pick", "meet")], seed=3)
        ids["lost"] = store_call(
            records, content, boris.id, [("pick", "push"), ("pick", "push_again")], seed=4
        )
        override_attempt(records, ids["lost"], MENTOR, reason="The line dropped", passed=True)
        override_attempt(records, ids["lost"], MENTOR, reason="Rescored by hand", score=55.0)

        scenario = content.scenario("first_call")
        session = Session(content, scenario, seed=5)
        started = start_attempt(
            records,
            boris.id,
            kind="call",
            content_id=scenario.id,
            content_hash=scenario.digest,
            seed=5,
            mode="practice",
            persona_id="ivan",
        )
        ids["open"] = started.id
        for turn in [*session.turns, *session.choose("intro")]:
            record_turn(records, started.id, turn)
        session.close()

        quiz = QuizAttempt(QUIZ, 7)
        taken = start_quiz_attempt(records, anna.id, quiz_id=QUIZ.id, content_hash="d", seed=7)
        for question in quiz.questions:  # the box right, the warranty wrong: 50%, failed
            given: object = "a" if question.id == "box" else False
            record_answer(records, taken.id, quiz.answer(question, given))
        finish_quiz_attempt(records, taken.id, quiz.finish())
        ids["quiz"] = taken.id

        exam = Session(content, scenario, mode=Mode.EXAM, seed=9)
        sitting = start_exam_attempt(
            records,
            anna.id,
            content_id=scenario.id,
            content_hash=scenario.digest,
            seed=9,
            persona_id="ivan",
            allowed=2,
        )
        for turn in [*exam.turns, *exam.choose("intro"), *exam.choose("ask")]:
            record_turn(records, sitting.id, turn)
        for turn in exam.choose("meet"):
            record_turn(records, sitting.id, turn)
        finish_attempt(records, sitting.id, exam.score())
        exam.close()
        ids["exam"] = sitting.id
    return ids
