"""A database that cannot be used gives one clear line, a non-zero exit, and an untouched file."""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.store.conftest import write_protected
from trainer.store.database import open_store
from trainer.store.schema import LATEST_VERSION
from trainer.store.trainees import add_trainee


def trainer(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "trainer", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
    )


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def corrupt(path: Path) -> None:
    with open_store(path) as records:
        add_trainee(records, "Anna")
    data = bytearray(path.read_bytes())
    data[100:4000] = b"\x00garbage" * 487 + b"\x00" * 4  # the schema page, overwritten
    path.write_bytes(bytes(data))


def text_file(path: Path) -> None:
    path.write_text("these are my notes, not a database\n")


def other_program(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")


def newer_schema(path: Path) -> None:
    with open_store(path):
        pass
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {LATEST_VERSION + 5}")


@pytest.mark.parametrize(
    "make, message",
    [
        (corrupt, "is damaged"),
        (text_file, "is not a trainer database"),
        (other_program, "is not a trainer database"),
        (newer_schema, "was written by a newer trainer"),
    ],
)
def test_a_database_trainer_cannot_use_is_refused_and_left_alone(
    tmp_path: Path, make: object, message: str
) -> None:
    path = tmp_path / "trainer.db"
    make(path)  # type: ignore[operator]
    before = digest(path)
    result = trainer("mentor", "add", "Olga", "--db", str(path), stdin="correct horse battery\n")
    assert result.returncode == 1
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("trainer: ") and message in line
    assert "Traceback" not in result.stderr
    assert digest(path) == before


def test_a_missing_database_folder_is_a_clear_error(tmp_path: Path) -> None:
    result = trainer(
        "mentor",
        "add",
        "Olga",
        "--db",
        str(tmp_path / "no" / "such" / "t.db"),
        stdin="x" * 9 + "\n",
    )
    assert result.returncode == 1
    assert "does not exist" in result.stderr and "Traceback" not in result.stderr


def test_a_read_only_database_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "trainer.db"
    with open_store(path) as records:
        add_trainee(records, "Anna")
    before = digest(path)
    with write_protected(path):
        result = trainer(
            "mentor", "add", "Olga", "--db", str(path), stdin="correct horse battery\n"
        )
    assert result.returncode == 1
    assert "read-only" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert digest(path) == before
