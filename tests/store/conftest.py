"""Store fixtures: a real database file in tmp_path, and a call played by the real engine."""

from __future__ import annotations

import contextlib
import hashlib
import os
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import MINI
from trainer.content.loader import load_content
from trainer.engine.scoring import Score
from trainer.engine.session import Session, Turn
from trainer.store import Store, Trainee, add_trainee, open_store


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "trainer.db"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    with open_store(db_path) as opened:
        yield opened


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
