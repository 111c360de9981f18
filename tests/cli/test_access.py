"""Who may do what from the command line, and what no command may destroy (issue 19).

Through the entry point, on real database files; passphrases are typed on standard input.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from tests.cli.conftest import PASSPHRASE, store_call
from tests.conftest import REPO
from trainer.cli import main
from trainer.content.loader import load_content
from trainer.store.database import open_store
from trainer.store.mentors import add_mentor, list_mentors, verify_mentor
from trainer.store.paths import ENV_DB
from trainer.store.trainees import add_trainee

OTHER_PASSPHRASE = "mallory's own words"


def typed(monkeypatch: pytest.MonkeyPatch, *lines: str) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("".join(line + "\n" for line in lines)))


@pytest.fixture
def db(mini: Path, tmp_path: Path) -> Path:
    """Olga the only mentor; Anna's call, in which she typed a web address."""
    path = tmp_path / "r.db"
    with open_store(path) as records:
        add_mentor(records, "Olga Real", PASSPHRASE)
        anna = add_trainee(records, "Anna")
        moves = [
            ("say", "hello, this is Anna from Northline, see https://evil.example"),
            ("pick", "ask"),
            ("pick", "meet"),
        ]
        store_call(records, load_content(mini), anna.id, moves, seed=3)
    return path


@pytest.fixture(autouse=True)
def data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "data-home"
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    monkeypatch.delenv(ENV_DB, raising=False)
    return home


# -- writes that cannot destroy ------------------------------------------------------------------


@pytest.mark.parametrize("suffix", ["", "-wal", "-shm"])
def test_an_export_never_overwrites_the_database_in_use(
    db: Path, suffix: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    target = db.with_name(db.name + suffix)
    wal = db.with_name(db.name + "-wal")
    with open_store(db) as records:  # another trainer has it open: -wal and -shm exist
        add_trainee(records, "Boris")
        data, log = db.read_bytes(), wal.read_bytes()
        typed(monkeypatch, PASSPHRASE)
        code = main(["--db", str(db), "export", "--format", "html", "--output", str(target)])
        err = capsys.readouterr().err
        assert code == 1
        assert err.startswith(f"trainer: {target} is the database in use")
        assert "Traceback" not in err
        assert (db.read_bytes(), wal.read_bytes()) == (data, log)
    with open_store(db) as records:
        assert verify_mentor(records, "Olga Real", PASSPHRASE).name == "Olga Real"


def test_an_export_never_overwrites_another_sqlite_file_even_with_force(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "backup.sqlite"
    open_store(other).close()
    data = other.read_bytes()
    typed(monkeypatch, PASSPHRASE)
    code = main(["--db", str(db), "export", "--output", str(other), "--force"])
    assert code == 1
    assert "is a SQLite database; trainer never writes over one" in capsys.readouterr().err
    assert other.read_bytes() == data


def test_an_existing_file_is_replaced_only_with_force(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "team.json"
    target.write_text("last week's export")
    typed(monkeypatch, PASSPHRASE)
    assert main(["--db", str(db), "export", "--format", "json", "--output", str(target)]) == 1
    assert f"{target} already exists; add --force to replace it" in capsys.readouterr().err
    assert target.read_text() == "last week's export"
    assert sys.stdin.read() == PASSPHRASE + "\n"  # refused before the passphrase was asked
    typed(monkeypatch, PASSPHRASE)
    code = main(["--db", str(db), "export", "--format", "json", "--output", str(target), "--force"])
    assert code == 0
    assert "wrote 1 attempts to" in capsys.readouterr().err
    assert target.read_text().startswith('{\n  "format": "trainer-attempts"')
    assert target.stat().st_mode & 0o777 == 0o600


def test_a_recorded_test_goes_through_the_same_writer(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with open_store(db) as records:
        (attempt_id,) = [row[0] for row in records.conn.execute("SELECT id FROM attempts")]
    typed(monkeypatch, PASSPHRASE)
    args = ["--db", str(db), "test", "--record", attempt_id, "--output"]
    assert main([*args, str(db)]) == 1
    assert "is the database in use" in capsys.readouterr().err
    existing = tmp_path / "recorded.yaml"
    existing.write_text("kept")
    typed(monkeypatch, PASSPHRASE)
    assert main([*args, str(existing)]) == 1
    assert existing.read_text() == "kept"
    typed(monkeypatch, PASSPHRASE)
    assert main([*args, str(existing), "--force"]) == 0
    assert existing.read_text().startswith("#") or "scenario:" in existing.read_text()


def test_a_markdown_export_has_no_live_links(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "anna.md"
    typed(monkeypatch, PASSPHRASE)
    assert main(["--db", str(db), "export", "--format", "md", "--output", str(target)]) == 0
    text = target.read_text()
    assert "evil.example" in text
    # markdown-it with linkify, as GitHub-flavoured renderers make bare addresses links.
    page = MarkdownIt("gfm-like").render(text)
    assert "<a " not in page and "https://evil.example" in page


# -- who is a mentor -----------------------------------------------------------------------------


def test_the_first_mentor_is_added_freely_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "new.db"
    typed(monkeypatch, PASSPHRASE)
    assert main(["--db", str(path), "mentor", "add", "Olga"]) == 0
    captured = capsys.readouterr()
    assert "no mentor yet: Olga becomes the first mentor of this database" in captured.err
    assert "Mentor 'Olga' added" in captured.out


def test_nobody_becomes_a_mentor_without_a_mentors_passphrase(
    db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    typed(monkeypatch, OTHER_PASSPHRASE)  # what `echo pass | trainer mentor add` sends
    assert main(["--db", str(db), "mentor", "add", "Mallory"]) == 1
    assert (
        "only a mentor can add the mentor Mallory: wrong passphrase for Olga Real"
        in capsys.readouterr().err
    )
    typed(monkeypatch)  # nothing at all
    assert main(["--db", str(db), "mentor", "add", "Mallory"]) == 1
    assert "a passphrase is needed" in capsys.readouterr().err
    with open_store(db) as records:
        assert [mentor.name for mentor in list_mentors(records)] == ["Olga Real"]


def test_a_mentor_adds_another_with_both_passphrases_piped_in(
    db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    typed(monkeypatch, PASSPHRASE, OTHER_PASSPHRASE)
    assert main(["--db", str(db), "mentor", "add", "Ivan Petrov"]) == 0
    assert "Mentor 'Ivan Petrov' added" in capsys.readouterr().out
    with open_store(db) as records:
        assert verify_mentor(records, "Ivan Petrov", OTHER_PASSPHRASE).name == "Ivan Petrov"
    typed(monkeypatch, PASSPHRASE, "a third passphrase")  # two mentors now: say which signs
    assert main(["--db", str(db), "mentor", "add", "Maria"]) == 1
    assert "say which mentor you are with --mentor NAME" in capsys.readouterr().err
    typed(monkeypatch, OTHER_PASSPHRASE, "a third passphrase")
    assert main(["--db", str(db), "mentor", "add", "Maria", "--mentor", "Ivan Petrov"]) == 0


@pytest.mark.parametrize("name", ["\u041elga Real", "Olga\u200b Real", "Olga Real\u200d"])
def test_a_lookalike_mentor_name_is_refused_even_for_a_mentor(
    db: Path, name: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    typed(monkeypatch, PASSPHRASE, OTHER_PASSPHRASE)
    assert main(["--db", str(db), "mentor", "add", name]) == 1
    err = capsys.readouterr().err
    assert "already exists" in err or "different alphabets" in err
    with open_store(db) as records:
        assert len(list_mentors(records)) == 1


def test_renaming_or_removing_a_mentor_takes_a_mentors_passphrase(
    db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    typed(monkeypatch, OTHER_PASSPHRASE)
    assert main(["--db", str(db), "mentor", "rename", "Olga Real", "Mallory"]) == 1
    assert "only a mentor can rename the mentor Olga Real" in capsys.readouterr().err
    typed(monkeypatch, PASSPHRASE)
    assert main(["--db", str(db), "mentor", "remove", "Olga Real"]) == 1
    assert "Olga Real is the only mentor" in capsys.readouterr().err
    typed(monkeypatch, PASSPHRASE)
    assert main(["--db", str(db), "mentor", "rename", "Olga Real", "Olga Sidorova"]) == 0
    typed(monkeypatch, PASSPHRASE, OTHER_PASSPHRASE)
    assert main(["--db", str(db), "mentor", "add", "Ivan"]) == 0
    typed(monkeypatch, OTHER_PASSPHRASE)
    assert main(["--db", str(db), "mentor", "remove", "Olga Sidorova", "--mentor", "Ivan"]) == 0
    with open_store(db) as records:
        assert [mentor.name for mentor in list_mentors(records)] == ["Ivan"]


# -- the exam's machinery ------------------------------------------------------------------------


def test_playtest_and_test_of_the_exam_need_the_mentors_passphrase(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    exam = REPO / "scenarios" / "final_exam_close_deal.yaml"
    typed(monkeypatch, OTHER_PASSPHRASE)
    assert main(["--db", str(db), "playtest", str(exam)]) == 1
    assert "only a mentor can open the final exam" in capsys.readouterr().err
    typed(monkeypatch, OTHER_PASSPHRASE)
    assert main(["--db", str(db), "test", "--scenario", "final_exam_close_deal"]) == 1
    assert "wrong passphrase for Olga Real" in capsys.readouterr().err
    typed(monkeypatch, PASSPHRASE)
    assert main(["--db", str(db), "test", "--scenario", "final_exam_close_deal"]) == 0
    assert "PASS  final_exam_close_deal" in capsys.readouterr().out
    # A database made for the asking holds no mentor but the asker: none is made.
    fresh = tmp_path / "mine.db"
    assert main(["--db", str(fresh), "graph", "final_exam_close_deal"]) == 1
    assert "there is no database at" in capsys.readouterr().err
    assert not fresh.exists()


# -- the error log -------------------------------------------------------------------------------


def _crash(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_args: object) -> int:
        raise RuntimeError("something nobody expected")

    monkeypatch.setattr("trainer.cli.content.run_list", broken)


def test_an_unexpected_error_is_logged_privately_in_the_data_folder(
    data_home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _crash(monkeypatch)
    assert main(["list"]) == 1
    log = data_home / "trainer" / "trainer-error.log"
    err = capsys.readouterr().err
    assert err == (
        "trainer: unexpected error: RuntimeError: something nobody expected "
        f"(details in {log}; run with --debug to see them here)\n"
    )
    assert "RuntimeError: something nobody expected" in log.read_text()
    assert log.stat().st_mode & 0o777 == 0o600


def test_the_error_log_never_follows_a_symbolic_link(
    data_home: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    victim = tmp_path / "precious.txt"
    victim.write_text("the victim's own file")
    (data_home / "trainer").mkdir(parents=True)
    os.symlink(victim, data_home / "trainer" / "trainer-error.log")
    _crash(monkeypatch)
    assert main(["list"]) == 1
    err = capsys.readouterr().err
    assert victim.read_text() == "the victim's own file"
    assert "the details could not be logged" in err and "Traceback" not in err
    assert err.count("\n") == 1
