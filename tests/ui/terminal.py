"""The installed app in a real terminal for tests: `python -m trainer` on a pseudo-terminal that
is its controlling terminal, keys written as a person's terminal sends them, the screen read
back as text, and the terminal closed (SIGHUP) or the process signalled. Not a test module."""

from __future__ import annotations

import fcntl
import os
import re
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path
from types import TracebackType

from tests.conftest import REPO

# Run in the child before the app: make the pseudo-terminal its controlling terminal, as a
# terminal emulator or sshd does, so closing it sends the kernel's SIGHUP.
_LAUNCHER = (
    "import fcntl, os, sys, termios; fcntl.ioctl(0, termios.TIOCSCTTY, 0); "
    "os.execv(sys.executable, [sys.executable, '-m', 'trainer', *sys.argv[1:]])"
)
_ESCAPES = re.compile(
    rb"\x1b\[[0-9;?<>=$]*[a-zA-Z~]|\x1b[()][0-9A-Z]|\x1b[=>]|\x1b\\|\x1bP[^\x1b]*"
)


class Terminal:
    """`trainer ARGS` on an 80x24 pseudo-terminal; a context manager that kills what is left."""

    def __init__(self, *args: str, columns: int = 80, lines: int = 24) -> None:
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))
        env = dict(os.environ, TERM="xterm-256color", COLUMNS=str(columns), LINES=str(lines))
        self.process = subprocess.Popen(
            [sys.executable, "-c", _LAUNCHER, *args],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            start_new_session=True,
            cwd=REPO,
            env=env,
        )
        os.close(slave)
        self.output = b""  # everything the app wrote since the last `forget`
        self.open = True

    def __enter__(self) -> Terminal:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)
        self.close()

    def text(self) -> str:
        """What the app wrote since the last `forget`, without its escape sequences."""
        return _ESCAPES.sub(b"", self.output).decode(errors="replace")

    def forget(self) -> None:
        """Read on from here: `wait_for` looks only at what is written after this."""
        self.read(0)
        self.output = b""

    def read(self, seconds: float) -> None:
        """Take what the app writes for `seconds` (at least what is waiting now)."""
        end = time.monotonic() + seconds
        while self.open:
            ready, _, _ = select.select([self.master], [], [], max(0.0, end - time.monotonic()))
            if not ready:
                return
            try:
                chunk = os.read(self.master, 65536)
            except OSError:  # the app has gone and its side of the terminal with it
                return
            if not chunk:
                return
            self.output += chunk

    def wait_for(self, words: str, seconds: float = 30) -> None:
        """Read until `words` show; an AssertionError with the screen's text if they do not."""
        end = time.monotonic() + seconds
        while words not in self.text():
            assert time.monotonic() < end, f"{words!r} never showed:\n{self.text()[-3000:]}"
            assert self.process.poll() is None, f"the app ended:\n{self.text()[-3000:]}"
            self.read(0.05)

    def type(self, keys: str) -> None:
        """Send keys as one write: the terminal hands them over in one read."""
        os.write(self.master, keys.encode())

    def close(self) -> None:
        """Close the terminal, as closing its window does: the kernel hangs the app up."""
        if self.open:
            self.open = False
            os.close(self.master)

    def signal(self, number: signal.Signals) -> None:
        os.kill(self.process.pid, number)

    def ended(self, seconds: float = 30) -> int:
        """The app's exit status, once it has ended; reading its last words meanwhile."""
        end = time.monotonic() + seconds
        while self.process.poll() is None:
            assert time.monotonic() < end, "the app did not end"
            if self.open:
                self.read(0.05)
            else:
                time.sleep(0.05)
        self.read(0)
        return self.process.returncode


def trainer(db_path: Path, content: Path) -> Terminal:
    """The trainee's app on `content` and the database at `db_path`, with no content cache."""
    return Terminal("--content", str(content), "--no-cache", "--db", str(db_path))
