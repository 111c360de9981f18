"""The integrity check of records: honest records pass; each kind of hand-made change is flagged."""

from __future__ import annotations

import sqlite3
import uuid
from pathlib import Path

import pytest

from tests.services.seeded import Team, seed_team
from trainer.content.content_set import ContentSet
from trainer.services.integrity import Finding, check_records
from trainer.store.attempts import attempts_for
from trainer.store.database import Store
from trainer.store.mentors import Mentor


@pytest.fixture
def team(store: Store, bundled: ContentSet, mentor: Mentor, db_path: Path) -> Team:
    """The seeded team, less the call the seeding jumps to a node (a test device no trainee
    has, so its turns do not follow from its moves: the check flags it, rightly)."""
    team = seed_team(store, bundled, mentor)
    jumped = [f.attempt_id for f in check_records(store, bundled) if f.flagged]
    assert len(jumped) == 1
    tamper(db_path, "DELETE FROM attempts WHERE id = ?", jumped[0])
    return team


def tamper(db_path: Path, sql: str, *parameters: object) -> None:
    """A change made by hand with the sqlite3 shell, as someone with write access could."""
    with sqlite3.connect(db_path) as conn:
        conn.execute(sql, parameters)


def flagged(store: Store, content: ContentSet) -> dict[str, Finding]:
    return {f.attempt_id: f for f in check_records(store, content) if f.flagged}


def finished(store: Store, trainee_id: int, kind: str) -> list[str]:
    return [
        a.id
        for a in attempts_for(store, trainee_id, kind=kind)
        if a.status.value == "completed" and a.score is not None
    ]


def test_records_written_by_the_services_all_hold_together(
    store: Store, bundled: ContentSet, team: Team
) -> None:
    findings = check_records(store, bundled)
    assert len(findings) > 20
    assert [f.message for f in findings if f.flagged] == []
    # Every call, exam and quiz was actually checked, none waved through as "unchecked".
    assert [f.unchecked for f in findings if f.unchecked] == []


def test_a_hand_inserted_passed_exam_with_no_turns_is_flagged(
    store: Store, bundled: ContentSet, team: Team, db_path: Path
) -> None:
    # The QA's forgery: the accepted exam's hash, a fine score, no turns.
    (_, content_id, content_hash) = store.conn.execute(
        "SELECT id, content_id, content_hash FROM attempts WHERE kind = 'exam' LIMIT 1"
    ).fetchone()
    forged = uuid.uuid4().hex
    tamper(
        db_path,
        "INSERT INTO attempts (id, trainee_id, kind, content_id, content_hash, seed, mode, "
        "started_at, ended_at, status, outcome, score, passed, pid, host) VALUES "
        "(?, ?, 'exam', ?, ?, 1, 'exam', '2026-11-29T10:00:00+00:00', "
        "'2026-11-29T10:05:00+00:00', 'completed', 'deal_closed', 97.5, 1, 1, 'x')",
        forged,
        team.ben.id,
        content_id,
        content_hash,
    )
    found = flagged(store, bundled)
    assert list(found) == [forged]
    assert "a finished exam with no turns" in found[forged].message
    assert found[forged].message.startswith("this record does not match its transcript: ")


@pytest.mark.parametrize("kind", ["call", "exam"])
def test_a_score_edited_upwards_is_flagged(
    store: Store, bundled: ContentSet, team: Team, db_path: Path, kind: str
) -> None:
    target = finished(store, team.anna.id, kind)[0]
    tamper(db_path, "UPDATE attempts SET score = min(100, score + 20) WHERE id = ?", target)
    found = flagged(store, bundled)
    assert list(found) == [target]
    assert "is not what its turns earn" in found[target].message


def test_a_failed_call_marked_passed_is_flagged(
    store: Store, bundled: ContentSet, team: Team, db_path: Path
) -> None:
    target = next(a.id for a in attempts_for(store, team.ben.id, kind="call") if a.passed is False)
    tamper(db_path, "UPDATE attempts SET passed = 1 WHERE id = ?", target)
    found = flagged(store, bundled)
    assert list(found) == [target]
    assert "recorded as passed, but its turns fail" in found[target].message


def test_a_deleted_turn_is_flagged(
    store: Store, bundled: ContentSet, team: Team, db_path: Path
) -> None:
    target = finished(store, team.ben.id, "call")[0]
    tamper(db_path, "DELETE FROM turns WHERE attempt_id = ? AND idx = 3", target)
    found = flagged(store, bundled)
    assert list(found) == [target]
    assert "not numbered in order" in found[target].message
    # Renumbered to hide the gap, the transcript still does not play back.
    tamper(db_path, "UPDATE turns SET idx = idx - 1 WHERE attempt_id = ? AND idx > 3", target)
    found = flagged(store, bundled)
    assert list(found) == [target]
    assert "not numbered" not in found[target].message


def test_a_changed_outcome_is_flagged(
    store: Store, bundled: ContentSet, team: Team, db_path: Path
) -> None:
    target = finished(store, team.anna.id, "call")[0]
    tamper(db_path, "UPDATE attempts SET outcome = 'deal_closed_x' WHERE id = ?", target)
    found = flagged(store, bundled)
    assert list(found) == [target]
    assert "its outcome (deal_closed_x) is not the one its turns reach" in found[target].message


def test_an_edited_turn_text_or_reply_is_flagged(
    store: Store, bundled: ContentSet, team: Team, db_path: Path
) -> None:
    target = finished(store, team.anna.id, "call")[1]
    tamper(
        db_path,
        "UPDATE turns SET text = 'I can offer you 50% off.' WHERE attempt_id = ? AND idx = "
        "(SELECT min(idx) FROM turns WHERE attempt_id = ? AND speaker = 'trainee')",
        target,
        target,
    )
    assert "is not what its moves give" in flagged(store, bundled)[target].message


def test_turns_written_out_of_order_or_time_are_flagged(
    store: Store, bundled: ContentSet, team: Team, db_path: Path
) -> None:
    first, second = finished(store, team.anna.id, "call")[:2]
    tamper(
        db_path,
        "UPDATE turns SET created_at = '2020-01-01T00:00:00+00:00' WHERE attempt_id = ? "
        "AND idx = 2",
        first,
    )
    tamper(db_path, "UPDATE turns SET elapsed = 0 WHERE attempt_id = ? AND idx = 4", second)
    found = flagged(store, bundled)
    assert set(found) == {first, second}
    assert "not written in the order they were said" in found[first].message
    assert "outside the attempt's time" in found[first].message
    assert "times run backwards" in found[second].message


def test_a_quiz_score_its_answers_do_not_earn_is_flagged(
    store: Store, bundled: ContentSet, team: Team, db_path: Path
) -> None:
    # Anna answered one quiz all right and the other half wrong.
    (weak,) = [a.id for a in attempts_for(store, team.anna.id, kind="quiz") if a.passed is False]
    (perfect,) = [a.id for a in attempts_for(store, team.anna.id, kind="quiz") if a.passed]
    tamper(db_path, "UPDATE attempts SET score = 100, passed = 1 WHERE id = ?", weak)
    tamper(db_path, "DELETE FROM quiz_answers WHERE attempt_id = ?", perfect)
    found = flagged(store, bundled)
    assert set(found) == {weak, perfect}
    assert "not what its answers earned" in found[weak].message
    assert "a finished quiz with no answers" in found[perfect].message


def test_an_exam_on_content_no_mentor_accepted_is_flagged(
    store: Store, bundled: ContentSet, team: Team, db_path: Path
) -> None:
    target = finished(store, team.anna.id, "exam")[0]
    tamper(db_path, "UPDATE attempts SET content_hash = 'f00df00df00df00d' WHERE id = ?", target)
    found = flagged(store, bundled)
    assert list(found) == [target]
    assert "content no mentor accepted" in found[target].message


def test_an_override_dated_before_its_attempt_is_flagged(
    store: Store, bundled: ContentSet, team: Team, db_path: Path
) -> None:
    tamper(
        db_path,
        "UPDATE overrides SET created_at = '2020-01-01T00:00:00+00:00' WHERE attempt_id = ?",
        team.overridden,
    )
    found = flagged(store, bundled)
    assert list(found) == [team.overridden]
    assert "override dated before the attempt began" in found[team.overridden].message


def test_a_call_on_a_changed_scenario_is_unchecked_not_flagged(
    store: Store, bundled: ContentSet, team: Team, db_path: Path
) -> None:
    target = finished(store, team.anna.id, "call")[0]
    tamper(db_path, "UPDATE attempts SET content_hash = 'older' WHERE id = ?", target)
    (finding,) = check_records(store, bundled, attempt_id=target)
    assert not finding.flagged
    assert finding.unchecked is not None and "another version" in finding.unchecked
