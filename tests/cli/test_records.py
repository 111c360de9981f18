"""mentor, export and replay: the records leave the database only for a mentor."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.conftest import PASSPHRASE, store_call
from trainer.cli import main
from trainer.content.loader import load_content
from trainer.store.attempts import attempts_for
from trainer.store.database import open_store
from trainer.store.mentors import add_mentor, verify_mentor
from trainer.store.trainees import add_trainee, list_trainees


def typed(monkeypatch: pytest.MonkeyPatch, *lines: str) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("".join(line + "\n" for line in lines)))


@pytest.fixture
def db(mini: Path, tmp_path: Path) -> Path:
    """A database with a mentor and two trainees' calls, one typed reply full of markup."""
    path = tmp_path / "trainer.db"
    content = load_content(mini)
    with open_store(path) as records:
        add_mentor(records, "Olga", PASSPHRASE)
        for name, moves in (
            (
                "Anna",
                [
                    ("say", "Hello Ivan, this is <script>alert(1)</script> from Northline."),
                    ("pick", "ask"),
                    ("pick", "meet"),
                ],
            ),
            ("Boris", [("pick", "push"), ("pick", "push_again")]),
        ):
            trainee = add_trainee(records, name)
            store_call(records, content, trainee.id, moves, seed=3)
    return path


def test_mentor_add_reads_the_passphrase_and_stores_only_a_hash(tmp_path: Path) -> None:
    path = tmp_path / "trainer.db"
    result = subprocess.run(
        [sys.executable, "-m", "trainer", "mentor", "add", "Olga Sidorova", "--db", str(path)],
        input=PASSPHRASE + "\n",
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "Mentor 'Olga Sidorova' added" in result.stdout
    assert PASSPHRASE.encode() not in path.read_bytes()
    with open_store(path) as records:
        assert verify_mentor(records, "Olga Sidorova", PASSPHRASE).name == "Olga Sidorova"


def test_a_short_passphrase_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    typed(monkeypatch, "short")
    assert main(["mentor", "add", "Olga", "--db", str(tmp_path / "t.db")]) == 1
    assert "at least 8 characters" in capsys.readouterr().err


def test_export_needs_the_mentors_passphrase(
    db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    typed(monkeypatch, "let me in")
    assert main(["export", "--db", str(db), "--format", "json"]) == 1
    captured = capsys.readouterr()
    assert "wrong passphrase for Olga" in captured.err and captured.out == ""


def test_export_without_any_mentor_says_how_to_add_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", "--db", str(tmp_path / "t.db")]) == 1
    assert "add one with: trainer mentor add NAME" in capsys.readouterr().err


def test_export_json_and_csv_parse_back(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    typed(monkeypatch, PASSPHRASE)
    assert (
        main(
            ["export", "--db", str(db), "--format", "json", "--output", str(tmp_path / "all.json")]
        )
        == 0
    )
    exported = json.loads((tmp_path / "all.json").read_text())
    assert len(exported["attempts"]) == 2
    typed(monkeypatch, PASSPHRASE)
    assert (
        main(
            [
                "export",
                "--db",
                str(db),
                "--trainee",
                "anna",
                "--format",
                "csv",
                "--output",
                str(tmp_path / "anna.csv"),
            ]
        )
        == 0
    )
    rows = list(csv.DictReader((tmp_path / "anna.csv").open()))
    assert rows and all("Anna" in row.values() for row in rows)
    assert not any("Boris" in row.values() for row in rows)


def test_export_html_escapes_what_a_trainee_typed(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    typed(monkeypatch, PASSPHRASE)
    output = tmp_path / "report.html"
    assert main(["export", "--db", str(db), "--format", "html", "--output", str(output)]) == 0
    report = output.read_text()
    assert "<script>alert(1)</script>" not in report
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in report


def test_an_export_to_a_folder_that_does_not_exist_says_so_in_one_line(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    typed(monkeypatch, PASSPHRASE)
    output = tmp_path / "no" / "such" / "report.html"
    assert main(["export", "--db", str(db), "--output", str(output)]) == 1
    err = capsys.readouterr().err
    assert err.strip() == f"trainer: the folder {output.parent} does not exist"


def test_replay_matches_an_unchanged_call_and_reports_a_changed_one(
    db: Path, mini: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with open_store(db) as records:
        anna = next(t for t in list_trainees(records) if t.name == "Anna")
        attempt = attempts_for(records, anna.id)[0]
    typed(monkeypatch, PASSPHRASE)
    assert main(["replay", attempt.id, "--db", str(db), "--content", str(mini)]) == 0
    assert "The replay matches the stored call: 7 turns, same score." in capsys.readouterr().out
    scenario = mini / "scenarios" / "first_call.yaml"
    scenario.write_text(
        scenario.read_text().replace("Alright, what do you suggest?", "So, what do you suggest?")
    )
    typed(monkeypatch, PASSPHRASE)
    assert main(["replay", attempt.id, "--db", str(db), "--content", str(mini)]) == 1
    report = capsys.readouterr().out
    assert "has changed since this call was made" in report
    assert "turn 4: stored client 'Alright, what do you suggest?'" in report
    assert "does NOT match" in report


def test_the_final_exam_is_played_or_drawn_outside_the_app_only_by_a_mentor(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "trainer.db"
    assert main(["play", "final_exam_close_deal", "--db", str(db), "--replies", "1"]) == 1
    assert (
        "only a mentor can open the final exam 'final_exam_close_deal' outside the app"
        in capsys.readouterr().err
    )
    with open_store(db) as records:
        add_mentor(records, "Olga", PASSPHRASE)
    typed(monkeypatch, "a trainee guessing")
    assert main(["graph", "final_exam_close_deal", "--db", str(db)]) == 1
    assert "wrong passphrase for Olga" in capsys.readouterr().err
    typed(monkeypatch, PASSPHRASE)
    assert main(["graph", "final_exam_close_deal", "--db", str(db)]) == 0
    assert capsys.readouterr().out.startswith("flowchart TD")
    typed(monkeypatch, PASSPHRASE)
    assert main(["play", "final_exam_close_deal", "--db", str(db), "--replies", "1", "--json"]) == 0


def test_practice_scenarios_need_no_mentor(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["graph", "cold_call_gatekeeper", "--db", str(tmp_path / "t.db")]) == 0
