"""`trainer lrs push`: the records to a learning record store, with a progress bar; and
`trainer lrs`: what each store has acknowledged so far."""

from __future__ import annotations

import argparse

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.text import Text

from trainer.cli.database import database_path, open_database
from trainer.cli.records import EXIT_OK, sign_in
from trainer.errors import TrainerError
from trainer.services.lrs import PushProgress, load_settings, push
from trainer.store.database import open_store
from trainer.store.lrs import endpoints_pushed


def run_push(args: argparse.Namespace, out: Console, err: Console) -> int:
    # Settings first: a missing password or a bad address costs no sign-in.
    settings = load_settings(args.endpoint, args.config)
    with open_database(args) as records:
        sign_in(records, args.mentor, purpose="send trainees' records to an LRS")
        columns = (
            TextColumn("Pushing to the LRS"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("attempts · {task.fields[sent]} statements sent"),
            TimeElapsedColumn(),
        )
        # On standard error and gone when done, so the summary line is all that stays.
        with Progress(*columns, console=err, transient=True) as bar:
            task = bar.add_task("push", total=None, sent=0)

            def show(step: PushProgress) -> None:
                bar.update(
                    task, completed=step.attempts_done, total=step.attempts_total, sent=step.sent
                )

            report = push(records, settings, progress=show)
    if report.sent:
        line = f"Sent {report.sent} new statements to {report.endpoint}"
    else:
        line = f"Nothing new to send to {report.endpoint}"
    out.print(Text(f"{line}; it has {report.acknowledged} statements from this database."))
    return EXIT_OK


def run_status(args: argparse.Namespace, out: Console, err: Console) -> int:
    """Counts and times only, no trainee's record: no passphrase is needed."""
    path = database_path(args)
    if not path.exists():
        raise TrainerError(f"there is no database at {path}; give the team's with --db")
    with open_store(path) as records:
        pushed = endpoints_pushed(records)
    if not pushed:
        out.print(Text("Nothing was sent to an LRS yet: trainer lrs push --endpoint URL sends it"))
    for endpoint in pushed:
        when = endpoint.last_pushed_at.strftime("%Y-%m-%d %H:%M UTC")
        out.print(
            Text(
                f"{endpoint.url}: {endpoint.statements} statements, the latest sent {when} "
                f"(trainees' home page {endpoint.homepage})"
            )
        )
    return EXIT_OK
