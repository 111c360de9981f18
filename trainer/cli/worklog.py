"""`trainer log`: a trainee logs a day of real work under guidance, or lists the log."""

from __future__ import annotations

import argparse
from datetime import date

from rich.console import Console
from rich.table import Table
from rich.text import Text

from trainer.cli.database import open_database
from trainer.cli.records import EXIT_OK, read_secret
from trainer.content.loader import load_content
from trainer.content.paths import resolve_content_dir
from trainer.engine.criteria import work_words
from trainer.errors import TrainerError
from trainer.services import accounts, worklog
from trainer.text import visible


def run_log(args: argparse.Namespace, out: Console, err: Console) -> int:
    today = date.today()
    with open_database(args) as records:
        trainee = _signed_in(records, args.trainee)
        if args.list:
            since = date.fromisoformat(args.since) if args.since else None
            entries = worklog.work_entries(records, trainee.id, since=since)
            out.print(_listing(trainee.name, entries))
            return EXIT_OK
        if args.since:
            raise TrainerError("--since goes with --list")
        locked = worklog.why_locked(
            records, trainee.id, load_content(resolve_content_dir(args.content))
        )
        if locked is not None:
            raise TrainerError(locked)
        day = date.fromisoformat(args.date) if args.date else today
        counts = {kind: getattr(args, kind) for kind in worklog.WORK_KINDS}
        entry = worklog.log_work(records, trainee.id, day, counts, args.note, today=today)
    what = work_words(entry.counts) or "a note"
    out.print(Text(f"Logged for {visible(trainee.name)} on {entry.day.isoformat()}: {what}."))
    return EXIT_OK


def _signed_in(records: accounts.Store, name: str) -> accounts.TraineeCard:
    """The trainee named, once their PIN (when they have one) is given."""
    wanted = name.casefold()
    trainee = next((t for t in accounts.trainees(records) if t.name.casefold() == wanted), None)
    if trainee is None:
        raise TrainerError(f"there is no trainee named '{visible(name)}'; sign up in the app first")
    if trainee.has_pin and not accounts.pin_matches(
        records, trainee.id, read_secret(f"PIN for {trainee.name}: ")
    ):
        raise TrainerError(f"wrong PIN for {trainee.name}")
    return trainee


def _listing(name: str, entries: list[worklog.WorkEntry]) -> Table | Text:
    if not entries:
        return Text(f"{visible(name)} has logged no work yet.")
    table = Table(title=f"Work log of {visible(name)}", title_justify="left")
    table.add_column("Day", no_wrap=True)
    shown = [kind for kind in worklog.WORK_KINDS if any(getattr(e.counts, kind) for e in entries)]
    for kind in shown:
        table.add_column(worklog.WORK_LABELS[kind], justify="right")
    table.add_column("Note")
    for entry in entries:
        table.add_row(
            entry.day.isoformat(),
            *(str(getattr(entry.counts, kind)) for kind in shown),
            Text(visible(entry.note)),
        )
    total = worklog.totals(entries)
    table.add_row(
        Text("Total", style="bold"),
        *(Text(str(getattr(total, kind)), style="bold") for kind in shown),
        "",
    )
    return table
