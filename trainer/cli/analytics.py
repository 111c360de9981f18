"""Mentors' commands over the team's figures: `trainer analytics` and `trainer mentor cohort`."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from rich.console import Console
from rich.text import Text

from trainer.cli.database import database_path, open_database
from trainer.cli.records import EXIT_OK, sign_in, trainee_id_named
from trainer.content.loader import load_content
from trainer.content.paths import resolve_content_dir
from trainer.errors import TrainerError
from trainer.services import analytics
from trainer.store import outputs
from trainer.store.cohorts import cohort_names, cohort_of, set_cohort
from trainer.store.database import open_store_to_read
from trainer.store.trainees import get_trainee

CSV_COLUMNS = (
    "record",
    "scope",
    "scenario",
    "title",
    "exam",
    "quiz",
    "item",
    "question",
    "node",
    "client_line",
    "answer",
    "attempts",
    "completed",
    "abandoned",
    "passed",
    "pass_rate",
    "answers",
    "right",
    "difficulty",
    "discrimination",
    "few_answers",
    "flags",
    "count",
    "calls",
    "meetings",
    "applications",
    "deals",
    "hang_ups",
)


def run_analytics(args: argparse.Namespace, out: Console, err: Console) -> int:
    db_path = database_path(args)
    if args.output is not None:
        outputs.check_target(Path(args.output), force=args.force, protect=[db_path])
    content = load_content(resolve_content_dir(args.content))
    with open_store_to_read(db_path) as records:
        sign_in(records, args.mentor, purpose="read the team's analytics")
        scope = analytics.scope_from(
            args.since, args.until, args.cohort, known_cohorts=tuple(cohort_names(records))
        )
        team = analytics.team_analytics(records, content, scope)
    rows = list(analytics.analytics_records(team))

    def write(stream: TextIO) -> None:
        if args.format == "json":
            json.dump(rows, stream, ensure_ascii=False, indent=2)
            stream.write("\n")
        else:
            write_csv(rows, stream)

    if args.output is None:
        write(sys.stdout)
        return EXIT_OK
    with outputs.safe_output(args.output, force=args.force, protect=[db_path]) as stream:
        write(stream)
    err.print(Text(f"wrote {len(rows)} records ({analytics.scope_words(scope)}) to {args.output}"))
    return EXIT_OK


def write_csv(rows: Iterable[dict[str, object]], stream: TextIO) -> None:
    """One wide table: a `record` column says what each row is, the rest left empty as fits."""
    writer = csv.DictWriter(stream, CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({key: "" if value is None else value for key, value in row.items()})


def run_mentor_cohort(args: argparse.Namespace, out: Console, err: Console) -> int:
    """Put a trainee in a cohort, or take them out of theirs (--clear); a mentor's passphrase."""
    if (args.cohort is None) == (not args.clear):
        raise TrainerError(
            "give a cohort to put the trainee in, or --clear to take them out of theirs"
        )
    with open_database(args) as records:
        trainee_id = trainee_id_named(records, args.name)
        mentor = sign_in(records, args.mentor, purpose=f"set {args.name}'s cohort")
        set_cohort(records, trainee_id, None if args.clear else args.cohort, mentor=mentor.name)
        name = get_trainee(records, trainee_id).name
        chosen = cohort_of(records, trainee_id)
    if chosen is None:
        out.print(Text(f"{name} is in no cohort now."))
    else:
        out.print(Text(f"{name} is in the cohort '{chosen}'."))
    return EXIT_OK
