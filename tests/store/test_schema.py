"""Creating, migrating and reopening the database file."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.store.conftest import tables
from trainer.errors import StoreError
from trainer.store import schema
from trainer.store.attempts import turns_for
from trainer.store.database import Store, open_store
from trainer.store.schema import APPLICATION_ID, LATEST_VERSION
from trainer.store.trainees import add_trainee, list_trainees


@pytest.mark.durable
def test_first_open_creates_the_schema(db_path: Path) -> None:
    assert not db_path.exists()
    with open_store(db_path) as store:
        db = tables(store)
        assert set(db.table_names()) == {
            "trainees",
            "attempts",
            "turns",
            "attempt_skills",
            "quiz_answers",
            "exam_retakes",
            "exam_rules",
            "exam_variants",
            "exam_rule_changes",
            "mentors",
            "notes",
            "note_changes",
            "overrides",
            "lrs_endpoints",
            "lrs_pushes",
            "cohorts",
            "trainee_preferences",
            "work_entries",
            "work_targets",
            "readiness_signoffs",
            "reply_drafts",
        }
        assert set(db.view_names()) == {"attempt_summaries", "trainee_progress", "attempt_results"}
        indexed = {tuple(index.columns) for index in db.table("attempts").indexes}
        assert {("trainee_id", "started_at"), ("content_id", "trainee_id"), ("status",)} <= indexed
        assert {
            ("kind", "trainee_id", "outcome", "status"),
            ("trainee_id", "kind", "started_at"),
        } <= indexed
        assert db.table("turns").pks == ["attempt_id", "idx"]
        assert db.table("attempt_skills").pks == ["attempt_id", "skill"]
        assert db.table("quiz_answers").pks == ["attempt_id", "item_id"]
        foreign = {
            (key.table, key.other_table)
            for name in db.table_names()
            for key in db.table(name).foreign_keys
        }
        assert {
            ("quiz_answers", "attempts"),
            ("exam_retakes", "trainees"),
            ("notes", "attempts"),
            ("overrides", "attempts"),
            ("reply_drafts", "attempts"),
        } <= foreign
        conn = db.conn
        assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA busy_timeout").fetchone()[0] == 5000
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert db_path.is_file()


def test_reopening_keeps_the_data_and_does_not_migrate_again(db_path: Path) -> None:
    with open_store(db_path) as store:
        add_trainee(store, "Ann Lee")
    with open_store(db_path) as store:
        assert [t.name for t in list_trainees(store)] == ["Ann Lee"]
        version = store.conn.execute("PRAGMA user_version").fetchone()[0]
        assert version == LATEST_VERSION


def test_an_empty_file_is_adopted(db_path: Path) -> None:
    db_path.touch()
    with open_store(db_path) as store:
        assert "attempts" in tables(store).table_names()


def test_a_new_migration_is_applied_to_an_existing_database(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with open_store(db_path) as store:
        add_trainee(store, "Ann Lee")
    added: schema.Migration = ("ALTER TABLE trainees ADD COLUMN team TEXT NOT NULL DEFAULT ''",)
    monkeypatch.setattr(schema, "MIGRATIONS", (*schema.MIGRATIONS, added))
    with open_store(db_path) as store:
        assert "team" in tables(store)["trainees"].columns_dict
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION + 1
        assert [t.name for t in list_trainees(store)] == ["Ann Lee"]


def test_a_failing_migration_leaves_the_database_as_it_was(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with open_store(db_path) as store:
        add_trainee(store, "Ann Lee")
    broken: schema.Migration = (
        "CREATE TABLE half_done (id INTEGER PRIMARY KEY)",
        "ALTER TABLE no_such_table ADD COLUMN x TEXT",
    )
    monkeypatch.setattr(schema, "MIGRATIONS", (*schema.MIGRATIONS, broken))
    with pytest.raises(StoreError, match="could not be used"):
        open_store(db_path)
    monkeypatch.undo()
    with open_store(db_path) as store:
        assert "half_done" not in tables(store).table_names()
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION


def test_the_views_answer_a_mentors_questions(store: Store) -> None:
    add_trainee(store, "Ann Lee")
    rows = list(tables(store).query("SELECT * FROM trainee_progress"))
    assert rows == [
        {
            "trainee_id": 1,
            "name": "Ann Lee",
            "attempts": 0,
            "completed": 0,
            "passed": 0,
            "calls": 0,
            "exam_calls": 0,
            "meetings": 0,
            "applications": 0,
            "deals": 0,
            "hang_ups": 0,
            "best_call_score": None,
            "best_quiz_score": None,
            "best_exam_score": None,
            "exam_passed": 0,
            "last_activity": None,
        }
    ]
    assert list(tables(store).query("SELECT * FROM attempt_summaries")) == []


def test_the_database_is_readable_by_the_sqlite3_module_alone(db_path: Path) -> None:
    """A mentor's plain `sqlite3` session (no trainer) sees the tables and views."""
    with open_store(db_path) as store:
        add_trainee(store, "Ann Lee")
    conn = sqlite3.connect(db_path)
    try:
        assert conn.execute("SELECT name FROM trainee_progress").fetchall() == [("Ann Lee",)]
    finally:
        conn.close()


def test_the_store_does_not_import_textual() -> None:
    code = "import sys, trainer.store; print('textual' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def test_the_mentor_migration_fills_in_what_older_attempts_lack(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A database of the first schema gains each turn's points total and each ended attempt's
    last node, so analytics count the attempts recorded before the upgrade too."""
    monkeypatch.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:1])
    with open_store(db_path) as store:
        trainee = add_trainee(store, "Ann Lee")
    monkeypatch.undo()
    # Rows as the first schema's trainer wrote them (this trainer writes the new columns).
    conn = sqlite3.connect(db_path)
    with conn:
        for attempt_id, status in (("ended", "abandoned"), ("running", "in-progress")):
            conn.execute(
                "INSERT INTO attempts (id, trainee_id, kind, content_id, content_hash, seed, "
                "mode, started_at, status, pid, host) "
                "VALUES (?, ?, 'call', 'first_call', 'h', 1, 'practice', 't', ?, 1, 'h')",
                (attempt_id, trainee.id, status),
            )
            for index, node, points in (
                (0, "hello", "{}"),
                (1, "needs", '{"tact": -2, "rapport": 1}'),
            ):
                conn.execute(
                    "INSERT INTO turns (attempt_id, idx, speaker, name, text, node, points_json, "
                    "created_at) VALUES (?, ?, 'client', 'Ivan', 'Hi', ?, ?, 't')",
                    (attempt_id, index, node, points),
                )
    conn.close()
    with open_store(db_path) as store:
        conn = store.conn
        assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
        totals = conn.execute(
            "SELECT idx, points_total FROM turns WHERE attempt_id = 'ended' ORDER BY idx"
        ).fetchall()
        assert totals == [(0, 0.0), (1, -1.0)]
        nodes = dict(conn.execute("SELECT id, end_node FROM attempts").fetchall())
        assert nodes == {"ended": "needs", "running": None}


def test_turns_recorded_before_hints_were_kept_read_as_unhelped(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A database from before the hint column opens with every earlier turn marked unhelped."""
    before_hints = schema.MIGRATIONS[: schema.MIGRATIONS.index(schema._M_TURN_HINTS)]
    monkeypatch.setattr(schema, "MIGRATIONS", before_hints)
    with open_store(db_path) as store:
        trainee = add_trainee(store, "Ann Lee")
        store.conn.execute(
            "INSERT INTO attempts (id, trainee_id, kind, content_id, content_hash, seed, "
            "mode, started_at, status, pid, host) "
            "VALUES ('old', ?, 'call', 'first_call', 'h', 1, 'practice', '2026-01-01T00:00:00+00:00', 'abandoned', 1, 'h')",
            (trainee.id,),
        )
        store.conn.execute(
            "INSERT INTO turns (attempt_id, idx, speaker, name, text, node, created_at) "
            "VALUES ('old', 0, 'trainee', 'You', 'Hi', 'hello', '2026-01-01T00:00:00+00:00')"
        )
        store.conn.commit()
    monkeypatch.undo()
    with open_store(db_path) as store:
        (turn,) = turns_for(store, "old")
        assert turn.hint_used is False


def test_no_migration_drops_a_table() -> None:
    """Migrations run in one transaction with foreign keys on, where dropping `attempts` would
    delete every turn (ON DELETE CASCADE): a table rebuild needs the runner extended first."""
    for number, migration in enumerate(schema.MIGRATIONS, start=1):
        for statement in migration:
            assert "DROP TABLE" not in " ".join(statement.upper().split()), (number, statement)
