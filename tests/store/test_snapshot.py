"""The records' copy for outside tools holds every record and not one byte of a secret."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.store.conftest import PASSPHRASE, call, client, reply
from trainer.errors import StoreError, TrainerError
from trainer.store.database import Store, open_store
from trainer.store.mentors import Mentor, verify_mentor
from trainer.store.models import Trainee
from trainer.store.snapshot import SECRET_COLUMNS, write_snapshot
from trainer.store.trainees import add_trainee, check_pin


def secrets_of(store: Store) -> set[str]:
    """Every stored hash and salt, and the digest within each hash, as text."""
    found: set[str] = set()
    for table, column in SECRET_COLUMNS:
        query = f"SELECT {column} FROM {table} WHERE {column} IS NOT NULL"
        for (value,) in store.conn.execute(query):
            found.update((value, value.rsplit("$", 1)[-1]))  # the digest alone, in hex
    return found


def every_cell(path: Path) -> list[str]:
    """Every value of every table and view of the file, read as text."""
    conn = sqlite3.connect(path)
    try:
        names = [
            row[0]
            for row in conn.execute(
                "SELECT name FROM sqlite_master WHERE type IN ('table', 'view')"
            )
        ]
        return [
            str(value)
            for name in names
            for row in conn.execute(f'SELECT * FROM "{name}"')
            for value in row
        ]
    finally:
        conn.close()


@pytest.fixture
def team(store: Store, mentor: Mentor, trainee: Trainee) -> Store:
    """A mentor, a trainee with a PIN and one without, and a call."""
    add_trainee(store, "Boris Kim", pin="4711")
    call(store, trainee.id, turns=[client(0, "start"), reply(1, "start", "intro", {"rapport": 2})])
    return store


def test_the_copy_keeps_every_record_and_no_secret(team: Store, tmp_path: Path) -> None:
    secrets = secrets_of(team)
    assert len(secrets) == 6  # a mentor's hash and salt, a trainee's hash and salt, 2 digests
    copy = tmp_path / "records.db"

    assert write_snapshot(team, copy) == 1

    raw = copy.read_bytes()
    for secret in secrets:
        assert secret.encode() not in raw
        assert secret not in " ".join(every_cell(copy))
    conn = sqlite3.connect(copy)
    try:
        assert conn.execute("SELECT count(*) FROM turns").fetchone() == (2,)
        pins = conn.execute("SELECT name, pin_hash IS NOT NULL FROM trainees ORDER BY name")
        assert pins.fetchall() == [("Ann Lee", 0), ("Boris Kim", 1)]
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    finally:
        conn.close()
    assert copy.stat().st_mode & 0o777 == 0o600
    assert sorted(
        p.name for p in tmp_path.iterdir() if p.name.startswith(("records", ".records"))
    ) == ["records.db"]


def test_nobody_signs_in_to_the_copy(team: Store, tmp_path: Path) -> None:
    copy = tmp_path / "records.db"
    write_snapshot(team, copy)
    with open_store(copy) as opened:
        with pytest.raises(StoreError):
            verify_mentor(opened, "Maria Head", PASSPHRASE)
        boris = next(
            t for t in opened.conn.execute("SELECT id FROM trainees WHERE name = 'Boris Kim'")
        )
        with pytest.raises(StoreError, match="unreadable"):
            check_pin(opened, boris[0], "4711")
    # the live database is untouched
    assert verify_mentor(team, "Maria Head", PASSPHRASE).name == "Maria Head"


def test_the_live_databases_views_show_no_secret(team: Store) -> None:
    views = [
        row[0] for row in team.conn.execute("SELECT name FROM sqlite_master WHERE type = 'view'")
    ]
    assert views
    for view in views:
        columns = [row[1] for row in team.conn.execute(f'PRAGMA table_info("{view}")')]
        assert not {column for _, column in SECRET_COLUMNS} & set(columns), view
        cells = " ".join(
            str(v) for row in team.conn.execute(f'SELECT * FROM "{view}"') for v in row
        )
        for secret in secrets_of(team):
            assert secret not in cells, view


@pytest.mark.parametrize("existing", [b"notes", None])
def test_the_copy_never_replaces_a_file(
    team: Store, tmp_path: Path, existing: bytes | None
) -> None:
    target = tmp_path / "records.db"
    if existing is None:
        write_snapshot(team, target)
        existing = target.read_bytes()
    else:
        target.write_bytes(existing)
    with pytest.raises(TrainerError, match=r"exists|SQLite database"):
        write_snapshot(team, target)
    assert target.read_bytes() == existing


def test_the_copy_is_never_the_database_itself(team: Store) -> None:
    with pytest.raises(TrainerError, match="database in use"):
        write_snapshot(team, team.path)
    with pytest.raises(TrainerError, match="database in use"):
        write_snapshot(team, team.path.with_name(team.path.name + "-wal"))
