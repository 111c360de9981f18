"""The mentor's commands over the final exam's rules in the records: show, attempts, accept."""

from __future__ import annotations

import argparse

from rich.console import Console
from rich.text import Text

from trainer.cli.database import open_database
from trainer.cli.records import EXIT_OK, sign_in
from trainer.content.content_set import ContentSet
from trainer.content.loader import load_content
from trainer.content.paths import resolve_content_dir
from trainer.errors import TrainerError
from trainer.store.exams import (
    ExamRules,
    accept_exam_variant,
    exam_rule_changes,
    exam_rules,
    exam_rules_for,
    set_exam_attempts,
    withdraw_exam_variant,
)


def run_exam_show(args: argparse.Namespace, out: Console, err: Console) -> int:
    content = load_content(resolve_content_dir(args.content))
    with open_database(args) as records:
        sign_in(records, args.mentor, purpose="read the exam's rules")
        rules = exam_rules(records)
        changes = exam_rule_changes(records)
    if rules is None:
        out.print(
            Text("No exam rules in the records yet: they are fixed at the programme's first use.")
        )
        return EXIT_OK
    out.print(Text(f"Attempts before a retake is needed: {rules.attempts}"))
    out.print(Text("Exam pool:"))
    for variant in rules.pool:
        out.print(Text(f"  {variant}: {_standing(content, rules, variant)}"))
    for variant in _unaccepted_in_content(content, rules):
        out.print(Text(f"  {variant}: in the content's programme, not in the pool"))
    out.print(Text("Changes:"))
    for change in changes:
        when = change.changed_at.astimezone().strftime("%Y-%m-%d %H:%M")
        out.print(Text(f"  {when}  {change.mentor}: {change.change} ({change.reason})"))
    return EXIT_OK


def run_exam_attempts(args: argparse.Namespace, out: Console, err: Console) -> int:
    content = load_content(resolve_content_dir(args.content))
    with open_database(args) as records:
        mentor = sign_in(records, args.mentor, purpose="change the exam's rules")
        exam_rules_for(records, content)
        rules = set_exam_attempts(records, mentor.name, args.attempts, args.reason)
    out.print(Text(f"The exam now allows {rules.attempts} attempts before a retake is needed."))
    return EXIT_OK


def run_exam_accept(args: argparse.Namespace, out: Console, err: Console) -> int:
    content = load_content(resolve_content_dir(args.content))
    scenario = content.scenarios.get(args.scenario)
    if scenario is None or not scenario.exam:
        exams = ", ".join(sorted(s.id for s in content.scenarios.values() if s.exam)) or "none"
        raise TrainerError(f"'{args.scenario}' is no exam scenario of the content; exams: {exams}")
    with open_database(args) as records:
        mentor = sign_in(records, args.mentor, purpose="change the exam's rules")
        exam_rules_for(records, content)
        accept_exam_variant(records, mentor.name, scenario.id, scenario.digest, args.reason)
    out.print(Text(f"Accepted the exam '{scenario.id}' as it is now; it counts for a certificate."))
    return EXIT_OK


def run_exam_withdraw(args: argparse.Namespace, out: Console, err: Console) -> int:
    with open_database(args) as records:
        mentor = sign_in(records, args.mentor, purpose="change the exam's rules")
        rules = withdraw_exam_variant(records, mentor.name, args.scenario, args.reason)
    out.print(Text(f"Withdrew '{args.scenario}'; the pool is {', '.join(rules.pool)}."))
    return EXIT_OK


def _standing(content: ContentSet, rules: ExamRules, variant: str) -> str:
    scenario = content.scenarios.get(variant)
    if scenario is None:
        return "not in this content set"
    if rules.accepts(variant, scenario.digest):
        return "accepted as it is"
    return "CHANGED since accepted: trainees cannot take it until a mentor accepts it"


def _unaccepted_in_content(content: ContentSet, rules: ExamRules) -> list[str]:
    if content.programme is None:
        return []
    return [v for v in content.programme.exam.exam_variants if v not in rules.accepted]
