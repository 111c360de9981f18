"""UI fixtures: the mini content, a real database file in tmp_path, and the app built over both."""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from tests.conftest import MINI
from trainer.content.loader import load_content
from trainer.content.models import ContentSet
from trainer.store import Store, Trainee, add_trainee, open_store
from trainer.ui.app import TrainerApp, make_app

AppFactory = Callable[[], TrainerApp]


def frozen_clock() -> float:
    """A clock that never moves, so the call timer always reads 00:00."""
    return 0.0


@pytest.fixture(scope="session")
def content() -> ContentSet:
    return load_content(MINI)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "trainer.db"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    with open_store(db_path) as opened:
        yield opened


@pytest.fixture
def make(content: ContentSet, store: Store) -> AppFactory:
    """Build the app as the CLI does, without the typing pause and with a frozen clock and seed."""

    def build() -> TrainerApp:
        return make_app(content, store, typing_delay=0, clock=frozen_clock, seeds=random.Random(7))

    return build


def rows(db_path: Path, sql: str, *parameters: object) -> list[tuple[object, ...]]:
    """Read the database file directly, as a mentor's tool would."""
    with sqlite3.connect(db_path) as conn:
        return conn.execute(sql, parameters).fetchall()


async def sign_up(pilot: Pilot[int], name: str) -> None:
    """Add a trainee through the sign-in screen, as a person would."""
    await pilot.press("a")
    pilot.app.screen.query_one("#name-input", Input).value = name
    await pilot.press("enter", "enter")  # to the PIN field, then add without a PIN
    await pilot.pause()


@pytest.fixture
def ann(store: Store) -> Trainee:
    """A trainee already signed up, without a PIN."""
    return add_trainee(store, "Ann Lee")


async def sign_in(pilot: Pilot[int]) -> None:
    """Pick the first name on the sign-in list."""
    await pilot.press("enter")
    await pilot.pause()


async def start_call(pilot: Pilot[int]) -> None:
    """From home: open the first scenario of the programme and start the call."""
    await pilot.press("enter")  # the briefing
    await pilot.press("enter")  # start
    await pilot.pause()
