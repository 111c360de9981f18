"""The options of `trainer log`, declared as `parser` declares every command: without importing
what runs it."""

from __future__ import annotations

import argparse
from datetime import date


def _day(text: str) -> str:
    """A date as YYYY-MM-DD, for argparse (checked again where it is used)."""
    try:
        date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date like 2026-11-29") from None
    return text


def _count(text: str) -> int:
    """A whole number of 0 or more, for argparse."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"give 0 or more, not {text}")
    return value


# the kinds of work a trainee logs, as options: (option, what it counts)
WORK_OPTIONS = (
    ("calls", "calls made"),
    ("meetings", "meetings held"),
    ("applications", "applications received"),
    ("proposals", "commercial proposals sent"),
    ("events", "exhibitions, conferences and events attended"),
    ("referrals", "times you asked a client for referrals"),
    ("deals", "deals closed"),
    ("orders-on-time", "orders placed on time"),
    ("orders-delayed", "orders placed late"),
)


def declare_log(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    log = commands.add_parser(
        "log",
        parents=[common],
        help="log a day of real work under guidance, or list the log",
        description=(
            "Work under guidance: log what you did on a working day (several entries of a day\n"
            "add up; a correction is another entry). The date defaults to today. A day that could\n"
            "not have been worked (50 applications from 0 calls, 150 calls and 12 meetings, the\n"
            "same entry twice) is refused with what to fix. A trainee with a PIN is asked for it\n"
            "(or it is read from standard input in scripts).\n\n"
            "Examples:\n"
            "  trainer log --trainee 'Anna Berg' --date 2026-11-29 --calls 12 --meetings 2\n"
            "  trainer log --trainee 'Anna Berg' --list"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    log.add_argument("--trainee", metavar="NAME", required=True, help="whose work it is")
    log.add_argument("--date", metavar="YYYY-MM-DD", type=_day, help="the day (default: today)")
    for option, counts in WORK_OPTIONS:
        log.add_argument(f"--{option}", type=_count, default=0, metavar="N", help=counts)
    log.add_argument("--note", default="", help="a line on the day: who, what went well or not")
    log.add_argument(
        "--list", action="store_true", help="list the log and its totals instead of adding to it"
    )
    log.add_argument(
        "--since", metavar="YYYY-MM-DD", type=_day, help="with --list: from this day on"
    )
    log.set_defaults(run="worklog:run_log")
