"""Every command and option of `trainer`, declared without importing what runs them.

A command names its function as "module:function" in `trainer.cli`; `trainer.cli.main` imports
only that module, so `trainer --help` or the app does not load the validator, the store or
the engine it does not use. `trainer` alone, which starts the app, is parsed by
`trainer.cli.parser_top` without this module; any other command line gets this whole parser.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from trainer import __version__
from trainer.cli.parser_top import common_options


def _seconds(text: str) -> float:
    """A duration of 0 or more seconds, for argparse."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of seconds") from None
    if not value >= 0:  # also refuses nan
        raise argparse.ArgumentTypeError(f"give 0 or more seconds, not {text}")
    return value


def build() -> argparse.ArgumentParser:
    # Imported here: `trainer` alone, which starts the app, never builds the sub-commands.
    from trainer.cli.parser_authoring import authoring_commands
    from trainer.cli.worklog_args import declare_log

    common = common_options(suppress=True)
    parser = argparse.ArgumentParser(
        prog="trainer",
        description="Practise client calls against scripted personas, and check the content.",
        epilog="Run 'trainer COMMAND --help' for a command's options.",
        parents=[common_options(suppress=False)],
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
    listing.set_defaults(run="content:run_list")

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
    check.add_argument(
        "--gameability",
        choices=("warning", "note", "off"),
        default="warning",
        help="how a scenario that a mechanical rule (always the longest reply, ...) passes is "
        "reported: a warning (an error with --strict, the default), a note that does not "
        "change the exit status, or not checked",
    )
    check.add_argument(
        "--gameability-budget",
        type=_seconds,
        default=5.0,
        metavar="SECONDS",
        help="time for the mechanical-rule check of a content set (default 5; 0: no limit, "
        "every scenario on seeds 1-40)",
    )
    check.set_defaults(run="content:run_validate")

    play = commands.add_parser(
        "play",
        parents=[common],
        help="play a scenario in the terminal",
        description=(
            "Play a scenario here in the terminal: type a reply's number or your own words,\n"
            "'?' for a hint, 'q' to hang up. With --replies the call is played unattended.\n"
            "With --trainee the call is recorded for that trainee, as in the app.\n\n"
            "Example: trainer play cold_call_gatekeeper --trainee 'Ann Lee'"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    play.add_argument("scenario", help="scenario id (see 'trainer list')")
    play.add_argument("--persona", help="persona id (default: the scenario's first)")
    play.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    play.add_argument(
        "--mode",
        choices=("practice", "exam"),
        default=None,
        help="practice (notes and hints) or exam (default: exam for exam scenarios)",
    )
    play.add_argument("--replies", help="comma-separated reply numbers or ids to play unattended")
    play.add_argument(
        "--name",
        default="",
        help="your name, as the client hears it (default: your login name, unless that is "
        "root: then replies say '(your name)')",
    )
    play.add_argument(
        "--trainee",
        metavar="NAME",
        help="record the call for this trainee, as the app does (asks for their PIN if they "
        "have one; not for the final exam, which is taken in the app)",
    )
    play.add_argument(
        "--json", action="store_true", help="print only the transcript and score, as JSON"
    )
    play.add_argument("--mentor", metavar="NAME", help="for the final exam: the mentor signing in")
    play.set_defaults(run="play:run_play")

    test = commands.add_parser(
        "test",
        parents=[common],
        help="run the conversation tests of the content",
        description=(
            "Run the conversation tests in scenarios/tests/ and report each, and list the typed\n"
            "lines of scenarios/tests/typed/ that were not understood as expected. Exit status 1\n"
            "when a test fails; with --matching, when a kind of typed line is understood less\n"
            "often than its target.\n\n"
            "Example: trainer test --scenario cold_call_gatekeeper"
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
    test.add_argument(
        "--force", action="store_true", help="with --output: replace the file if it exists"
    )
    test.add_argument(
        "--mentor",
        metavar="NAME",
        help="with --record, or --scenario of the final exam: the mentor signing in",
    )
    test.add_argument(
        "--matching",
        action="store_true",
        help="only the typed lines: accuracy per kind against its target",
    )
    test.add_argument(
        "--coverage",
        action="store_true",
        help="then list the nodes and replies no conversation test reaches",
    )
    test.set_defaults(run="content:run_test")
    authoring_commands(commands, common)
    declare_log(commands, common)
    _records(commands, common)
    _serve(commands, common)
    return parser


def _records(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    from trainer.cli.verify_args import declare_verify

    signed = argparse.ArgumentParser(add_help=False)
    signed.add_argument(
        "--mentor",
        metavar="NAME",
        help="the mentor signing in (default: the only mentor); the passphrase is asked for, "
        "or read from standard input when it is not a terminal",
    )

    mentor = commands.add_parser(
        "mentor",
        parents=[common],
        help="open the mentor's review screens, or add, rename or remove a mentor",
        description=(
            "Without a subcommand, open the app on the mentor sign-in.\n\n"
            "'trainer mentor add NAME' adds a mentor and asks for their passphrase twice (at\n"
            "least 8 characters). The first mentor of a database is added freely; every later\n"
            "one, and every rename or removal, needs a mentor's passphrase first (--mentor NAME\n"
            "when there are several). In a script, pipe the passphrases in, one a line, in the\n"
            "order they are asked: the signing-in mentor's, then the new mentor's.\n\n"
            "Example: trainer mentor add 'Olga Sidorova'"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    mentor.set_defaults(run="app:run_mentor")
    actions = mentor.add_subparsers(title="actions", metavar="ACTION")
    signer = argparse.ArgumentParser(add_help=False)
    signer.add_argument(
        "--mentor",
        metavar="NAME",
        help="the mentor signing in to approve (default: the only mentor)",
    )
    add = actions.add_parser("add", parents=[common, signer], help="add a mentor")
    add.add_argument("name", help="the mentor's name, as notes and grants will be signed")
    add.set_defaults(run="records:run_mentor_add")
    rename = actions.add_parser(
        "rename", parents=[common, signer], help="rename a mentor (a mentor's passphrase first)"
    )
    rename.add_argument("name", help="the mentor's name now")
    rename.add_argument("new_name", metavar="NEW_NAME", help="the name to sign with from now on")
    rename.set_defaults(run="records:run_mentor_rename")
    remove = actions.add_parser(
        "remove", parents=[common, signer], help="remove a mentor (a mentor's passphrase first)"
    )
    remove.add_argument("name", help="the mentor to remove; what they signed keeps their name")
    remove.set_defaults(run="records:run_mentor_remove")
    cohort = actions.add_parser(
        "cohort",
        parents=[common, signer],
        help="put a trainee in a cohort (a group read together in analytics), or --clear",
    )
    cohort.add_argument("name", help="the trainee's name")
    cohort.add_argument("cohort", nargs="?", help="the cohort, e.g. 'Spring 2026'")
    cohort.add_argument("--clear", action="store_true", help="take the trainee out of their cohort")
    cohort.set_defaults(run="analytics:run_mentor_cohort")
    pin = actions.add_parser(
        "pin",
        parents=[common, signer],
        help="set a trainee's PIN (a mentor's passphrase first)",
        description=(
            "Set a new PIN for a trainee who forgot theirs, or who signed up without one and\n"
            "now signs in through 'trainer serve', which asks every trainee for a PIN. Asks for\n"
            "a mentor's passphrase, then the new PIN (one line each from a pipe).\n\n"
            "Example: trainer mentor pin 'Anna Berg'"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    pin.add_argument("name", help="the trainee's name")
    pin.set_defaults(run="records:run_mentor_pin")
    _exam_rules(actions, common, signed)
    declare_verify(actions, common, signed)

    export = commands.add_parser(
        "export",
        parents=[common, signed],
        help="export trainees' records (mentors only)",
        description=(
            "Write every attempt of one trainee (or of everyone) with its turns, scores and\n"
            "mentor notes as CSV, JSON, Markdown or a self-contained HTML report; or as xAPI\n"
            "statements for a learning record store, one JSON statement a line (docs/lms.md).\n\n"
            "Example: trainer export --trainee 'Anna Berg' --format html --output anna.html"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    export.add_argument("--trainee", metavar="NAME", help="only this trainee (default: everyone)")
    export.add_argument("--format", choices=("csv", "json", "md", "html", "xapi"), default="html")
    export.add_argument("--output", metavar="FILE", help="file to write (default: standard output)")
    export.add_argument(
        "--force", action="store_true", help="replace the --output file if it exists"
    )
    export.add_argument(
        "--verify",
        action="store_true",
        help="check every record against its transcript and say so in each (slower: every call "
        "is played again; not for xapi)",
    )
    export.set_defaults(run="records:run_export")

    _analytics(commands, common, signed)
    snapshot = commands.add_parser(
        "snapshot",
        parents=[common, signed],
        help="copy the records for SQLite tools and Datasette, without secrets (mentors only)",
        description=(
            "Write a copy of the whole database to a new file, for sqlite3, sqlite-utils or\n"
            "Datasette: every record, but no mentor's passphrase hash nor trainee's PIN hash\n"
            "(they read 'withheld'). The copy is a plain file at one moment, which trainer never\n"
            "writes again: open it with 'datasette --immutable'.\n\n"
            "Example: trainer snapshot records.db && datasette --immutable records.db"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    snapshot.add_argument("output", metavar="FILE", help="the copy to write (a new file)")
    snapshot.set_defaults(run="records:run_snapshot")

    _lrs(commands, common, signed)

    replay = commands.add_parser(
        "replay",
        parents=[common, signed],
        help="re-play a stored call on today's content",
        description=(
            "Play a stored call again, with its seed and replies, on the content in use now, and\n"
            "report whether the transcript and the score still match. Exit status 1 when not.\n\n"
            "Example: trainer replay 3f2c9a1e7b6d4c2a9e8f7a6b5c4d3e2f"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    replay.add_argument("attempt", help="the attempt's id (shown in the mentor's screens)")
    replay.set_defaults(run="records:run_replay")


def _lrs(
    commands: argparse._SubParsersAction,  # type: ignore[type-arg]
    common: argparse.ArgumentParser,
    signed: argparse.ArgumentParser,
) -> None:
    lrs = commands.add_parser(
        "lrs",
        parents=[common],
        help="send the records to a learning record store as xAPI (mentors only)",
        description=(
            "Send the records to a learning record store (LRS) as xAPI statements. Without an\n"
            "action, show how many statements each LRS has acknowledged so far.\n\n"
            "Example: trainer lrs"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    lrs.set_defaults(run="lrs:run_status")
    actions = lrs.add_subparsers(title="actions", metavar="ACTION")
    push = actions.add_parser(
        "push",
        parents=[common, signed],
        help="send the statements the LRS does not have yet",
        description=(
            "Send every attempt, reply, quiz answer, exam result and mentor override the LRS\n"
            "has not acknowledged yet, in batches, with HTTP basic auth. The credentials come\n"
            "from $TRAINER_LRS_USERNAME and $TRAINER_LRS_PASSWORD or the config file, never\n"
            "from the command line; the trainees' account home page from\n"
            "$TRAINER_XAPI_HOMEPAGE or the config file. Run it again at any time: it sends\n"
            "only what is new, and after a failure it resumes where it stopped (docs/lms.md).\n\n"
            "Example: trainer lrs push --endpoint https://lrs.example.com/xAPI"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    push.add_argument(
        "--endpoint",
        metavar="URL",
        help="the LRS's xAPI base URL (or $TRAINER_LRS_ENDPOINT, or endpoint in the config file)",
    )
    push.add_argument(
        "--config",
        metavar="FILE",
        type=Path,
        help="the LRS config file (or $TRAINER_LRS_CONFIG; default: lrs.toml in your config "
        "folder, ~/.config/trainer on Linux)",
    )
    push.set_defaults(run="lrs:run_push")


def _serve(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    serve = commands.add_parser(
        "serve",
        parents=[common],
        help="serve the app to browsers on this network",
        description=(
            "Serve the trainee app over HTTP: every browser that opens the page gets its own\n"
            "session of the app, all recording into the same database. Listens on this machine\n"
            "only unless --host says otherwise (0.0.0.0: every network interface). The page\n"
            "lists nobody: trainees sign in by typing their name and PIN (a mentor gives one to\n"
            "a trainee who has none: trainer mentor pin NAME).\n\n"
            "Example: trainer serve --host 0.0.0.0 --port 8000"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    serve.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)"
    )
    serve.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    serve.set_defaults(run="serve:run_serve")


def _exam_rules(
    actions: argparse._SubParsersAction,  # type: ignore[type-arg]
    common: argparse.ArgumentParser,
    signed: argparse.ArgumentParser,
) -> None:
    exam = actions.add_parser(
        "exam",
        parents=[common, signed],
        help="show or change the final exam's rules in the records (mentors only)",
        description=(
            "The exam's attempt limit and its pool (each variant with the content a mentor\n"
            "accepted) are fixed in the records at the programme's first use; the content in use\n"
            "cannot change them. Every change needs a mentor's passphrase and a reason, and is\n"
            "kept as an audit line.\n\n"
            "Examples:\n"
            "  trainer mentor exam show\n"
            "  trainer mentor exam attempts 3 --reason 'Programme board decision, May'\n"
            "  trainer mentor exam accept final_exam_clinic_group --reason 'Checked the prices'"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    exam.set_defaults(run="exam_rules:run_exam_show")
    what = exam.add_subparsers(title="actions", metavar="ACTION")
    show = what.add_parser("show", parents=[common, signed], help="the rules and every change")
    show.set_defaults(run="exam_rules:run_exam_show")
    attempts = what.add_parser(
        "attempts", parents=[common, signed], help="set the attempts before a retake is needed"
    )
    attempts.add_argument("attempts", type=int, help="at least 1")
    attempts.add_argument("--reason", required=True, help="why, for the audit line")
    attempts.set_defaults(run="exam_rules:run_exam_attempts")
    accept = what.add_parser(
        "accept",
        parents=[common, signed],
        help="accept an exam scenario as it is now: it joins the pool, or counts again",
    )
    accept.add_argument("scenario", help="the exam scenario's id")
    accept.add_argument("--reason", required=True, help="why, for the audit line")
    accept.set_defaults(run="exam_rules:run_exam_accept")
    withdraw = what.add_parser(
        "withdraw", parents=[common, signed], help="take a variant out of the exam pool"
    )
    withdraw.add_argument("scenario", help="the exam scenario's id")
    withdraw.add_argument("--reason", required=True, help="why, for the audit line")
    withdraw.set_defaults(run="exam_rules:run_exam_withdraw")


def _analytics(
    commands: argparse._SubParsersAction,  # type: ignore[type-arg]
    common: argparse.ArgumentParser,
    signed: argparse.ArgumentParser,
) -> None:
    analytics = commands.add_parser(
        "analytics",
        parents=[common, signed],
        help="the team's analytics as JSON or CSV (mentors only)",
        description=(
            "Write the figures of the mentor's analytics screen for other tools: the funnel,\n"
            "each scenario's results and where calls stall (with the client's line there), each\n"
            "quiz item's difficulty and discrimination with the answers given. One record a row,\n"
            "its kind in the 'record' field: funnel, scenario, drop_off, quiz_item or\n"
            "quiz_answer.\n\n"
            "Example: trainer analytics --cohort 'Spring 2026' --since 2026-11-01 --format csv"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    analytics.add_argument("--since", metavar="YYYY-MM-DD", help="attempts started on or after")
    analytics.add_argument("--until", metavar="YYYY-MM-DD", help="attempts started on or before")
    analytics.add_argument("--cohort", metavar="NAME", help="only trainees of this cohort")
    analytics.add_argument("--format", choices=("json", "csv"), default="json")
    analytics.add_argument(
        "--output", metavar="FILE", help="file to write (default: standard output)"
    )
    analytics.add_argument(
        "--force", action="store_true", help="replace the --output file if it exists"
    )
    analytics.set_defaults(run="analytics:run_analytics")
