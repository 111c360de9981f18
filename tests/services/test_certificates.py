"""Where a certificate may be saved: the guard it shares with the exports, plus its own rule that
only an earlier certificate is ever replaced."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from trainer.errors import TrainerError
from trainer.services.certificates import (
    Certificate,
    is_certificate,
    save_certificate,
    save_problem,
)
from trainer.store.database import Store

CERTIFICATE = Certificate(
    trainee="Ann Lee",
    programme="Northline onboarding programme",
    scenario_id="final_exam_dispatch_hub",
    passed_on=datetime(2026, 11, 29, 12, 0, tzinfo=UTC),
    percent=91.5,
    attempt_id="a1b2c3",
)


def save(path: Path, store: Store, *, replace: bool = False) -> Path:
    return save_certificate(
        CERTIFICATE, "Dispatch hub", path, protect=[store.path], replace=replace
    )


@pytest.mark.parametrize("suffix", ["", "-wal", "-shm", "-journal"])
def test_the_database_in_use_and_its_side_files_are_refused_even_when_replacing(
    store: Store, suffix: str
) -> None:
    target = store.path.with_name(store.path.name + suffix)
    existed = target.exists()
    before = target.read_bytes() if existed else b""
    assert "is the database in use" in save_problem(target, protect=[store.path])
    with pytest.raises(TrainerError, match="is the database in use"):
        save(target, store, replace=True)
    assert target.exists() == existed
    assert (target.read_bytes() if existed else b"") == before


def test_a_sqlite_file_of_any_name_is_refused(store: Store, tmp_path: Path) -> None:
    copy = tmp_path / "certificate.md"  # named like a certificate, holds a database
    copy.write_bytes(store.path.read_bytes())
    with pytest.raises(TrainerError, match="is a SQLite database"):
        save(copy, store, replace=True)
    assert copy.read_bytes() == store.path.read_bytes()


def test_only_an_earlier_certificate_is_replaced(store: Store, tmp_path: Path) -> None:
    keys = tmp_path / "authorized_keys"
    keys.write_text("ssh-ed25519 AAAA admin@host\n")
    with pytest.raises(TrainerError, match="exists and is not a certificate"):
        save(keys, store, replace=True)
    assert keys.read_text() == "ssh-ed25519 AAAA admin@host\n"
    # A file that only starts like one but is far too large is not a certificate either.
    big = tmp_path / "big.txt"
    big.write_text("CERTIFICATE: x\n" + "y" * 100_000)
    assert not is_certificate(big)
    assert "is not a certificate" in save_problem(big)

    earlier = save(tmp_path / "mine.md", store)
    assert is_certificate(earlier)
    with pytest.raises(TrainerError, match="already exists"):
        save(earlier, store)  # not without the trainee's yes
    assert save(earlier, store, replace=True) == earlier
    assert earlier.read_text().startswith("# Certificate: Northline onboarding programme")
    assert oct(os.stat(earlier).st_mode & 0o777) == "0o600"


def test_a_folder_gets_the_default_name_and_a_missing_folder_is_refused(
    store: Store, tmp_path: Path
) -> None:
    assert save(tmp_path, store) == tmp_path / "certificate-ann-lee.md"
    with pytest.raises(TrainerError, match="does not exist"):
        save(tmp_path / "nowhere" / "c.md", store)


def test_a_fifo_is_refused(store: Store, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert "is not a regular file" in save_problem(fifo)
