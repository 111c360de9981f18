"""Benchmark typed-reply matching: speed, model load and memory, each against a floor.

    python benchmarks/bench_matching.py [--repeat N] [--processes N]

1. Matching every bundled typed line against every reply of the largest node (p99 and median),
   against the bare work underneath: the line's word vectors and their products with each
   reply's. Also every reply of the largest scenario on offer at once, a worst case no node
   reaches. Wall-clock p99 is what a trainee waits; on a shared machine it is mostly the
   scheduler's, so the CPU time of the matching thread is shown beside it.
2. Loading the model in a fresh process, against wordllama's own loader.
3. Memory of N processes that have each loaded the model and matched a line (as the sessions
   of `trainer serve` do), against N processes that have not: RSS and PSS (proportional set
   size: shared pages are split between the processes that map them). wordllama's own loader,
   which copies the weights into each process, is shown for comparison.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

from report import Figure, emit

from trainer.content.content_set import ContentSet
from trainer.content.loader import load_content
from trainer.content.paths import resolve_content_dir
from trainer.content.scenario.model import Reply
from trainer.content.typed import load_typed
from trainer.engine import matching
from trainer.engine.session import Session

CHILD = {
    # each child signals it is ready, then waits to be measured
    "none": "from trainer.engine import session\n",
    "shared": (
        "from trainer.engine import matching\n"
        "from trainer.content.scenario.model import Reply\n"
        "r = Reply(id='a', number=1, node='n', text='How many agents do you have?', target='t')\n"
        "matching.warm_up()\n"
        "matching.understand('how many agents are there', [r], [r.text], threshold=60)\n"
    ),
    "copied": (
        "from trainer.engine import embedding\n"
        "from wordllama import WordLlama\n"
        "m = WordLlama.load(cache_dir=embedding.package_folder(), disable_download=True)\n"
        "m.embed(['how many agents are there'])\n"
    ),
}


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def largest_node(content: ContentSet) -> tuple[Session, list[Reply]]:
    scenario, node = max(
        ((s, n) for s in content.scenarios.values() for n in s.nodes.values()),
        key=lambda pair: len(pair[1].replies),
    )
    return Session(content, scenario), list(node.replies)


Timings = tuple[list[float], list[float]]  # wall-clock seconds, CPU seconds of the thread


def time_lines(lines: list[str], replies: list[Reply], texts: list[str]) -> Timings:
    wall, cpu = [], []
    for line in lines:
        start, started = time.perf_counter(), time.thread_time()
        matching.understand(line, replies, texts, threshold=60)
        wall.append(time.perf_counter() - start)
        cpu.append(time.thread_time() - started)
    return wall, cpu


def time_floor(lines: list[str], texts: list[str]) -> Timings:
    """The bare work: the line's word vectors, one word-by-word product per reply (ready)."""
    from trainer.engine import embedding

    model = embedding.load()
    replies = [model.words(text)[0] for text in texts]
    wall, cpu = [], []
    for line in lines:
        start, started = time.perf_counter(), time.thread_time()
        words = model.words(line)[0]
        for reply in replies:
            words @ reply.T
        wall.append(time.perf_counter() - start)
        cpu.append(time.thread_time() - started)
    return wall, cpu


def fresh(replies: list[Reply], texts: list[str]) -> None:
    """Forget every line and node read so far, then read the node once, as a call's start does."""
    matching._words.cache_clear()  # every line is new to the matcher, as typed lines are
    matching.normalise.cache_clear()
    matching._index.cache_clear()
    matching.understand("warm the reply vectors", replies, texts, threshold=60)


def bench_speed(content: ContentSet, lines: list[str], repeat: int) -> list[Figure]:
    session, replies = largest_node(content)
    texts = [session.render(reply.text) for reply in replies]
    biggest = max(content.scenarios.values(), key=lambda s: len(list(s.replies())))
    every = list(biggest.replies())
    every_texts = [session.render(reply.text) for reply in every]
    matching.warm_up()
    node: Timings = ([], [])
    node_floor: Timings = ([], [])
    at_once: Timings = ([], [])
    at_once_floor: Timings = ([], [])
    for _ in range(repeat):
        for measured, floor, offered, shown in (
            (node, node_floor, replies, texts),
            (at_once, at_once_floor, every, every_texts),
        ):
            fresh(offered, shown)
            for into, timings in zip(measured, time_lines(lines, offered, shown), strict=True):
                into.extend(timings)
            for into, timings in zip(floor, time_floor(lines, shown), strict=True):
                into.extend(timings)
    ms = 1000.0
    size = f"largest node ({len(replies)} replies)"
    return [
        Figure(
            f"match p99, {size}",
            percentile(node[0], 0.99) * ms,
            "word vectors + products p99",
            percentile(node_floor[0], 0.99) * ms,
            "ms",
            "< 5 ms",
        ),
        Figure(
            "match median, largest node",
            statistics.median(node[0]) * ms,
            "word vectors + products median",
            statistics.median(node_floor[0]) * ms,
            "ms",
            "",
        ),
        Figure(
            "match p99 CPU time, largest node",
            percentile(node[1], 0.99) * ms,
            "word vectors + products, CPU p99",
            percentile(node_floor[1], 0.99) * ms,
            "ms",
            "",
        ),
        Figure(
            f"match p99, {len(every)} replies at once",
            percentile(at_once[0], 0.99) * ms,
            "word vectors + products p99",
            percentile(at_once_floor[0], 0.99) * ms,
            "ms",
            "< 5 ms",
        ),
        Figure(
            f"match p99 CPU time, {len(every)} replies at once",
            percentile(at_once[1], 0.99) * ms,
            "word vectors + products, CPU p99",
            percentile(at_once_floor[1], 0.99) * ms,
            "ms",
            "",
        ),
    ]


def bench_load(repeat: int) -> Figure:
    ours = "from trainer.engine import embedding; embedding.load()"
    theirs = (
        "from trainer.engine import embedding; from wordllama import WordLlama; "
        "WordLlama.load(cache_dir=embedding.package_folder(), disable_download=True)"
    )

    def seconds(code: str) -> float:
        timed = f"import time; s = time.perf_counter(); {code}; print(time.perf_counter() - s)"
        runs = [
            float(
                subprocess.run(
                    [sys.executable, "-c", timed], capture_output=True, text=True, check=True
                ).stdout
            )
            for _ in range(repeat)
        ]
        return statistics.median(runs)

    return Figure(
        "model load in a fresh process (median)",
        seconds(ours) * 1000,
        "wordllama's own loader",
        seconds(theirs) * 1000,
        "ms",
        "",
    )


def memory(kind: str, processes: int) -> tuple[float, float]:
    """Total RSS and PSS (MB) of `processes` children that did `CHILD[kind]`."""
    code = CHILD[kind] + "import sys; print('ready', flush=True); sys.stdin.read()\n"
    children = [
        subprocess.Popen(
            [sys.executable, "-c", code],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(processes)
    ]
    try:
        for child in children:
            assert child.stdout is not None and child.stdout.readline().strip() == "ready"
        rss = pss = 0.0
        for child in children:
            for line in Path(f"/proc/{child.pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Rss:"):
                    rss += int(line.split()[1]) / 1024
                elif line.startswith("Pss:"):
                    pss += int(line.split()[1]) / 1024
        return rss, pss
    finally:
        for child in children:
            child.communicate("")


def bench_memory(processes: int) -> list[Figure]:
    if not Path("/proc/self/smaps_rollup").exists():
        return []
    none_rss, none_pss = memory("none", processes)
    shared_rss, shared_pss = memory("shared", processes)
    _, copied_pss = memory("copied", processes)
    return [
        Figure(
            f"PSS of {processes} processes, model mapped",
            shared_pss,
            "the same without the model",
            none_pss,
            "MB",
            "",
        ),
        Figure(
            f"RSS of {processes} processes, model mapped",
            shared_rss,
            "the same without the model",
            none_rss,
            "MB",
            "",
        ),
        Figure(
            f"PSS of {processes} processes, wordllama loader",
            copied_pss,
            "the same without the model",
            none_pss,
            "MB",
            "",
        ),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--content", help="content folder (default: the bundled one)")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--processes", type=int, default=10)
    parser.add_argument("--json", action="store_true", help="figures as JSON, for run_all.py")
    parser.add_argument("--speed-only", action="store_true", help="skip model load and memory")
    args = parser.parse_args()
    root = resolve_content_dir(Path(args.content) if args.content else None)
    content = load_content(root)
    sets, _ = load_typed(root, content.scenarios)
    lines = [line.text for typed in sets for line in typed.lines]
    if not lines:
        parser.error(f"no typed lines under {root}/scenarios/tests/typed")
    figures = bench_speed(content, lines, args.repeat)
    if not args.speed_only:
        figures += [bench_load(max(1, args.repeat)), *bench_memory(args.processes)]
    emit(figures, args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
