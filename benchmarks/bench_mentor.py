"""Benchmark the mentor's queries on a large team's history, against floors from the same run.

    python benchmarks/bench_mentor.py [--attempts N] [--turns N] [--trainees N] [--dir DIR]
                                      [--repeat N] [--keep]

Generates a database through the store's own schema and migrations (500 trainees, 100,000
attempts and 2,000,000 turns by default: practice calls, quizzes with their answers, exams,
notes, overrides and retakes, at the bundled programme's scenario and quiz ids), then times the
queries behind the mentor's screens: `team_overview` (with the programme's stages, as the
trainees table shows them, and without), `transcript` of the longest attempt,
`scenario_analytics` of the busiest scenario, `quiz_item_statistics` of the product quiz and
the team's `funnel`. Each figure is the median of `--repeat` runs of the query alone (no
rendering), against a full-scan floor timed the same way: every row of the tables the query
aggregates, in its scope, fetched with plain SQL (for the overview and the funnel every attempt;
for a transcript its turns; for a scenario the turns of its attempts; for a quiz its answers).
A ratio under 1 says the query reads less than that, through an index or an aggregate in SQL.
The target is under 100 ms for each query.

The rows are written with `executemany` in large transactions with the journal off (a fresh
file that nobody else uses), which keeps generation well under two minutes on two cores. No
ANALYZE is run, as the app never runs it: the plans must hold on the plain schema.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sqlite3
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from report import Figure, emit

from trainer.content.loader import load_content
from trainer.content.paths import bundled_content_dir
from trainer.content.programme import Programme, StageKey
from trainer.services.mentor import team_overview
from trainer.store.analytics import funnel, quiz_item_statistics, scenario_analytics
from trainer.store.database import Store, open_store
from trainer.store.mentors import add_mentor
from trainer.store.overview import trainee_overview
from trainer.store.transcripts import transcript

TARGET_MS = 100.0
# The bundled programme's ids, so that each trainee's stage is worked out as in the app.
SCENARIOS: list[str] = []  # practice scenarios
EXAM_SCENARIO = ""
QUIZZES: dict[str, int] = {}  # quiz id: items asked per attempt
QUIZ_POOL = 40  # items in each quiz's pool
NODES = [f"node_{number:02d}" for number in range(24)]
# As the app judges them on the content (trainer.content.graph.weak_replies), on the generated
# replies below: the one that costs points and the two that earn none where others earn some.
WEAK_REPLIES = {f"{node}/reply_{choice}" for node in NODES for choice in (2, 3, 4)}
OUTCOMES = ["deal", "application", "meeting", "callback", "lost", "hung-up"]
OUTCOME_WEIGHTS = [8, 10, 17, 20, 25, 20]
SKILLS = ["first_impression", "needs_discovery", "product_knowledge", "objections", "tact"]
BATCH = 100_000
TEXT = (
    "Good morning, this is {name} from Northline. Could I ask how many people in your team "
    "use the phones every day?"
)


def use_programme(programme: Programme) -> None:
    """Generate attempts at the programme's practice scenarios, exam and quizzes."""
    global EXAM_SCENARIO
    SCENARIOS[:] = programme.stage(StageKey.SALES).practice_scenarios
    EXAM_SCENARIO = str(programme.exam.exam_scenario)
    QUIZZES.clear()
    for key in (StageKey.INTRODUCTION, StageKey.PRODUCT):
        quiz = programme.stage(key).quiz
        if quiz is not None:
            QUIZZES[quiz.id] = min(quiz.size, QUIZ_POOL)


def _timestamp(moment: datetime) -> str:
    return moment.isoformat(timespec="microseconds")


def generate(
    path: Path, *, trainees: int, attempts: int, turns: int, seed: int = 1
) -> dict[str, int]:
    """Fill a new trainer database at `path` with a team's history; returns the row counts."""
    rng = random.Random(seed)
    with open_store(path) as store:
        add_mentor(store, "Maria Head", "correct horse battery")
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = OFF")
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("PRAGMA cache_size = -200000")
    now = datetime.now(UTC)
    counts = {"trainees": trainees, "attempts": attempts, "turns": turns}
    try:
        conn.execute("BEGIN")
        conn.executemany(
            "INSERT INTO trainees (id, name, created_at) VALUES (?, ?, ?)",
            [
                (number, f"Trainee {number:04d}", _timestamp(now - timedelta(days=150)))
                for number in range(1, trainees + 1)
            ],
        )
        conn.execute("COMMIT")

        # Attempts: most are practice calls; each trainee has a few quizzes and up to 3 exams.
        plan = _plan_attempts(rng, trainees, attempts)
        call_ids = [index for index, row in enumerate(plan) if row[1] != "quiz"]
        per_attempt = _spread(rng, turns, len(call_ids))
        turn_counts = dict(zip(call_ids, per_attempt, strict=True))
        attempt_rows: list[tuple[Any, ...]] = []
        for trainee_id, kind, content_id, started in plan:
            status = rng.choices(["completed", "abandoned", "in-progress"], [90, 9, 1])[0]
            outcome = score = passed = ended = None
            if status == "completed":
                ended = _timestamp(started + timedelta(minutes=rng.randint(2, 20)))
                if kind == "quiz":
                    score = round(rng.uniform(30, 100), 1)
                    passed = int(score >= 80)
                    outcome = "passed" if passed else "failed"
                else:
                    outcome = rng.choices(OUTCOMES, OUTCOME_WEIGHTS)[0]
                    score = round(rng.uniform(20, 100), 1)
                    passed = int(outcome in ("deal", "application", "meeting") and score >= 60)
            elif status == "abandoned":
                ended = _timestamp(started + timedelta(minutes=rng.randint(1, 5)))
            mode = "exam" if kind == "exam" else "practice"
            attempt_rows.append(
                (
                    uuid.UUID(int=rng.getrandbits(128), version=4).hex,
                    trainee_id,
                    kind,
                    content_id,
                    "0" * 64,
                    rng.getrandbits(31),
                    mode,
                    None if kind == "quiz" else "ivan",
                    _timestamp(started),
                    ended,
                    status,
                    outcome,
                    score,
                    passed,
                    1,
                    "bench-host",
                )
            )
        conn.execute("BEGIN")
        conn.executemany(
            "INSERT INTO attempts (id, trainee_id, kind, content_id, content_hash, seed, mode, "
            "persona_id, started_at, ended_at, status, outcome, score, passed, pid, host) "
            f"VALUES ({', '.join('?' * 16)})",
            attempt_rows,
        )
        conn.executemany(
            "INSERT INTO attempt_skills (attempt_id, skill, earned, best, percent) "
            "VALUES (?, ?, ?, ?, ?)",
            (
                (row[0], skill, 3.0, 6.0, 50.0)
                for row in attempt_rows
                if row[10] == "completed" and row[2] != "quiz"
                for skill in SKILLS
            ),
        )
        conn.execute("COMMIT")

        # Turns, in the primary key's order (attempt, index) so the index is appended to.
        ordered = sorted(
            (attempt_rows[index][0], turn_counts[index], attempt_rows[index][8])
            for index in call_ids
        )
        for batch in _batches(_turn_rows(rng, ordered), BATCH):
            conn.execute("BEGIN")
            conn.executemany(
                f"INSERT INTO turns ({TURN_COLUMNS}) VALUES ({', '.join('?' * 16)})", batch
            )
            conn.execute("COMMIT")

        answers = 0
        for batch in _batches(_answer_rows(rng, attempt_rows), BATCH):
            conn.execute("BEGIN")
            conn.executemany(f"INSERT INTO quiz_answers VALUES ({', '.join('?' * 11)})", batch)
            conn.execute("COMMIT")
            answers += len(batch)
        counts["quiz answers"] = answers

        # Where each ended attempt stopped, as finish_attempt and abandon_attempt record it.
        conn.execute("BEGIN")
        conn.execute(
            "UPDATE attempts SET end_node = (SELECT node FROM turns "
            "WHERE attempt_id = attempts.id ORDER BY idx DESC LIMIT 1) "
            "WHERE status != 'in-progress'"
        )
        conn.execute("COMMIT")
        counts.update(_mentor_rows(conn, rng, attempt_rows, turn_counts, trainees))
        # No ANALYZE: the app never runs it, so the queries must be fast on the plain schema.
    finally:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.close()
    return counts


def _plan_attempts(
    rng: random.Random, trainees: int, attempts: int
) -> list[tuple[int, str, str, datetime]]:
    """(trainee, kind, content, started) for every attempt, spread over the last 120 days."""
    now = datetime.now(UTC)
    per_trainee = _spread(rng, attempts, trainees)
    plan = []
    for trainee_id, count in enumerate(per_trainee, start=1):
        # Some trainees stopped a while ago, so the stalled flag has something to find.
        last_day = rng.choice([0, 0, 0, 1, 2, 3, 10, 30])
        exams = min(count, rng.choice([0, 0, 1, 2, 2, 3]))
        quizzes = min(count - exams, rng.randint(2, 8))
        kinds = ["exam"] * exams + ["quiz"] * quizzes + ["call"] * (count - exams - quizzes)
        rng.shuffle(kinds)
        for kind in kinds:
            if kind == "exam":
                content_id = EXAM_SCENARIO
            elif kind == "quiz":
                content_id = rng.choice(list(QUIZZES))
            else:
                content_id = rng.choice(SCENARIOS)
            started = now - timedelta(days=last_day, seconds=rng.uniform(0, 120 * 86400))
            plan.append((trainee_id, kind, content_id, started))
    return plan


def _spread(rng: random.Random, total: int, parts: int) -> list[int]:
    """`total` split into `parts` random whole numbers around the mean, summing exactly."""
    mean = total / parts
    counts = [max(1, round(rng.uniform(0.5, 1.5) * mean)) for _ in range(parts)]
    difference = total - sum(counts)
    index = 0
    while difference:
        step = 1 if difference > 0 else -1
        if counts[index % parts] + step >= 1:
            counts[index % parts] += step
            difference -= step
        index += 1
    return counts


# The columns _turn_rows fills, named so later columns (hints, facts) keep their defaults.
TURN_COLUMNS = (
    "attempt_id, idx, speaker, name, text, node, reply_key, typed_text, confidence, "
    "points_json, meters_json, note, tags_json, elapsed, created_at, points_total"
)


def _turn_rows(
    rng: random.Random, ordered: list[tuple[str, int, str]]
) -> Iterator[tuple[object, ...]]:
    client_points = "{}"
    meters = json.dumps({"patience": 50, "trust": 40, "interest": 30})
    # (points as stored, their sum): as record_turn writes them.
    reply_points = [
        (json.dumps(points), float(sum(points.values())))
        for points in (
            {"needs_discovery": 2.0, "tact": 1.0},
            {"first_impression": 2.0},
            {"tact": -2.0, "needs_discovery": -1.0},
            {"objections": 0.0},
            {},
            {"product_knowledge": 3.0},
        )
    ]
    text = TEXT.format(name="Trainee")
    for attempt_id, count, created in ordered:
        path = rng.sample(NODES, min(count, len(NODES)))
        for index in range(count):
            node = path[index % len(path)]
            if index % 2 == 0:
                yield (
                    attempt_id, index, "client", "Ivan", "Hello, who is calling?", node,
                    None, None, None, client_points, meters, "", "[]", 0.0, created, 0.0,
                )  # fmt: skip
            else:
                choice = rng.randrange(len(reply_points))
                typed = text if choice == 0 else None
                points, total = reply_points[choice]
                yield (
                    attempt_id, index, "trainee", "You", text, node,
                    f"{node}/reply_{choice}", typed, 82.5 if typed else None,
                    points, meters, "You asked before offering.",
                    '["discovery"]', 9.5, created, total,
                )  # fmt: skip


def _answer_rows(
    rng: random.Random, attempt_rows: list[tuple[Any, ...]]
) -> Iterator[tuple[object, ...]]:
    # Each item has a difficulty; stronger trainees (by a hidden skill) answer more correctly.
    difficulty = {
        (quiz, item): rng.uniform(0.1, 0.98) for quiz in QUIZZES for item in range(QUIZ_POOL)
    }
    for row in attempt_rows:
        attempt_id, kind, quiz_id, status, created = row[0], row[2], row[3], row[10], row[8]
        if kind != "quiz" or status == "in-progress":
            continue
        skill = rng.uniform(-0.2, 0.2)
        asked = QUIZZES[str(quiz_id)]
        for number, item in enumerate(rng.sample(range(QUIZ_POOL), asked), start=1):
            correct = int(rng.random() < difficulty[(quiz_id, item)] + skill)
            yield (
                attempt_id, f"item_{item:02d}", number, "packaging", "a" if correct else "b",
                "An answer", correct, float(correct), 1.0, 12.5, created,
            )  # fmt: skip


def _mentor_rows(
    conn: sqlite3.Connection,
    rng: random.Random,
    attempt_rows: list[tuple[Any, ...]],
    turn_counts: dict[int, int],
    trainees: int,
) -> dict[str, int]:
    created = _timestamp(datetime.now(UTC))
    reviewed = rng.sample(sorted(turn_counts), min(5000, len(turn_counts)))
    notes = [
        (attempt_rows[index][0], rng.choice([None, 1, 3]), "Maria Head", "Well handled.", created)
        for index in reviewed
    ]
    overridden = [
        (attempt_rows[index][0], "Maria Head", None, 1, "Checked the recording.", created)
        for index in reviewed[:500]
        if attempt_rows[index][10] != "in-progress"
    ]
    retakes = [
        (trainee_id, "Maria Head", "Good practice record.", created)
        for trainee_id in rng.sample(range(1, trainees + 1), min(50, trainees))
    ]
    conn.execute("BEGIN")
    conn.executemany(
        "INSERT INTO notes (attempt_id, turn_index, mentor, text, created_at) "
        "VALUES (?, ?, ?, ?, ?)",
        notes,
    )
    conn.executemany(
        "INSERT INTO overrides (attempt_id, mentor, score, passed, reason, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        overridden,
    )
    conn.executemany(
        "INSERT INTO exam_retakes (trainee_id, granted_by, reason, granted_at) VALUES (?, ?, ?, ?)",
        retakes,
    )
    conn.execute("COMMIT")
    return {"notes": len(notes), "overrides": len(overridden), "retakes": len(retakes)}


def _batches(rows: Iterator[tuple[object, ...]], size: int) -> Iterator[list[tuple[object, ...]]]:
    batch = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def median_ms(repeat: int, run: Callable[[], object]) -> float:
    """The median of `repeat` timings of `run`, in ms."""
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def _read(conn: sqlite3.Connection, sql: str, *parameters: object) -> Callable[[], object]:
    """A floor: the rows `sql` selects, fetched whole, with none of our code around them."""
    return lambda: conn.execute(sql, parameters).fetchall()


def measure(
    store: Store, programme: Programme | None, repeat: int
) -> list[tuple[str, float, str, float]]:
    """(label, median ms, floor, its median ms) of each mentor query.

    Each floor reads every row of the tables the query aggregates, in its scope, with plain
    SQL: what a query that summed them in Python would have to read at least.
    """
    conn = store.conn
    # The worst cases: the longest transcript, the scenario with the most attempts.
    (attempt_id,) = conn.execute(
        "SELECT attempt_id FROM turns GROUP BY attempt_id ORDER BY count(*) DESC LIMIT 1"
    ).fetchone()
    (scenario,) = conn.execute(
        "SELECT content_id FROM attempts WHERE kind = 'call' "
        "GROUP BY content_id ORDER BY count(*) DESC LIMIT 1"
    ).fetchone()
    quiz = next(iter(QUIZZES), "")
    if programme is not None and programme.stage(StageKey.PRODUCT).quiz is not None:
        quiz = programme.stage(StageKey.PRODUCT).quiz.id  # type: ignore[union-attr]
    every_attempt = ("every attempt row", _read(conn, "SELECT * FROM attempts"))
    runs: list[tuple[str, Callable[[], object], tuple[str, Callable[[], object]]]] = [
        ("team_overview, with programme stages",
         lambda: team_overview(store, programme), every_attempt),
        ("trainee_overview, figures only", lambda: trainee_overview(store), every_attempt),
        ("transcript (the longest attempt)", lambda: transcript(store, attempt_id),
         ("its turn rows", _read(conn, "SELECT * FROM turns WHERE attempt_id = ?", attempt_id))),
        ("scenario_analytics (the busiest scenario)",
         lambda: scenario_analytics(store, scenario, weak=WEAK_REPLIES),
         ("the turn rows of its attempts",
          _read(conn, "SELECT turns.* FROM attempts JOIN turns ON turns.attempt_id = attempts.id "
                "WHERE attempts.content_id = ?", scenario))),
        ("quiz_item_statistics (product quiz)", lambda: quiz_item_statistics(store, quiz),
         ("the answer rows of its attempts",
          _read(conn, "SELECT quiz_answers.* FROM attempts JOIN quiz_answers "
                "ON quiz_answers.attempt_id = attempts.id WHERE attempts.content_id = ?", quiz))),
        ("funnel (the team)", lambda: funnel(store), every_attempt),
    ]  # fmt: skip
    return [
        (label, median_ms(repeat, run), floor_label, median_ms(repeat, floor))
        for label, run, (floor_label, floor) in runs
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--attempts", type=int, default=100_000)
    parser.add_argument("--turns", type=int, default=2_000_000)
    parser.add_argument("--trainees", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=7, help="timings per query (default 7)")
    parser.add_argument("--dir", type=Path, default=None, help="folder for the database")
    parser.add_argument("--keep", action="store_true", help="keep the database and print its path")
    parser.add_argument("--json", action="store_true", help="figures as JSON, for run_all.py")
    options = parser.parse_args()
    programme = load_content(bundled_content_dir()).programme
    if programme is None:
        raise SystemExit("the bundled content has no programme")
    use_programme(programme)

    folder = Path(tempfile.mkdtemp(dir=options.dir, prefix="bench-mentor-"))
    path = folder / "team.db"
    try:
        started = time.perf_counter()
        counts = generate(
            path, trainees=options.trainees, attempts=options.attempts, turns=options.turns
        )
        generation = time.perf_counter() - started
        size = path.stat().st_size / 2**20
        if not options.json:
            print(", ".join(f"{count:,} {what}" for what, count in counts.items()))
            print(f"generated in {generation:.1f} s ({size:,.0f} MiB)")
        with open_store(path) as store:
            figures = measure(store, programme, options.repeat)
    finally:
        if not options.keep:
            shutil.rmtree(folder)
    emit(
        [
            Figure(f"mentor: {label}", value, floor_label, floor, "ms", f"< {TARGET_MS:g} ms")
            for label, value, floor_label, floor in figures
        ],
        options.json,
    )
    if options.keep:
        print(f"kept: {path}")


if __name__ == "__main__":
    main()
