"""Store fixtures: a real database file in tmp_path, and a call played by the real engine."""

from __future__ import annotations

import contextlib
import hashlib
import os
import subprocess
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pytest
import sqlite_utils

from tests.conftest import MINI
from trainer.content.loader import load_content
from trainer.engine.scoring import Score
from trainer.engine.session import Session
from trainer.engine.turns import Speaker, Turn
from trainer.store.attempts import abandon_attempt, finish_attempt, record_turn, start_attempt
from trainer.store.database import Store
from trainer.store.mentors import Mentor, add_mentor
from trainer.store.models import Attempt, Trainee
from trainer.store.trainees import add_trainee


def tables(store: Store) -> sqlite_utils.Database:
    """The store's connection through sqlite-utils, for the tests' own look at tables and views."""
    return sqlite_utils.Database(store.conn, execute_plugins=False)


@pytest.fixture
def trainee(store: Store) -> Trainee:
    return add_trainee(store, "Ann Lee")


@dataclass(frozen=True)
class PlayedCall:
    """A call through the mini content: what `start_attempt` needs, the turns and the score."""

    content_id: str
    content_hash: str
    seed: int
    mode: str
    persona_id: str
    turns: list[Turn]
    score: Score


def play(replies: list[str], seed: int = 7) -> PlayedCall:
    content = load_content(MINI)
    scenario = content.scenario("first_call")
    session = Session(content, scenario, seed=seed, trainee="Ann")
    try:
        for reply in replies:
            session.choose(reply)
        return PlayedCall(
            scenario.id,
            scenario.digest,
            seed,
            session.mode,
            session.persona.id,
            list(session.turns),
            session.score(),
        )
    finally:
        session.close()


@pytest.fixture(scope="session")
def winning_call() -> PlayedCall:
    """The best path of the fixture scenario: intro, ask, meet -> a booked meeting."""
    return play(["intro", "ask", "meet"])


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@contextlib.contextmanager
def write_protected(path: Path) -> Iterator[None]:
    """Make a file or folder unwritable, even for root (who ignores mode bits)."""
    mode = path.stat().st_mode
    path.chmod(0o555 if path.is_dir() else 0o444)
    immutable = False
    try:
        if os.geteuid() == 0:
            result = subprocess.run(["chattr", "+i", str(path)], capture_output=True, check=False)
            immutable = result.returncode == 0
        assert not os.access(path, os.W_OK), "cannot make a file read-only here (root, no chattr)"
        yield
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", str(path)], check=True)
        path.chmod(mode)


# -- helpers for the programme and mentor review -------------------------------------------------

MENTOR = "Maria Head"
PASSPHRASE = "correct horse battery"


@pytest.fixture
def mentor(store: Store) -> Mentor:
    return add_mentor(store, MENTOR, PASSPHRASE)


@dataclass(frozen=True)
class SkillLine:
    skill: str
    earned: float
    best: float
    percent: float


@dataclass(frozen=True)
class Result:
    """Anything `finish_attempt` takes: a call's or an exam's score, made up by the test."""

    outcome: str
    percent: float
    passed: bool
    skills: tuple[SkillLine, ...] = ()


def reply(
    index: int, node: str, key: str, points: dict[str, float], typed: str | None = None
) -> Turn:
    return Turn(
        index=index,
        speaker=Speaker.TRAINEE,
        name="You",
        text=typed or f"reply {key}",
        node=node,
        reply=f"{node}/{key}",
        typed=typed,
        confidence=None if typed is None else 75.0,
        points=points,
    )


def client(index: int, node: str, text: str = "Hello?") -> Turn:
    return Turn(index=index, speaker=Speaker.CLIENT, name="Ivan", text=text, node=node)


def call(
    store: Store,
    trainee_id: int,
    *,
    content_id: str = "first_call",
    kind: str = "call",
    turns: Sequence[Turn] = (),
    outcome: str | None = "meeting",
    percent: float = 80.0,
    passed: bool = True,
    skills: tuple[SkillLine, ...] = (),
) -> Attempt:
    """An attempt with its turns, completed with `outcome`, or abandoned when outcome is None."""
    attempt = start_attempt(
        store,
        trainee_id,
        kind=kind,
        content_id=content_id,
        content_hash="h",
        seed=1,
        mode="exam" if kind == "exam" else "practice",
        persona_id="ivan",
    )
    for turn in turns:
        record_turn(store, attempt.id, turn)
    if outcome is None:
        return abandon_attempt(store, attempt.id)
    return finish_attempt(store, attempt.id, Result(outcome, percent, passed, skills))


def set_started(store: Store, attempt_id: str, moment: datetime) -> None:
    """Move an attempt in time (tests of order and of idle trainees)."""
    stamp = moment.isoformat(timespec="microseconds")
    store.conn.execute(
        "UPDATE attempts SET started_at = ?, ended_at = coalesce(?, ended_at) WHERE id = ?",
        (stamp, stamp, attempt_id),
    )
