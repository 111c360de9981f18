"""Benchmark many trainees recording calls into one SQLite file at once, through the store.

    python benchmarks/bench_writers.py [--writers 50] [--calls 5] [--turns 40] [--pause 0]
                                       [--dir DIR]

A served team is one process per trainee, all writing to one database. Each of WRITERS
processes opens the store as the app does (`open_store`), then plays CALLS calls back to back:
`start_attempt`, TURNS `record_turn`s, `finish_attempt`, every write durable before the next.
By default with no pause between writes, far denser than people typing (a trainee's turn comes
every few seconds), so it bounds what the file takes; `--pause S` waits about S seconds (0.5 to
1.5 times S, at random) after each write, as a trainee thinking would. All start together;
each write's latency is timed.

Figures: the p99 of a write with WRITERS writing against the p99 of one writer alone on the
same file (the floor), the writes per second of all of them together, and how many writes
failed (a "database is busy" after the store's 5 s timeout; target 0). The p99 target is
under 1 s, the time a trainee would notice.
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import shutil
import statistics
import tempfile
import time
from dataclasses import dataclass
from multiprocessing.synchronize import Barrier
from pathlib import Path

from bench_store import a_turn
from report import Figure, emit

from trainer.engine.scoring import SkillScore
from trainer.errors import StoreError
from trainer.store.attempts import finish_attempt, record_turn, start_attempt
from trainer.store.database import open_store
from trainer.store.trainees import add_trainee


@dataclass(frozen=True)
class _Score:
    """A finished call's score as `finish_attempt` reads it."""

    outcome: str = "meeting"
    percent: float = 62.5
    passed: bool = True
    skills: tuple[SkillScore, ...] = (SkillScore("tact", "Tact", 3, 6, 50, 1, "Calm.", None),)


def writer(db: Path, trainee_id: int, plan: Plan, start: Barrier, results: object) -> None:
    """Play the plan's calls into `db`; put (latencies, failures) on `results`."""
    latencies: list[float] = []
    failures = 0
    rng = random.Random(trainee_id)

    def think() -> None:
        if plan.pause:
            time.sleep(plan.pause * rng.uniform(0.5, 1.5))

    with open_store(db) as store:
        start.wait()
        for call in range(plan.calls):
            began = time.perf_counter()
            try:
                attempt = start_attempt(
                    store,
                    trainee_id,
                    kind="call",
                    content_id="bench",
                    content_hash="0",
                    seed=call,
                    mode="practice",
                    persona_id="ivan",
                )
            except StoreError:
                failures += 1
                continue
            latencies.append(time.perf_counter() - began)
            for index in range(plan.turns):
                think()
                began = time.perf_counter()
                try:
                    record_turn(store, attempt.id, a_turn(index))
                except StoreError:
                    failures += 1
                    continue
                latencies.append(time.perf_counter() - began)
            think()
            began = time.perf_counter()
            try:
                finish_attempt(store, attempt.id, _Score())
            except StoreError:
                failures += 1
            else:
                latencies.append(time.perf_counter() - began)
    results.put((latencies, failures))  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Plan:
    """What each writer does: calls of so many turns, pausing about `pause` s after a write."""

    calls: int
    turns: int
    pause: float


def run(db: Path, writers: int, plan: Plan) -> tuple[list[float], int, float]:
    """All latencies, the failures and the wall time of `writers` processes writing at once."""
    context = multiprocessing.get_context("fork")
    with open_store(db) as store:
        trainees = [add_trainee(store, f"Writer {writers} {n}").id for n in range(writers)]
    start = context.Barrier(writers + 1)
    results = context.Queue()
    processes = [
        context.Process(target=writer, args=(db, trainee, plan, start, results))
        for trainee in trainees
    ]
    for process in processes:
        process.start()
    start.wait()
    began = time.perf_counter()
    latencies: list[float] = []
    failures = 0
    for _ in processes:
        found, failed = results.get(timeout=600)
        latencies.extend(found)
        failures += failed
    wall = time.perf_counter() - began
    for process in processes:
        process.join()
    return latencies, failures, wall


def p99(latencies: list[float]) -> float:
    return statistics.quantiles(latencies, n=100, method="inclusive")[98]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--writers", type=int, default=50)
    parser.add_argument("--calls", type=int, default=5)
    parser.add_argument("--turns", type=int, default=40)
    parser.add_argument("--pause", type=float, default=0.0, help="seconds after each write")
    parser.add_argument("--dir", type=Path, default=None, help="folder for the database")
    parser.add_argument("--json", action="store_true", help="figures as JSON, for run_all.py")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(dir=args.dir, prefix="bench-writers-"))
    try:
        db = folder / "team.db"
        plan = Plan(args.calls, args.turns, args.pause)
        alone, alone_failed, _ = run(db, 1, Plan(args.calls, args.turns, 0.0))
        together, failed, wall = run(db, args.writers, plan)
    finally:
        shutil.rmtree(folder)
    assert not alone_failed
    writes = len(together) + failed
    paced = f", a write every ~{args.pause:g} s each" if args.pause else ", no pause"
    emit(
        [
            Figure(
                f"write p99, {args.writers} writers{paced}",
                p99(together) * 1e3,
                "one writer alone",
                p99(alone) * 1e3,
                "ms",
                "< 1000 ms",
            ),
            Figure(
                f"writes per second, {args.writers} writers{paced}",
                len(together) / wall,
                "one writer alone",
                len(alone) / sum(alone),
                "/s",
                "",
            ),
            Figure(
                "writes failed (database busy)",
                failed,
                "writes in all",
                writes,
                "",
                "<= 0 failed",
            ),
        ],
        args.json,
    )


if __name__ == "__main__":
    main()
