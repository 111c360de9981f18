"""`trainer mentor verify` and `verify-certificate`: the integrity check of records, for mentors."""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.console import Console
from rich.text import Text

from trainer.cli.database import open_database
from trainer.cli.records import (
    EXIT_FAILED,
    EXIT_OK,
    readable_content,
    sign_in,
    trainee_id_named,
)
from trainer.errors import TrainerError
from trainer.services.certificate_check import check_certificate
from trainer.services.integrity import check_records
from trainer.text import visible


def run_verify(args: argparse.Namespace, out: Console, err: Console) -> int:
    """Every attempt (or one trainee's) checked; the flagged ones listed, exit 1 if any."""
    if args.certificate is not None:
        args.file = args.certificate
        return run_verify_certificate(args, out, err)
    with open_database(args) as records:
        sign_in(records, args.mentor)
        trainee_id = trainee_id_named(records, args.trainee) if args.trainee else None
        content = readable_content(args, err)
        findings = check_records(records, content, trainee_id=trainee_id)
    flagged = [finding for finding in findings if finding.flagged]
    unchecked = [f for f in findings if not f.flagged and f.unchecked is not None]
    for finding in flagged:
        when = finding.started_at.astimezone().strftime("%Y-%m-%d %H:%M")
        who = finding.trainee or "(no trainee)"
        out.print(
            Text(
                visible(
                    f"FLAGGED {finding.attempt_id}  {who}, {finding.kind.value} "
                    f"'{finding.content_id}', {when}: {finding.message}"
                ),
                "red",
            )
        )
    checked = len(findings) - len(unchecked)
    summary = (
        f"{len(findings)} attempts: {checked - len(flagged)} match their transcripts, "
        f"{len(flagged)} flagged"
    )
    if unchecked:
        summary += f", {len(unchecked)} on content that has changed since (not played again)"
    out.print(Text(summary, "bold red" if flagged else "green"))
    return EXIT_FAILED if flagged else EXIT_OK


def run_verify_certificate(args: argparse.Namespace, out: Console, err: Console) -> int:
    """Whether a certificate file states a passed, untampered exam; exit 1 if it does not."""
    path = Path(args.file).expanduser()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise TrainerError(f"{path}: the certificate cannot be read: {error}") from error
    with open_database(args) as records:
        sign_in(records, args.mentor)
        content = readable_content(args, err)
        verdict = check_certificate(records, content, text)
    if verdict.valid:
        out.print(
            Text(
                visible(
                    f"{path}: valid. It states the passed exam {verdict.attempt_id} of "
                    f"{verdict.trainee}, as the records hold it."
                ),
                "green",
            )
        )
        return EXIT_OK
    for problem in verdict.problems:
        out.print(Text(visible(f"- {problem}"), "red"))
    out.print(Text(visible(f"{path}: NOT valid: it does not match the records."), "bold red"))
    return EXIT_FAILED
