"""Benchmark `trainer validate` with the full analysis on a large generated content set.

    python benchmarks/bench_validate.py [--scenarios 1000] [--nodes 30] [--repeat 3] [--large 20000]

Generates SCENARIOS scenarios of NODES nodes each (with guards, variables, objections, loops and
several endings), then prints the time to load, check and analyse them all against a floor
measured in the same run: a bare YAML parse of the same files with the C loader. Target: 3x.
A second figure adds what `trainer validate` spends on the mechanical-rule check (its default
five-second budget) and says how many scenarios that budget covered.

Then one scenario of LARGE nodes against four times the time of one of LARGE/4 nodes (linear
growth is 1x; target 1.5x), and one of 5,000 nodes whose every reply goes to a node that does
not exist (each one asks for a "did you mean" suggestion; target under 2 s).
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
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


def best_of(repeat: int, run: object) -> float:
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()  # type: ignore[operator]
        timings.append(time.perf_counter() - start)
    return min(timings)


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
        generate(root, args.scenarios, args.nodes)
        files = content_files(root)
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        result = validate(root)
        errors = [str(problem) for problem in result.errors]
        assert not errors, errors[:5]

        def bare() -> None:
            for path in files:
                yaml.load(path.read_text(encoding="utf-8"), Loader=loader)

        full = best_of(args.repeat, lambda: validate(root))
        floor = best_of(args.repeat, bare)
        name = f"validate {args.scenarios} x {args.nodes}-node scenarios"
        content = result.content
        assert content is not None
        scenarios = list(content.scenarios.values())
        checked: list[SetReport] = []

        def gameability() -> None:
            # what `trainer validate` adds by default: the mechanical rules in a 5 s budget
            checked.append(analyse_set(content, scenarios))

        rules = best_of(args.repeat, gameability)
        share = f"{len(checked[-1].reports)} of {len(scenarios)} scenarios"
        figures = [
            Figure(name, full, "bare YAML parse", floor, "s", "<= 3x"),
            Figure(f"+ mechanical rules ({share})", full + rules, "validate", full, "s", ""),
        ]
        if args.large:
            figures += large_figures(root / "large", args.large, args.repeat)
        emit(figures, args.json)
    finally:
        shutil.rmtree(root)


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
        timings[size] = best_of(repeat, lambda: validate(scenario_root))  # noqa: B023
        print(f"one scenario of {size} nodes: {timings[size]:.2f} s", file=sys.stderr)
    bad_root = one_scenario(root / "bad", 5000, missing_targets=True)
    assert len(validate(bad_root).errors) >= 2 * 4999
    bad = best_of(repeat, lambda: validate(bad_root))
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    text = (bad_root / "scenarios" / "large.yaml").read_text()
    bare = best_of(repeat, lambda: yaml.load(text, Loader=loader))
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
            "bare YAML parse",
            bare,
            "s",
            "< 2 s",
        ),
    ]


if __name__ == "__main__":
    main()
