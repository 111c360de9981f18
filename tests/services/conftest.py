"""Service fixtures: a real database file in tmp_path, the mini and the bundled content."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.conftest import MINI
from tests.store.conftest import MENTOR, PASSPHRASE
from trainer.content.content_set import ContentSet
from trainer.content.loader import load_content
from trainer.content.paths import bundled_content_dir
from trainer.store.database import Store
from trainer.store.mentors import Mentor, add_mentor
from trainer.store.models import Trainee
from trainer.store.trainees import add_trainee


@pytest.fixture
def ann(store: Store) -> Trainee:
    return add_trainee(store, "Ann Lee")


@pytest.fixture(scope="module")
def mini_content() -> ContentSet:
    return load_content(MINI)


@pytest.fixture(scope="module")
def bundled() -> ContentSet:
    return load_content(bundled_content_dir())


def rows(db_path: Path, sql: str, *parameters: object) -> list[tuple[object, ...]]:
    """What another process reading the file sees now: only what has been committed."""
    with sqlite3.connect(db_path) as conn:
        return conn.execute(sql, parameters).fetchall()


@pytest.fixture
def trainee(ann: Trainee) -> Trainee:
    return ann


@pytest.fixture
def mentor(store: Store) -> Mentor:
    return add_mentor(store, MENTOR, PASSPHRASE)
