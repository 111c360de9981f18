"""Benchmark the integrity check of records (`trainer mentor verify`) over a team's real calls.

    python benchmarks/bench_integrity.py [--calls N] [--repeat N]

Records N calls on the bundled practice scenarios through the services, as the app does (the
trainee picks replies by number, types every third one as read), then times the check over all
of them. The floor is the same moves played again on bare sessions with no database: what the
engine alone costs, which the check cannot go below since it replays every call. The target:
the check at most 1.5 times the floor (reading and comparing cost little beside the replay).
Figures are ms per attempt, medians of --repeat runs.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

from report import Figure, emit

from trainer.content.content_set import ContentSet
from trainer.content.loader import load_content
from trainer.content.paths import bundled_content_dir
from trainer.engine.session import Session
from trainer.engine.turns import Speaker
from trainer.services.calls import RecordedCall
from trainer.services.integrity import check_records
from trainer.store.attempts import turns_for
from trainer.store.database import Store, open_store
from trainer.store.trainees import add_trainee


def record_calls(store: Store, content: ContentSet, calls: int) -> None:
    scenarios = sorted(s.id for s in content.scenarios.values() if not s.exam)
    rng = random.Random(3)
    trainee = add_trainee(store, "Anna Berg")
    for number in range(calls):
        session = Session(
            content,
            content.scenario(scenarios[number % len(scenarios)]),
            seed=number,
            trainee=trainee.name,
        )
        call = RecordedCall.begin(store, trainee.id, session)
        for move in range(12):
            options = session.options()
            if call.ended or not options:
                break
            if move % 3 == 2:
                call.say(options[0].text)
            else:
                call.choose(rng.choice(options).number)
        if not call.ended:
            call.hang_up()
        call.finish()


def bare_replays(store: Store, content: ContentSet) -> float:
    """Seconds to play every stored call's moves again on bare sessions."""
    rows = store.conn.execute("SELECT id, content_id, seed FROM attempts").fetchall()
    moves = [(content_id, seed, turns_for(store, id_)) for id_, content_id, seed in rows]
    start = time.perf_counter()
    for content_id, seed, turns in moves:
        session = Session(content, content.scenario(content_id), seed=seed, trainee="Anna Berg")
        for turn in turns:
            if turn.speaker is not Speaker.TRAINEE or session.ended:
                continue
            if turn.typed is not None:
                session.say(turn.typed)
            elif turn.reply is not None:
                session.choose(turn.reply.rsplit("/", 1)[-1])
        if not session.ended:
            session.hang_up()
        session.score()
        session.close()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--calls", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", action="store_true", help="one JSON line for run_all.py")
    args = parser.parse_args()
    content = load_content(bundled_content_dir())
    with tempfile.TemporaryDirectory() as folder, open_store(Path(folder) / "t.db") as store:
        record_calls(store, content, args.calls)
        checks, floors = [], []
        for _ in range(args.repeat):
            start = time.perf_counter()
            findings = check_records(store, content)
            checks.append(time.perf_counter() - start)
            floors.append(bare_replays(store, content))
            flagged = [f.message for f in findings if f.flagged or f.unchecked]
            assert not flagged, flagged[:3]
    per = 1000 / args.calls
    check, floor = statistics.median(checks) * per, statistics.median(floors) * per
    if not args.json:
        print(f"{args.calls} calls: {1000 / check:.0f} attempts/s checked")
    emit(
        [
            Figure(
                f"integrity check of {args.calls} recorded calls",
                check,
                "the same moves on bare sessions",
                floor,
                "ms",
                "<= 1.5x",
            )
        ],
        args.json,
    )


if __name__ == "__main__":
    main()
