"""The mentor's trainees table: the store's figures with the programme's rules applied."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.store.conftest import MENTOR, call
from tests.store.test_history import EXAM, PROGRAMME, quiz
from trainer.content.content_set import ContentSet
from trainer.content.programme import StageKey
from trainer.engine.programme import with_exam_attempts
from trainer.engine.session import Session
from trainer.services import mentor
from trainer.services.calls import RecordedCall
from trainer.services.mentor import team_overview
from trainer.services.stages import trainee_status
from trainer.store.database import Store
from trainer.store.exams import fix_exam_rules, grant_retake
from trainer.store.mentors import Mentor
from trainer.store.models import Trainee
from trainer.store.overview import trainee_overview
from trainer.store.trainees import add_trainee

NOW = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)


def test_one_row_per_trainee_with_the_call_log_and_the_stage(
    store: Store, trainee: Trainee
) -> None:
    idle = add_trainee(store, "Bob Stone")
    quiz(store, trainee, 65.0)
    quiz(store, trainee, 85.0)
    for outcome in ("meeting", "deal", "application", "hung-up", "lost"):
        call(store, trainee.id, content_id="first_call", outcome=outcome, passed=outcome == "deal")
    call(store, trainee.id, content_id="second_call", outcome=None)

    ann, bob = team_overview(store, PROGRAMME, now=NOW)
    assert (ann.trainee, bob.trainee) == (trainee, idle)
    assert (ann.calls_made, ann.meetings, ann.deals, ann.applications, ann.hang_ups) == (
        6,
        1,
        1,
        1,
        1,
    )
    assert ann.product_quiz_best == 85.0
    assert ann.stage is not None and ann.stage.key is StageKey.SALES
    assert ann.status is not None and ann.status.call_log.calls_made == 6
    assert ann.history.passed_scenarios == {"first_call"}
    assert (ann.exam_attempts_used, ann.exam_attempts_allowed, ann.exam_passed) == (0, 2, False)
    assert bob.stage is not None and bob.stage.key is StageKey.PRODUCT
    assert (bob.product_quiz_best, bob.calls_made, bob.last_activity) == (None, 0, None)

    (plain, _) = trainee_overview(store, now=NOW)
    assert (plain.status, plain.stage, plain.product_quiz_best) == (None, None, None)
    assert plain.calls_made == 6 and plain.exam_attempts_allowed == 2


def test_exam_locked_until_a_retake_is_granted(
    store: Store, trainee: Trainee, mentor: Mentor
) -> None:
    for _ in range(2):
        call(store, trainee.id, kind="exam", content_id=EXAM, outcome="lost", passed=False)
    (row,) = team_overview(store, PROGRAMME, now=NOW)
    assert row.exam_locked and "exam locked" in row.flags
    assert (row.exam_attempts_used, row.exam_attempts_allowed) == (2, 2)
    grant_retake(store, trainee.id, MENTOR, "Strong practice record.")
    (row,) = team_overview(store, PROGRAMME, now=NOW)
    assert not row.exam_locked and row.exam_attempts_allowed == 3


def test_a_content_folder_that_allows_more_exam_attempts_gives_none_once_the_records_fix_two(
    store: Store, trainee: Trainee
) -> None:
    fix_exam_rules(store, attempts=2, variants={EXAM: "accepted-hash"})
    generous = with_exam_attempts(PROGRAMME, 9)  # an edited programme.yaml
    for _ in range(2):
        call(store, trainee.id, kind="exam", content_id=EXAM, outcome="lost", passed=False)
    (row,) = team_overview(store, generous, now=NOW)
    assert (row.exam_attempts_used, row.exam_attempts_allowed, row.exam_locked) == (2, 2, True)
    assert row.status is not None
    assert not row.status.exam.can_start and row.status.exam.attempts_left == 0
    status = trainee_status(store, trainee.id, generous)
    assert not status.exam.can_start and status.exam.attempts_allowed == 2


def test_the_reply_a_typed_turn_matched_reads_as_the_trainee_saw_it(
    store: Store, mini_content: ContentSet
) -> None:
    """Never `{first_name}` or `{trainee}`: the client's first name, the trainee's, the company."""
    ann = add_trainee(store, "Ann Lee")
    scenario = mini_content.scenario("first_call")
    call = RecordedCall.begin(
        store, ann.id, Session(mini_content, scenario, trainee=ann.name, seed=2)
    )
    (said, *_) = call.say("Hello Ivan, this is Ann Lee from Northline")
    assert said.reply == "hello/intro"
    record = mentor.transcript(store, call.attempt_id)
    seen = mentor.reply_as_seen(mini_content, record, said.reply)
    assert seen == "Hello Ivan, this is Ann Lee from Northline."
    assert mentor.reply_as_seen(mini_content, record, "hello/gone") is None
