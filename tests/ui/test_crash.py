"""A call killed with SIGKILL loses nothing already said; the next start marks it abandoned."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO
from tests.ui.conftest import rows
from trainer.ui import accounts


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
        ("trainee", "needs/ask", "how many"),
        ("client", None, None),
    ]
    assert rows(db_path, "SELECT status FROM attempts") == [("in-progress",)]
    accounts.open_records(str(db_path)).close()  # what the next start of the app does
    assert rows(db_path, "SELECT status, ended_at IS NOT NULL FROM attempts") == [("abandoned", 1)]
    assert len(rows(db_path, "SELECT * FROM turns")) == 5
