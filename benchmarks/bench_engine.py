"""Benchmark the content loader and the engine step, each against a floor measured in the same run.

    python benchmarks/bench_engine.py [--content DIR] [--repeat N]

1. Loading and validating the whole content set, against a bare YAML parse of the same files
   (the C loader, no checks).
2. One engine step (a reply taken, guards checked, points and meters applied, the next client
   line chosen), against a bare `transitions` trigger on a machine of the same size.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

import yaml
from report import Figure, emit
from transitions import Machine

from trainer.content.content_set import ContentSet
from trainer.content.graph import reachable
from trainer.content.loader import content_files, validate
from trainer.content.paths import resolve_content_dir
from trainer.content.scenario.model import Scenario
from trainer.engine.session import Session


def best_of(repeat: int, run: Callable[[], object]) -> float:
    """The fastest of `repeat` timings of `run`, in seconds (least disturbed by the machine)."""
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        timings.append(time.perf_counter() - start)
    return min(timings)


def bench_loading(root: Path, repeat: int) -> tuple[float, float]:
    files = content_files(root)
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    def bare() -> None:
        for path in files:
            yaml.load(path.read_text(encoding="utf-8"), Loader=loader)

    def full() -> None:
        result = validate(root)
        assert result.content is not None, [str(p) for p in result.errors]

    return best_of(repeat, full), best_of(repeat, bare)


def bench_step(content: ContentSet, scenario: Scenario, repeat: int) -> tuple[float, float]:
    sessions = 500

    def engine() -> float:
        """Seconds for one reply in each of `sessions` fresh calls (set-up not timed)."""
        calls = [Session(content, scenario, seed=seed) for seed in range(sessions)]
        start = time.perf_counter()
        for call in calls:
            call.choose(1)
        elapsed = time.perf_counter() - start
        for call in calls:
            call.close()
        return elapsed

    per_step = min(engine() for _ in range(repeat)) / sessions

    states = list(scenario.nodes)
    bare_machine = Machine(model=None, states=states, initial=states[0], auto_transitions=False)
    bare_machine.add_transition("go", states[0], states[1 % len(states)])
    bare_machine.add_transition("back", states[1 % len(states)], states[0])

    class Model:
        state: str

    model = Model()
    bare_machine.add_model(model)
    go, back = bare_machine.events["go"], bare_machine.events["back"]

    def bare() -> None:
        for _ in range(sessions // 2):
            go.trigger(model)
            back.trigger(model)

    return per_step, best_of(repeat, bare) / sessions


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--content", help="content folder (default: the bundled one)")
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--json", action="store_true", help="figures as JSON, for run_all.py")
    args = parser.parse_args()
    root = resolve_content_dir(args.content)
    result = validate(root)
    assert result.content is not None, "the content set has errors; run 'trainer validate'"
    content = result.content
    scenario = max(content.scenarios.values(), key=lambda s: len(reachable(s)))

    load, parse = bench_loading(root, args.repeat)
    step, trigger = bench_step(content, scenario, args.repeat)
    files = len(content_files(root))
    emit(
        [
            Figure(
                f"load + validate all content ({files} files)",
                load * 1e3,
                "bare YAML parse",
                parse * 1e3,
                "ms",
                "",
            ),
            Figure(
                f"engine step ({scenario.id})",
                step * 1e3,
                "bare transitions trigger",
                trigger * 1e3,
                "ms",
                "",
            ),
        ],
        args.json,
    )


if __name__ == "__main__":
    main()
