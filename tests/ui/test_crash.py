"""A call killed with SIGKILL loses nothing already said; the next start marks it abandoned."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from pathlib import Path

from tests.conftest import MINI, REPO
from tests.ui.conftest import rows
from trainer.content.loader import load_content
from trainer.ui.app import make_app
from trainer.ui.screens.sign_in import SignInScreen


def test_a_call_killed_mid_way_keeps_its_turns_and_becomes_abandoned(tmp_path: Path) -> None:
    db_path = tmp_path / "trainer.db"
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.ui.crashing_call", str(db_path)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "READY", (
            child.stderr.read() if child.stderr else ""
        )
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == -signal.SIGKILL
    turns = rows(db_path, "SELECT speaker, reply_key, typed_text FROM turns ORDER BY idx")
    assert turns == [
        ("client", None, None),
        ("trainee", "hello/intro", None),
        ("client", None, None),
        ("trainee", "needs/ask", "how many people use the phones"),
        ("client", None, None),
    ]
    assert rows(db_path, "SELECT status FROM attempts") == [("in-progress",)]
    asyncio.run(start_the_app(db_path))  # the next start, in this process
    assert rows(db_path, "SELECT status, ended_at IS NOT NULL FROM attempts") == [("abandoned", 1)]
    assert len(rows(db_path, "SELECT * FROM turns")) == 5


async def start_the_app(db_path: Path) -> None:
    app = make_app(load_content(MINI), db_path, typing_delay=0)
    async with app.run_test(size=(100, 30)):
        assert isinstance(app.screen, SignInScreen)
