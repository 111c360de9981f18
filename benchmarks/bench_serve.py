"""Measure what each trainee served by `trainer serve` costs the host: RSS and PSS per session.

    python benchmarks/bench_serve.py [--sessions 20] [--content DIR]

Starts the real `trainer serve` on a free local port with a database of SESSIONS trainees, then
opens SESSIONS browser sessions as a browser does (a websocket to /ws; textual-serve starts one
app process per session). Each session waits for the first screen, presses Enter (its trainee
is signed in) and waits for home, which loads the content set. Then, with every session at
home, it reads each app process's RSS and PSS (/proc/PID/smaps_rollup: PSS shares the pages the
processes have in common, such as the interpreter and libraries, between them, so the PSS of
all sessions adds up to what they really take) and the server's own.

Figures: PSS and RSS per session (medians), against the bare Textual app's peak RSS measured
the same way as in bench_startup.py; the server's RSS; how long the last of the sessions opened
at once took to reach home, and the CPU time each took (start-up is CPU-bound: sessions opened
together share the cores); and how many sessions fit in 8 GiB (one GiB kept for the system and
the server), from the PSS. Linux only (/proc).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import resource
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from statistics import median

import aiohttp
from bench_startup import bare, filled_mark
from report import Figure, emit

from trainer.store.database import open_store
from trainer.store.trainees import add_trainee

FIRST_SCREEN = b"Who is practising today?"
HOME = b"Your recent attempts"
FILLED = filled_mark()  # home shows at once; this is on it once the content has arrived
TIMEOUT = 300.0
HOST_GIB = 8


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Browser:
    """One browser session of the served app, reading everything the app sends."""

    def __init__(self, port: int, number: int) -> None:
        self.url = f"http://127.0.0.1:{port}/ws?width=100&height=30"
        self.number = number
        self.seen = bytearray()
        self.client = aiohttp.ClientSession()
        self.reading: asyncio.Task[None] | None = None
        self.home = 0.0  # seconds from opening the page to home

    async def sign_in(self) -> None:
        """Wait for the first screen, sign in as trainee `number`, wait for home."""
        started = time.perf_counter()
        socket_ = await self.client.ws_connect(self.url)
        self.reading = asyncio.get_running_loop().create_task(self._read(socket_))
        await self._wait_for(FIRST_SCREEN)
        for _ in range(self.number):  # each session signs in as its own trainee
            await socket_.send_json(["stdin", "\x1b[B"])
        self.seen.clear()
        await socket_.send_json(["stdin", "\r"])
        await self._wait_for(HOME)
        await self._wait_for(FILLED)
        self.home = time.perf_counter() - started

    async def _read(self, socket_: aiohttp.ClientWebSocketResponse) -> None:
        # Read as a browser does, all along, so the app never blocks on a full pipe.
        async for message in socket_:
            if message.type is aiohttp.WSMsgType.BINARY:
                self.seen.extend(message.data)

    async def _wait_for(self, text: bytes) -> None:
        deadline = time.monotonic() + TIMEOUT
        while text not in self.seen:
            if self.reading is None or self.reading.done() or time.monotonic() > deadline:
                raise SystemExit(f"session {self.number}: no {text!r}")
            await asyncio.sleep(0.05)

    async def close(self) -> None:
        await self.client.close()
        if self.reading is not None:
            self.reading.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self.reading


def descendants(pid: int) -> list[int]:
    """Every process below `pid`, from /proc."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry))
    found, queue = [], [pid]
    while queue:
        for child in children.get(queue.pop(), []):
            found.append(child)
            queue.append(child)
    return found


def memory_kib(pid: int) -> tuple[int, int]:
    """(RSS, PSS) of a process in KiB."""
    values = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        name, _, rest = line.partition(":")
        if name in ("Rss", "Pss"):
            values[name] = int(rest.split()[0])
    return values["Rss"], values["Pss"]


def cpu_seconds(pid: int) -> float:
    """User plus system time the process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def is_app(pid: int) -> bool:
    try:
        argv = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return False
    return b"trainer" in argv and b"serve" not in argv and argv[0].endswith(b"python")


@dataclass(frozen=True)
class Measured:
    apps: list[tuple[int, int]]  # (RSS, PSS) in KiB of each app process, every session at home
    server_rss: int  # KiB
    homes: list[float]  # seconds from opening the page to home, per session
    cpu: list[float]  # CPU seconds each app process used to reach home


async def measure(port: int, server: int, count: int) -> Measured:
    """Open `count` sessions at once, sign each in, and measure them all at home."""
    browsers = [Browser(port, number) for number in range(count)]
    try:
        await asyncio.gather(*(browser.sign_in() for browser in browsers))
        await asyncio.sleep(2.0)  # home settles
        apps = [pid for pid in descendants(server) if is_app(pid)]
        assert len(apps) == count, (len(apps), count)
        return Measured(
            [memory_kib(pid) for pid in apps],
            memory_kib(server)[0],
            [browser.home for browser in browsers],
            [cpu_seconds(pid) for pid in apps],
        )
    finally:
        for browser in browsers:
            await browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--content", help="content folder (default: the bundled one)")
    parser.add_argument("--json", action="store_true", help="figures as JSON, for run_all.py")
    args = parser.parse_args()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    _, bare_rss = bare()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    bare_cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    with tempfile.TemporaryDirectory(prefix="bench-serve-") as folder:
        db = Path(folder) / "team.db"
        with open_store(db) as store:
            for number in range(args.sessions):
                add_trainee(store, f"Trainee {number:03d}")
        port = free_port()
        options = ["--content", args.content] if args.content else []
        options += ["--db", str(db), "--port", str(port)]
        server = subprocess.Popen(
            [sys.executable, "-m", "trainer", "serve", *options],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        try:
            assert server.stdout is not None
            server.stdout.readline()  # "Serving the trainer at ..." once it is listening
            time.sleep(1.0)
            measured = asyncio.run(measure(port, server.pid, args.sessions))
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
    rss = median(r for r, _ in measured.apps) / 1024
    pss = median(p for _, p in measured.apps) / 1024
    total_pss = sum(p for _, p in measured.apps) / 1024
    server_rss = measured.server_rss
    fit = int(((HOST_GIB - 1) * 1024 - server_rss / 1024) / pss)
    emit(
        [
            Figure(
                f"served session at home, PSS ({args.sessions} open)",
                pss,
                "bare Textual app, peak RSS",
                bare_rss / 1024,
                "MB",
                "",
            ),
            Figure(
                f"served session at home, RSS ({args.sessions} open)",
                rss,
                "bare Textual app, peak RSS",
                bare_rss / 1024,
                "MB",
                "",
            ),
            Figure(
                f"all {args.sessions} sessions, PSS summed",
                total_pss,
                "the server process, RSS",
                server_rss / 1024,
                "MB",
                "",
            ),
            Figure(
                f"{args.sessions} sessions opened at once: the last home",
                max(measured.homes),
                "the median session's",
                median(measured.homes),
                "s",
                "",
            ),
            Figure(
                "CPU a session takes to reach home",
                median(measured.cpu),
                "bare Textual app, start to quit",
                bare_cpu,
                "s",
                "",
            ),
            Figure(
                f"sessions that fit in {HOST_GIB} GiB, by PSS",
                fit,
                "sessions measured",
                args.sessions,
                "",
                "",
            ),
        ],
        args.json,
    )


if __name__ == "__main__":
    main()
