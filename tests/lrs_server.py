"""A real learning record store for the tests: ralph's LRS on loopback, file backend, basic auth.

Started as `ralph runserver -b fs` starts it (uvicorn serving ralph's app, configured by
environment variables), without ralph's command line, whose pinned click clashes with
sqlite-utils'; `tests/lrs_app.py` says what it changes in the app.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

REPO = Path(__file__).parent.parent
USERNAME = "trainer-push"
PASSWORD = "lrs pass for the tests"
START_TIMEOUT = 60.0  # seconds; a cold start on a busy two-core machine takes a few


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class LrsServer:
    """One ralph LRS process on 127.0.0.1; `stop` and `start` keep its port and its data."""

    def __init__(self, folder: Path) -> None:
        import bcrypt

        self.folder = folder
        self.port = free_port()
        self.endpoint = f"http://127.0.0.1:{self.port}/xAPI"
        (folder / "data").mkdir(parents=True, exist_ok=True)
        hashed = bcrypt.hashpw(PASSWORD.encode(), bcrypt.gensalt(rounds=4)).decode()
        users = [
            {
                "agent": {"mbox": "mailto:push@trainer.example", "objectType": "Agent"},
                "scopes": ["all"],
                "hash": hashed,
                "username": USERNAME,
            }
        ]
        (folder / "auth.json").write_text(json.dumps(users), encoding="utf-8")
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        env = {
            **os.environ,
            "RALPH_APP_DIR": str(self.folder),
            "RALPH_AUTH_FILE": str(self.folder / "auth.json"),
            "RALPH_RUNSERVER_BACKEND": "fs",
            "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH": str(self.folder / "data"),
            "RALPH_RUNSERVER_MAX_SEARCH_HITS_COUNT": "1000",
        }
        log = (self.folder / "server.log").open("ab")
        self.process = subprocess.Popen(
            [
                *(sys.executable, "-m", "uvicorn", "tests.lrs_app:app", "--app-dir", str(REPO)),
                *("--host", "127.0.0.1", "--port", str(self.port), "--log-level", "warning"),
            ],
            cwd=self.folder,  # ralph reads a .env file from its working folder
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        log.close()
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the LRS did not start:\n{self.log()}")
            heartbeat = f"http://127.0.0.1:{self.port}/__heartbeat__"
            with contextlib.suppress(OSError), urllib.request.urlopen(heartbeat, timeout=2):
                return
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"the LRS did not answer in {START_TIMEOUT:g} s:\n{self.log()}")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
            self.process = None

    def log(self) -> str:
        return (self.folder / "server.log").read_text(encoding="utf-8", errors="replace")[-3000:]

    def get(self, path: str, *, password: str = PASSWORD) -> Any:
        token = base64.b64encode(f"{USERNAME}:{password}".encode()).decode()
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.port}{path}",
            headers={"Authorization": f"Basic {token}", "X-Experience-API-Version": "1.0.3"},
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.load(response)

    def statements(self, homepage: str) -> list[dict[str, Any]]:
        """Every statement the LRS returns on query whose actor is an account on `homepage`."""
        found: list[dict[str, Any]] = []
        path: str | None = "/xAPI/statements?limit=1000"
        while path:
            page = self.get(path)
            found += page["statements"]
            path = page.get("more") or None
        return [s for s in found if s["actor"].get("account", {}).get("homePage") == homepage]

    def statement(self, statement_id: str) -> dict[str, Any]:
        """One statement by its id (ralph answers with a list of one, the spec with the statement)."""
        result: dict[str, Any] = self.get(f"/xAPI/statements?statementId={statement_id}")
        if "statements" in result:
            (result,) = result["statements"]
        return result
