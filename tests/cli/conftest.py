"""CLI fixtures: calls played on the fixture content and stored, as the app would store them;
an inherited database with a hand-made row; what is typed at the prompts."""

from __future__ import annotations

import io
import sqlite3
from pathlib import Path

import pytest

from trainer.content.content_set import ContentSet
from trainer.content.loader import load_content
from trainer.engine.session import Session
from trainer.store.attempts import finish_attempt, record_turn, start_attempt
from trainer.store.database import Store, open_store
from trainer.store.mentors import add_mentor
from trainer.store.trainees import add_trainee

PASSPHRASE = "correct horse battery"


def store_call(
    records: Store,
    content: ContentSet,
    trainee_id: int,
    moves: list[tuple[str, str]],
    seed: int,
) -> str:
    """Play first_call with these moves (('pick', id) or ('say', words)), store every turn and
    the score; returns the attempt's id."""
    scenario = content.scenario("first_call")
    session = Session(content, scenario, seed=seed)
    attempt = start_attempt(
        records,
        trainee_id,
        kind="call",
        content_id=scenario.id,
        content_hash=scenario.digest,
        seed=seed,
        mode="practice",
        persona_id="ivan",
    )
    for turn in session.turns:
        record_turn(records, attempt.id, turn)
    for kind, value in moves:
        for turn in session.say(value) if kind == "say" else session.choose(value):
            record_turn(records, attempt.id, turn)
    finish_attempt(records, attempt.id, session.score())
    return attempt.id


def typed(monkeypatch: pytest.MonkeyPatch, *lines: str) -> None:
    """Standard input as the lines typed at the prompts (a passphrase, a PIN)."""
    monkeypatch.setattr("sys.stdin", io.StringIO("".join(line + "\n" for line in lines)))


def inherited_database(content: Path, path: Path) -> Path:
    """Olga the mentor; Anna's call; and an exam row inserted by hand for a trainee who does not
    exist, with no turns, as a restore, a merge or tampering leaves."""
    with open_store(path) as records:
        add_mentor(records, "Olga Real", PASSPHRASE)
        anna = add_trainee(records, "Anna")
        store_call(records, load_content(content), anna.id, [("pick", "intro")], seed=3)
    with sqlite3.connect(path) as conn:  # foreign keys are off in a plain connection
        conn.execute(
            "INSERT INTO attempts (id, trainee_id, kind, content_id, content_hash, seed, mode, "
            "started_at, ended_at, status, outcome, score, passed, pid, host) VALUES "
            "('handmade', 99, 'exam', 'final_exam_close_deal', 'fa9d562cf749b3a3', 1, 'exam', "
            "'2026-11-29T10:00:00+00:00', '2026-11-29T10:05:00+00:00', 'completed', 'deal', "
            "97.5, 1, 1, 'x')"
        )
    conn.close()
    return path
