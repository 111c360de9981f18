"""trainer test --record turns a stored attempt into a conversation test that replays it."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
import yaml

from tests.cli.conftest import PASSPHRASE, store_call
from trainer.cli import main
from trainer.content.loader import load_content
from trainer.store.database import open_store
from trainer.store.mentors import add_mentor
from trainer.store.trainees import add_trainee


@pytest.fixture(autouse=True)
def mentor_at_the_keyboard(monkeypatch: pytest.MonkeyPatch) -> None:
    """Reading a trainee's call takes a mentor's passphrase, typed on standard input."""
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSPHRASE + "\n"))


def stored_call(mini: Path, db: Path, moves: list[tuple[str, str]]) -> str:
    """A database with a mentor and Anna's fixture call, played with these moves."""
    with open_store(db) as records:
        add_mentor(records, "Olga", PASSPHRASE)
        trainee = add_trainee(records, "Anna")
        return store_call(records, load_content(mini), trainee.id, moves, seed=5)


def test_a_recorded_attempt_becomes_a_passing_test(
    mini: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "trainer.db"
    attempt_id = stored_call(
        mini, db, [("say", "hello, this is Anna from Northline"), ("pick", "ask"), ("pick", "meet")]
    )
    output = mini / "scenarios" / "tests" / "recorded.yaml"
    assert main(["test", "--record", attempt_id, "--db", str(db), "--output", str(output)]) == 0
    recorded = yaml.safe_load(output.read_text())
    [test] = recorded["tests"]
    assert recorded["scenario"] == "first_call"
    assert test["replies"] == [{"say": "hello, this is Anna from Northline"}, "ask", "meet"]
    assert test["expect"] == {
        "path": ["hello", "needs", "offer", "booked"],
        "outcome": "meeting",
        "passed": True,
        "score": {"min": 100.0, "max": 100.0},
    }
    capsys.readouterr()
    assert main(["test", "--content", str(mini)]) == 0
    assert "3 passed, 0 failed" in capsys.readouterr().out


def test_a_recorded_test_catches_a_changed_scenario(
    mini: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "trainer.db"
    attempt_id = stored_call(mini, db, [("pick", "intro"), ("pick", "ask"), ("pick", "meet")])
    output = mini / "scenarios" / "tests" / "recorded.yaml"
    assert main(["test", "--record", attempt_id, "--db", str(db), "--output", str(output)]) == 0
    scenario = mini / "scenarios" / "first_call.yaml"
    # a better way to close now exists: the recorded call is no longer the best one
    text = scenario.read_text()
    scenario.write_text(
        text.replace(
            "      - id: send\n",
            "      - id: meet_team\n"
            "        text: Let's meet your whole team on Tuesday; I'll bring two samples.\n"
            "        to: booked\n"
            "        points: {closing: 5}\n"
            "      - id: send\n",
        )
    )
    capsys.readouterr()
    assert main(["test", "--content", str(mini)]) == 1
    assert "expected a score of at least 100%, got 94.5%" in capsys.readouterr().out


def test_recording_an_unknown_attempt_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with open_store(tmp_path / "t.db") as records:
        add_mentor(records, "Olga", PASSPHRASE)
    assert main(["test", "--record", "nope", "--db", str(tmp_path / "t.db")]) == 1
    assert "no attempt" in capsys.readouterr().err


def test_recording_takes_a_mentors_passphrase(
    mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "trainer.db"
    attempt_id = stored_call(mini, db, [("pick", "intro")])
    monkeypatch.setattr("sys.stdin", io.StringIO("a trainee guessing\n"))
    assert main(["test", "--record", attempt_id, "--db", str(db)]) == 1
    assert "wrong passphrase for Olga" in capsys.readouterr().err
