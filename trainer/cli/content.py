"""The commands over a content set: list, validate and test (`trainer.cli.play` plays)."""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from rich.text import Text

from trainer.content.cache import ContentCache
from trainer.content.content_set import ContentSet
from trainer.content.context import Problem, Severity
from trainer.content.loader import Progress, load_content, lookup_file_root, validate
from trainer.content.paths import bundled_content_dir, describe_content, resolve_content_dir
from trainer.content.scenario.model import Scenario
from trainer.errors import TrainerError
from trainer.text import visible

# What only playing, testing and recording use is imported by those commands, so that
# `trainer validate` and `trainer list` load neither the store nor the records commands.
if TYPE_CHECKING:
    from trainer.content.conversation_tests import ConversationTest
    from trainer.engine.gameability import Gameability, SetReport
    from trainer.engine.testing import TestResult

EXIT_OK, EXIT_FAILED = 0, 1
PROGRESS_MIN_STEPS = 200  # files + scenarios; below this, checking is over before a bar helps


def content_cache(args: argparse.Namespace) -> ContentCache | None:
    """The content cache in the user's data folder, unless `--no-cache` was given."""
    return None if args.no_cache else ContentCache()


def args_content(args: argparse.Namespace) -> ContentSet:
    """The content set the command line names (`--content`, $TRAINER_CONTENT or the bundled)."""
    return load_content(resolve_content_dir(args.content), content_cache(args))


def run_list(args: argparse.Namespace, out: Console, err: Console) -> int:
    from trainer.cli import render

    content = args_content(args)
    out.print(Text(describe_content(args.content)))
    for table in render.content_tables(content):
        out.print(table)
    return EXIT_OK


def run_validate(args: argparse.Namespace, out: Console, err: Console) -> int:
    from trainer.cli.typed import matching_problems
    from trainer.engine.figures import figure_problems

    paths = [Path(p) for p in args.paths]
    # lexists: a symlink loop exists, and is reported as one by the check itself.
    for missing in (path for path in paths if not os.path.lexists(path)):
        raise TrainerError(f"'{missing}' does not exist")
    folders = [path for path in paths if path.is_dir()] if paths else [args.content]
    checked_where = [f"content: {folder}" for folder in folders] if paths else []
    problems: list[Problem] = []
    # What the gameability check plays: the scenarios given, or (None) all of the set's.
    checked: list[tuple[ContentSet, list[Scenario] | None]] = []
    for folder in folders:
        with _progress_bar(err) as progress:
            result = validate(
                resolve_content_dir(folder), progress=progress, cache=content_cache(args)
            )
        problems.extend(
            [
                *result.problems,
                *matching_problems(result.content),
                *figure_problems(result.content),
            ]
        )
        if result.content is not None:
            checked.append((result.content, None))  # all its scenarios, built if played
    # A file is checked within the content set it belongs to, or else on top of the set in use;
    # only its own problems are shown, plus errors elsewhere that may hide some of them.
    groups: dict[Path, list[Path]] = {}
    for file in (path for path in paths if not path.is_dir()):
        groups.setdefault(lookup_file_root(file) or resolve_content_dir(args.content), []).append(
            file
        )
    for root, files in groups.items():
        checked_where.append(f"{', '.join(str(file) for file in files)} in content: {root}")
        result = validate(root, extra_files=[f for f in files if lookup_file_root(f) is None])
        wanted = {_absolute(file) for file in files}
        problems.extend(
            p
            for p in [*result.problems, *figure_problems(result.content)]
            if _absolute(p.location.path) in wanted or p.severity is Severity.ERROR
        )
        if result.content is not None:
            scenarios = result.content.scenarios.values()
            mine = [s for s in scenarios if _absolute(s.path) in wanted]
            checked.append((result.content, mine))
    problems = list(dict.fromkeys(problems))
    gameability = _gameability(args, checked)
    notes: list[Problem] = []
    if gameability.findings:
        from trainer.engine.gameability import problems as gameability_problems
    for report, scenario in gameability.findings:
        found = gameability_problems(report, scenario)
        (notes if args.gameability == "note" else problems).extend(found)
    errors = sum(1 for p in problems if p.severity is Severity.ERROR)
    warnings = len(problems) - errors
    if args.format == "json":
        out.print_json(
            json.dumps(
                {
                    "errors": errors,
                    "warnings": warnings,
                    "problems": [
                        {
                            "path": str(p.location.path),
                            "line": p.location.line,
                            "column": p.location.column,
                            "severity": p.severity.value if p not in notes else "note",
                            "message": p.message,
                        }
                        for p in [*problems, *notes]
                    ],
                    "gameability": gameability.as_json(),
                }
            )
        )
    else:
        for problem in problems:
            out.print(Text(visible(str(problem))))
        for note in notes:
            out.print(Text(visible(f"{note.location}: note: {note.message}")))
        for line in gameability.summary():
            err.print(Text(line))
        summary = f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"
        noted = f" ({len(notes)} note{'s' * (len(notes) != 1)})" if notes else ""
        # The last line says what was checked: a green run on the wrong folder is no news.
        where = visible("; ".join(checked_where) or describe_content(args.content))
        (err if problems else out).print(
            Text(f"{summary}{noted}; {where}" if problems else f"No problems found{noted}; {where}")
        )
    failed = errors > 0 or (args.strict and warnings > 0)
    return EXIT_FAILED if failed else EXIT_OK


@dataclass(frozen=True, slots=True)
class _Gameability:
    """The mechanical-rule check of every content set validated, for printing."""

    findings: list[tuple[Gameability, Scenario]]
    reports: list[SetReport]

    def as_json(self) -> dict[str, object]:
        scenarios = [report for found in self.reports for report in found.reports]
        return {
            "checked": [
                {
                    "scenario": report.scenario,
                    "seeds": report.seeds,
                    "seconds": report.seconds,
                    "rules": {
                        result.rule: {
                            "passed": result.passed,
                            "calls": result.calls,
                            "share": round(result.share, 3),
                        }
                        for result in report.rules
                    },
                    "decision_points": report.decision_points,
                    "best_is_longest": report.best_is_longest,
                    "gameable": [result.rule for result in report.gameable],
                }
                for report in scenarios
            ],
            "skipped": [scenario for found in self.reports for scenario in found.skipped],
        }

    def summary(self) -> list[str]:
        """One line of figures over every scenario checked, and what the budget left out."""
        reports = [report for found in self.reports for report in found.reports]
        skipped = [scenario for found in self.reports for scenario in found.skipped]
        if not reports:
            return []
        gameable = sum(1 for report in reports if report.gameable)
        points = sum(report.decision_points for report in reports)
        longest = sum(report.best_is_longest for report in reports)
        fewest = min(report.seeds for report in reports)
        most = max(report.seeds for report in reports)
        seeds = f"1-{most}" if fewest == most else f"1-{fewest} to 1-{most}"
        share = f" ({100 * longest / points:.0f}%)" if points else ""
        lines = [
            f"Mechanical rules: {gameable} of {len(reports)} scenarios passed by one "
            f"(seeds {seeds}); the best reply is the longest at {longest} of "
            f"{points} decision points{share}."
        ]
        if skipped:
            lines.append(
                f"Mechanical rules played on {len(reports)} of {len(reports) + len(skipped)} "
                "scenarios within the time budget; --gameability-budget 0 checks them all."
            )
        return lines


def _gameability(
    args: argparse.Namespace, checked: list[tuple[ContentSet, list[Scenario] | None]]
) -> _Gameability:
    if args.gameability == "off":
        return _Gameability([], [])
    from trainer.engine.gameability import analyse_set

    budget = args.gameability_budget if args.gameability_budget > 0 else None
    findings: list[tuple[Gameability, Scenario]] = []
    reports: list[SetReport] = []
    for content, chosen in checked:
        scenarios = list(content.scenarios.values()) if chosen is None else chosen
        found = analyse_set(content, scenarios, budget)
        reports.append(found)
        by_id = {scenario.id: scenario for scenario in scenarios}
        findings.extend((report, by_id[report.scenario]) for report in found.reports)
    return _Gameability(findings, reports)


@contextlib.contextmanager
def _progress_bar(err: Console) -> Iterator[Progress | None]:
    """A progress bar on the terminal for content sets large enough to wait for."""
    if not err.is_terminal:
        yield None
        return
    from rich.progress import Progress as RichProgress

    with RichProgress(console=err, transient=True) as bar:
        task = bar.add_task("Checking content", total=None, visible=False)

        def advance(done: int, total: int) -> None:
            if total >= PROGRESS_MIN_STEPS:
                bar.update(task, completed=done, total=total, visible=True)

        yield advance


def _absolute(path: Path) -> str:
    return os.path.normpath(os.path.abspath(path))


def run_test(args: argparse.Namespace, out: Console, err: Console) -> int:
    if args.record is not None:
        return _record_test(args, out)
    from trainer.cli import records
    from trainer.cli.typed import EXAM_DETAILS_HIDDEN, run_typed_lines
    from trainer.engine.testing import run_test as run_conversation_test

    content = args_content(args)
    out.print(Text(visible(describe_content(args.content))))
    tests = [t for t in content.tests if args.scenario in (None, t.scenario)]
    if args.scenario is not None and (tests or _has_typed(content, args.scenario)):
        # The tests of the final exam walk its best path: a mentor's to read. Where none are
        # (an install ships none of the exam's), there is nothing to guard.
        records.guard_exam(content.scenario(args.scenario), args)
    hide_exam = args.scenario is None
    if args.matching:
        typed = run_typed_lines(content, args.scenario, out, report=True, hide_exam=hide_exam)
        if typed is None:
            out.print("No typed lines found (scenarios/tests/typed/*.yaml).")
            return EXIT_OK
        out.print(typed.summary())
        return EXIT_FAILED if typed.shortfalls else EXIT_OK
    judged = args.scenario is None  # one scenario's lines are too few to hold to the targets
    typed = run_typed_lines(
        content, args.scenario, out, report=False, hide_exam=hide_exam, judged=judged
    )
    typed_failed = typed is not None and typed.shortfalls > 0 and judged
    if not tests and not args.coverage:
        out.print("No conversation tests found (scenarios/tests/*.yaml).")
        if typed is not None:
            out.print(typed.summary(judged))
        _print_untested(content, tests, args, out)
        return EXIT_FAILED if typed_failed else EXIT_OK
    failed = 0
    results = []
    for test in tests:
        result = run_conversation_test(content, test)
        results.append(result)
        mark = Text("PASS", "green") if result.passed else Text("FAIL", "bold red")
        out.print(Text.assemble(mark, f"  {test.scenario}: {test.name}"))
        failures = result.failures
        if failures and hide_exam and content.scenario(test.scenario).exam:
            failures = (EXAM_DETAILS_HIDDEN.format(scenario=test.scenario),)
        for failure in failures:
            out.print(Text(f"      {test.location}: {failure}", "red"))
        failed += not result.passed
    summary = f"{len(tests) - failed} passed, {failed} failed"
    out.print(summary if typed is None else f"{summary}; {typed.summary(judged)}")
    _print_untested(content, tests, args, out)
    if args.coverage:
        _print_coverage(content, results, args.scenario, out)
    return EXIT_FAILED if failed or typed_failed else EXIT_OK


def _has_typed(content: ContentSet, scenario: str) -> bool:
    """Whether any typed-lines set is written for `scenario`."""
    from trainer.content.typed import load_typed

    return any(s.scenario == scenario for s in load_typed(content.root, content.scenarios)[0])


def _print_untested(
    content: ContentSet, tests: list[ConversationTest], args: argparse.Namespace, out: Console
) -> None:
    """Name the scenarios no conversation test plays, so a run never passes by omission; on
    an install's bundled content, say that the exam's tests stay in the source tree."""
    tested = {test.scenario for test in tests}
    untested = [
        scenario_id
        for scenario_id in content.summaries
        if scenario_id not in tested and args.scenario in (None, scenario_id)
    ]
    if not untested:
        return
    line = f"Not run: no conversation tests for {', '.join(untested)}"
    root = resolve_content_dir(args.content)
    if root.name == "_bundled" and root == bundled_content_dir():  # inside an installed wheel
        line += (
            " (the final exam's tests are not installed with the package, as its walkthrough; "
            "they run in the source tree)"
        )
    out.print(Text(visible(line), "yellow"))


def _print_coverage(
    content: ContentSet, results: list[TestResult], scenario: str | None, out: Console
) -> None:
    """What the tests exercise, per scenario, and each node and reply they never reach."""
    from trainer.engine.coverage import coverage

    out.print(Text("Coverage by the conversation tests:", "bold"))
    for found in coverage(content, results, scenario):
        out.print(Text(f"  {found.scenario.id}: {found.summary()}"))
        if found.scenario.exam and scenario is None:
            continue  # which replies are untested says which are not the key: a mentor's
        for node in found.missed_nodes:
            where = node.location or found.scenario.path
            out.print(Text(visible(f"      {where}: node '{node.id}' is never visited"), "yellow"))
        for reply in found.missed_replies:
            where = reply.location or found.scenario.path
            out.print(
                Text(
                    visible(
                        f"      {where}: reply {reply.number} '{reply.id}' of node "
                        f"'{reply.node}' is never taken"
                    ),
                    "yellow",
                )
            )


def _record_test(args: argparse.Namespace, out: Console) -> int:
    from trainer.cli import records
    from trainer.cli.database import database_path
    from trainer.engine.testing import recorded_test
    from trainer.engine.turns import Speaker
    from trainer.store import outputs
    from trainer.store.attempts import get_attempt, turns_for
    from trainer.store.database import open_store
    from trainer.store.models import AttemptKind

    db_path = database_path(args)
    if args.output is not None:
        outputs.check_target(Path(args.output), force=args.force, protect=[db_path])
    with open_store(db_path) as opened:
        records.sign_in(opened, args.mentor)  # a trainee's call is a mentor's to read
        attempt = get_attempt(opened, args.record)
        turns = turns_for(opened, attempt.id)
    if attempt.kind is not AttemptKind.CALL and attempt.kind is not AttemptKind.EXAM:
        raise TrainerError(f"attempt {attempt.id} is a {attempt.kind.value}, not a call")
    path: list[str] = []
    for turn in turns:
        if turn.speaker is Speaker.CLIENT and (not path or path[-1] != turn.node):
            path.append(turn.node)
    text = recorded_test(
        name=f"replays attempt {attempt.id} ({attempt.started_at:%Y-%m-%d})",
        scenario=attempt.content_id,
        persona=attempt.persona_id,
        seed=attempt.seed,
        trainee_turns=[(t.reply, t.typed) for t in turns if t.speaker is Speaker.TRAINEE],
        path=path,
        outcome=attempt.outcome,
        passed=attempt.passed,
        score=attempt.score,
    )
    if args.output is None:
        out.out(text, end="", highlight=False)
        return EXIT_OK
    outputs.write_text(args.output, text, force=args.force, protect=[db_path])
    tests_dir = resolve_content_dir(args.content) / "scenarios" / "tests"
    run = f"trainer test --scenario {attempt.content_id}"
    if Path(args.output).resolve().parent == tests_dir.resolve():
        out.print(Text(visible(f"wrote {args.output}; run it with: {run}")))
    else:  # only scenarios/tests/ is read: a test elsewhere would never run
        out.print(
            Text(visible(f"wrote {args.output}; move it into {tests_dir}, then run it with: {run}"))
        )
    return EXIT_OK


logging.getLogger("transitions").setLevel(logging.WARNING)
