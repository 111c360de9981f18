"""A database the mentor may not write (an archived copy, an immutable file) is still read by the
commands that only read: export, analytics, snapshot; nothing is written to it or beside it."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from tests.cli.conftest import PASSPHRASE, inherited_database, typed
from tests.store.conftest import write_protected
from trainer.cli import main
from trainer.store.paths import ENV_DB

FORMATS = ["md", "html", "json", "csv"]


@pytest.fixture(autouse=True)
def data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data-home"))
    monkeypatch.delenv(ENV_DB, raising=False)


@pytest.fixture
def db(mini: Path, tmp_path: Path) -> Path:
    return inherited_database(mini, tmp_path / "r.db")


@pytest.mark.parametrize("format", FORMATS)
def test_a_read_only_database_is_exported_without_a_byte_changed(
    db: Path,
    mini: Path,
    tmp_path: Path,
    format: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    before = db.read_bytes()
    with write_protected(db):
        typed(monkeypatch, PASSPHRASE)
        code = main(["--content", str(mini), "--db", str(db), "export", "--format", format])
        out, err = capsys.readouterr()
        assert (code, err) == (0, "")
        assert "Anna" in out and "handmade" in out
        typed(monkeypatch, "not the passphrase")
        assert main(["--content", str(mini), "--db", str(db), "export"]) == 1
        assert "wrong passphrase for Olga Real" in capsys.readouterr().err
    assert db.read_bytes() == before
    assert sorted(path.name for path in tmp_path.iterdir() if path.name.startswith("r.db")) == [
        "r.db"
    ]


def test_a_read_only_database_gives_its_analytics_and_snapshot(
    db: Path,
    mini: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    copy = tmp_path / "copy.db"
    with write_protected(db):
        typed(monkeypatch, PASSPHRASE)
        code = main(["--content", str(mini), "--db", str(db), "analytics", "--format", "json"])
        out, err = capsys.readouterr()
        assert (code, err) == (0, "")
        assert json.loads(out)
        typed(monkeypatch, PASSPHRASE)
        assert main(["--db", str(db), "snapshot", str(copy)]) == 0
        capsys.readouterr()
    with sqlite3.connect(copy) as conn:
        assert conn.execute("SELECT count(*) FROM attempts").fetchone() == (2,)
    conn.close()


def test_a_read_only_database_is_still_refused_for_writing(
    db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with write_protected(db):
        typed(monkeypatch, PASSPHRASE, "new words here")
        assert main(["--db", str(db), "mentor", "add", "Ivan Petrov"]) == 1
        assert f"the database {db} is read-only" in capsys.readouterr().err
