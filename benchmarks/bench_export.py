"""Benchmark the peak memory of `trainer export` on a large team's history, in every format.

    python benchmarks/bench_export.py [--attempts N] [--turns N] [--trainees N] [--dir DIR]

Generates a database as bench_mentor.py does (10,000 attempts and 200,000 turns by default),
then runs `trainer export --format F --output FILE` through the entry point, in a process of
its own, for each format, and reads that process's peak resident memory. The floor is the
same command exporting one trainee's few attempts: an export that streams stays near it
however large the history (the target: at most 1.5 times the floor), while one that builds the
whole document in memory grows with it (issue 19 measured 4.2 GB for 600,000 turns).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_mentor import generate, use_programme
from report import Figure, emit

from trainer.content.loader import load_content
from trainer.content.paths import bundled_content_dir

PASSPHRASE = "correct horse battery"  # bench_mentor's mentor
FORMATS = ("json", "csv", "md", "html")

# Runs one command and prints its peak resident memory in KiB (Linux reports ru_maxrss so).
_PEAK = (
    "import resource, subprocess, sys\n"
    "subprocess.run(sys.argv[2:], input=sys.argv[1], text=True, check=True,\n"
    "               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
)


def peak_mib(db: Path, output: Path, format: str, *extra: str) -> float:
    """Peak resident memory of one `trainer export`, in MiB."""
    command = [sys.executable, "-m", "trainer", "--db", str(db), "export"]
    command += ["--format", format, "--output", str(output), *extra]
    result = subprocess.run(
        [sys.executable, "-c", _PEAK, PASSPHRASE + "\n", *command],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )
    return int(result.stdout.strip()) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--attempts", type=int, default=10_000)
    parser.add_argument("--turns", type=int, default=200_000)
    parser.add_argument("--trainees", type=int, default=100)
    parser.add_argument("--dir", type=Path, default=None, help="folder for the database")
    parser.add_argument("--json", action="store_true", help="figures as JSON, for run_all.py")
    options = parser.parse_args()
    programme = load_content(bundled_content_dir()).programme
    if programme is None:
        raise SystemExit("the bundled content has no programme")
    use_programme(programme)

    folder = Path(tempfile.mkdtemp(dir=options.dir, prefix="bench-export-"))
    db = folder / "team.db"
    try:
        started = time.perf_counter()
        counts = generate(
            db, trainees=options.trainees, attempts=options.attempts, turns=options.turns
        )
        if not options.json:
            print(", ".join(f"{count:,} {what}" for what, count in counts.items()))
            print(f"generated in {time.perf_counter() - started:.1f} s")
        floor = peak_mib(db, folder / "one.json", "json", "--trainee", "Trainee 0001")
        figures = []
        for format in FORMATS:
            output = folder / f"all.{format}"
            started = time.perf_counter()
            peak = peak_mib(db, output, format)
            seconds = time.perf_counter() - started
            size = output.stat().st_size / 2**20
            if format == "json":  # the streamed document is one valid JSON document
                with output.open(encoding="utf-8") as stream:
                    attempts = len(json.load(stream)["attempts"])
                assert attempts == counts["attempts"], attempts
            if not options.json:
                print(f"{format}: {size:,.0f} MiB written in {seconds:.1f} s, peak {peak:,.0f} MiB")
            name = f"export: peak memory, {format}"
            figures.append(Figure(name, peak, "one trainee", floor, "MB", "<= 1.5x"))
    finally:
        shutil.rmtree(folder)
    emit(figures, options.json)


if __name__ == "__main__":
    main()
