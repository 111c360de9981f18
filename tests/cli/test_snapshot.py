"""`trainer snapshot` and Datasette as the docs show it: the page a mentor publishes holds every
record and no mentor's passphrase hash or trainee's PIN hash."""

from __future__ import annotations

import io
import re
import shlex
import sqlite3
from pathlib import Path

import pytest

from tests.cli.conftest import PASSPHRASE, store_call
from trainer.cli import main
from trainer.content.loader import load_content
from trainer.store.database import open_store
from trainer.store.mentors import add_mentor
from trainer.store.trainees import add_trainee

ROOT = Path(__file__).resolve().parents[2]
DOCS = sorted([ROOT / "README.md", *(ROOT / "docs").glob("*.md")])


def typed(monkeypatch: pytest.MonkeyPatch, *lines: str) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("".join(line + "\n" for line in lines)))


def documented(program: str) -> list[tuple[str, list[str]]]:
    """(where, words) of every `$ program …` console line in the docs."""
    found = []
    for doc in DOCS:
        text = doc.read_text(encoding="utf-8")
        for line in re.finditer(rf"^\$ ({program} .*)$", text, re.M):
            where = f"{doc.name}:{text.count(chr(10), 0, line.start()) + 1}"
            found.append((where, shlex.split(line.group(1).split("#")[0])))
    return found


@pytest.fixture
def db(mini: Path, tmp_path: Path) -> Path:
    path = tmp_path / "trainer.db"
    content = load_content(mini)
    with open_store(path) as records:
        add_mentor(records, "Olga", PASSPHRASE)
        anna = add_trainee(records, "Anna", pin="2468")
        store_call(
            records,
            content,
            anna.id,
            [("pick", "intro"), ("pick", "ask"), ("pick", "meet")],
            seed=3,
        )
    return path


def secrets(path: Path) -> list[bytes]:
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute(
            "SELECT passphrase_hash, passphrase_salt FROM mentors "
            "UNION ALL SELECT pin_hash, pin_salt FROM trainees"
        ).fetchall()
    finally:
        conn.close()
    return [value.encode() for row in rows for value in row]


def test_every_datasette_in_the_docs_opens_a_snapshot_immutably() -> None:
    snapshots = {words[2] for _, words in documented("trainer") if words[1:2] == ["snapshot"]}
    datasettes = documented("datasette")
    assert datasettes, "the docs no longer show how to browse the records"
    for where, words in datasettes:
        assert "--immutable" in words, where
        files = [word for word in words[1:] if not word.startswith("-")]
        assert files and set(files) <= snapshots, f"{where}: {files} is not a snapshot"


def test_the_documented_snapshot_holds_the_records_and_no_secret(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    hidden = secrets(db)
    assert len(hidden) == 4 and all(hidden)
    monkeypatch.chdir(tmp_path)
    for _, words in documented("trainer"):
        if words[1:2] == ["snapshot"]:
            copy = tmp_path / words[2]
            copy.unlink(missing_ok=True)  # the README and the guide name the same file
            typed(monkeypatch, PASSPHRASE)
            assert main([*words[1:], "--db", str(db)]) == 0
            raw = copy.read_bytes()
            assert not [secret for secret in hidden if secret in raw]
            conn = sqlite3.connect(copy)
            try:
                assert conn.execute("SELECT count(*) FROM attempts").fetchone() == (1,)
            finally:
                conn.close()
            assert "without passphrases or PINs" in capsys.readouterr().err


def test_a_snapshot_needs_the_mentors_passphrase(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    typed(monkeypatch, "let me in")
    copy = tmp_path / "copy.db"
    assert main(["snapshot", str(copy), "--db", str(db)]) == 1
    assert "wrong passphrase for Olga" in capsys.readouterr().err
    assert not copy.exists()


def test_a_snapshot_over_an_existing_file_is_refused_before_the_passphrase(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("mine")
    assert main(["snapshot", str(notes), "--db", str(db)]) == 1
    err = capsys.readouterr().err
    assert "already exists" in err and "Traceback" not in err
    assert notes.read_text() == "mine"
