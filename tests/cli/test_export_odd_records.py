"""Exports of databases a mentor inherits: a row written by hand (no trainee, no turns) is written
out in every format, never a crash."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.conftest import PASSPHRASE, inherited_database, typed
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
def test_an_attempt_of_no_known_trainee_is_exported_in_every_format(
    db: Path,
    mini: Path,
    format: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    typed(monkeypatch, PASSPHRASE)
    code = main(["--content", str(mini), "--db", str(db), "export", "--format", format])
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    assert "handmade" in out and "Anna" in out
    assert "unknown trainee (id 99)" in out
    if format == "json":
        handmade = next(row for row in json.loads(out)["attempts"] if row["id"] == "handmade")
        assert handmade["trainee"] == "unknown trainee (id 99)" and handmade["turns"] == []
