"""Benchmark many calls alive at once in one process: memory per session and creation time.

    python benchmarks/bench_sessions.py [--content DIR] [--sessions 1000] [--many 20000]

A served team keeps a session per trainee on a call, all in one process. With the largest
bundled scenario this measures, in one run:

1. Memory per session with SESSIONS alive, each one reply into its call (Python allocations
   traced, divided by SESSIONS), against the floor of its transcript alone: the same turns
   copied as plain tuples, which any design has to keep. Target: <= 10 KiB a session.
2. Creating a session, 99th percentile, with MANY alive against the same with SESSIONS alive
   (flat is 1x; target <= 1.3x), and the median likewise. Each is over five rounds of 1,000
   creations, timed in the thread's CPU time: a creation takes tens of microseconds, and on a
   shared machine the wall clock's 99th percentile is the scheduler's, not ours. Collections
   a creation sets off are work on that thread, so they are counted.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import time
import tracemalloc

from report import Figure, emit

from trainer.content.content_set import ContentSet
from trainer.content.graph import reachable
from trainer.content.loader import load_content
from trainer.content.paths import resolve_content_dir
from trainer.content.scenario.model import Scenario
from trainer.engine.session import Session

SAMPLE = 1000  # creations timed per round
ROUNDS = 5


def start_call(content: ContentSet, scenario: Scenario, seed: int) -> Session:
    """A session one reply into its call, as a trainee's would be while they think."""
    session = Session(content, scenario, seed=seed, trainee="Sam")
    session.choose(1)
    return session


def memory_each(content: ContentSet, scenario: Scenario, count: int) -> tuple[float, float]:
    """Bytes per session alive, and per copy of its transcript as plain tuples (the floor)."""
    start_call(content, scenario, 0)  # caches (compiled machine, calibration) are not per session
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    sessions = [start_call(content, scenario, seed) for seed in range(count)]
    gc.collect()
    per_session = (tracemalloc.get_traced_memory()[0] - before) / count
    tracemalloc.stop()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    transcripts = [
        [
            (
                *(turn.index, turn.speaker, turn.name, turn.text, turn.node, turn.reply),
                *(dict(turn.points), dict(turn.meters), turn.note, turn.tags, turn.elapsed),
            )
            for turn in session.turns
        ]
        for session in sessions
    ]
    per_transcript = (tracemalloc.get_traced_memory()[0] - before) / count
    tracemalloc.stop()
    del transcripts, sessions
    return per_session, per_transcript


def creation_times(content: ContentSet, scenario: Scenario, alive: int) -> list[float]:
    """CPU seconds of each of ROUNDS x SAMPLE session creations while `alive` others are open.

    Each round's sessions stay open while it runs and are closed after it, so `alive` holds.
    """
    sessions = [start_call(content, scenario, seed) for seed in range(alive)]
    timings = []
    for _ in range(ROUNDS):
        for seed in range(SAMPLE):
            started = time.thread_time()
            session = Session(content, scenario, seed=seed, trainee="Sam")
            timings.append(time.thread_time() - started)
            sessions.append(session)
        for closed in sessions[-SAMPLE:]:
            closed.close()
        del sessions[-SAMPLE:]
    for session in sessions:
        session.close()
    return timings


def p99(timings: list[float]) -> float:
    return statistics.quantiles(timings, n=100)[98]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--content", help="content folder (default: the bundled one)")
    parser.add_argument("--sessions", type=int, default=1000)
    parser.add_argument("--many", type=int, default=20000)
    parser.add_argument("--json", action="store_true", help="figures as JSON, for run_all.py")
    args = parser.parse_args()
    content = load_content(resolve_content_dir(args.content))
    scenario = max(content.scenarios.values(), key=lambda s: len(reachable(s)))
    per_session, per_transcript = memory_each(content, scenario, args.sessions)
    few = creation_times(content, scenario, args.sessions)
    many = creation_times(content, scenario, args.many)
    alive = f"{args.many // 1000}k" if args.many >= 1000 else str(args.many)
    emit(
        [
            Figure(
                f"memory per session, {args.sessions} alive",
                per_session / 1024,
                "its transcript as plain tuples",
                per_transcript / 1024,
                "KiB",
                "<= 10 KiB",
            ),
            Figure(
                f"create a session p99, {alive} alive",
                p99(many) * 1e3,
                f"the same, {args.sessions} alive",
                p99(few) * 1e3,
                "ms",
                "<= 1.3x",
            ),
            Figure(
                f"create a session median, {alive} alive",
                statistics.median(many) * 1e3,
                f"the same, {args.sessions} alive",
                statistics.median(few) * 1e3,
                "ms",
                "<= 1.3x",
            ),
        ],
        args.json,
    )


if __name__ == "__main__":
    main()
