"""`trainer test` over typed lines: run them, list the misses, and report accuracy."""

from __future__ import annotations

from dataclasses import dataclass

from rich.console import Console
from rich.table import Table
from rich.text import Text

from trainer.content.content_set import ContentSet
from trainer.content.context import Problem
from trainer.content.typed import Category, load_typed
from trainer.engine.typed_check import (
    TARGETS,
    LineResult,
    accuracy,
    below_target,
    check_examples,
    run_typed,
)
from trainer.errors import ContentError

EXAM_DETAILS_HIDDEN = (
    "details hidden (they show the exam's key): a mentor sees them with "
    "trainer test --scenario {scenario}"
)


def matching_problems(content: ContentSet | None) -> list[Problem]:
    """What validate adds for matching: faulty typed-line files, examples that mislead."""
    if content is None:
        return []
    problems = load_typed(content.root, content.scenarios)[1]
    return [*problems, *check_examples(content)]


@dataclass(frozen=True, slots=True)
class TypedRun:
    """What a run of the typed lines found."""

    lines: int
    missed: int
    shortfalls: int  # categories under their target

    def summary(self, judged: bool = True) -> str:
        """The figures in one line; `judged` false for a part of a library (one scenario's
        lines are too few to hold to the targets, which are the whole library's)."""
        figures = f"typed lines: {self.lines - self.missed} of {self.lines} as expected"
        if not judged:
            return f"{figures} (the targets are judged over the whole library)"
        if not self.shortfalls:
            return f"{figures}, every category within its target"
        plural = "category" if self.shortfalls == 1 else "categories"
        return f"{figures}, {self.shortfalls} {plural} under target"


def run_typed_lines(
    content: ContentSet,
    scenario: str | None,
    out: Console,
    *,
    report: bool,
    hide_exam: bool = False,
    judged: bool = True,
) -> TypedRun | None:
    """Run the typed lines and list the misses; None when there are none.

    A missed line is listed with its file:line, except an exam's with `hide_exam` (the lines
    and what they were taken as show the exam's key). A matcher is judged on its rate, not on
    every line: a category under its target fails the run (unless not `judged`: a part of a
    library); with `report`, each category's accuracy is set against its target in a table.
    """
    sets, problems = load_typed(content.root, content.scenarios)
    if problems:
        raise ContentError(problems[0].location, problems[0].message)
    sets = [s for s in sets if scenario in (None, s.scenario)]
    if not sets:
        return None
    results: list[LineResult] = []
    for typed in sets:
        lines = run_typed(content, typed)
        results.extend(lines)
        missed = [line for line in lines if not line.passed]
        mark = Text("PASS", "green") if not missed else Text("MISS", "yellow")
        understood = len(lines) - len(missed)
        out.print(
            Text.assemble(
                mark, f"  {typed.scenario}: {understood} of {len(lines)} typed lines as expected"
            )
        )
        if missed and hide_exam and content.scenario(typed.scenario).exam:
            hidden = EXAM_DETAILS_HIDDEN.format(scenario=typed.scenario)
            out.print(Text(f"      {hidden}", "yellow"))
            continue
        for line in missed:
            out.print(Text(f"      {line.line.location}: {line.failure()}", "yellow"))
    if report:
        out.print(_table([result for result in results if not result.held_back]))
        held_back = [result for result in results if result.held_back]
        if held_back:
            out.print(_held_back_table(held_back))
    shortfalls = below_target(results)
    for shortfall in shortfalls if report or judged else ():
        out.print(Text.assemble(Text("FAIL", "bold red"), f"  typed lines, {shortfall}"))
    missed_count = sum(not result.passed for result in results)
    return TypedRun(len(results), missed_count, len(shortfalls))


def _table(results: list[LineResult]) -> Table:
    table = Table(title="Matching accuracy by category")
    for heading in ("category", "target", "tuning half", "held-out half", "all"):
        table.add_column(heading, justify="left" if heading == "category" else "right")
    halves = [
        accuracy(results, held_out=False, held_back=False),
        accuracy(results, held_out=True, held_back=False),
    ]
    every = accuracy(results, held_back=False)
    keys: list[Category | None] = [*Category, None]
    for key in keys:
        if key not in every:
            continue
        cells = [
            f"{half[key].percent:.1f}% ({half[key].passed}/{half[key].total})"
            if key in half
            else "-"
            for half in (*halves, every)
        ]
        target = f"{TARGETS[key]:g}%" if key is not None else ""
        table.add_row(key.value if key is not None else "overall", target, *cells)
    return table


def _held_back_table(results: list[LineResult]) -> Table:
    """One column per held-back set: each was written apart, so each is its own estimate."""
    table = Table(title="Held-back lines, never tuned on")
    batches = sorted({result.batch for result in results})
    for heading in ("category", "target", *batches):
        table.add_column(heading, justify="left" if heading == "category" else "right")
    figures = [accuracy(results, batch=batch) for batch in batches]
    for key in [*Category, None]:
        if not any(key in figure for figure in figures):
            continue
        cells = [
            f"{figure[key].percent:.1f}% ({figure[key].passed}/{figure[key].total})"
            if key in figure
            else "-"
            for figure in figures
        ]
        target = f"{TARGETS[key]:g}%" if key is not None else ""
        table.add_row(key.value if key is not None else "overall", target, *cells)
    return table
