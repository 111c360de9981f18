"""Benchmark the app's start-up to its first screen against a bare Textual app with one widget.

    python benchmarks/bench_startup.py [--repeat 7]

Each figure is a fresh interpreter (imports included), run headless until the first screen is
ready, best of REPEAT. Also prints the peak memory (max RSS) of each. Targets: start-up within
1.5x the floor, peak memory within 1.3x.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from report import Figure, emit

BARE = """
import asyncio
from textual.app import App
from textual.widgets import Static

class Bare(App):
    def compose(self):
        yield Static("hello")

async def main():
    async with Bare().run_test(size=(80, 24)):
        pass

asyncio.run(main())
"""

TRAINER = """
import asyncio, sys
from trainer.content.loader import bundled_content_dir
from trainer.ui.app import make_app
from trainer.ui import records
from trainer.content.loader import load_content

async def main():
    store = records.open_records(sys.argv[1])
    app = make_app(load_content(bundled_content_dir()), store)
    async with app.run_test(size=(80, 24)) as pilot:
        assert type(app.screen).__name__ == "SignInScreen", app.screen
    store.close()

asyncio.run(main())
"""


def run(code: str, *args: str) -> tuple[float, int]:
    """Wall time in seconds and peak RSS in KiB of one fresh interpreter running `code`."""
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-c", code, *args])
    _, status, usage = _wait(child)
    elapsed = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"the benchmark child failed with status {status}")
    return elapsed, usage.ru_maxrss


def _wait(child: subprocess.Popen[bytes]) -> tuple[int, int, resource.struct_rusage]:
    pid, status, usage = __import__("os").wait4(child.pid, 0)
    child.returncode = status
    return pid, status, usage


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--json", action="store_true", help="figures as JSON, for run_all.py")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = str(Path(folder) / "trainer.db")
        run(TRAINER, db)  # create the database once, as a first run would
        bare = [run(BARE) for _ in range(args.repeat)]
        ours = [run(TRAINER, db) for _ in range(args.repeat)]
    bare_time, ours_time = min(t for t, _ in bare), min(t for t, _ in ours)
    bare_rss, ours_rss = min(m for _, m in bare), min(m for _, m in ours)
    emit(
        [
            Figure(
                "start-up to the first screen",
                ours_time * 1e3,
                "bare Textual app, one widget",
                bare_time * 1e3,
                "ms",
                "<= 1.5x",
            ),
            Figure(
                "peak memory (max RSS)",
                ours_rss / 1024,
                "bare Textual app, one widget",
                bare_rss / 1024,
                "MB",
                "<= 1.3x",
            ),
        ],
        args.json,
    )


if __name__ == "__main__":
    main()
