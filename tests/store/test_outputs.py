"""Files the user names: written atomically, never over a database, replaced only when asked."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from trainer.store.database import Store
from trainer.store.outputs import OutputError, safe_output, write_text
from trainer.store.trainees import add_trainee


def test_a_new_file_is_written_private(tmp_path: Path) -> None:
    target = tmp_path / "report.csv"
    write_text(target, "a,b\r\n")
    assert target.read_bytes() == b"a,b\r\n"
    assert target.stat().st_mode & 0o777 == 0o600
    assert [path.name for path in tmp_path.iterdir()] == ["report.csv"]  # no temporary left


def test_an_existing_file_is_replaced_only_when_forced(tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    target.write_text("the old report")
    with pytest.raises(OutputError, match=r"report\.html already exists; add --force"):
        write_text(target, "new")
    assert target.read_text() == "the old report"
    write_text(target, "new", force=True)
    assert target.read_text() == "new"


def test_the_database_in_use_and_its_side_files_are_never_targets(
    store: Store, db_path: Path
) -> None:
    add_trainee(store, "Ann")  # the log and shared memory exist while the store is open
    before = {path: path.read_bytes() for path in db_path.parent.iterdir()}
    for target, why in (
        (db_path, "is the database in use;"),
        (db_path.with_name(db_path.name + "-wal"), "is the database in use's write-ahead log"),
        (db_path.with_name(db_path.name + "-shm"), "is the database in use's shared memory"),
        (db_path.parent / "." / db_path.name, "is the database in use"),
    ):
        with pytest.raises(OutputError, match=why):
            write_text(target, "<html>", force=True, protect=[db_path])
    link = db_path.parent / "link.html"
    link.symlink_to(db_path)
    with pytest.raises(OutputError, match="is the database in use"):
        write_text(link, "<html>", force=True, protect=[db_path])
    os.link(db_path, db_path.parent / "hard.html")
    with pytest.raises(OutputError, match="is the database in use"):
        write_text(db_path.parent / "hard.html", "<html>", force=True, protect=[db_path])
    for path, data in before.items():
        if not path.name.endswith("-shm"):  # SQLite's own memory may change under it
            assert path.read_bytes() == data, path


def test_any_sqlite_file_is_refused_even_with_force(tmp_path: Path, store: Store) -> None:
    other = tmp_path / "other-team.db"
    other.write_bytes(b"SQLite format 3\x00" + bytes(4080))
    log = tmp_path / "elsewhere.db-wal"
    log.write_bytes(b"\x37\x7f\x06\x82" + bytes(28))
    for target in (other, log):
        with pytest.raises(OutputError, match="is a SQLite database; trainer never writes"):
            write_text(target, "x", force=True)
    assert other.read_bytes().startswith(b"SQLite format 3\x00")


def test_a_folder_a_missing_folder_or_a_device_is_refused(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="is a folder"):
        write_text(tmp_path, "x")
    with pytest.raises(OutputError, match=r"the folder .*missing does not exist"):
        write_text(tmp_path / "missing" / "x.csv", "x")
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    with pytest.raises(OutputError, match="is not a regular file"):
        write_text(fifo, "x", force=True)


def test_an_error_while_writing_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    target.write_text("old")
    with pytest.raises(RuntimeError), safe_output(target, force=True) as stream:
        stream.write("half of the new")
        raise RuntimeError("the export failed")
    assert target.read_text() == "old"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["report.json"]


def test_a_kill_during_the_write_leaves_the_old_file_whole(tmp_path: Path) -> None:
    target = tmp_path / "big.json"
    old = b"x" * 5_000_000
    target.write_bytes(old)
    killed = subprocess.run(
        [
            sys.executable,
            "-c",
            "import os, signal, sys\n"
            "from trainer.store.outputs import safe_output\n"
            "with safe_output(sys.argv[1], force=True) as out:\n"
            "    out.write('y' * 3_000_000)\n"
            "    out.flush()\n"
            "    os.kill(os.getpid(), signal.SIGKILL)\n",
            str(target),
        ],
        timeout=60,
    )
    assert killed.returncode == -signal.SIGKILL
    assert target.read_bytes() == old
