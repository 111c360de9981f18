"""Start-up: the sign-in shows before the content is loaded, and a load that fails ends the app
with the loader's message (through the real `trainer` command in a terminal)."""

from __future__ import annotations

import os
import pty
import random
import re
import select
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.conftest import MINI, REPO
from tests.ui.conftest import frozen_clock
from trainer.content.content_set import ContentSet
from trainer.content.loader import load_content
from trainer.errors import ContentError, Location, StoreError
from trainer.store.database import Store, open_store
from trainer.store.trainees import add_trainee
from trainer.ui.app import make_app
from trainer.ui.screens.home import HomeScreen
from trainer.ui.screens.sign_in import SignInScreen


async def test_signing_in_before_the_content_is_loaded_opens_home_at_once(store: Store) -> None:
    add_trainee(store, "Ann Lee")
    release = threading.Event()

    def slow_load() -> ContentSet:
        release.wait(10)
        return load_content(MINI)

    app = make_app(
        slow_load, store.path, typing_delay=0, clock=frozen_clock, seeds=random.Random(7)
    )
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            assert isinstance(app.screen, SignInScreen)  # shown while the content is read
            await pilot.press("enter")  # Ann Lee, who has no PIN
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen) and not app.screen.loading
            assert app.trainee is not None and app.trainee.name == "Ann Lee"
            assert not app.router.loaded
            home = app.screen
            await pilot.press("l")  # the work log needs the content: it waits, home shows so
            await pilot.pause()
            assert app.screen is home and home.loading
            release.set()
            for _ in range(100):
                await pilot.pause(0.02)
                if app.router.loaded:
                    break
            await pilot.pause()
            assert app.router.loaded and not home.loading  # the waiting key was served
            assert app.screen is not home or "Locked" in [n.title for n in app._notifications]
    finally:
        release.set()


async def test_content_that_fails_to_load_ends_the_app_with_its_error(store: Store) -> None:
    problem = ContentError(Location(Path("scenarios"), 1, 1), "no scenario in this folder")

    def broken() -> ContentSet:
        raise problem

    app = make_app(broken, store.path, typing_delay=0)
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(100):
            if app.return_code is not None:
                break
            await pilot.pause(0.02)
    assert app.return_code == 1
    assert app.failure is problem


async def test_the_app_reads_a_content_folder_and_closes_the_database_it_opened(
    db_path: Path,
) -> None:
    with open_store(db_path) as store:
        add_trainee(store, "Ann Lee")
    app = make_app(MINI, db_path, typing_delay=0, clock=frozen_clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")  # signed in once the folder is read, in a worker
        for _ in range(200):
            await pilot.pause(0.02)
            if isinstance(app.screen, HomeScreen):
                break
        assert isinstance(app.screen, HomeScreen)
        assert set(app.router.content.scenarios) == {"first_call"}
    with pytest.raises(sqlite3.ProgrammingError, match="closed"):
        app.store.conn.execute("SELECT 1")


def test_a_database_path_that_cannot_be_used_is_refused_before_the_app_runs(
    tmp_path: Path,
) -> None:
    with pytest.raises(StoreError):
        make_app(MINI, tmp_path, typing_delay=0)  # a folder, not a database file


def run_in_terminal(*args: str, timeout: float = 30) -> tuple[int, str]:
    """Run `python -m trainer ARGS` on a pseudo-terminal, as a person would; status and screen."""
    main, child = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "trainer", *args],
        cwd=REPO,
        stdin=child,
        stdout=child,
        stderr=child,
        env={**os.environ, "TERM": "xterm-256color", "COLUMNS": "80", "LINES": "24"},
    )
    os.close(child)
    output = bytearray()
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([main], [], [], 0.1)
            if ready:
                try:
                    chunk = os.read(main, 65536)
                except OSError:  # the child closed the terminal
                    break
                if not chunk:
                    break
                output += chunk
            elif process.poll() is not None:
                break
        status = process.wait(timeout=5)
    finally:
        if process.poll() is None:
            process.kill()
        os.close(main)
    return status, output.decode("utf-8", "replace")


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
@pytest.mark.parametrize(
    "broken, message",
    [
        ("content", "no rubric"),
        ("database", "does not exist"),
    ],
)
def test_trainer_with_broken_content_or_database_says_why_in_one_line(
    tmp_path: Path, broken: str, message: str
) -> None:
    content, db = MINI, tmp_path / "trainer.db"
    if broken == "content":
        content = tmp_path / "empty"
        (content / "scenarios").mkdir(parents=True)
    else:
        db = tmp_path / "missing" / "trainer.db"
    status, screen = run_in_terminal("--content", str(content), "--db", str(db))
    assert status == 1
    text = re.sub(r"\x1b\[[0-9;?<>=]*[A-Za-z]", "\n", screen)  # the terminal's codes out
    lines = [line for line in text.splitlines() if line.startswith("trainer: ")]
    assert len(lines) == 1 and message in lines[0], text[-2000:]
    assert "Traceback" not in screen
