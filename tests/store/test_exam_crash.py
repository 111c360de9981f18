"""An exam killed mid-call keeps its turns, becomes abandoned, and still counts as used."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import MINI
from trainer.errors import StoreError
from trainer.store.attempts import abandon_stale_attempts, get_attempt, turns_for
from trainer.store.database import Store
from trainer.store.exams import start_exam_attempt
from trainer.store.history import trainee_history
from trainer.store.models import AttemptStatus, Trainee

CHILD = """
import sys, time
from pathlib import Path
from trainer.content.loader import load_content
from trainer.engine.session import Session
from trainer.engine.turns import Mode
from trainer.store.attempts import record_turn
from trainer.store.database import open_store
from trainer.store.exams import start_exam_attempt

content = load_content(Path(sys.argv[3]))
scenario = content.scenario("first_call")
store = open_store(Path(sys.argv[1]))
attempt = start_exam_attempt(
    store, int(sys.argv[2]), content_id=scenario.id, content_hash=scenario.digest, seed=4,
    persona_id="ivan", allowed=2,
)
session = Session(content, scenario, mode=Mode.EXAM, seed=4)
for turn in list(session.turns):
    record_turn(store, attempt.id, turn)
for turn in session.choose("intro"):
    record_turn(store, attempt.id, turn)
print(attempt.id, flush=True)
time.sleep(60)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_an_exam_killed_mid_call_counts_as_an_attempt_used(
    store: Store, trainee: Trainee, db_path: Path
) -> None:
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(db_path), str(trainee.id), str(MINI)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).parents[2],
    )
    assert child.stdout is not None
    attempt_id = child.stdout.readline().strip()
    child.send_signal(signal.SIGKILL)
    _, errors = child.communicate(timeout=30)
    assert attempt_id, errors
    assert [turn.speaker for turn in turns_for(store, attempt_id)] == [
        "client",
        "trainee",
        "client",
    ]
    assert abandon_stale_attempts(store) == 1  # what the next start of the app does
    assert get_attempt(store, attempt_id).status is AttemptStatus.ABANDONED
    history = trainee_history(
        store, trainee.id, practice_scenarios=set(), exam_scenario="first_call"
    )
    assert history.exam_attempts_used == 1 and not history.exam_passed
    digest = get_attempt(store, attempt_id).content_hash  # the content the records accepted
    start_exam_attempt(
        store, trainee.id, content_id="first_call", content_hash=digest, seed=5, allowed=2
    )  # the second and last
    with pytest.raises(StoreError, match="no exam attempts left"):
        start_exam_attempt(
            store, trainee.id, content_id="first_call", content_hash=digest, seed=6, allowed=2
        )
