"""The figures behind "Why the store's SQL is hand-written" (docs/architecture.md).

    python benchmarks/bench_sqlite_utils.py [--turns N]

Each figure sets sqlite-utils beside what the store does now, in the same run: the import it
would add to start-up, a new database's migrations, a turn's durable write, and what
`Table.transform` (the rebuild SQLite's ALTER TABLE cannot do) keeps of our schema. Needs the
test extra (sqlite-utils is not a runtime dependency).
"""

from __future__ import annotations

import argparse
import re
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import sqlite_utils

from trainer.engine.turns import Speaker, Turn
from trainer.store.attempts import record_turn, start_attempt
from trainer.store.database import Store, open_store
from trainer.store.rows import TURN_COLUMNS, turn_values
from trainer.store.trainees import add_trainee

WARM_UP = 50
REBUILT = ("trainees", "attempts", "turns")


def import_ms(module: str, runs: int = 7) -> float:
    """Median cumulative import time of `module` in a fresh interpreter (`-X importtime`)."""
    times = []
    for _ in range(runs):
        found = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", f"import {module}"],
            capture_output=True,
            text=True,
            check=True,
        ).stderr.splitlines()
        line = next(line for line in reversed(found) if line.rstrip().endswith(f"| {module}"))
        times.append(int(line.split("|")[1]) / 1000)
    return statistics.median(times)


def a_turn(index: int) -> Turn:
    return Turn(
        index=index,
        speaker=Speaker.TRAINEE,
        name="You",
        text="Before we talk price, how many people in your team use the phones every day?",
        node="needs",
        reply="needs/ask",
        points={"needs_discovery": 3.0, "tact": 2.0},
        meters={"patience": 40, "trust": 50, "interest": 30},
        tags=("discovery",),
        elapsed=12.5 + index,
    )


def two_attempts(folder: Path, name: str) -> tuple[Store, str, str]:
    store = open_store(folder / name)
    trainee = add_trainee(store, "Ann Lee")
    ids = [
        start_attempt(
            store, trainee.id, kind="call", content_id="b", content_hash="0", seed=seed,
            mode="practice",
        ).id
        for seed in (1, 2)
    ]  # fmt: skip
    return store, ids[0], ids[1]


def turn_writes(folder: Path, turns: int) -> None:
    """`record_turn` and the same row through `Table.insert` + commit, alternated turn by turn."""
    store, ours_id, theirs_id = two_attempts(folder, "turns.db")
    table = sqlite_utils.Database(store.conn, execute_plugins=False).table("turns")
    columns = [*(c.strip() for c in TURN_COLUMNS.split(",")), "points_total"]
    ours, theirs = [], []
    for index in range(WARM_UP + turns):
        started = time.perf_counter()
        record_turn(store, ours_id, a_turn(index))
        mine = time.perf_counter() - started
        row = dict(zip(columns, turn_values(theirs_id, a_turn(index), "2026-01-01"), strict=True))
        started = time.perf_counter()
        table.insert(row)
        store.conn.commit()
        if index >= WARM_UP:
            ours.append(mine)
            theirs.append(time.perf_counter() - started)
    store.close()
    for name, times in (("record_turn", ours), ("Table.insert + commit", theirs)):
        cut = statistics.quantiles(times, n=100, method="inclusive")
        print(f"turn write, {name}: p50 {cut[49] * 1e3:.2f} ms, p99 {cut[98] * 1e3:.2f} ms")


def transform(folder: Path) -> None:
    """Rebuild our busiest tables with `Table.transform` and list what their SQL lost."""
    store, attempt_id, _ = two_attempts(folder, "transform.db")
    record_turn(store, attempt_id, a_turn(0))
    conn = store.conn
    db = sqlite_utils.Database(conn, execute_plugins=False)
    conn.execute("BEGIN IMMEDIATE")  # as the migrations run
    try:
        db.table("attempts").transform(types={"seed": int})
        print("transform of attempts inside the migration transaction: done")
    except sqlite_utils.db.TransactionError as error:
        print(f"transform of attempts inside the migration transaction: refused ({error})"[:160])
    conn.rollback()
    marks = ("CHECK", "NOCASE", "UNIQUE", "ON DELETE CASCADE")
    before = {name: _sql(conn, name) for name in (*REBUILT, *_indexes(conn))}
    for name in REBUILT:
        db.table(name).transform(types={})
    losses = {}
    for name, sql in before.items():
        after = _sql(conn, name)
        lost = [mark for mark in marks if sql.upper().count(mark) > after.upper().count(mark)]
        if lost or not after:
            losses[name] = lost or ["everything"]
    kept = ", ".join(marks)
    print(
        f"transform of {', '.join(REBUILT)} and {len(before) - len(REBUILT)} indexes kept "
        f"every {kept}: {not losses} {losses or ''}".rstrip()
    )
    views = ("attempt_summaries", "trainee_progress", "attempt_results")
    answered = [conn.execute(f"SELECT count(*) FROM {view}").fetchone()[0] for view in views]
    print(f"views after transform: {dict(zip(views, answered, strict=True))}")
    store.close()


def hand_rebuild(folder: Path) -> None:
    """The textbook rebuild of `attempts` (copy, DROP, RENAME) inside the migration transaction."""
    store, attempt_id, _ = two_attempts(folder, "rebuild.db")
    record_turn(store, attempt_id, a_turn(0))
    conn = store.conn
    sql = _sql(conn, "attempts").replace("CREATE TABLE attempts", "CREATE TABLE attempts_new", 1)
    for legacy in ("OFF", "ON"):
        conn.execute(f"PRAGMA legacy_alter_table = {legacy}")
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.execute("PRAGMA defer_foreign_keys = ON")
            conn.execute(sql)
            conn.execute("INSERT INTO attempts_new SELECT * FROM attempts")
            conn.execute("DROP TABLE attempts")
            conn.execute("ALTER TABLE attempts_new RENAME TO attempts")
            conn.execute("COMMIT")
        except sqlite3.Error as error:
            conn.execute("ROLLBACK")
            print(f"hand rebuild of attempts, legacy_alter_table {legacy}: failed ({error})")
            continue
        (turns,) = conn.execute("SELECT count(*) FROM turns").fetchone()
        print(f"hand rebuild of attempts, legacy_alter_table {legacy}: turns 1 -> {turns}")
    store.close()


def _sql(conn: sqlite3.Connection, name: str) -> str:
    sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = ?", (name,)).fetchone()[0]
    return re.sub(r"\s+", " ", str(sql))


def _indexes(conn: sqlite3.Connection) -> list[str]:
    rows = conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name"
    )
    return [row[0] for row in rows]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--turns", type=int, default=1000, help="turns to time (default 1000)")
    options = parser.parse_args()
    print(f"import sqlite_utils: {import_ms('sqlite_utils'):.0f} ms (median of 7)")
    print(f"import trainer.store.database: {import_ms('trainer.store.database'):.0f} ms")
    with tempfile.TemporaryDirectory(prefix="bench-sqlite-utils-") as name:
        folder = Path(name)
        times = []
        for number in range(15):
            started = time.perf_counter()
            open_store(folder / f"new-{number}.db").close()
            times.append(time.perf_counter() - started)
        print(f"a new database, every migration: {statistics.median(times) * 1e3:.1f} ms")
        turn_writes(folder, options.turns)
        transform(folder)
        hand_rebuild(folder)


if __name__ == "__main__":
    main()
