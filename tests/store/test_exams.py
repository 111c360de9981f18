"""The final exam: every started attempt counts, retakes are granted by mentors, the last is guarded."""

from __future__ import annotations

import multiprocessing
import sys
import traceback
from multiprocessing.synchronize import Barrier
from pathlib import Path
from typing import Any

import pytest

from tests.store.conftest import MENTOR, Result, call
from trainer.engine.turns import Mode
from trainer.errors import StoreError
from trainer.store.attempts import abandon_attempt, finish_attempt
from trainer.store.database import Store, open_store
from trainer.store.exams import grant_retake, retakes_for, start_exam_attempt
from trainer.store.history import trainee_history
from trainer.store.mentors import Mentor
from trainer.store.models import AttemptKind, Trainee
from trainer.store.reviews import override_attempt
from trainer.store.trainees import add_trainee

EXAM = "final_exam"


def start(store: Store, trainee: Trainee, allowed: int = 2) -> str:
    return start_exam_attempt(
        store,
        trainee.id,
        content_id=EXAM,
        content_hash="h",
        seed=9,
        persona_id="ivan",
        allowed=allowed,
    ).id


def fail(store: Store, attempt_id: str) -> None:
    finish_attempt(store, attempt_id, Result("lost", 40.0, passed=False))


def test_an_exam_attempt_is_an_attempt_of_kind_exam(store: Store, trainee: Trainee) -> None:
    attempt = start_exam_attempt(
        store, trainee.id, content_id=EXAM, content_hash="h", seed=9, allowed=2
    )
    assert (attempt.kind, attempt.mode, attempt.content_id) == (
        AttemptKind.EXAM,
        Mode.EXAM,
        EXAM,
    )


def test_two_attempts_then_the_exam_is_locked_even_when_one_was_abandoned(
    store: Store, trainee: Trainee
) -> None:
    fail(store, start(store, trainee))
    abandon_attempt(store, start(store, trainee))  # quitting mid-exam uses the attempt
    with pytest.raises(
        StoreError, match=r"^no exam attempts left: 2 of 2 used; a mentor must grant a retake$"
    ):
        start(store, trainee)
    history = trainee_history(store, trainee.id, practice_scenarios=None, exam_scenario=EXAM)
    assert (history.exam_attempts_used, history.exam_passed) == (2, False)


def test_a_retake_lets_a_third_attempt_start_and_the_guard_refuses_a_fourth(
    store: Store, trainee: Trainee, mentor: Mentor
) -> None:
    fail(store, start(store, trainee))
    fail(store, start(store, trainee))
    retake = grant_retake(
        store, trainee.id, "maria head", "  Nerves on the day; strong practice record. "
    )
    assert (retake.granted_by, retake.reason) == (
        MENTOR,
        "Nerves on the day; strong practice record.",
    )
    assert retake.trainee_id == trainee.id
    third = start(store, trainee)
    fail(store, third)
    with pytest.raises(StoreError, match="no exam attempts left: 3 of 3 used"):
        start(store, trainee)
    assert retakes_for(store, trainee.id) == [retake]
    history = trainee_history(store, trainee.id, practice_scenarios=None, exam_scenario=EXAM)
    assert (history.exam_attempts_used, history.retakes_granted) == (3, 1)


def test_a_passed_exam_is_not_taken_again(store: Store, trainee: Trainee) -> None:
    finish_attempt(store, start(store, trainee), Result("deal", 90.0, passed=True))
    with pytest.raises(StoreError, match="the exam is already passed"):
        start(store, trainee)


def test_a_mentors_override_to_a_pass_counts_for_the_guard(
    store: Store, trainee: Trainee, mentor: Mentor
) -> None:
    first = start(store, trainee)
    fail(store, first)
    override_attempt(store, first, MENTOR, passed=True, reason="The client was mis-scripted.")
    with pytest.raises(StoreError, match="already passed"):
        start(store, trainee)


def test_other_trainees_and_other_kinds_do_not_use_a_trainees_attempts(
    store: Store, trainee: Trainee
) -> None:
    other = add_trainee(store, "Bob Stone")
    fail(store, start(store, other))
    fail(store, start(store, other))
    call(store, trainee.id, content_id=EXAM, kind="call")  # a practice run of the same scenario
    start(store, trainee)
    start(store, trainee)


def test_a_retake_is_signed_by_an_existing_mentor_with_a_reason(
    store: Store, trainee: Trainee, mentor: Mentor
) -> None:
    with pytest.raises(StoreError, match="there is no mentor named Nobody"):
        grant_retake(store, trainee.id, "Nobody", "why not")
    with pytest.raises(StoreError, match="a retake needs a reason"):
        grant_retake(store, trainee.id, MENTOR, "   ")
    with pytest.raises(StoreError, match="there is no trainee number 99"):
        grant_retake(store, 99, MENTOR, "a reason")
    assert retakes_for(store, trainee.id) == []


def _race(db_path: Path, trainee_id: int, barrier: Barrier, results: Any) -> None:
    try:
        with open_store(db_path) as store:
            barrier.wait(10)
            try:
                attempt = start_exam_attempt(
                    store, trainee_id, content_id=EXAM, content_hash="h", seed=1, allowed=2
                )
                results.put(("won", attempt.id))
            except StoreError as error:
                results.put(("refused", str(error)))
    except BaseException:
        results.put(("crashed", traceback.format_exc()))


@pytest.mark.skipif(sys.platform == "win32", reason="the racers are forked")
@pytest.mark.parametrize("racers", [2, 6])
def test_trainers_racing_for_the_last_attempt_exactly_one_wins(
    store: Store, trainee: Trainee, db_path: Path, racers: int
) -> None:
    """The same trainee signed in twice (two terminals) and starting the exam at once."""
    fail(store, start(store, trainee))
    context = multiprocessing.get_context("fork")
    barrier = context.Barrier(racers)
    results = context.Queue()
    workers = [
        context.Process(target=_race, args=(db_path, trainee.id, barrier, results))
        for _ in range(racers)
    ]
    for worker in workers:
        worker.start()
    outcomes = [results.get(timeout=30) for _ in workers]
    for worker in workers:
        worker.join(timeout=30)
    assert not [report for kind, report in outcomes if kind == "crashed"]
    assert sorted(kind for kind, _ in outcomes) == ["refused"] * (racers - 1) + ["won"]
    assert all(
        report.startswith("no exam attempts left: 2 of 2")
        for kind, report in outcomes
        if kind == "refused"
    )
    (used,) = store.conn.execute(
        "SELECT count(*) FROM attempts WHERE kind = 'exam' AND trainee_id = ?", (trainee.id,)
    ).fetchone()
    assert used == 2
