"""trainer test --record tells the trainer where a recorded test must live to be run."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from tests.cli.conftest import PASSPHRASE, store_call
from trainer.cli import main
from trainer.content.loader import load_content
from trainer.store.database import open_store
from trainer.store.mentors import add_mentor
from trainer.store.trainees import add_trainee


def test_a_recorded_test_outside_scenarios_tests_is_said_to_need_moving(
    mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "trainer.db"
    with open_store(db) as records:
        add_mentor(records, "Olga", PASSPHRASE)
        trainee = add_trainee(records, "Anna")
        attempt = store_call(records, load_content(mini), trainee.id, [("pick", "intro")], seed=5)
    record = ["test", "--record", attempt, "--db", str(db), "--content", str(mini), "--output"]

    monkeypatch.setattr("sys.stdin", io.StringIO(PASSPHRASE + "\n"))
    elsewhere = tmp_path / "recorded.yaml"
    assert main([*record, str(elsewhere)]) == 0
    tests_dir = mini / "scenarios" / "tests"
    assert (
        f"wrote {elsewhere}; move it into {tests_dir}, then run it with: "
        "trainer test --scenario first_call"
    ) in capsys.readouterr().out.replace("\n", "")

    monkeypatch.setattr("sys.stdin", io.StringIO(PASSPHRASE + "\n"))
    inside = tests_dir / "recorded.yaml"
    assert main([*record, str(inside)]) == 0
    out = capsys.readouterr().out.replace("\n", "")
    assert f"wrote {inside}; run it with: trainer test --scenario first_call" in out
    assert "move it" not in out
