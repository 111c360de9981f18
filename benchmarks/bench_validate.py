"""Benchmark `trainer validate` on large generated content sets, cold and warm, against a compose.

    python benchmarks/bench_validate.py [--scenarios 1000] [--nodes 30] [--repeat 3] [--large 20000]

Generates content sets of SCENARIOS/100, SCENARIOS/10 and SCENARIOS scenarios of NODES nodes each
(with guards, variables, objections, loops and several endings). Each measurement is a whole
fresh process, as a person or CI runs it: `trainer validate --gameability off` on the set, cold
(an empty data folder: every file parsed and checked, and the content cache's entry saved) and
warm (read back from that entry), against the floor of a fresh interpreter that reads the same
files and composes each into YAML nodes with the C loader and keeps nothing (what the loader
does before any check). They are taken in turns; figures are medians of REPEAT runs of the
processes' CPU time (user + system: on a shared machine the wall clock swings with the
neighbours' load, and on an idle one it matches the CPU time of these single-threaded
processes), with the wall clock of the largest set shown too. Targets: the largest set within
2x the floor cold and 0.3x warm, and growth from SCENARIOS/10 to SCENARIOS within 12x (linear
is 10x).
A further figure adds what `trainer validate` spends by default on the mechanical-rule check
(its five-second budget) and says how many scenarios that budget covered.

Then, in this process with the collector run before each timing and every result dropped, one
scenario of LARGE nodes against four times the time of one of LARGE/4 nodes (linear growth is
1x; target 1.5x), and one of 5,000 nodes whose every reply goes to a node that does not exist
(each one asks for a "did you mean" suggestion; target under 2 s).
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml
from report import Figure, emit

from trainer.content.loader import content_files, validate
from trainer.engine.gameability import SetReport, analyse_set

RUBRIC = """\
kind: rubric
pass_mark: 60
skills:
  rapport: {name: Rapport, weight: 1, description: Warmth., levels: {0: Cold., 80: Warm.}}
  discovery: {name: Discovery, weight: 2, description: Asks., levels: {0: Tells., 80: Asks.}}
  tact: {name: Tact, weight: 2, must_pass: 40, description: Calm., levels: {0: Pushy., 80: Calm.}}
  closing: {name: Closing, weight: 1, description: Next step., levels: {0: None., 80: Booked.}}
tags:
  pushy: Presses.
  discovery: Asks.
"""

PERSONA = """\
kind: persona
id: buyer_{index}
name: Buyer {index}
role: Buyer
company: Example {index}
client_type: deciding
temperament: sanguine
brief: A buyer.
meters: {{patience: 60, trust: 40, interest: 40}}
reactions:
  pushy: {{patience: -20}}
  discovery: {{trust: 10}}
lines:
  fallback: Sorry?
  hang_up: Bye.
objections:
  price: Too expensive.
"""


def scenario_text(number: int, nodes: int, rng: random.Random) -> str:
    """A scenario of `nodes` nodes: a chain of choices with loops back and three endings."""
    persona = f"buyer_{number % 20}"
    lines = [
        "kind: scenario",
        f"id: generated_{number}",
        f"title: Generated call {number}",
        "stage: 3",
        f"personas: [{persona}]",
        "goal: Book a meeting.",
        "success: [meeting, deal]",
        "variables: {asked: false, offers: 0}",
        "start: n0",
        "nodes:",
    ]
    talk = nodes - 3
    for index in range(talk):
        following = f"n{index + 1}" if index + 1 < talk else "won"
        back = f"n{max(0, index - rng.randint(1, 3))}" if index + 1 < talk else "hung"
        lines += [
            f"  n{index}:",
            f'    say: ["Line {index} for {{name}}.", "Another line {index}."]',
            "    hint: Ask before you offer.",
        ]
        if index == 1:
            lines.append("    raises: price")
        lines += [
            "    replies:",
            f"      - id: good\n        text: A good reply at {index}, {{first_name}}.\n"
            f"        to: {following}\n        tags: [discovery]\n"
            f"        points: {{discovery: {rng.randint(1, 3)}, tact: 1}}\n"
            "        set: {asked: true}\n        note: Good."
            + ("\n        counters: price" if index == 1 else ""),
            f"      - id: offer\n        text: An offer at {index}.\n        to: {following}\n"
            f"        when: trust >= {rng.randint(20, 60)} and asked\n"
            f"        points: {{closing: 1}}\n        note: Offer.",
            f"      - id: push\n        text: A pushy reply at {index}.\n        to: {back}\n"
            "        tags: [pushy]\n        points: {tact: -1, rapport: 1}\n        note: Pushy.",
            "      - id: give_up\n        text: Goodbye.\n        to: lost\n        note: Gave up.",
        ]
    lines += [
        "  won:",
        "    say: Deal.",
        "    ending: {outcome: meeting, points: {closing: 2}}",
        "  lost:",
        "    say: Bye.",
        "    ending: {outcome: lost}",
        "  hung:",
        "    say: Click.",
        "    ending: {outcome: hung-up}",
    ]
    return "\n".join(lines) + "\n"


def generate(root: Path, scenarios: int, nodes: int) -> None:
    rng = random.Random(7)
    (root / "scenarios").mkdir(parents=True)
    (root / "personas").mkdir()
    (root / "scenarios" / "rubric.yaml").write_text(RUBRIC)
    for index in range(20):
        (root / "personas" / f"buyer_{index}.yaml").write_text(PERSONA.format(index=index))
    for number in range(scenarios):
        path = root / "scenarios" / f"generated_{number}.yaml"
        path.write_text(scenario_text(number, nodes, rng))


def median_of(repeat: int, run: Callable[[], object]) -> float:
    """The median of `repeat` timings of `run` in seconds, each after a full collection, so no
    garbage left by the one before is collected on its clock."""
    timings = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        run()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)


# The floor: a fresh interpreter composes every file with the C loader and keeps nothing.
COMPOSE = """
import sys, yaml
loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
for path in open(sys.argv[1], encoding="utf-8").read().splitlines():
    with open(path, encoding="utf-8") as file:
        yaml.compose(file.read(), Loader=loader)
"""


def process_seconds(argv: list[str], data: Path | None = None) -> tuple[float, float]:
    """(CPU, wall-clock) seconds of a fresh process running `argv`, which must succeed; with
    `data`, the process's data folder (where the content cache lives) is that folder.

    CPU is user plus system time: what the process itself spent, which other work on a shared
    machine disturbs far less than it does the wall clock.
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    env = {**os.environ, "XDG_DATA_HOME": str(data)} if data is not None else None
    finished = subprocess.run(argv, capture_output=True, text=True, env=env)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if finished.returncode != 0:
        raise SystemExit(f"{argv[2:5]} failed: {finished.stderr[-1000:]}")
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return cpu, elapsed


@dataclass(frozen=True)
class Cold:
    """Medians of `trainer validate` and of the compose floor, each a fresh process: cold (no
    cache entry; the entry is saved) and warm (read back from the entry)."""

    cpu: float
    floor_cpu: float
    wall: float
    floor_wall: float
    warm_cpu: float
    warm_wall: float


def cold_timings(root: Path, repeat: int) -> Cold:
    """`trainer validate` on `root` cold and warm and the compose floor, in turns `repeat`
    times. Every cold run has an empty data folder of its own; the warm runs share one."""
    listing = root / "files.txt"
    listing.write_text("\n".join(str(path) for path in content_files(root)), encoding="utf-8")
    validate_argv = [sys.executable, "-m", "trainer", "--content", str(root), "validate"]
    validate_argv += ["--gameability", "off"]
    floor_argv = [sys.executable, "-c", COMPOSE, str(listing)]
    ours, floors, warms = [], [], []
    warm_data = root / "data-warm"
    process_seconds(validate_argv, warm_data)  # saves the entry the warm runs read
    for run in range(repeat):
        ours.append(process_seconds(validate_argv, root / f"data-cold-{run}"))
        floors.append(process_seconds(floor_argv))
        warms.append(process_seconds(validate_argv, warm_data))
    return Cold(
        statistics.median(cpu for cpu, _ in ours),
        statistics.median(cpu for cpu, _ in floors),
        statistics.median(wall for _, wall in ours),
        statistics.median(wall for _, wall in floors),
        statistics.median(cpu for cpu, _ in warms),
        statistics.median(wall for _, wall in warms),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenarios", type=int, default=1000)
    parser.add_argument("--nodes", type=int, default=30)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--large", type=int, default=20000, help="nodes of one scenario; 0: skip")
    parser.add_argument("--json", action="store_true", help="figures as JSON, for run_all.py")
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="trainer-bench-"))
    try:
        sizes = sorted(
            {max(1, args.scenarios // 100), max(1, args.scenarios // 10), args.scenarios}
        )
        timings: dict[int, Cold] = {}
        for size in sizes:
            generate(root / str(size), size, args.nodes)
            timings[size] = cold_timings(root / str(size), args.repeat)
            print(f"{size} scenarios: {timings[size].cpu:.2f} s CPU", file=sys.stderr)
        figures = [
            Figure(
                f"validate {size} x {args.nodes}-node scenarios, cold, CPU",
                cold.cpu,
                "bare yaml.compose, cold, CPU",
                cold.floor_cpu,
                "s",
                "<= 2x" if size == args.scenarios else "",
            )
            for size, cold in timings.items()
        ]
        largest = timings[args.scenarios]
        figures.append(
            Figure(
                f"validate {args.scenarios} scenarios, warm cache, CPU",
                largest.warm_cpu,
                "bare yaml.compose, cold, CPU",
                largest.floor_cpu,
                "s",
                "<= 0.3x",
            )
        )
        figures.append(
            Figure(
                f"validate {args.scenarios} scenarios, cold, wall clock",
                largest.wall,
                "bare yaml.compose, cold, wall clock",
                largest.floor_wall,
                "s",
                "",
            )
        )
        if len(sizes) > 1:
            smaller = sizes[-2]
            figures.append(
                Figure(
                    f"validate growth, {smaller} to {args.scenarios} scenarios",
                    largest.cpu,
                    f"validate {smaller}, cold, CPU",
                    timings[smaller].cpu,
                    "s",
                    "<= 12x",
                )
            )
        figures.append(mechanical_rules(root / str(args.scenarios), largest.wall))
        if args.large:
            figures += large_figures(root / "large", args.large, args.repeat)
        emit(figures, args.json)
        # Figures on a shared machine mean little without how busy it was while they ran.
        load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
        print(f"load average at the end: {load} on {os.cpu_count()} CPUs", file=sys.stderr)
    finally:
        shutil.rmtree(root)


def mechanical_rules(root: Path, cold: float) -> Figure:
    """What `trainer validate` adds by default: the mechanical rules within a 5 s budget."""
    result = validate(root)
    assert result.content is not None, [str(problem) for problem in result.errors[:5]]
    content = result.content
    start = time.perf_counter()
    report: SetReport = analyse_set(content, list(content.scenarios.values()))
    spent = time.perf_counter() - start
    share = f"{len(report.reports)} of {len(content.scenarios)} scenarios"
    return Figure(
        f"+ mechanical rules ({share})", cold + spent, "validate, cold, wall clock", cold, "s", ""
    )


def lean_scenario(nodes: int, missing_targets: bool = False) -> str:
    """One scenario of `nodes` short nodes (a chain with loops back), small enough that 20,000
    fit under the 5 MB file cap; optionally every reply going to a node that does not exist."""
    lines = [
        "kind: scenario",
        "id: large",
        "title: Large",
        "stage: 3",
        "personas: [buyer_0]",
        "goal: Book a meeting.",
        "success: [meeting]",
        "start: n0",
        "nodes:",
    ]
    for index in range(nodes - 1):
        following = f"n{index + 1}" if index + 2 < nodes else "won"
        back = f"n{max(0, index - 2)}"
        if missing_targets:
            following, back = f"gone_{index}", f"m{index}x"
        lines += [
            f"  n{index}:",
            f"    say: Line {index}.",
            "    replies:",
            f"      - {{text: On {index}., to: {following}, points: {{discovery: 1}}}}",
            f"      - {{text: Back {index}., to: {back}, tags: [pushy]}}",
        ]
    lines += ["  won:", "    say: Deal.", "    ending: {outcome: meeting, points: {closing: 1}}"]
    return "\n".join(lines) + "\n"


def one_scenario(root: Path, nodes: int, missing_targets: bool = False) -> Path:
    """A content set of the rubric, the personas and one lean scenario of `nodes` nodes."""
    shutil.rmtree(root, ignore_errors=True)
    generate(root, 0, 0)
    text = lean_scenario(nodes, missing_targets)
    (root / "scenarios" / "large.yaml").write_text(text)
    return root


def large_figures(root: Path, nodes: int, repeat: int) -> list[Figure]:
    timings = {}
    for size in (nodes // 4, nodes // 2, nodes):
        scenario_root = one_scenario(root / str(size), size)
        assert not validate(scenario_root).errors
        timings[size] = median_of(repeat, lambda: validate(scenario_root))  # noqa: B023
        print(f"one scenario of {size} nodes: {timings[size]:.2f} s", file=sys.stderr)
    bad_root = one_scenario(root / "bad", 5000, missing_targets=True)
    assert len(validate(bad_root).errors) >= 2 * 4999
    bad = median_of(repeat, lambda: validate(bad_root))
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    text = (bad_root / "scenarios" / "large.yaml").read_text()
    bare = median_of(repeat, lambda: yaml.compose(text, Loader=loader))
    quarter = nodes // 4
    return [
        Figure(
            f"validate one {nodes}-node scenario",
            timings[nodes],
            f"4 x one of {quarter} nodes",
            4 * timings[quarter],
            "s",
            "<= 1.5x",
        ),
        Figure(
            "validate 5000 nodes, every target unknown",
            bad,
            "bare yaml.compose",
            bare,
            "s",
            "< 2 s",
        ),
    ]


if __name__ == "__main__":
    main()
