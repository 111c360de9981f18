"""Benchmark the app's start-up and memory against a bare Textual app with one widget.

    python benchmarks/bench_startup.py [--repeat 15]

Every child runs as a person runs it: a fresh interpreter on a pseudo-terminal (80x24); ours
is the real `trainer` command with the bundled content and a database that already has a
trainee. The clock stops when the first screen's text reaches the terminal ("Who is
practising today?"; "hello" for the bare app). The trainee then presses Enter at once and the
clock stops again when home shows (it shows at once, with the trainee's records), and again
when its lists have filled in (the content loads behind the first screen, so this is the wait
for it: the programme's title appears in home's header); then ctrl+q. Peak memory is the
process's peak RSS (the kernel's VmHWM) over all of that, read before it quits; for the bare
app, from starting to its first screen. The first screen is also read against a bare app of
the sign-in's own widgets (what Textual takes to show them), and memory against a second
floor that does the same work with no trainer code: Textual, SQLite's list of trainees and the
content's YAML read as plain data.

Figures are the median of REPEAT runs, the children taken in turns: on a shared machine
start-up times spread by a third from run to run, and the best of a few runs of each is
luck. Targets, from the issue: first screen and peak memory within 1.3x the bare app.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import pty
import select
import signal
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from statistics import median

from report import Figure, emit

BARE = """
from textual.app import App
from textual.widgets import Static

class Bare(App):
    def compose(self):
        yield Static("hello")

Bare().run()
"""

# The sign-in's widgets (a title, a list of one trainee, a footer) in a bare Textual app: what
# Textual itself takes to show our first screen, to read the first-screen figure against (the
# floor stays the one-widget app above).
WIDGETS = """
from textual.app import App
from textual.containers import Vertical
from textual.widgets import Footer, Label, OptionList, Static

class Widgets(App):
    def compose(self):
        with Vertical():
            yield Label("Call trainer")
            yield Static("Practise client calls against scripted clients.")
            yield Label("Who is practising today?")
            yield OptionList("Bench Trainee")
        yield Footer()

Widgets().run()
"""

# The same work as the app's start with no trainer code: SQLite's list of trainees, the bundled
# content's YAML read as plain data, and a sign-in screen of the same widgets. What Textual,
# SQLite and PyYAML take by themselves, to read the memory figure against.
PLAIN = """
import sqlite3, sys
import yaml
from textual.app import App
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Label, OptionList, Static

class SignIn(Screen):
    def compose(self):
        with Vertical():
            yield Label("Call trainer")
            yield Static("Practise client calls against scripted clients.")
            yield Label("Who is practising today?")
            yield OptionList(*self.app.names)
        yield Footer()

class Plain(App):
    def on_mount(self):
        with sqlite3.connect(sys.argv[1]) as conn:
            self.names = [name for (name,) in conn.execute("SELECT name FROM trainees")]
        self.content = [
            yaml.load(open(path, encoding="utf-8"), Loader=yaml.CSafeLoader)
            for path in sys.argv[2:]
        ]
        self.push_screen(SignIn())

Plain().run()
"""

FIRST_SCREEN = b"Who is practising today?"
HOME = b"Your recent attempts"  # on home only, from the moment it shows
DEFAULT_REPEAT = 15
TIMEOUT = 180.0  # a library of 1,000 scenarios took 34 s to reach home


class Terminal:
    """A child process on a pseudo-terminal, with its output read as it comes."""

    def __init__(self, argv: list[str]) -> None:
        self.main, child = pty.openpty()
        env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "80", "LINES": "24"}
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # compiled once, as pip does at install
        self.started = time.perf_counter()
        self.pid = os.fork()
        if self.pid == 0:  # the child: the terminal is its stdin, stdout and stderr
            os.setsid()
            for stream in (0, 1, 2):
                os.dup2(child, stream)
            os.execve(argv[0], argv, env)
        os.close(child)
        self.output = bytearray()

    def wait_for(self, text: bytes) -> float:
        """Seconds from the start until `text` has been written to the terminal."""
        deadline = time.monotonic() + TIMEOUT
        searched = 0
        while time.monotonic() < deadline:
            if text in self.output[searched:]:
                return time.perf_counter() - self.started
            searched = max(0, len(self.output) - len(text))
            ready, _, _ = select.select([self.main], [], [], 0.05)
            if ready:
                self.output += os.read(self.main, 65536)
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        raise SystemExit(f"no {text!r} on the terminal after {TIMEOUT:.0f} s")

    def type(self, keys: bytes) -> None:
        os.write(self.main, keys)

    def peak_rss(self) -> int:
        """The child's peak RSS so far, in KiB, from the kernel's high-water mark.

        Not the `ru_maxrss` that wait4 gives: on Linux a forked child keeps the larger of its
        own peak and the parent's RSS at the fork, so a benchmark holding a large library in
        memory would report its own size as every child's.
        """
        with open(f"/proc/{self.pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
        raise SystemExit("the kernel reports no peak RSS (VmHWM) for the benchmark child")

    def close(self) -> int:
        """Quit with ctrl+q; the peak RSS of the child in KiB up to then."""
        peak = self.peak_rss()
        self.type(b"\x11")
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                os.close(self.main)
                if status != 0:
                    raise SystemExit(f"the benchmark child failed with status {status}")
                return peak
            ready, _, _ = select.select([self.main], [], [], 0.05)
            if ready:
                with contextlib.suppress(OSError):  # the child has closed the terminal
                    os.read(self.main, 65536)
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        raise SystemExit("the benchmark child did not quit")


def bare() -> tuple[float, int]:
    terminal = Terminal([sys.executable, "-c", BARE])
    first = terminal.wait_for(b"hello")
    return first, terminal.close()


def widgets() -> tuple[float, int]:
    terminal = Terminal([sys.executable, "-c", WIDGETS])
    first = terminal.wait_for(FIRST_SCREEN)
    return first, terminal.close()


def plain(db: Path, files: list[Path]) -> tuple[float, int]:
    terminal = Terminal([sys.executable, "-c", PLAIN, str(db), *map(str, files)])
    first = terminal.wait_for(FIRST_SCREEN)
    return first, terminal.close()


def filled_mark(content: Path | None = None) -> bytes:
    """What home shows once its lists have filled in: the programme's title, in its header."""
    from trainer.content.loader import load_content
    from trainer.content.paths import bundled_content_dir

    programme = load_content(content or bundled_content_dir()).programme
    assert programme is not None, "the benchmark's content has no programme"
    return programme.title.encode()


def trainer(
    db: Path, filled: bytes, content: Path | None = None, options: Sequence[str] = ()
) -> tuple[float, float, float, int]:
    """(first screen, home shown, home filled in, peak RSS in KiB) of the real command with
    these further `options`; the bundled content by default. `filled` is `filled_mark()`."""
    chosen = ["--content", str(content)] if content is not None else []
    terminal = Terminal([sys.executable, "-m", "trainer", *chosen, "--db", str(db), *options])
    first = terminal.wait_for(FIRST_SCREEN)
    terminal.type(b"\r")
    home = terminal.wait_for(HOME)
    full = terminal.wait_for(filled)
    return first, home, full, terminal.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=DEFAULT_REPEAT)
    parser.add_argument("--json", action="store_true", help="figures as JSON, for run_all.py")
    args = parser.parse_args()
    from trainer.content.loader import content_files
    from trainer.content.paths import bundled_content_dir
    from trainer.store.database import open_store
    from trainer.store.trainees import add_trainee

    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "trainer.db"
        with open_store(db) as store:
            add_trainee(store, "Bench Trainee")
        filled = filled_mark()
        trainer(db, filled)  # once to warm the file cache (and compile), as a second start would
        files = content_files(bundled_content_dir())
        floors, shown, plains, ours = [], [], [], []
        for _ in range(args.repeat):  # taken in turns, so all see the same machine
            floors.append(bare())
            shown.append(widgets())
            plains.append(plain(db, files))
            ours.append(trainer(db, filled))
    # Fewer runs than the default are a quick look, and the figures say so.
    runs = "" if args.repeat >= DEFAULT_REPEAT else f" ({args.repeat} runs, quick)"
    floor_time = median(first for first, _ in floors)
    floor_rss = median(rss for _, rss in floors)
    emit(
        [
            Figure(
                f"start-up to the first screen{runs}",
                median(first for first, _, _, _ in ours) * 1e3,
                "bare Textual app, one widget",
                floor_time * 1e3,
                "ms",
                "<= 1.3x",
            ),
            Figure(
                f"start-up to the first screen{runs}",
                median(first for first, _, _, _ in ours) * 1e3,
                "bare Textual, the sign-in's widgets",
                median(first for first, _ in shown) * 1e3,
                "ms",
                "",
            ),
            Figure(
                f"start-up to home, Enter pressed at once{runs}",
                median(home for _, home, _, _ in ours) * 1e3,
                "bare Textual app, one widget",
                floor_time * 1e3,
                "ms",
                "",
            ),
            Figure(
                f"start-up to home's lists filled in{runs}",
                median(full for _, _, full, _ in ours) * 1e3,
                "bare Textual app, one widget",
                floor_time * 1e3,
                "ms",
                "",
            ),
            Figure(
                f"peak RSS, start to home filled in{runs}",
                median(rss for _, _, _, rss in ours) / 1024,
                "bare Textual app, one widget",
                floor_rss / 1024,
                "MB",
                "<= 1.3x",
            ),
            Figure(
                f"peak RSS, start to home filled in{runs}",
                median(rss for _, _, _, rss in ours) / 1024,
                "Textual+SQLite+YAML of the content",
                median(rss for _, rss in plains) / 1024,
                "MB",
                "",
            ),
        ],
        args.json,
    )


if __name__ == "__main__":
    main()
