"""Run every benchmark under benchmarks/ and print one table of figures, floors and targets.

    python benchmarks/run_all.py [--quick]

Each benchmark runs in its own interpreter (so start-up and memory are measured fresh) and
reports its figures as JSON; this collects them. Every ratio is against a floor measured in the
same run. --quick uses smaller sizes and fewer runs for a fast look (start-up figures then say
how many runs they are); the targets are only meaningful at the full sizes.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

from report import Figure, parse, table

HERE = Path(__file__).parent
BENCHMARKS: list[tuple[str, list[str], list[str]]] = [
    # (script, arguments, arguments with --quick)
    ("bench_startup.py", ["--repeat", "15"], ["--repeat", "3"]),
    ("bench_library.py", ["--scenarios", "1000"], ["--scenarios", "100", "--repeat", "2"]),
    ("bench_engine.py", ["--repeat", "15"], ["--repeat", "5"]),
    ("bench_sessions.py", [], ["--many", "5000"]),
    ("bench_store.py", ["--turns", "2000"], ["--turns", "300"]),
    ("bench_writers.py", [], ["--writers", "10", "--calls", "2"]),
    ("bench_serve.py", [], ["--sessions", "5"]),
    (
        "bench_validate.py",
        ["--scenarios", "1000", "--repeat", "3"],
        ["--scenarios", "100", "--repeat", "1", "--large", "4000"],
    ),
    ("bench_mentor.py", [], ["--attempts", "10000", "--turns", "200000", "--trainees", "50"]),
    ("bench_matching.py", ["--repeat", "5"], ["--repeat", "1", "--processes", "3"]),
    ("bench_export.py", [], ["--attempts", "2000", "--turns", "40000", "--trainees", "20"]),
    ("bench_integrity.py", [], ["--calls", "60", "--repeat", "1"]),
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes, for a fast look")
    args = parser.parse_args()
    figures: list[Figure] = []
    failed = []
    for script, full, quick in BENCHMARKS:
        started = time.perf_counter()
        print(f"running {script} ...", file=sys.stderr, flush=True)
        result = subprocess.run(
            [sys.executable, str(HERE / script), *(quick if args.quick else full), "--json"],
            capture_output=True,
            text=True,
        )
        found = parse(result.stdout)
        if result.returncode != 0 or not found:
            failed.append(f"{script}: exit {result.returncode}\n{result.stderr[-2000:]}")
            continue
        figures.extend(found)
        print(f"  {script} took {time.perf_counter() - started:.0f} s", file=sys.stderr)
    if args.quick:
        print("quick run: smaller sizes and fewer runs; the targets hold at the full sizes")
    print(table(figures))
    for failure in failed:
        print(f"FAILED {failure}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
