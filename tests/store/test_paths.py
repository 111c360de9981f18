"""Where the database lives: --db, $TRAINER_DB, or the user's data folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from trainer.errors import StoreError
from trainer.store.paths import ENV_DB, default_db_path, resolve_db_path


@pytest.fixture(autouse=True)
def data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """platformdirs honours XDG_DATA_HOME on Linux; elsewhere the default is only inspected."""
    home = tmp_path / "data-home"
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    monkeypatch.delenv(ENV_DB, raising=False)
    return home


def test_the_default_is_trainer_db_in_the_user_data_folder() -> None:
    path = default_db_path()
    assert path.name == "trainer.db"
    assert "trainer" in path.parent.name


def test_the_default_folder_is_created(data_home: Path) -> None:
    path = resolve_db_path(None)
    assert path == default_db_path()
    assert path.parent.is_dir()


def test_an_explicit_path_wins_over_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV_DB, str(tmp_path / "from-env.db"))
    assert resolve_db_path(str(tmp_path / "chosen.db")) == tmp_path / "chosen.db"


def test_the_environment_wins_over_the_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV_DB, str(tmp_path / "from-env.db"))
    assert resolve_db_path(None) == tmp_path / "from-env.db"


def test_an_empty_environment_variable_means_the_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_DB, "")
    assert resolve_db_path(None) == default_db_path()


def test_the_folder_of_an_explicit_path_is_not_created(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-folder" / "trainer.db"
    with pytest.raises(
        StoreError, match=r"no-such-folder for the database trainer\.db does not exist"
    ):
        resolve_db_path(str(missing))
    assert not missing.parent.exists()


def test_a_folder_is_not_a_database_path(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="is a folder"):
        resolve_db_path(str(tmp_path))
