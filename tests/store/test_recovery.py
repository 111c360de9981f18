"""A trainer that crashed or was killed: its turns survive and its attempt is abandoned later."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.store.conftest import PlayedCall, tables
from trainer.store.attempts import (
    abandon_stale_attempts,
    finish_attempt,
    get_attempt,
    record_turn,
    start_attempt,
    turns_for,
)
from trainer.store.database import Store
from trainer.store.models import AttemptStatus, Trainee

# Starts an attempt, records two turns, prints the attempt id, then waits to be killed or exits.
CHILD = """
import sys, time
from pathlib import Path
from trainer.engine.turns import Speaker, Turn
from trainer.store.attempts import record_turn, start_attempt
from trainer.store.database import open_store

store = open_store(Path(sys.argv[1]))
attempt = start_attempt(
    store, int(sys.argv[2]), kind="call", content_id="first_call", content_hash="h",
    seed=1, mode="practice", persona_id="ivan",
)
for index in range(2):
    text = f"line {index}"
    record_turn(store, attempt.id, Turn(index, Speaker.CLIENT, "Ivan", text, node="hello"))
print(attempt.id, flush=True)
if sys.argv[3] == "wait":
    time.sleep(60)
"""


def run_child(db_path: Path, trainee: Trainee, ending: str) -> tuple[str, int]:
    """The attempt id and pid of a child trainer that is gone by the time this returns."""
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(db_path), str(trainee.id), ending],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    attempt_id = child.stdout.readline().strip()
    if ending == "wait":
        child.send_signal(signal.SIGKILL)
    _, errors = child.communicate(timeout=30)
    assert attempt_id, errors
    return attempt_id, child.pid


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_a_killed_trainer_keeps_its_turns_and_its_attempt_is_abandoned(
    store: Store, db_path: Path, trainee: Trainee
) -> None:
    attempt_id, _ = run_child(db_path, trainee, "wait")
    assert get_attempt(store, attempt_id).status is AttemptStatus.IN_PROGRESS
    assert abandon_stale_attempts(store) == 1
    attempt = get_attempt(store, attempt_id)
    assert attempt.status is AttemptStatus.ABANDONED
    assert attempt.outcome is None
    turns = turns_for(store, attempt_id)
    assert [turn.text for turn in turns] == ["line 0", "line 1"]
    assert attempt.ended_at == turns[-1].created_at  # the last sign of life
    assert abandon_stale_attempts(store) == 0


def test_a_trainer_that_exited_mid_call_is_abandoned_too(
    store: Store, db_path: Path, trainee: Trainee
) -> None:
    attempt_id, _ = run_child(db_path, trainee, "exit")
    assert abandon_stale_attempts(store) == 1
    assert get_attempt(store, attempt_id).status is AttemptStatus.ABANDONED


def test_live_finished_and_foreign_attempts_are_left_alone(
    store: Store, db_path: Path, trainee: Trainee, winning_call: PlayedCall
) -> None:
    def start() -> str:
        return start_attempt(
            store,
            trainee.id,
            kind="call",
            content_id=winning_call.content_id,
            content_hash=winning_call.content_hash,
            seed=1,
            mode="practice",
        ).id

    mine = start()  # this process is alive
    finished = start()
    for turn in winning_call.turns:
        record_turn(store, finished, turn)
    finish_attempt(store, finished, winning_call.score)
    dead_attempt, dead_pid = run_child(db_path, trainee, "exit")
    # The same dead pid, but on another machine sharing the file: it cannot be checked from here.
    elsewhere = start()
    tables(store).execute(
        "UPDATE attempts SET host = 'another-host', pid = ? WHERE id = ?", [dead_pid, elsewhere]
    )

    assert abandon_stale_attempts(store) == 1
    statuses = {
        attempt_id: get_attempt(store, attempt_id).status
        for attempt_id in (mine, finished, dead_attempt, elsewhere)
    }
    assert statuses == {
        mine: AttemptStatus.IN_PROGRESS,
        finished: AttemptStatus.COMPLETED,
        dead_attempt: AttemptStatus.ABANDONED,
        elsewhere: AttemptStatus.IN_PROGRESS,
    }
