"""Private by default: the data folder, the database and its side files are the user's alone;
a refused database keeps no side files; a dead process's attempt is not "in progress"."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from trainer.errors import StoreError
from trainer.store.attempts import _process_alive
from trainer.store.database import open_store
from trainer.store.paths import ENV_DB, resolve_db_path
from trainer.store.trainees import add_trainee


@pytest.fixture
def data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "data-home"
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    monkeypatch.delenv(ENV_DB, raising=False)
    return home


@pytest.fixture(autouse=True)
def usual_umask() -> Iterator[None]:
    """The usual umask, under which the folder and the database used to be 0755 and 0644."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def _mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


def test_the_data_folder_and_a_new_database_with_its_side_files_are_private(
    data_home: Path,
) -> None:
    path = resolve_db_path(None)
    assert _mode(path.parent) == 0o700
    with open_store(path) as store:
        add_trainee(store, "Ann", pin="4711")
        assert _mode(path) == 0o600
        assert _mode(path.with_name(path.name + "-wal")) == 0o600
        assert _mode(path.with_name(path.name + "-shm")) == 0o600


def test_a_database_created_anywhere_is_private(tmp_path: Path) -> None:
    path = tmp_path / "team.db"
    open_store(path).close()
    assert _mode(path) == 0o600


def test_a_data_folder_left_open_by_an_older_trainer_is_made_private(data_home: Path) -> None:
    folder = data_home / "trainer"
    folder.mkdir(parents=True, mode=0o755)
    folder.chmod(0o755)
    resolve_db_path(None)
    assert _mode(folder) == 0o700


def _side_files(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir() if p.name != path.name)


def test_a_database_of_a_newer_trainer_keeps_no_side_files(tmp_path: Path) -> None:
    path = tmp_path / "newer.db"
    with open_store(path) as store:
        store.conn.execute("PRAGMA user_version = 999")
    data = path.read_bytes()
    with pytest.raises(StoreError, match="written by a newer trainer"):
        open_store(path)
    assert _side_files(path) == []
    assert path.read_bytes() == data


def test_a_truncated_database_keeps_no_side_files(tmp_path: Path) -> None:
    path = tmp_path / "cut.db"
    with open_store(path) as store:
        for number in range(50):
            add_trainee(store, f"Trainee {number}")
    os.truncate(path, 8192)
    with pytest.raises(StoreError, match="damaged"), open_store(path) as store:
        add_trainee(store, "One more")
    assert _side_files(path) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes read-only files")
def test_a_read_only_database_keeps_no_side_files_and_opens_once_writable(
    tmp_path: Path,
) -> None:
    path = tmp_path / "ro.db"
    with open_store(path) as store:
        add_trainee(store, "Ann")
    path.chmod(0o444)
    with pytest.raises(StoreError, match="read-only"):
        open_store(path)
    assert _side_files(path) == []
    path.chmod(0o600)
    with open_store(path) as store:
        add_trainee(store, "Bob")


def test_side_files_of_another_trainer_are_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "newer.db"
    with open_store(path) as store:
        store.conn.execute("PRAGMA user_version = 999")
        # Another trainer (a newer one) has the file open: its -wal and -shm are its own.
        with pytest.raises(StoreError, match="newer trainer"):
            open_store(path)
        assert _side_files(path) == ["newer.db-shm", "newer.db-wal"]


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_a_zombie_counts_as_dead() -> None:
    """A killed app whose parent has not reaped it yet left its attempt in progress."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        state = Path(f"/proc/{child.pid}/stat").read_text().rpartition(")")[2].split()[0]
        if state == "Z":
            break
        time.sleep(0.02)
    try:
        assert state == "Z"
        assert _process_alive(child.pid) is False
        assert _process_alive(os.getpid()) is True
    finally:
        child.wait()
    assert _process_alive(child.pid) is False
