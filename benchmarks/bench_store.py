"""Benchmark a turn's durable write (`record_turn`) against a floor measured in the same run.

    python benchmarks/bench_store.py [--turns N] [--dir DIR] [--synchronous {store,normal,full}]

The floor is a bare single-row INSERT + commit through the sqlite3 module into a table of the same
columns, with the same journal mode (WAL) and `synchronous` setting, on the same disk. The two are
timed alternately, turn by turn, so that both see the same disk weather. The target is a p99
within 2x of the floor's.

`--dir` chooses the disk (default: the system's temporary folder); `--synchronous` overrides the
store's setting for both sides, to see what the fsync of FULL costs.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from report import Figure, emit

from trainer.engine.turns import Speaker, Turn
from trainer.store.attempts import record_turn, start_attempt
from trainer.store.database import open_store
from trainer.store.trainees import add_trainee

WARM_UP = 50

FLOOR_TABLE = """
CREATE TABLE turns (
    attempt_id TEXT NOT NULL, idx INTEGER NOT NULL, speaker TEXT NOT NULL, name TEXT NOT NULL,
    text TEXT NOT NULL, node TEXT NOT NULL, reply_key TEXT, typed_text TEXT, confidence REAL,
    points_json TEXT NOT NULL, meters_json TEXT NOT NULL, note TEXT NOT NULL,
    tags_json TEXT NOT NULL, elapsed REAL NOT NULL, created_at TEXT NOT NULL,
    PRIMARY KEY (attempt_id, idx)
)
"""
FLOOR_INSERT = f"INSERT INTO turns VALUES ({', '.join('?' * 15)})"


def a_turn(index: int) -> Turn:
    """A trainee's reply of typical size: a sentence, points, meters, tags."""
    return Turn(
        index=index,
        speaker=Speaker.TRAINEE,
        name="You",
        text="Before we talk price, how many people in your team use the phones every day?",
        node="needs",
        reply="needs/ask",
        points={"needs_discovery": 3.0, "tact": 2.0},
        meters={"patience": 40, "trust": 50, "interest": 30},
        note="You asked before offering.",
        tags=("discovery",),
        elapsed=12.5 + index,
    )


def floor_row(turn: Turn) -> tuple[object, ...]:
    return (
        "0" * 32,
        turn.index,
        str(turn.speaker),
        turn.name,
        turn.text,
        turn.node,
        turn.reply,
        turn.typed,
        turn.confidence,
        json.dumps(dict(turn.points)),
        json.dumps(dict(turn.meters)),
        turn.note,
        json.dumps(list(turn.tags)),
        turn.elapsed,
        "2025-01-01T00:00:00.000000+00:00",
    )


def percentile(timings: list[float], percent: int) -> float:
    return statistics.quantiles(timings, n=100, method="inclusive")[percent - 1]


def run(turns: int, folder: Path, synchronous: str, as_json: bool) -> None:
    store = open_store(folder / "store.db")
    if synchronous != "store":
        store.conn.execute(f"PRAGMA synchronous = {synchronous.upper()}")
    setting = store.conn.execute("PRAGMA synchronous").fetchone()[0]
    journal = store.conn.execute("PRAGMA journal_mode").fetchone()[0]
    trainee = add_trainee(store, "Bench Mark")
    attempt = start_attempt(
        store,
        trainee.id,
        kind="call",
        content_id="bench",
        content_hash="0",
        seed=1,
        mode="practice",
        persona_id="ivan",
    )

    floor = sqlite3.connect(folder / "floor.db")  # the module's default: implicit BEGIN
    floor.execute(f"PRAGMA journal_mode = {journal}")
    floor.execute(f"PRAGMA synchronous = {setting}")
    floor.execute(FLOOR_TABLE)
    floor.commit()

    store_times: list[float] = []
    floor_times: list[float] = []
    for index in range(WARM_UP + turns):
        turn = a_turn(index)
        row = floor_row(turn)

        started = time.perf_counter()
        floor.execute(FLOOR_INSERT, row)
        floor.commit()
        floor_time = time.perf_counter() - started

        started = time.perf_counter()
        record_turn(store, attempt.id, turn)
        store_time = time.perf_counter() - started

        if index >= WARM_UP:
            floor_times.append(floor_time)
            store_times.append(store_time)
    floor.close()
    store.close()

    floor_name = "bare INSERT + commit, same settings"
    emit(
        [
            Figure(
                "durable turn write p50",
                percentile(store_times, 50) * 1e3,
                floor_name,
                percentile(floor_times, 50) * 1e3,
                "ms",
                "",
            ),
            Figure(
                "durable turn write p99",
                percentile(store_times, 99) * 1e3,
                floor_name,
                percentile(floor_times, 99) * 1e3,
                "ms",
                "<= 2x",
            ),
        ],
        as_json,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--turns", type=int, default=2000, help="turns to time (default 2000)")
    parser.add_argument("--dir", type=Path, default=None, help="folder on the disk to measure")
    parser.add_argument(
        "--synchronous",
        choices=["store", "normal", "full"],
        default="store",
        help="the store's own setting (default), or an override for both sides",
    )
    parser.add_argument("--json", action="store_true", help="figures as JSON, for run_all.py")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=options.dir, prefix="bench-store-") as folder:
        run(options.turns, Path(folder), options.synchronous, options.json)


if __name__ == "__main__":
    main()
