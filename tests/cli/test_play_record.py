"""`trainer play` as a place to practise: a call recorded for a trainee as the app records it,
JSON that is only JSON whatever comes in, the trainee's own name in the lines, words never cut
in two, and `trainer list` placing scenarios where the programme does."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from trainer.content.content_set import ContentSet
from trainer.content.paths import bundled_content_dir
from trainer.services.stages import Item, ItemKind, stage_number
from trainer.store.database import open_store
from trainer.store.trainees import add_trainee


def trainer(
    *args: str, stdin: str = "", env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """`trainer ARGS` in a real process, with `stdin` piped in."""
    return subprocess.run(
        [sys.executable, "-m", "trainer", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
    )


def rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "team.db"
    with open_store(path) as store:
        add_trainee(store, "Ann Lee")
        add_trainee(store, "Pia Pin", pin="4321")
    return path


def test_a_call_played_for_a_trainee_is_recorded_like_the_apps(mini: Path, db: Path) -> None:
    result = trainer(
        "play", "first_call", "--content", str(mini), "--db", str(db),
        "--trainee", "ann lee", "--replies", "1,ask,1",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "You: Hello Ivan, this is Ann Lee from Northline." in result.stdout
    assert "(your name)" not in result.stdout
    (attempt,) = rows(db, "SELECT id, kind, mode, status, outcome, score, passed FROM attempts")
    assert attempt[1:] == ("call", "practice", "completed", "meeting", 100.0, 1)
    assert f"Recorded as attempt {attempt[0]}." in result.stdout
    said = rows(db, "SELECT speaker, reply_key FROM turns ORDER BY idx")
    assert [speaker for speaker, _ in said] == [
        "client", "trainee", "client", "trainee", "client", "trainee", "client",
    ]  # fmt: skip
    assert [key for speaker, key in said if speaker == "trainee"] == [
        "hello/intro", "needs/ask", "offer/meet",
    ]  # fmt: skip


def test_json_is_only_json_whatever_is_piped_in(mini: Path, db: Path) -> None:
    result = trainer(
        "play", "first_call", "--content", str(mini), "--db", str(db),
        "--trainee", "Ann Lee", "--json",
        stdin="?\n1\nhow many people use the phones every day\n9\n",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    played = json.loads(result.stdout)  # the whole of stdout, no prompt in it
    assert played["outcome"] == "lost"  # the input ran out: hung up
    assert played["attempt"] == rows(db, "SELECT id FROM attempts")[0][0]
    assert rows(db, "SELECT status, outcome FROM attempts") == [("completed", "lost")]
    assert "there is no reply 9 here" in result.stderr
    without = trainer("play", "first_call", "--content", str(mini), "--json", stdin="1\n3\n")
    assert without.returncode == 0, without.stderr
    assert json.loads(without.stdout)["scenario"] == "first_call"


def test_a_trainee_with_a_pin_gives_it_first(mini: Path, db: Path) -> None:
    wrong = trainer(
        "play", "first_call", "--content", str(mini), "--db", str(db),
        "--trainee", "Pia Pin", "--replies", "1", stdin="1234\n",
    )  # fmt: skip
    assert wrong.returncode == 1
    assert wrong.stderr.strip() == "trainer: that is not the PIN of Pia Pin"
    assert rows(db, "SELECT count(*) FROM attempts") == [(0,)]
    right = trainer(
        "play", "first_call", "--content", str(mini), "--db", str(db),
        "--trainee", "Pia Pin", "--replies", "2,1", stdin="4321\n",
    )  # fmt: skip
    assert right.returncode == 0, right.stderr
    assert rows(db, "SELECT outcome FROM attempts") == [("hung-up",)]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--trainee", "Ann Le"],
            "trainer: there is no trainee named 'Ann Le'; one of: Ann Lee, Pia Pin",
        ),
        (
            ["--trainee", "Ann Lee", "--replies", "1,9"],
            "trainer: reply 2 ('9'): there is no reply 9 here; choose 1 (ask), 2 (pitch)",
        ),
    ],
)
def test_mistakes_are_one_line_and_leave_no_call_open(
    mini: Path, db: Path, args: list[str], message: str
) -> None:
    result = trainer("play", "first_call", "--content", str(mini), "--db", str(db), *args)
    assert result.returncode == 1
    assert result.stderr.strip() == message and "Traceback" not in result.stderr
    assert rows(db, "SELECT status FROM attempts WHERE status = 'in-progress'") == []


def test_a_call_cut_short_by_a_bad_reply_is_left_unfinished_to_resume(mini: Path, db: Path) -> None:
    trainer(
        "play", "first_call", "--content", str(mini), "--db", str(db),
        "--trainee", "Ann Lee", "--replies", "1,9",
    )  # fmt: skip
    assert rows(db, "SELECT status FROM attempts") == [("abandoned",)]
    assert rows(db, "SELECT count(*) FROM turns WHERE speaker = 'trainee'") == [(1,)]


def test_the_exam_is_not_played_for_a_trainee_outside_the_app(tmp_path: Path, db: Path) -> None:
    from trainer.content.loader import load_content

    exam = next(s for s in load_content(bundled_content_dir()).scenarios.values() if s.exam)
    result = trainer("play", exam.id, "--db", str(db), "--trainee", "Ann Lee", "--replies", "1")
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"trainer: the final exam '{exam.id}' is taken in the app, where the attempt counts; "
        "run: trainer"
    )
    assert rows(db, "SELECT count(*) FROM attempts") == [(0,)]


def test_a_locked_scenario_is_not_played_for_a_trainee(db: Path, bundled: ContentSet) -> None:
    programme = bundled.programme
    assert programme is not None
    locked = programme.stages[2].practice_scenarios[0]  # sales training: no quiz passed yet
    result = trainer("play", locked, "--db", str(db), "--trainee", "Ann Lee", "--replies", "1")
    assert result.returncode == 1
    assert result.stderr.startswith(f"trainer: '{locked}' is locked for Ann Lee: ")
    assert rows(db, "SELECT count(*) FROM attempts") == [(0,)]


def test_on_a_terminal_lines_wrap_between_words(mini: Path) -> None:
    result = trainer(
        "play", "first_call", "--content", str(mini), "--replies", "1,ask,1", "--name", "Anna",
        env={"TTY_COMPATIBLE": "1", "COLUMNS": "30", "NO_COLOR": "1"},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    lines = re.sub(r"\x1b\[[0-9;]*m", "", result.stdout).splitlines()  # styles aside
    assert max(len(line) for line in lines) <= 30
    text = " ".join(" ".join(lines).split())
    # every word of the line whole: wrapped only at spaces
    assert "Before we talk price, how many people use the phones every day?" in text


@pytest.fixture(scope="module")
def bundled() -> ContentSet:
    from trainer.content.loader import load_content

    return load_content(bundled_content_dir())


def test_list_shows_the_stage_the_programme_puts_each_scenario_in(bundled: ContentSet) -> None:
    result = trainer("list", env={"COLUMNS": "250"})
    assert result.returncode == 0, result.stderr
    shown: dict[str, str] = {}
    for line in result.stdout.splitlines():
        cells = [cell.strip() for cell in line.split("│")]
        if len(cells) > 3 and cells[1] in bundled.scenarios:
            shown[cells[1]] = cells[2]
    assert set(shown) == set(bundled.scenarios)
    for scenario_id, stage in shown.items():
        number = stage_number(bundled, Item(ItemKind.SCENARIO, scenario_id))
        assert stage == ("extra" if number is None else str(number)), scenario_id
    assert {"3", "4"} <= set(shown.values())
    assert "2" not in shown.values()  # no scenario is practised in the product stage
