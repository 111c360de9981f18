"""The work log, targets and readiness sign-offs in a real database file."""

from __future__ import annotations

import json
import sqlite3
from datetime import date

import pytest

from tests.store.conftest import MENTOR, SkillLine, call, tables
from trainer.content.programme import WorkTargets
from trainer.engine.criteria import WorkCounts
from trainer.errors import StoreError
from trainer.store.database import Store
from trainer.store.mentors import Mentor
from trainer.store.models import Trainee
from trainer.store.trainees import add_trainee
from trainer.store.worklog import (
    decision_maker_scores,
    log_work,
    set_targets,
    sign_off,
    sign_off_of,
    sign_offs,
    targets_of,
    trainees_at_work,
    work_days,
    work_entries,
)
from trainer.store.xapi import statements_xapi

DAY = date(2026, 11, 27)


def test_entries_are_kept_as_logged_and_add_up_per_day(store: Store, trainee: Trainee) -> None:
    first = log_work(store, trainee.id, DAY, {"calls": 12, "meetings": 2}, "  Good day\x1b[2J ")
    log_work(store, trainee.id, DAY, {"calls": 3, "referrals": 1})  # a correction: another entry
    log_work(store, trainee.id, date(2026, 11, 20), {}, "Exhibition stand all day")
    assert first.note == "Good day[2J"  # control characters never reach the records
    assert first.counts == WorkCounts(calls=12, meetings=2)
    listed = work_entries(store, trainee.id)
    assert [entry.day for entry in listed] == [DAY, DAY, date(2026, 11, 20)]
    assert work_entries(store, trainee.id, since=DAY) == listed[:2]
    assert work_days(store, trainee.id, since=date(2026, 11, 1)) == {
        DAY: WorkCounts(calls=15, meetings=2, referrals=1),
        date(2026, 11, 20): WorkCounts(),
    }
    rows = list(tables(store).query("SELECT day, calls, note FROM work_entries ORDER BY id"))
    assert rows[0] == {"day": "2026-11-27", "calls": 12, "note": "Good day[2J"}


@pytest.mark.parametrize(
    ("counts", "note", "message"),
    [
        ({}, "", "nothing to log"),
        ({}, "   ", "nothing to log"),
        ({"calls": -1}, "", "cannot be negative"),
        ({"calls": 100_000}, "", "more than 500"),
        ({"bribes": 1}, "", "no such kind of work: bribes"),
        ({"calls": 1}, "x" * 2_001, "at most 2,000 characters"),
    ],
)
def test_a_bad_entry_is_refused_and_nothing_is_written(
    store: Store, trainee: Trainee, counts: dict[str, int], note: str, message: str
) -> None:
    with pytest.raises(StoreError, match=message):
        log_work(store, trainee.id, DAY, counts, note)
    assert work_entries(store, trainee.id) == []


def test_the_database_itself_refuses_a_negative_count_or_a_bad_day(
    store: Store, trainee: Trainee
) -> None:
    """Written past the store's functions (a mentor's sqlite3 session), the checks still hold."""
    insert = "INSERT INTO work_entries (trainee_id, day, calls, created_at) VALUES (?, ?, ?, 't')"
    for day, calls in (("2026-11-27", -1), ("yesterday", 1)):
        with pytest.raises(sqlite3.IntegrityError):
            store.conn.execute(insert, (trainee.id, day, calls))


def test_no_entry_for_a_trainee_who_does_not_exist(store: Store) -> None:
    with pytest.raises(StoreError, match="no trainee number 99"):
        log_work(store, 99, DAY, {"calls": 1})


def test_targets_keep_their_history_and_the_latest_counts(
    store: Store, trainee: Trainee, mentor: Mentor
) -> None:
    assert targets_of(store, trainee.id) is None
    set_targets(store, trainee.id, MENTOR, WorkTargets(1.0, 50, 4))
    latest = set_targets(store, trainee.id, MENTOR.lower(), WorkTargets(2.0, 60, 5))
    assert latest.set_by == MENTOR  # signed with the mentor's name as stored
    found = targets_of(store, trainee.id)
    assert found is not None and found.targets == WorkTargets(2.0, 60, 5)
    assert tables(store)["work_targets"].count == 2
    with pytest.raises(StoreError):
        set_targets(store, trainee.id, "Nobody", WorkTargets())
    with pytest.raises(StoreError, match="negative"):
        set_targets(store, trainee.id, MENTOR, WorkTargets(-1.0, 50, 4))


def test_readiness_is_signed_off_once_with_a_note(
    store: Store, trainee: Trainee, mentor: Mentor
) -> None:
    with pytest.raises(StoreError, match="needs a note"):
        sign_off(store, trainee.id, MENTOR, "  ")
    with pytest.raises(StoreError):
        sign_off(store, trainee.id, "Not A Mentor", "Ready.")
    assert sign_off_of(store, trainee.id) is None
    signed = sign_off(store, trainee.id, MENTOR, "Two months over plan, no delayed orders.")
    assert (signed.mentor, signed.trainee_id) == (MENTOR, trainee.id)
    assert sign_off_of(store, trainee.id) == signed
    with pytest.raises(StoreError, match="already signed"):
        sign_off(store, trainee.id, MENTOR, "Again.")
    assert sign_offs(store) == [signed]


def test_trainees_at_work_are_those_with_a_log_targets_or_a_sign_off(
    store: Store, trainee: Trainee, mentor: Mentor
) -> None:
    idle = add_trainee(store, "Zoe Idle")
    targeted = add_trainee(store, "Bob Stone")
    log_work(store, trainee.id, DAY, {"calls": 1})
    set_targets(store, targeted.id, MENTOR, WorkTargets())
    assert trainees_at_work(store) == [(trainee.id, "Ann Lee"), (targeted.id, "Bob Stone")]
    assert idle.id not in dict(trainees_at_work(store))


def test_decision_maker_scores_come_from_completed_calls_and_exams(
    store: Store, trainee: Trainee
) -> None:
    reached = (SkillLine("decision_maker", 8.0, 10.0, 80.0), SkillLine("tact", 1.0, 2.0, 50.0))
    missed = (SkillLine("decision_maker", 2.0, 10.0, 20.0),)
    first = call(store, trainee.id, outcome="deal", skills=reached)
    call(store, trainee.id, kind="exam", content_id="final_exam", outcome="lost", skills=missed)
    call(store, trainee.id, outcome=None)  # abandoned: no scorecard
    call(store, trainee.id, kind="quiz", content_id="q", outcome="passed", skills=missed)
    other = add_trainee(store, "Bob Stone")
    call(store, other.id, outcome="deal", skills=missed)
    found = decision_maker_scores(store, trainee.id, since=date(2000, 1, 1))
    assert [percent for _, percent in found] == [80.0, 20.0]
    assert found[0][0] == first.started_at.date()
    assert decision_maker_scores(store, trainee.id, since=date(2999, 1, 1)) == []


def test_a_sign_off_is_an_xapi_statement_with_the_mentor_as_instructor(
    store: Store, trainee: Trainee, mentor: Mentor
) -> None:
    signed = sign_off(store, trainee.id, MENTOR, "Ready for key accounts.")
    text = statements_xapi([], homepage="https://lms.example.com", sign_offs=[(signed, "Ann Lee")])
    (statement,) = [json.loads(line) for line in text.splitlines()]
    assert statement["verb"]["id"] == "https://w3id.org/xapi/adl/verbs/satisfied"
    assert statement["object"]["id"] == "https://lms.example.com/trainer/programme"
    assert statement["actor"]["account"]["name"] == str(trainee.id)
    assert statement["context"]["instructor"]["name"] == MENTOR
    assert statement["result"] == {"completion": True, "success": True}
    assert statement["context"]["extensions"][
        "https://trainer.invalid/xapi/extensions/signoff"
    ] == {
        "mentor": MENTOR,
        "note": "Ready for key accounts.",
    }
    again = statements_xapi([], homepage="https://lms.example.com", sign_offs=[(signed, "Ann Lee")])
    assert again == text  # the same statement id every time: a repeated push sends nothing new
