"""The records as xAPI statements: the mapping, stable ids, nothing of the exam's key."""

from __future__ import annotations

import io
import json
import uuid
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest

from tests.store.conftest import MENTOR, SkillLine, call, client, reply
from trainer.content.quiz.model import ItemType, Option, Quiz, QuizItem, QuizMode, Topic
from trainer.engine.quiz import QuizAttempt
from trainer.engine.turns import Speaker, Turn
from trainer.store.database import Store
from trainer.store.mentors import Mentor
from trainer.store.models import Trainee
from trainer.store.quizzes import finish_quiz_attempt, record_answer, start_quiz_attempt
from trainer.store.reviews import override_attempt
from trainer.store.transcripts import transcript
from trainer.store.xapi import (
    EXTENSIONS,
    iso_duration,
    statement_id,
    statements_for,
    statements_xapi,
    write_xapi,
)

HOME = "https://northline.example"

QUIZ = Quiz(
    id="mini_quiz",
    title="Mini quiz",
    stage=2,
    mode=QuizMode.GRADED,
    pass_mark=75.0,
    items=(
        QuizItem(
            "box",
            ItemType.SINGLE,
            "How many phones in a box?",
            "See the packaging.",
            topic=Topic.PACKAGING,
            options=(Option("a", "One", correct=True), Option("b", "Ten")),
        ),
        QuizItem(
            "warranty",
            ItemType.TRUE_FALSE,
            "Two-year warranty?",
            "See the product card.",
            topic=Topic.CHARACTERISTICS,
            truth=True,
        ),
    ),
    path=Path("mini_quiz.yaml"),
    digest="quiz-digest",
)


def verbs(statements: list[dict[str, object]]) -> list[str]:
    return [s["verb"]["display"]["en-US"] for s in statements]  # type: ignore[index]


def test_a_call_is_attempted_answered_turn_by_turn_and_passed(
    store: Store, trainee: Trainee
) -> None:
    attempt = call(
        store,
        trainee.id,
        turns=[
            client(0, "hello"),
            replace(
                reply(
                    1, "hello", "intro", {"first_impression": 2}, typed="Hi, Anna from Northline"
                ),
                facts={"found": {"products": ["S24P"]}},
            ),
            client(2, "needs"),
            reply(3, "needs", "ask", {"needs_discovery": 3}),
        ],
        outcome="meeting",
        percent=83.5,
        skills=(SkillLine("first_impression", 2, 2, 100), SkillLine("tact", 1, 2, 50)),
    )
    record = transcript(store, attempt.id)
    statements = statements_for(HOME, record)
    assert verbs(statements) == ["attempted", "responded", "responded", "passed"]

    actor = {
        "objectType": "Agent",
        "name": "Ann Lee",
        "account": {"homePage": HOME, "name": str(trainee.id)},
    }
    assert all(s["actor"] == actor for s in statements)
    registration = str(uuid.UUID(hex=attempt.id))
    assert {s["context"]["registration"] for s in statements} == {registration}
    assert {s["version"] for s in statements} == {"1.0.3"}

    started, typed, picked, ended = statements
    assert started["object"] == {
        "objectType": "Activity",
        "id": f"{HOME}/trainer/call/first_call",
        "definition": {"type": "http://adlnet.gov/expapi/activities/simulation"},
    }
    assert started["timestamp"] == record.attempt.started_at.isoformat()
    assert started["context"]["extensions"][EXTENSIONS["scenario"]] == {
        "id": "first_call",
        "version": "h",
        "persona": "ivan",
    }

    assert typed["object"]["id"] == f"{HOME}/trainer/call/first_call/nodes/hello"
    assert typed["result"]["response"] == "Hi, Anna from Northline"
    assert typed["result"]["extensions"][EXTENSIONS["reply"]] == {
        "turn": 1,
        "typed": True,
        "reply": "hello/intro",
        "points": {"first_impression": 2},
        "hint_used": False,
        "confidence": 75.0,
        "facts": {"found": {"products": ["S24P"]}},
    }
    assert typed["context"]["contextActivities"] == {"parent": [{"id": started["object"]["id"]}]}
    assert picked["result"]["response"] == "reply ask"

    assert ended["verb"]["id"] == "http://adlnet.gov/expapi/verbs/passed"
    assert ended["result"]["score"] == {"scaled": 0.835, "raw": 83.5, "min": 0, "max": 100}
    assert ended["result"]["success"] is True and ended["result"]["completion"] is True
    assert ended["result"]["extensions"] == {
        EXTENSIONS["outcome"]: "meeting",
        EXTENSIONS["skills"]: [
            {"skill": "first_impression", "earned": 2, "best": 2, "percent": 100},
            {"skill": "tact", "earned": 1, "best": 2, "percent": 50},
        ],
    }
    assert record.attempt.ended_at is not None
    assert ended["timestamp"] == record.attempt.ended_at.isoformat()


def test_ids_are_stable_unique_and_derived_from_the_records(store: Store, trainee: Trainee) -> None:
    """The same records give the same statements; two attempts never share an id."""
    turns = [client(0, "hello"), reply(1, "hello", "intro", {})]
    first = transcript(store, call(store, trainee.id, turns=turns).id)
    second = transcript(store, call(store, trainee.id, turns=turns).id)
    once, again = statements_for(HOME, first), statements_for(HOME, first)
    assert once == again
    ids = [s["id"] for s in [*once, *statements_for(HOME, second)]]
    assert len(set(ids)) == len(ids) == 6
    assert once[0]["id"] == statement_id(f"attempt/{first.attempt.id}/attempted")
    assert uuid.UUID(once[0]["id"]).version == 5
    # The ids do not depend on the home page: the same record is the same statement.
    assert [s["id"] for s in statements_for("https://other.example", first)] == ids[:3]


def test_an_abandoned_call_is_abandoned_and_not_complete(store: Store, trainee: Trainee) -> None:
    attempt = call(store, trainee.id, turns=[client(0, "hello")], outcome=None)
    _, ended = statements_for(HOME, transcript(store, attempt.id))
    assert ended["verb"]["id"] == "https://w3id.org/xapi/adl/verbs/abandoned"
    assert ended["result"]["completion"] is False
    assert "success" not in ended["result"] and "score" not in ended["result"]


def test_a_call_in_progress_is_only_attempted(store: Store, trainee: Trainee) -> None:
    from trainer.store.attempts import record_turn, start_attempt

    attempt = start_attempt(
        store,
        trainee.id,
        kind="call",
        content_id="first_call",
        content_hash="h",
        seed=1,
        mode="practice",
        persona_id="ivan",
    )
    record_turn(store, attempt.id, reply(0, "hello", "intro", {}))
    assert verbs(statements_for(HOME, transcript(store, attempt.id))) == ["attempted", "responded"]


def test_the_exam_is_one_activity_and_its_turns_carry_no_key(
    store: Store, trainee: Trainee
) -> None:
    """An LMS may show learners their own statements: the exam's replies and points stay out."""
    attempt = call(
        store,
        trainee.id,
        kind="exam",
        content_id="final_exam_clinic_group",
        turns=[
            client(0, "open"),
            replace(
                reply(1, "open", "discount", {"closing": 4}, typed="10% off"),
                facts={"found": {"percents": [10.0]}, "mismatches": ["the tier is 8%"]},
            ),
        ],
        outcome="deal",
        percent=91.0,
    )
    started, said, ended = statements_for(HOME, transcript(store, attempt.id))
    assert started["object"]["id"] == f"{HOME}/trainer/exam"
    assert started["object"]["definition"]["type"].endswith("/activities/assessment")
    assert started["context"]["extensions"][EXTENSIONS["attempt"]]["mode"] == "exam"
    assert said["result"]["response"] == "10% off"
    assert said["result"]["extensions"][EXTENSIONS["reply"]] == {"turn": 1, "typed": True}
    assert said["object"] == started["object"]  # the exam itself, not one of its nodes
    for secret in ("discount", "closing", '"open"', "/nodes/", "tier", "percents"):
        assert secret not in json.dumps(said), secret
    assert verbs([ended]) == ["passed"]


def test_overrides_state_the_result_that_counts_signed_by_the_mentor(
    store: Store, trainee: Trainee, mentor: Mentor
) -> None:
    attempt = call(store, trainee.id, outcome="hung_up", percent=40.0, passed=False)
    override_attempt(store, attempt.id, MENTOR, reason="The client's line dropped", passed=True)
    override_attempt(store, attempt.id, MENTOR, reason="Rescored by hand", score=65.0)
    statements = statements_for(HOME, transcript(store, attempt.id))
    assert verbs(statements) == ["attempted", "failed", "passed", "passed"]
    first, second = statements[2:]
    assert first["result"] == {
        "score": {"scaled": 0.4, "raw": 40.0, "min": 0, "max": 100},
        "success": True,
    }
    assert second["result"] == {
        "score": {"scaled": 0.65, "raw": 65.0, "min": 0, "max": 100},
        "success": True,
    }
    assert second["context"]["instructor"] == {
        "objectType": "Agent",
        "name": MENTOR,
        "account": {"homePage": HOME, "name": f"mentor:{MENTOR}"},
    }
    change = second["context"]["extensions"][EXTENSIONS["override"]]
    assert change["reason"] == "Rescored by hand" and change["score"] == 65.0
    assert change["passed"] is None and change["original"] == {"score": 40.0, "passed": False}


def test_a_score_only_override_of_an_attempt_without_a_pass_is_scored(
    store: Store, trainee: Trainee, mentor: Mentor
) -> None:
    attempt = call(store, trainee.id, outcome=None)  # abandoned: neither score nor pass
    override_attempt(store, attempt.id, MENTOR, reason="Half the call was good", score=50.0)
    assert verbs(statements_for(HOME, transcript(store, attempt.id)))[-1] == "scored"


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (0, "PT0S"),
        (0.004, "PT0S"),
        (0.47, "PT0.47S"),
        (59.999, "PT1M"),
        (61.5, "PT1M1.5S"),
        (3600, "PT1H"),
        (3725.25, "PT1H2M5.25S"),
        (-3, "PT0S"),
    ],
)
def test_durations_are_iso_8601_to_the_hundredth(seconds: float, text: str) -> None:
    assert iso_duration(seconds) == text


def test_the_duration_is_the_time_from_start_to_end(store: Store, trainee: Trainee) -> None:
    record = transcript(store, call(store, trainee.id).id)
    assert record.attempt.ended_at is not None
    attempt = replace(
        record.attempt, ended_at=record.attempt.started_at + timedelta(minutes=3, seconds=2.5)
    )
    ended = statements_for(HOME, replace(record, attempt=attempt))[-1]
    assert ended["result"]["duration"] == "PT3M2.5S"


def test_json_lines_keep_one_statement_a_line_whatever_was_typed(
    store: Store, trainee: Trainee
) -> None:
    """Newlines, line separators and escape sequences stay inside their line, as `\\u` escapes.

    The store cleans typed words as they are recorded; the export does not count on it.
    """
    typed = "one\ntwo\u2028three\x85four\x1b[2J\u202efive"
    attempt = call(store, trainee.id, turns=[reply(0, "hello", "intro", {}, typed="hello")])
    record = transcript(store, attempt.id)
    record = replace(record, turns=(replace(record.turns[0], text=typed),))
    text = statements_xapi([record], homepage=HOME)
    lines = text.splitlines()  # Python splits on U+2028 and NEL too
    assert len(lines) == 3 and text.endswith("\n")
    assert json.loads(lines[1])["result"]["response"] == typed
    assert "\x1b" not in text and "\u202e" not in text


def test_write_xapi_counts_attempts(store: Store, trainee: Trainee) -> None:
    records = [transcript(store, call(store, trainee.id).id) for _ in range(2)]
    out = io.StringIO()
    assert write_xapi(records, out, homepage=HOME) == 2
    assert len(out.getvalue().splitlines()) == 4
    assert write_xapi([], io.StringIO(), homepage=HOME) == 0


def test_quiz_answers_are_answered_with_their_score_and_time(
    store: Store, trainee: Trainee
) -> None:
    now = [100.0]
    quiz = QuizAttempt(QUIZ, 7, clock=lambda: now[0])
    attempt = start_quiz_attempt(store, trainee.id, quiz_id=QUIZ.id, content_hash="d", seed=7)
    for question in quiz.questions:
        now[0] += 7.25
        given: object = "a" if question.id == "box" else False
        record_answer(store, attempt.id, quiz.answer(question, given))
    finish_quiz_attempt(store, attempt.id, quiz.finish())
    statements = statements_for(HOME, transcript(store, attempt.id))
    assert verbs(statements) == ["attempted", "answered", "answered", "failed"]
    by_item = {s["object"]["id"].rsplit("/", 1)[-1]: s for s in statements[1:3]}
    box, warranty = by_item["box"], by_item["warranty"]
    assert box["object"]["id"] == f"{HOME}/trainer/quiz/mini_quiz/items/box"
    assert box["object"]["definition"]["type"] == "http://adlnet.gov/expapi/activities/question"
    assert box["result"]["success"] is True and box["result"]["response"] == "One"
    assert box["result"]["score"] == {"raw": 1.0, "min": 0.0, "max": 1.0, "scaled": 1.0}
    assert warranty["result"]["success"] is False
    assert warranty["result"]["score"]["raw"] == 0.0
    assert box["result"]["duration"] == warranty["result"]["duration"] == "PT7.25S"
    assert statements[0]["context"]["extensions"][EXTENSIONS["quiz"]] == {
        "id": "mini_quiz",
        "version": "d",
    }


def test_a_turn_of_the_client_is_no_statement(store: Store, trainee: Trainee) -> None:
    said = Turn(index=0, speaker=Speaker.SYSTEM, name="", text="The line is busy.", node="hello")
    attempt = call(store, trainee.id, turns=[said, client(1, "hello")])
    assert verbs(statements_for(HOME, transcript(store, attempt.id))) == ["attempted", "passed"]
