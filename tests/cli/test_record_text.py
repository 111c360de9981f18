"""`trainer test --record` and `replay` never write or print a stored control, bidi or
zero-width character, even from rows stored before text was sanitised."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import yaml

from tests.cli.conftest import PASSPHRASE, store_call
from trainer.content.loader import load_content
from trainer.store.database import open_store
from trainer.store.mentors import add_mentor
from trainer.store.trainees import add_trainee

HIDDEN = ("\x07", "\x1b", "\x9d", "\u202e", "\u2066", "\u200b", "\u200d", "\ufeff")
# What an older trainer stored: it stripped C0/C1 controls from typed words, nothing else.
OLD_ROW = "hello\u202e, this is\u200b Anna\u2066 from\ufeff Northline\u200d"


def trainer(*args: str) -> subprocess.CompletedProcess[str]:
    """`trainer ARGS` in a real process, the mentor's passphrase typed on standard input."""
    return subprocess.run(
        [sys.executable, "-m", "trainer", *args],
        input=PASSPHRASE + "\n",
        capture_output=True,
        text=True,
        timeout=60,
    )


def older_call(mini: Path, db: Path) -> str:
    """Anna's call stored, then its typed words set back to what an older trainer kept."""
    with open_store(db) as records:
        add_mentor(records, "Olga", PASSPHRASE)
        trainee = add_trainee(records, "Anna")
        moves = [("say", "hello, this is Anna from Northline"), ("pick", "ask"), ("pick", "meet")]
        attempt_id = store_call(records, load_content(mini), trainee.id, moves, seed=5)
    with sqlite3.connect(db) as conn:
        conn.execute(
            "UPDATE turns SET typed_text = ?, text = ? WHERE attempt_id = ? AND typed_text "
            "IS NOT NULL",
            (OLD_ROW, OLD_ROW, attempt_id),
        )
    return attempt_id


def test_a_recorded_test_file_holds_no_bidi_or_zero_width_character(
    mini: Path, tmp_path: Path
) -> None:
    db = tmp_path / "trainer.db"
    attempt_id = older_call(mini, db)
    output = mini / "scenarios" / "tests" / "recorded.yaml"
    result = trainer("--db", str(db), "test", "--record", attempt_id, "--output", str(output))
    assert result.returncode == 0, result.stderr
    written = output.read_text(encoding="utf-8")
    assert [f"U+{ord(c):04X}" for c in HIDDEN if c in written] == []
    [test] = yaml.safe_load(written)["tests"]
    assert test["replies"][0] == {"say": "hello, this is Anna from Northline"}
    played = trainer("--content", str(mini), "test")
    assert played.returncode == 0 and "3 passed, 0 failed" in played.stdout


def test_a_recorded_test_on_standard_output_holds_none_either(mini: Path, tmp_path: Path) -> None:
    db = tmp_path / "trainer.db"
    attempt_id = older_call(mini, db)
    result = trainer("--db", str(db), "test", "--record", attempt_id)
    assert result.returncode == 0, result.stderr
    assert [f"U+{ord(c):04X}" for c in HIDDEN if c in result.stdout] == []


def test_replay_shows_an_older_rows_hidden_characters_as_marks(mini: Path, tmp_path: Path) -> None:
    db = tmp_path / "trainer.db"
    attempt_id = older_call(mini, db)
    with sqlite3.connect(db) as conn:
        conn.execute(
            "UPDATE turns SET text = ? WHERE attempt_id = ? AND idx = 1",
            ("hello \x1b]0;PWNED\x07\x1b[2J", attempt_id),
        )
    result = trainer("--content", str(mini), "--db", str(db), "replay", attempt_id)
    assert result.returncode == 1  # the stored line differs from today's
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "\u241b]0;PWNED\u2407\u241b[2J" in result.stdout
