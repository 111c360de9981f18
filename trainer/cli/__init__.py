"""The `trainer` command line: the app by default, and tools to list, validate, play and test."""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import tempfile
import traceback
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from rich.console import Console
from rich.progress import Progress as RichProgress
from rich.text import Text

from trainer import __version__
from trainer.cli import authoring, records, render, serve
from trainer.content.loader import (
    Progress,
    load_content,
    lookup_file_root,
    resolve_content_dir,
    validate,
)
from trainer.content.models import ContentSet
from trainer.content.yamlsource import Problem, Severity
from trainer.engine.session import Mode, Session
from trainer.engine.testing import recorded_test, run_test
from trainer.errors import DialogueError, TrainerError
from trainer.store.attempts import (
    get_attempt,
    turns_for,
)
from trainer.store.database import (
    open_store,
)
from trainer.store.models import (
    AttemptKind,
)
from trainer.store.paths import (
    resolve_db_path,
)

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
PROGRESS_MIN_STEPS = 200  # files + scenarios; below this, checking is over before a bar helps
LOG_PATH = Path(tempfile.gettempdir()) / "trainer-error.log"

Command = Callable[[argparse.Namespace, Console, Console], int]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    out = Console(highlight=False, soft_wrap=True)
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    command: Command = getattr(args, "run", None) or _run_app
    try:
        return command(args, out, err)
    except TrainerError as error:
        err.print(Text(f"trainer: {error}"))
        return EXIT_FAILED
    except KeyboardInterrupt:
        err.print(Text("trainer: interrupted"))
        return 130
    except Exception as error:  # the edge: one line for the user, the traceback in the log
        if args.debug:
            raise
        LOG_PATH.write_text(traceback.format_exc(), encoding="utf-8")
        err.print(
            Text(
                f"trainer: unexpected error: {type(error).__name__}: {error} "
                f"(details in {LOG_PATH}; run with --debug to see them here)"
            )
        )
        return EXIT_FAILED


def _common_options(suppress: bool) -> argparse.ArgumentParser:
    """The options every command takes, before or after the command's name.

    On the commands themselves the defaults are suppressed, so an option given before the
    command (`trainer --content X validate`) is not reset by the command's own default.
    """
    common = argparse.ArgumentParser(add_help=False)
    default: dict[str, object] = {"default": argparse.SUPPRESS} if suppress else {}
    common.add_argument(
        "--content",
        metavar="DIR",
        **default,  # type: ignore[arg-type]
        help="content folder to use instead of the bundled one (or set TRAINER_CONTENT)",
    )
    common.add_argument(
        "--db",
        metavar="FILE",
        **default,  # type: ignore[arg-type]
        help="database of trainees and attempts (or set TRAINER_DB; default: your data folder)",
    )
    common.add_argument(
        "--debug",
        action="store_true",
        help="show tracebacks of unexpected errors",
        **default,  # type: ignore[arg-type]
    )
    return common


def _parser() -> argparse.ArgumentParser:
    common = _common_options(suppress=True)
    parser = argparse.ArgumentParser(
        prog="trainer",
        description="Practise client calls against scripted personas, and check the content.",
        epilog="Run 'trainer COMMAND --help' for a command's options.",
        parents=[_common_options(suppress=False)],
    )
    parser.add_argument("--version", action="version", version=f"trainer {__version__}")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    listing = commands.add_parser(
        "list",
        parents=[common],
        help="list scenarios and personas",
        description="List the scenarios and personas of the content set.\n\nExample: trainer list",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    listing.set_defaults(run=_run_list)

    check = commands.add_parser(
        "validate",
        parents=[common],
        help="check content files and report every problem",
        description=(
            "Check a content set (or single files against it) and print every problem as\n"
            "path:line:col: message. Exit status: 0 no errors, 1 errors (or warnings with\n"
            "--strict), 2 bad usage.\n\nExample: trainer validate scenarios/cold_call.yaml"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    check.add_argument("paths", nargs="*", metavar="PATH", help="content folders or files")
    check.add_argument("--strict", action="store_true", help="fail on warnings too")
    check.add_argument("--format", choices=("text", "json"), default="text")
    check.set_defaults(run=_run_validate)

    play = commands.add_parser(
        "play",
        parents=[common],
        help="play a scenario in the terminal",
        description=(
            "Play a scenario here in the terminal: type a reply's number or your own words,\n"
            "'?' for a hint, 'q' to hang up. With --replies the call is played unattended.\n\n"
            "Example: trainer play final_exam_close_deal --mode exam --replies 1,2,1,3"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    play.add_argument("scenario", help="scenario id (see 'trainer list')")
    play.add_argument("--persona", help="persona id (default: the scenario's first)")
    play.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    play.add_argument(
        "--mode",
        choices=[mode.value for mode in Mode],
        default=None,
        help="practice (notes and hints) or exam (default: exam for exam scenarios)",
    )
    play.add_argument("--replies", help="comma-separated reply numbers or ids to play unattended")
    play.add_argument("--name", default="", help="your name, as the client hears it")
    play.add_argument("--json", action="store_true", help="print the transcript and score as JSON")
    play.add_argument("--mentor", metavar="NAME", help="for the final exam: the mentor signing in")
    play.set_defaults(run=_run_play)

    test = commands.add_parser(
        "test",
        parents=[common],
        help="run the conversation tests of the content",
        description=(
            "Run the conversation tests in scenarios/tests/ and report each. Exit status 1 when\n"
            "one fails.\n\nExample: trainer test --scenario cold_call_gatekeeper"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    test.add_argument("--scenario", help="only the tests of this scenario")
    test.add_argument(
        "--record",
        metavar="ATTEMPT",
        help="instead of running tests, write a test that replays this stored attempt",
    )
    test.add_argument("--output", metavar="FILE", help="with --record: write here, not to stdout")
    test.add_argument("--mentor", metavar="NAME", help="with --record: the mentor signing in")
    test.set_defaults(run=_run_test)
    authoring.register(commands, common)
    records.register(commands, common)
    serve.register(commands, common)
    return parser


def _content(args: argparse.Namespace) -> ContentSet:
    return load_content(resolve_content_dir(args.content))


# ---------------------------------------------------------------------------------------------


def _run_app(args: argparse.Namespace, out: Console, err: Console) -> int:
    from trainer.ui.app import run_app  # Textual loads only when the app is wanted

    return run_app(resolve_content_dir(args.content), args.db)


def _run_list(args: argparse.Namespace, out: Console, err: Console) -> int:
    content = _content(args)
    for table in render.content_tables(content):
        out.print(table)
    return EXIT_OK


def _run_validate(args: argparse.Namespace, out: Console, err: Console) -> int:
    paths = [Path(p) for p in args.paths]
    for missing in (path for path in paths if not path.exists()):
        raise TrainerError(f"'{missing}' does not exist")
    folders = [path for path in paths if path.is_dir()] if paths else [args.content]
    problems: list[Problem] = []
    for folder in folders:
        with _progress_bar(err) as progress:
            problems.extend(validate(resolve_content_dir(folder), progress=progress).problems)
    # A file is checked within the content set it belongs to, or else on top of the set in use;
    # only its own problems are shown, plus errors elsewhere that may hide some of them.
    groups: dict[Path, list[Path]] = {}
    for file in (path for path in paths if not path.is_dir()):
        groups.setdefault(lookup_file_root(file) or resolve_content_dir(args.content), []).append(
            file
        )
    for root, files in groups.items():
        result = validate(root, extra_files=[f for f in files if lookup_file_root(f) is None])
        wanted = {_absolute(file) for file in files}
        problems.extend(
            p
            for p in result.problems
            if _absolute(p.location.path) in wanted or p.severity is Severity.ERROR
        )
    problems = list(dict.fromkeys(problems))
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
                            "severity": p.severity.value,
                            "message": p.message,
                        }
                        for p in problems
                    ],
                }
            )
        )
    else:
        for problem in problems:
            out.print(Text(str(problem)))
        summary = f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"
        (err if problems else out).print(Text(f"{summary}" if problems else "No problems found."))
    failed = errors > 0 or (args.strict and warnings > 0)
    return EXIT_FAILED if failed else EXIT_OK


@contextlib.contextmanager
def _progress_bar(err: Console) -> Iterator[Progress | None]:
    """A progress bar on the terminal for content sets large enough to wait for."""
    if not err.is_terminal:
        yield None
        return
    with RichProgress(console=err, transient=True) as bar:
        task = bar.add_task("Checking content", total=None, visible=False)

        def advance(done: int, total: int) -> None:
            if total >= PROGRESS_MIN_STEPS:
                bar.update(task, completed=done, total=total, visible=True)

        yield advance


def _absolute(path: Path) -> str:
    return os.path.normpath(os.path.abspath(path))


def _run_play(args: argparse.Namespace, out: Console, err: Console) -> int:
    content = _content(args)
    scenario = content.scenario(args.scenario)
    records.guard_exam(scenario, args.db, args.mentor)
    persona = content.persona(args.persona) if args.persona else None
    mode = Mode(args.mode) if args.mode else (Mode.EXAM if scenario.exam else Mode.PRACTICE)
    session = Session(content, scenario, persona, mode=mode, seed=args.seed, trainee=args.name)
    shown = Console(file=open(os.devnull, "w")) if args.json else out  # noqa: SIM115
    shown.print(Text(f"{scenario.title}", "bold"))
    shown.print(Text(f"Goal: {scenario.goal}", "italic"))
    render.show_turns(shown, session, session.turns)
    if args.replies is not None:
        _play_scripted(session, args.replies, shown)
    else:
        _play_interactive(session, shown, err)
    score = session.score()
    session.close()
    if args.json:
        out.print_json(json.dumps(render.session_json(session, score)))
    else:
        render.show_scorecard(out, session, score)
    return EXIT_OK


def _play_scripted(session: Session, replies: str, out: Console) -> None:
    choices = [item.strip() for item in replies.split(",") if item.strip()]
    for step, choice in enumerate(choices, start=1):
        if session.ended:
            raise TrainerError(
                f"the call ended after reply {step - 1}; "
                f"{len(choices) - step + 1} replies were left over"
            )
        try:
            turns = session.choose(int(choice) if choice.isdigit() else choice)
        except DialogueError as error:
            raise TrainerError(f"reply {step} ('{choice}'): {error}") from error
        render.show_turns(out, session, turns)
    if not session.ended:
        out.print(Text("The replies ran out before the call ended; it counts as lost.", "yellow"))
        session.hang_up()


def _play_interactive(session: Session, out: Console, err: Console) -> None:
    while not session.ended:
        options = session.options()
        render.show_options(out, options)
        try:
            line = input("> ").strip()
        except EOFError:
            line = "q"
        try:
            if line in ("q", "quit"):
                turns = session.hang_up()
            elif line in ("?", "h", "hint"):
                out.print(Text(f"Hint: {session.hint()}", "magenta"))
                continue
            elif line.isdigit():
                turns = session.choose(int(line))
            else:
                turns = session.say(line)
        except DialogueError as error:
            err.print(Text(str(error), "red"))
            continue
        render.show_turns(out, session, turns)


def _run_test(args: argparse.Namespace, out: Console, err: Console) -> int:
    if args.record is not None:
        return _record_test(args, out)
    content = _content(args)
    tests = [t for t in content.tests if args.scenario in (None, t.scenario)]
    if args.scenario is not None:
        content.scenario(args.scenario)
    if not tests:
        out.print("No conversation tests found (scenarios/tests/*.yaml).")
        return EXIT_OK
    failed = 0
    for test in tests:
        result = run_test(content, test)
        mark = Text("PASS", "green") if result.passed else Text("FAIL", "bold red")
        out.print(Text.assemble(mark, f"  {test.scenario}: {test.name}"))
        for failure in result.failures:
            out.print(Text(f"      {test.location}: {failure}", "red"))
        failed += not result.passed
    out.print(f"{len(tests) - failed} passed, {failed} failed")
    return EXIT_FAILED if failed else EXIT_OK


def _record_test(args: argparse.Namespace, out: Console) -> int:

    with open_store(resolve_db_path(args.db)) as opened:
        records.sign_in(opened, args.mentor)  # a trainee's call is a mentor's to read
        attempt = get_attempt(opened, args.record)
        turns = turns_for(opened, attempt.id)
    if attempt.kind is not AttemptKind.CALL and attempt.kind is not AttemptKind.EXAM:
        raise TrainerError(f"attempt {attempt.id} is a {attempt.kind.value}, not a call")
    path: list[str] = []
    for turn in turns:
        if turn.speaker == "client" and (not path or path[-1] != turn.node):
            path.append(turn.node)
    text = recorded_test(
        name=f"replays attempt {attempt.id} ({attempt.started_at:%Y-%m-%d})",
        scenario=attempt.content_id,
        persona=attempt.persona_id,
        seed=attempt.seed,
        trainee_turns=[(t.reply, t.typed) for t in turns if t.speaker == "trainee"],
        path=path,
        outcome=attempt.outcome,
        passed=attempt.passed,
        score=attempt.score,
    )
    if args.output is None:
        out.out(text, end="", highlight=False)
        return EXIT_OK
    try:
        Path(args.output).write_text(text, encoding="utf-8")
    except OSError as error:
        raise TrainerError(f"cannot write '{args.output}': {error.strerror}") from error
    out.print(Text(f"wrote {args.output}; run it with: trainer test"))
    return EXIT_OK


logging.getLogger("transitions").setLevel(logging.WARNING)
