"""Every failure is one StoreError sentence, and a file that is refused is left byte for byte."""

from __future__ import annotations

import re
import sqlite3
import time
from dataclasses import replace
from pathlib import Path

import pytest

from tests.store.conftest import PlayedCall, file_digest, write_protected
from trainer.errors import StoreError
from trainer.store.attempts import record_turn, start_attempt, turns_for
from trainer.store.database import Store, open_store
from trainer.store.models import Trainee
from trainer.store.schema import LATEST_VERSION
from trainer.store.trainees import add_trainee, list_trainees


def refused(path: Path, message: str) -> StoreError:
    """Opening `path` fails with exactly `message`, and the file's bytes do not change."""
    before = file_digest(path)
    with pytest.raises(StoreError, match=f"^{re.escape(message)}$") as caught:
        open_store(path)
    assert file_digest(path) == before
    return caught.value


def make_trainer_db(path: Path) -> None:
    with open_store(path) as store:
        add_trainee(store, "Ann Lee")


@pytest.mark.parametrize(
    "text",
    ["hello\n", "name,score\nAnn,90\n" * 500],
    ids=["short", "long"],
)
def test_a_text_file_is_not_a_trainer_database(tmp_path: Path, text: str) -> None:
    path = tmp_path / "notes.txt"
    path.write_text(text)
    error = refused(path, f"{path} is not a trainer database")
    assert isinstance(error.__cause__, sqlite3.DatabaseError)


def test_another_programs_database_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "crm.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
    conn.execute("INSERT INTO customers (name) VALUES ('Northwind')")
    conn.commit()
    conn.close()
    refused(path, f"{path} is not a trainer database")
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # not made WAL
    finally:
        conn.close()


def test_an_empty_database_of_another_program_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA application_id = 1234")
    conn.close()
    refused(path, f"{path} is not a trainer database")


def test_a_database_from_a_newer_trainer_is_refused(db_path: Path) -> None:
    make_trainer_db(db_path)
    conn = sqlite3.connect(db_path)
    conn.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    conn.close()
    refused(
        db_path,
        f"{db_path} was written by a newer trainer (schema {LATEST_VERSION + 1}, "
        f"this one knows up to {LATEST_VERSION}); upgrade trainer",
    )


def test_a_read_only_database_file_is_refused_at_open(db_path: Path) -> None:
    make_trainer_db(db_path)
    with write_protected(db_path):
        refused(db_path, f"the database {db_path} is read-only")


def test_a_new_database_in_a_read_only_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    path = folder / "trainer.db"
    with write_protected(folder), pytest.raises(StoreError, match="read-only"):
        open_store(path)
    assert not path.exists()


def test_a_database_in_a_read_only_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    path = folder / "trainer.db"
    make_trainer_db(path)
    with write_protected(folder):
        refused(path, f"the database {path} is read-only: its folder {folder} cannot be written")


def test_a_write_waits_for_another_writer_then_gives_up_in_one_sentence(db_path: Path) -> None:
    make_trainer_db(db_path)
    blocker = sqlite3.connect(db_path, isolation_level=None)
    try:
        with open_store(db_path, timeout=0.2) as store:
            blocker.execute("BEGIN IMMEDIATE")
            assert [t.name for t in list_trainees(store)] == ["Ann Lee"]  # WAL: reads go on
            started = time.perf_counter()
            with pytest.raises(StoreError) as caught:
                add_trainee(store, "Bob")
            waited = time.perf_counter() - started
            assert str(caught.value) == (
                f"the database {db_path} is busy: another trainer kept it locked for more "
                "than 0.2 seconds; try again"
            )
            assert 0.15 < waited < 2
            blocker.execute("ROLLBACK")
            add_trainee(store, "Bob")  # usable again once the lock is gone
            assert not store.conn.in_transaction
    finally:
        blocker.close()


def test_a_full_disk_is_one_sentence_and_keeps_what_was_written(
    store: Store, trainee: Trainee, winning_call: PlayedCall
) -> None:
    attempt = start_attempt(
        store, trainee.id, kind="call", content_id="c", content_hash="h", seed=1, mode="practice"
    )
    record_turn(store, attempt.id, winning_call.turns[0])
    conn = store.conn
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages}")  # the file may not grow: as good as full
    message = f"cannot write to the database {store.path}: the disk is full"
    with pytest.raises(StoreError, match=f"^{re.escape(message)}$"):
        for turn in winning_call.turns[1:]:
            record_turn(store, attempt.id, replace(turn, text="x" * 20_000))
    assert not conn.in_transaction
    assert turns_for(store, attempt.id)[0].text == winning_call.turns[0].text


def test_a_turn_edited_by_hand_to_an_unknown_speaker_is_named_not_guessed(
    store: Store, trainee: Trainee, winning_call: PlayedCall
) -> None:
    attempt = start_attempt(
        store, trainee.id, kind="call", content_id="c", content_hash="h", seed=1, mode="practice"
    )
    for turn in winning_call.turns[:2]:
        record_turn(store, attempt.id, turn)
    store.conn.execute("UPDATE turns SET speaker = 'narrator' WHERE idx = 1")
    store.conn.commit()
    message = (
        f"turn 1 of the attempt {attempt.id} has the speaker 'narrator', which trainer never writes"
    )
    with pytest.raises(StoreError, match=f"^{re.escape(message)}"):
        turns_for(store, attempt.id)


def test_a_closed_store_says_so(db_path: Path) -> None:
    store = open_store(db_path)
    store.close()
    with pytest.raises(StoreError, match="has been closed"):
        list_trainees(store)


def test_a_folder_is_not_a_database(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="is a folder, not a database file"):
        open_store(tmp_path)


def test_a_missing_folder_is_named(tmp_path: Path) -> None:
    path = tmp_path / "missing" / "trainer.db"
    with pytest.raises(StoreError, match=r"the folder \S+missing does not exist"):
        open_store(path)
