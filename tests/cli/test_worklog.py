"""`trainer log`: a trainee logs real work and lists it, through the entry point."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.cli.conftest import PASSPHRASE
from tests.ui.conftest import unlock_stage, use_exam_attempt
from trainer.cli import main
from trainer.content.content_set import ContentSet
from trainer.content.loader import load_content
from trainer.content.paths import bundled_content_dir
from trainer.store.database import open_store
from trainer.store.mentors import add_mentor
from trainer.store.trainees import add_trainee
from trainer.store.worklog import sign_off, work_entries


def typed(monkeypatch: pytest.MonkeyPatch, *lines: str) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("".join(line + "\n" for line in lines)))


@pytest.fixture(autouse=True)
def no_programme(mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The mini content: no programme, so nothing is locked (the gate has its own test)."""
    monkeypatch.setenv("TRAINER_CONTENT", str(mini))


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "trainer.db"
    with open_store(path) as records:
        add_trainee(records, "Anna Berg")
        add_trainee(records, "Ben Okoro", pin="2468")
    return path


def entries(db: Path, name: str = "Anna Berg") -> list[tuple[str, int, int, str]]:
    with open_store(db) as records:
        trainee_id = records.conn.execute(
            "SELECT id FROM trainees WHERE name = ?", (name,)
        ).fetchone()[0]
        return [
            (e.day.isoformat(), e.counts.calls, e.counts.meetings, e.note)
            for e in work_entries(records, trainee_id)
        ]


def test_a_day_is_logged_and_listed(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    yesterday = (date.today() - timedelta(days=1)).isoformat()
    args = ["log", "--db", str(db), "--trainee", "anna berg", "--date", yesterday]
    assert main([*args, "--calls", "12", "--meetings", "2", "--orders-delayed", "1"]) == 0
    assert "Logged for Anna Berg on" in capsys.readouterr().out
    assert main(["log", "--db", str(db), "--trainee", "Anna Berg", "--calls", "3"]) == 0
    assert entries(db) == [(date.today().isoformat(), 3, 0, ""), (yesterday, 12, 2, "")]
    capsys.readouterr()
    assert main(["log", "--db", str(db), "--trainee", "Anna Berg", "--list"]) == 0
    listing = capsys.readouterr().out
    assert "Orders delayed" in listing and "Total" in listing and "15" in listing
    assert "Proposals sent" not in listing  # only the kinds logged are columns


def test_the_logged_line_counts_one_in_the_singular(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["log", "--db", str(db), "--trainee", "Anna Berg", "--calls", "25"]
    assert main([*args, "--meetings", "1", "--events", "1", "--deals", "3"]) == 0
    said = capsys.readouterr().out
    assert "25 calls, 1 meeting, 1 event attended, 3 deals." in " ".join(said.split())


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--calls", "-2"], "give 0 or more"),
        (["--calls", "ten"], "not a whole number"),
        (["--date", "2026-02-30"], "is not a date"),
    ],
)
def test_a_malformed_option_is_refused_before_anything_runs(
    db: Path, capsys: pytest.CaptureFixture[str], extra: list[str], message: str
) -> None:
    with pytest.raises(SystemExit) as exit_status:
        main(["log", "--db", str(db), "--trainee", "Anna Berg", *extra])
    assert exit_status.value.code == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert entries(db) == []


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--date", (date.today() + timedelta(days=2)).isoformat(), "--calls", "1"], "future"),
        (["--date", "2020-01-01", "--calls", "1"], "more than a year ago"),
        (["--calls", "100000"], "100000 calls in one day is more than a day holds (150 at most)"),
        (["--calls", "9" * 30], "more than a day holds"),
        (["--applications", "50"], "50 applications from 0 calls and 0 meetings"),
        (["--calls", "2", "--referrals", "5"], "5 referrals asked from 2 calls and 0 meetings"),
        (["--calls", "140", "--meetings", "10"], "take at least 14 h 30 min"),
        ([], "nothing to log"),
        (["--since", "2026-01-01", "--calls", "1"], "--since goes with --list"),
    ],
)
def test_bad_input_is_one_clear_line_and_nothing_is_written(
    db: Path, capsys: pytest.CaptureFixture[str], extra: list[str], message: str
) -> None:
    assert main(["log", "--db", str(db), "--trainee", "Anna Berg", *extra]) == 1
    err = capsys.readouterr().err
    assert err.startswith("trainer: ") and message in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    assert entries(db) == []


def test_a_trainee_with_a_pin_is_asked_for_it(
    db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    command = ["log", "--db", str(db), "--trainee", "Ben Okoro", "--calls", "5"]
    typed(monkeypatch, "1111")
    assert main(command) == 1
    assert "wrong PIN for Ben Okoro" in capsys.readouterr().err
    typed(monkeypatch, "1111")
    assert main(["log", "--db", str(db), "--trainee", "Ben Okoro", "--list"]) == 1
    assert entries(db, "Ben Okoro") == []
    typed(monkeypatch, "2468")
    assert main(command) == 0
    assert [calls for _, calls, _, _ in entries(db, "Ben Okoro")] == [5]


def test_an_unknown_trainee_is_named(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["log", "--db", str(db), "--trainee", "Nobody", "--calls", "1"]) == 1
    assert "there is no trainee named 'Nobody'" in capsys.readouterr().err


def test_the_command_runs_as_a_program(db: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "trainer", "log", "--db", str(db), "--trainee", "Anna Berg",
         "--calls", "3", "--referrals", "2", "--note", "Asked the clinic for two names"],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "2 referrals asked" in result.stdout
    assert entries(db)[0][3] == "Asked the clinic for two names"


def test_the_xapi_export_carries_a_sign_off(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with open_store(db) as records:
        add_mentor(records, "Olga", PASSPHRASE)
        sign_off(records, 1, "Olga", "Ready to work alone.")
    monkeypatch.setenv("TRAINER_XAPI_HOMEPAGE", "https://lms.example.com")
    typed(monkeypatch, PASSPHRASE)
    output = tmp_path / "team.jsonl"
    assert main(["export", "--db", str(db), "--format", "xapi", "--output", str(output)]) == 0
    statements = [json.loads(line) for line in output.read_text().splitlines()]
    (signed,) = [s for s in statements if s["object"]["id"].endswith("/trainer/programme")]
    assert signed["verb"]["display"] == {"en-US": "satisfied"}
    (extension,) = signed["context"]["extensions"].values()
    assert extension == {"mentor": "Olga", "note": "Ready to work alone."}
    assert signed["actor"]["name"] == "Anna Berg"


def test_the_html_export_shows_the_criteria(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert main(["log", "--db", str(db), "--trainee", "Anna Berg", "--calls", "20"]) == 0
    with open_store(db) as records:
        add_mentor(records, "Olga", PASSPHRASE)
    typed(monkeypatch, PASSPHRASE)
    output = tmp_path / "anna.html"
    command = ["export", "--db", str(db), "--trainee", "Anna Berg", "--output", str(output)]
    assert main(command) == 0
    page = output.read_text()
    assert "Work under guidance: Anna Berg" in page and "Keeping the funnel full" in page


@pytest.fixture(scope="module")
def bundled() -> ContentSet:
    return load_content(bundled_content_dir())


def test_work_is_logged_only_once_the_programme_opens_it(
    db: Path,
    bundled: ContentSet,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """With the bundled programme, real work is logged after the passed exam, as on home."""
    monkeypatch.delenv("TRAINER_CONTENT")
    command = ["log", "--db", str(db), "--trainee", "Anna Berg", "--calls", "12"]
    assert main(command) == 1
    err = capsys.readouterr().err
    assert "Work under guidance opens once you" in err and "pass the exam" in err
    assert entries(db) == []
    with open_store(db) as records:
        unlock_stage(records, 1, bundled, 4)
        use_exam_attempt(records, 1, bundled, passed=True)
    assert main(command) == 0
    assert [calls for _, calls, _, _ in entries(db)] == [12]
