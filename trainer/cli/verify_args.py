"""The options of `trainer mentor verify` and `verify-certificate`, declared without importing
what runs them."""

from __future__ import annotations

import argparse


def declare_verify(
    actions: argparse._SubParsersAction,  # type: ignore[type-arg]
    common: argparse.ArgumentParser,
    signed: argparse.ArgumentParser,
) -> None:
    verify = actions.add_parser(
        "verify",
        parents=[common, signed],
        help="check that every record's result follows from its transcript (exit 1 if not)",
        description=(
            "Play every attempt (or one trainee's) again on the content it was played on and\n"
            "check that its turns, outcome, score and pass are what its moves give; that its\n"
            "turns run in order and in time; that an exam was on content a mentor accepted.\n"
            "Lists each flagged attempt with the reason; exit status 1 when any is flagged.\n"
            "Attempts on content that has changed since are counted, not flagged.\n\n"
            "Example: trainer mentor verify --trainee 'Anna Berg'"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    verify.add_argument("--trainee", metavar="NAME", help="only this trainee (default: everyone)")
    verify.add_argument(
        "--certificate", metavar="FILE", help="check this certificate file instead (see below)"
    )
    verify.set_defaults(run="verify:run_verify")
    certificate = actions.add_parser(
        "verify-certificate",
        parents=[common, signed],
        help="check a certificate file against the records (exit 1 if it does not match)",
        description=(
            "Say whether a certificate (Markdown or plain text, as the app saves it) states a\n"
            "passed exam the records hold: the same attempt, name, date, score and check code,\n"
            "and a record that passes 'trainer mentor verify'. Exit status 1 when it does not.\n\n"
            "Example: trainer mentor verify-certificate certificate-anna-berg.md"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    certificate.add_argument("file", metavar="FILE", help="the certificate file")
    certificate.set_defaults(run="verify:run_verify_certificate")
