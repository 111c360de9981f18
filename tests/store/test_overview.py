"""The mentor's trainees table and a trainee's attempts by stage."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.store.conftest import MENTOR, call, set_started
from tests.store.test_history import EXAM, quiz
from trainer.store.database import Store
from trainer.store.exams import grant_retake
from trainer.store.mentors import Mentor
from trainer.store.models import AttemptKind, Trainee
from trainer.store.overview import trainee_attempts, trainee_overview
from trainer.store.reviews import add_note, override_attempt
from trainer.store.trainees import add_trainee

NOW = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)


def test_stalled_after_days_without_activity(store: Store, trainee: Trainee) -> None:
    recent = add_trainee(store, "Bob Stone")
    never = add_trainee(store, "Cy Dee")
    cleared = add_trainee(store, "Di Eve")
    set_started(store, call(store, trainee.id).id, NOW - timedelta(days=8))
    set_started(store, call(store, recent.id).id, NOW - timedelta(days=6))
    store.conn.execute(
        "UPDATE trainees SET created_at = ? WHERE id = ?",
        ((NOW - timedelta(days=10)).isoformat(), never.id),
    )
    exam = call(store, cleared.id, kind="exam", content_id=EXAM, outcome="deal", passed=True)
    set_started(store, exam.id, NOW - timedelta(days=30))

    rows = {row.trainee.name: row for row in trainee_overview(store, now=NOW)}
    assert {name: row.stalled for name, row in rows.items()} == {
        "Ann Lee": True,
        "Bob Stone": False,
        "Cy Dee": True,  # nothing since signing up ten days ago
        "Di Eve": False,  # cleared: nothing more to do
    }
    assert rows["Ann Lee"].last_activity == NOW - timedelta(days=8)
    assert rows["Ann Lee"].flags == ("stalled",)
    stricter = trainee_overview(store, now=NOW, stalled_days=5)
    assert [row.stalled for row in stricter] == [True, True, True, False]


def test_repeated_hang_ups_among_the_last_five_calls(store: Store, trainee: Trainee) -> None:
    steady = add_trainee(store, "Bob Stone")

    def calls(who: Trainee, outcomes: list[str | None]) -> None:
        for age, outcome in enumerate(reversed(outcomes)):  # the last one is the newest
            attempt = call(store, who.id, outcome=outcome, passed=False)
            set_started(store, attempt.id, NOW - timedelta(hours=age + 1))

    calls(trainee, ["meeting", "meeting", "hung-up", "lost", "hung-up", None, "hung-up"])
    # Bob hung up three times too, but long ago: only one in his last five.
    calls(steady, ["hung-up", "hung-up", "hung-up", "meeting", "deal", "lost", "meeting"])
    ann, bob = trainee_overview(store, now=NOW)
    assert (ann.repeated_hang_ups, bob.repeated_hang_ups) == (True, False)
    assert (ann.hang_ups, bob.hang_ups) == (3, 3)
    assert ann.flags == ("repeated hang-ups",)


def test_a_trainees_attempts_by_stage_with_the_result_that_counts(
    store: Store, trainee: Trainee, mentor: Mentor
) -> None:
    quiz_id = quiz(store, trainee, 70.0)
    first = call(store, trainee.id, content_id="first_call", passed=False)
    second = call(store, trainee.id, content_id="second_call")
    exam = call(store, trainee.id, kind="exam", content_id=EXAM, outcome="lost", passed=False)
    set_started(store, first.id, NOW - timedelta(days=2))
    set_started(store, second.id, NOW - timedelta(days=1))
    override_attempt(store, quiz_id, MENTOR, passed=True, reason="Item 2 was ambiguous.")
    add_note(store, second.id, MENTOR, "Good call.")
    add_note(store, second.id, MENTOR, "Mind the pace.")
    grant_retake(store, trainee.id, MENTOR, "Nerves.")

    found = trainee_attempts(store, trainee.id)
    assert found.trainee == trainee
    assert [item.attempt.id for item in found.quizzes] == [quiz_id]
    assert found.quizzes[0].result == (70.0, True, MENTOR)
    assert [item.attempt.id for item in found.calls] == [second.id, first.id]  # newest first
    assert [item.notes for item in found.calls] == [2, 0]
    assert [item.attempt.kind for item in found.exams] == [AttemptKind.EXAM]
    assert exam.id == found.exams[0].attempt.id
    assert [retake.reason for retake in found.retakes] == ["Nerves."]
