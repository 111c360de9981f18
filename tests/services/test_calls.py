"""A call played and recorded through the service alone: no Textual, a real database file."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.services.conftest import rows
from trainer.content.content_set import ContentSet
from trainer.engine.session import Session
from trainer.engine.turns import Mode
from trainer.errors import DialogueError, StoreError
from trainer.services import calls
from trainer.services.calls import RecordedCall
from trainer.store.database import Store
from trainer.store.models import Trainee


def mini_session(content: ContentSet, seed: int = 7) -> Session:
    return Session(content, content.scenario("first_call"), seed=seed, trainee="Ann Lee")


def stored_turns(db_path: Path, attempt_id: str) -> list[tuple[object, ...]]:
    return rows(
        db_path,
        "SELECT idx, speaker, text, node, reply_key, typed_text FROM turns "
        "WHERE attempt_id = ? ORDER BY idx",
        attempt_id,
    )


def as_rows(call: RecordedCall) -> list[tuple[object, ...]]:
    return [
        (t.index, t.speaker.value, t.text, t.node, t.reply, t.typed) for t in call.session.turns
    ]


def test_a_whole_call_is_recorded_turn_by_turn_and_finished_with_its_score(
    store: Store, db_path: Path, ann: Trainee, mini_content: ContentSet
) -> None:
    call = RecordedCall.begin(store, ann.id, mini_session(mini_content))
    try:
        # The opening line is in the file before the trainee says a word.
        assert stored_turns(db_path, call.attempt_id) == as_rows(call)
        assert len(as_rows(call)) == 1
        for reply in ("intro", "ask", "meet"):
            said = call.choose(reply)
            assert said and said[0].reply is not None and said[0].reply.endswith(f"/{reply}")
            # Each move is committed before the service returns it: another reader sees it.
            assert stored_turns(db_path, call.attempt_id) == as_rows(call)
            status = rows(db_path, "SELECT status FROM attempts WHERE id = ?", call.attempt_id)
            assert status == [("in-progress",)]
        assert call.ended and call.open
        score = call.finish()
    finally:
        call.session.close()
    assert not call.open
    assert score.passed and score.outcome is not None
    attempt = rows(
        db_path,
        "SELECT trainee_id, kind, mode, content_id, status, outcome, score, passed, seed "
        "FROM attempts",
    )
    assert attempt == [
        (ann.id, "call", "practice", "first_call", "completed", "meeting", score.percent, 1, 7)
    ]
    skills = dict(
        rows(
            db_path,
            "SELECT skill, earned FROM attempt_skills WHERE attempt_id = ?",
            call.attempt_id,
        )
    )
    assert skills == {line.skill: line.earned for line in score.skills}
    assert skills["closing"] > 0


def test_a_failed_call_is_stored_as_failed_not_as_the_best_path(
    store: Store, db_path: Path, ann: Trainee, mini_content: ContentSet
) -> None:
    call = RecordedCall.begin(store, ann.id, mini_session(mini_content))
    try:
        call.choose("push")
        call.choose("sorry")
        call.choose("pitch")
        call.choose("send")
        score = call.finish()
    finally:
        call.session.close()
    assert not score.passed
    assert rows(db_path, "SELECT outcome, passed FROM attempts") == [("lost", 0)]
    assert [r[4] for r in stored_turns(db_path, call.attempt_id) if r[1] == "trainee"] == [
        "hello/push",
        "annoyed/sorry",
        "needs/pitch",
        "offer/send",
    ]


def test_typed_words_are_stored_as_the_trainee_typed_them(
    store: Store, db_path: Path, ann: Trainee, mini_content: ContentSet
) -> None:
    call = RecordedCall.begin(store, ann.id, mini_session(mini_content))
    try:
        call.choose(1)
        call.say("how many people use the phones")
    finally:
        call.session.close()
    trainee_lines = [r for r in stored_turns(db_path, call.attempt_id) if r[1] == "trainee"]
    assert trainee_lines[-1][4:] == ("needs/ask", "how many people use the phones")


def test_a_refused_move_stores_nothing_and_the_call_goes_on(
    store: Store, db_path: Path, ann: Trainee, mini_content: ContentSet
) -> None:
    call = RecordedCall.begin(store, ann.id, mini_session(mini_content))
    try:
        before = stored_turns(db_path, call.attempt_id)
        with pytest.raises(DialogueError):
            call.choose("meet")  # not offered at the first line: no jumping to the close
        with pytest.raises(DialogueError):
            call.choose(9)
        assert stored_turns(db_path, call.attempt_id) == before
        call.choose("intro")
        assert len(stored_turns(db_path, call.attempt_id)) == len(before) + 2
    finally:
        call.session.close()


def test_a_call_still_going_on_cannot_be_scored(
    store: Store, db_path: Path, ann: Trainee, mini_content: ContentSet
) -> None:
    call = RecordedCall.begin(store, ann.id, mini_session(mini_content))
    try:
        call.choose("intro")
        with pytest.raises(DialogueError, match="not ended"):
            call.finish()
        assert call.open
    finally:
        call.session.close()
    assert rows(db_path, "SELECT status, score FROM attempts") == [("in-progress", None)]


def test_a_call_left_midway_is_abandoned_with_every_turn_kept(
    store: Store, db_path: Path, ann: Trainee, mini_content: ContentSet
) -> None:
    call = RecordedCall.begin(store, ann.id, mini_session(mini_content))
    try:
        call.choose("intro")
        said = stored_turns(db_path, call.attempt_id)
        call.abandon()
        call.abandon()  # leaving twice (a screen closing after a failure) changes nothing
        assert not call.open
        with pytest.raises(StoreError, match="closed"):
            call.choose("ask")  # nothing more is recorded on a closed attempt
    finally:
        call.session.close()
    assert rows(db_path, "SELECT status, score, passed FROM attempts") == [
        ("abandoned", None, None)
    ]
    assert stored_turns(db_path, call.attempt_id) == said


def test_the_trainee_hanging_up_ends_the_call_as_lost_and_is_recorded(
    store: Store, db_path: Path, ann: Trainee, mini_content: ContentSet
) -> None:
    call = RecordedCall.begin(store, ann.id, mini_session(mini_content))
    try:
        call.choose("intro")
        closing = call.hang_up()
        assert call.ended and closing
        score = call.finish()
        assert stored_turns(db_path, call.attempt_id) == as_rows(call)
    finally:
        call.session.close()
    assert not score.passed
    assert rows(db_path, "SELECT status, outcome, passed FROM attempts") == [
        ("completed", "lost", 0)
    ]


def test_an_unknown_trainee_cannot_open_a_call(
    store: Store, db_path: Path, mini_content: ContentSet
) -> None:
    session = mini_session(mini_content)
    try:
        with pytest.raises(StoreError):
            RecordedCall.begin(store, 999, session)
    finally:
        session.close()
    assert rows(db_path, "SELECT count(*) FROM attempts") == [(0,)]


def exam_call(store: Store, ann: Trainee, content: ContentSet, seed: int) -> RecordedCall:
    """An exam attempt as the app opens one: a variant drawn, then begun with its pool."""
    assert content.programme is not None and content.programme.exam.exam_scenario is not None
    draw = calls.draw_exam(store, ann.id, content, seed, content.programme.exam.exam_scenario)
    assert draw.scenario_id is not None, draw.refused
    scenario = content.scenario(draw.scenario_id)
    session = Session(content, scenario, mode=Mode.EXAM, seed=seed, trainee=ann.name)
    return RecordedCall.begin(
        store,
        ann.id,
        session,
        exam_attempts=content.programme.exam.exam_attempts,
        offered=draw.pool,
    )


def test_exam_attempts_are_counted_by_the_records_whatever_the_caller_does(
    store: Store, db_path: Path, ann: Trainee, bundled: ContentSet
) -> None:
    assert bundled.programme is not None
    allowed = bundled.programme.exam.exam_attempts
    played: list[str] = []
    for seed in range(allowed):
        call = exam_call(store, ann, bundled, seed)
        try:
            call.hang_up()
            call.finish()
        finally:
            call.session.close()
        played.append(call.session.scenario.id)
    assert len(set(played)) == allowed  # a retake is a variant the trainee has not had
    assert (
        rows(db_path, "SELECT kind, mode, status FROM attempts")
        == [("exam", "exam", "completed")] * allowed
    )
    refused = calls.draw_exam(store, ann.id, bundled, 99, played[0])
    assert refused.scenario_id is None and "mentor must grant a retake" in refused.refused
    # Skipping the draw does not get a trainee another attempt: the store counts them itself.
    session = Session(
        bundled, bundled.scenario(played[0]), mode=Mode.EXAM, seed=99, trainee=ann.name
    )
    try:
        with pytest.raises(StoreError, match="no exam attempts left"):
            RecordedCall.begin(store, ann.id, session, exam_attempts=10)
    finally:
        session.close()
    assert rows(db_path, "SELECT count(*) FROM attempts") == [(allowed,)]


def test_a_crash_mid_call_leaves_the_turns_and_the_next_start_abandons_it(
    store: Store, db_path: Path, ann: Trainee, mini_content: ContentSet
) -> None:
    script = (
        "import os, sys\n"
        "from tests.conftest import MINI\n"
        "from trainer.content.loader import load_content\n"
        "from trainer.engine.session import Session\n"
        "from trainer.services.calls import RecordedCall\n"
        "from trainer.store.database import open_store\n"
        "content = load_content(MINI)\n"
        "store = open_store(sys.argv[1])\n"
        "session = Session(content, content.scenario('first_call'), seed=7, trainee='Ann Lee')\n"
        f"call = RecordedCall.begin(store, {ann.id}, session)\n"
        "call.choose('intro')\n"
        "os._exit(9)  # killed: no finish, no abandon, no close\n"
    )
    root = Path(__file__).parent.parent.parent
    killed = subprocess.run(
        [sys.executable, "-c", script, str(db_path)], cwd=root, capture_output=True, timeout=120
    )
    assert killed.returncode == 9, killed.stderr.decode()
    assert rows(db_path, "SELECT status FROM attempts") == [("in-progress",)]
    assert len(rows(db_path, "SELECT * FROM turns")) == 3
    assert calls.abandon_stale(store) == 1
    assert rows(db_path, "SELECT status FROM attempts") == [("abandoned",)]
    assert len(rows(db_path, "SELECT * FROM turns")) == 3


def refuse_turns(store: Store) -> None:
    """From now on the file takes no transcript line, as a full disk would refuse it."""
    store.conn.execute(
        "CREATE TRIGGER refuse_turns BEFORE INSERT ON turns "
        "BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END"
    )


def test_a_call_whose_first_line_cannot_be_stored_is_closed_at_once(
    store: Store, db_path: Path, ann: Trainee, mini_content: ContentSet
) -> None:
    refuse_turns(store)
    session = mini_session(mini_content)
    try:
        with pytest.raises(StoreError):
            RecordedCall.begin(store, ann.id, session)
    finally:
        session.close()
    # Not left in progress for a later start to find: the trainee's records show it left.
    assert rows(db_path, "SELECT status FROM attempts") == [("abandoned",)]


def test_a_turn_that_cannot_be_stored_stops_the_call_and_keeps_what_was_said(
    store: Store, db_path: Path, ann: Trainee, mini_content: ContentSet
) -> None:
    call = RecordedCall.begin(store, ann.id, mini_session(mini_content))
    try:
        call.choose("intro")
        said = stored_turns(db_path, call.attempt_id)
        refuse_turns(store)
        with pytest.raises(StoreError):
            call.choose("ask")
        call.abandon()
    finally:
        call.session.close()
    assert rows(db_path, "SELECT status FROM attempts") == [("abandoned",)]
    assert stored_turns(db_path, call.attempt_id) == said
