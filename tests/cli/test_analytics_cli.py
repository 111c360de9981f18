"""`trainer analytics` and `trainer mentor cohort`: the team's figures leave the database only
for a mentor, narrowed by cohort and dates, as JSON or CSV that other tools read back."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.cli.conftest import PASSPHRASE, store_call
from trainer.cli import main
from trainer.content.loader import load_content
from trainer.store.cohorts import cohort_of
from trainer.store.database import open_store
from trainer.store.mentors import add_mentor
from trainer.store.trainees import add_trainee


def typed(monkeypatch: pytest.MonkeyPatch, *lines: str) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("".join(line + "\n" for line in lines)))


@pytest.fixture
def db(mini: Path, tmp_path: Path) -> Path:
    """A mentor, Anna's call that books a meeting and Boris's that is hung up on."""
    path = tmp_path / "trainer.db"
    content = load_content(mini)
    with open_store(path) as records:
        add_mentor(records, "Olga", PASSPHRASE)
        anna = add_trainee(records, "Anna")
        store_call(
            records,
            content,
            anna.id,
            [("pick", "intro"), ("pick", "ask"), ("pick", "meet")],
            seed=3,
        )
        boris = add_trainee(records, "Boris")
        store_call(records, content, boris.id, [("pick", "push"), ("pick", "push_again")], seed=3)
    return path


def analytics(db: Path, mini: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> int:
    typed(monkeypatch, PASSPHRASE)
    return main(["analytics", "--db", str(db), "--content", str(mini), *args])


def test_a_cohort_is_set_by_a_mentor_and_narrows_the_figures(
    db: Path, mini: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    typed(monkeypatch, PASSPHRASE)
    assert main(["mentor", "cohort", "boris", "Spring 2026", "--db", str(db)]) == 0
    assert "Boris is in the cohort 'Spring 2026'." in capsys.readouterr().out
    with open_store(db) as records:
        assert cohort_of(records, 2) == "Spring 2026"
    assert analytics(db, mini, monkeypatch) == 0
    everyone = json.loads(capsys.readouterr().out)
    funnel = next(r for r in everyone if r["record"] == "funnel")
    assert (funnel["calls"], funnel["meetings"], funnel["hang_ups"]) == (2, 1, 1)
    assert analytics(db, mini, monkeypatch, "--cohort", "spring 2026") == 0
    spring = json.loads(capsys.readouterr().out)
    funnel = next(r for r in spring if r["record"] == "funnel")
    assert (funnel["calls"], funnel["meetings"], funnel["hang_ups"]) == (1, 0, 1)
    assert funnel["scope"] == "cohort Spring 2026"
    drop = next(r for r in spring if r["record"] == "drop_off")
    assert drop["client_line"] and "{" not in drop["client_line"]


def test_csv_is_one_wide_table_with_the_kind_of_each_row(
    db: Path, mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "team.csv"
    assert analytics(db, mini, monkeypatch, "--format", "csv", "--output", str(target)) == 0
    rows = list(csv.DictReader(target.open(encoding="utf-8")))
    assert {row["record"] for row in rows} >= {"funnel", "scenario", "drop_off"}
    assert next(r for r in rows if r["record"] == "funnel")["calls"] == "2"


@pytest.mark.parametrize(
    "args, message",
    [
        (("--since", "yesterday"), "--since 'yesterday' is not a date: write it as YYYY-MM-DD"),
        (("--cohort", "Winter"), "no cohort 'Winter'; cohorts: none yet"),
        (
            ("--since", "2026-11-30", "--until", "2026-11-01"),
            "the range ends (2026-11-01) before it starts (2026-11-30)",
        ),
    ],
)
def test_a_wrong_filter_is_one_line_and_exit_1(
    db: Path,
    mini: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    args: tuple[str, ...],
    message: str,
) -> None:
    assert analytics(db, mini, monkeypatch, *args) == 1
    captured = capsys.readouterr()
    assert message in captured.err and "Traceback" not in captured.err and captured.out == ""


def test_analytics_and_cohorts_need_the_mentors_passphrase(
    db: Path, mini: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    typed(monkeypatch, "let me in")
    assert main(["analytics", "--db", str(db), "--content", str(mini)]) == 1
    assert "wrong passphrase for Olga" in capsys.readouterr().err
    typed(monkeypatch, "let me in")
    assert main(["mentor", "cohort", "Anna", "Spring", "--db", str(db)]) == 1
    with open_store(db) as records:
        assert cohort_of(records, 1) is None


def test_cohort_needs_a_name_or_clear_and_a_known_trainee(
    db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["mentor", "cohort", "Anna", "--db", str(db)]) == 1
    assert "give a cohort to put the trainee in, or --clear" in capsys.readouterr().err
    typed(monkeypatch, PASSPHRASE)
    assert main(["mentor", "cohort", "Zed", "Spring", "--db", str(db)]) == 1
    assert "there is no trainee named 'Zed'" in capsys.readouterr().err
    typed(monkeypatch, PASSPHRASE)
    assert main(["mentor", "cohort", "Anna", "Spring", "--db", str(db)]) == 0
    typed(monkeypatch, PASSPHRASE)
    assert main(["mentor", "cohort", "Anna", "--clear", "--db", str(db)]) == 0
    assert "Anna is in no cohort now." in capsys.readouterr().out
