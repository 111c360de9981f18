"""Commands over the trainees' records: mentor, export and replay. Reading anyone's records
from the command line takes a mentor's passphrase, as it does in the app."""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import TYPE_CHECKING

from rich.console import Console
from rich.text import Text

from trainer.cli import render
from trainer.content.loader import load_content
from trainer.content.paths import resolve_content_dir
from trainer.engine.session import Mode, Session
from trainer.errors import DialogueError, TrainerError
from trainer.store.analytics import funnel
from trainer.store.attempts import get_attempt, turns_for
from trainer.store.database import Store, open_store
from trainer.store.mentors import Mentor, add_mentor, list_mentors, verify_mentor
from trainer.store.models import AttemptKind
from trainer.store.paths import resolve_db_path
from trainer.store.trainees import list_trainees
from trainer.store.transcripts import transcripts_for
from trainer.text import visible

if TYPE_CHECKING:
    from trainer.content.models import Scenario

EXIT_OK, EXIT_FAILED = 0, 1
EXPORT_FORMATS = ("csv", "json", "md", "html")


def run_mentor_add(args: argparse.Namespace, out: Console, err: Console) -> int:

    passphrase = read_secret(f"Passphrase for {args.name}: ")
    if sys.stdin.isatty() and read_secret("Once more: ") != passphrase:
        raise TrainerError("the two passphrases differ; nothing was changed")
    with open_store(resolve_db_path(args.db)) as records:
        mentor = add_mentor(records, args.name, passphrase)
    out.print(Text(f"Mentor '{mentor.name}' added. Open the review screens with: trainer mentor"))
    return EXIT_OK


def run_export(args: argparse.Namespace, out: Console, err: Console) -> int:
    from trainer.store import export

    with open_store(resolve_db_path(args.db)) as records:
        sign_in(records, args.mentor)
        trainee_id = _trainee_id(records, args.trainee) if args.trainee else None
        transcripts = transcripts_for(records, trainee_id=trainee_id)
        if args.format == "html":
            title = f"Training record: {args.trainee}" if args.trainee else "Training records"
            text = export.transcript_html(
                transcripts, title=title, funnel=funnel(records, trainee_id)
            )
        elif args.format == "md":
            text = "\n".join(export.transcript_markdown(record) for record in transcripts)
        elif args.format == "csv":
            text = export.attempts_csv(transcripts)
        else:
            text = export.attempts_json(transcripts)
    if args.output is None:
        sys.stdout.write(text)
        return EXIT_OK
    render.write_file(args.output, text)
    err.print(Text(f"wrote {len(transcripts)} attempts to {args.output}"))
    return EXIT_OK


def run_replay(args: argparse.Namespace, out: Console, err: Console) -> int:

    content = load_content(resolve_content_dir(args.content))
    with open_store(resolve_db_path(args.db)) as records:
        sign_in(records, args.mentor)
        attempt = get_attempt(records, args.attempt)
        turns = turns_for(records, attempt.id)
    if attempt.kind is AttemptKind.QUIZ:
        raise TrainerError(f"attempt {attempt.id} is a quiz; replay works on calls")
    scenario = content.scenario(attempt.content_id)
    persona = content.persona(attempt.persona_id) if attempt.persona_id else None
    changed = scenario.digest != attempt.content_hash
    if changed:
        out.print(
            Text(f"The scenario '{scenario.id}' has changed since this call was made.", "yellow")
        )
    session = Session(content, scenario, persona, mode=Mode(attempt.mode.value), seed=attempt.seed)
    differences: list[str] = []
    try:
        for turn in (t for t in turns if t.speaker == "trainee"):
            if session.ended:
                differences.append(f"turn {turn.index}: the call now ends before this reply")
                break
            if turn.typed:
                session.say(turn.typed)
            elif turn.reply:
                session.choose(turn.reply.rsplit("/", 1)[-1])
            else:
                session.hang_up()
    except DialogueError as error:
        differences.append(f"the replay stopped: {error}")
    finally:
        session.close()
    for stored, replayed in zip(turns, session.turns, strict=False):
        if (stored.speaker, stored.text, stored.node) != (
            replayed.speaker.value,
            replayed.text,
            replayed.node,
        ):
            differences.append(
                f"turn {stored.index}: stored {stored.speaker} '{stored.text[:50]}' at "
                f"'{stored.node}', now {replayed.speaker.value} '{replayed.text[:50]}' "
                f"at '{replayed.node}'"
            )
            break
    if not differences and len(turns) != len(session.turns):
        differences.append(f"the call had {len(turns)} turns; it now has {len(session.turns)}")
    if attempt.score is not None and session.ended:
        score = session.score()
        if round(score.percent, 1) != round(attempt.score, 1) or score.passed != attempt.passed:
            verdict = "passed" if score.passed else "failed"
            differences.append(
                f"score: stored {attempt.score:g}% ({'passed' if attempt.passed else 'failed'}), "
                f"now {score.percent:g}% ({verdict})"
            )
    if differences:
        for line in differences:
            out.print(Text(visible(f"- {line}"), "red"))
        out.print(Text("The replay does NOT match the stored call.", "bold red"))
        return EXIT_FAILED
    out.print(Text(f"The replay matches the stored call: {len(turns)} turns, same score.", "green"))
    return EXIT_OK


# ---------------------------------------------------------------------------------------------


def read_secret(prompt: str) -> str:
    """A passphrase from the terminal without echo, or one line of standard input in scripts."""
    if sys.stdin.isatty():
        return getpass.getpass(prompt)
    line = sys.stdin.readline()
    if not line:
        raise TrainerError("a passphrase is needed: type it at the prompt or pipe it in")
    return line.rstrip("\r\n")


def sign_in(records: Store, name: str | None, purpose: str = "read trainees' records") -> Mentor:
    """The mentor whose passphrase this is; refuses anyone else."""

    mentors = list_mentors(records)
    if not mentors:
        raise TrainerError(f"only a mentor can {purpose}; add one with: trainer mentor add NAME")
    if name is None:
        if len(mentors) > 1:
            names = ", ".join(mentor.name for mentor in mentors)
            raise TrainerError(f"say which mentor you are with --mentor NAME ({names})")
        name = mentors[0].name
    try:
        return verify_mentor(records, name, read_secret(f"Passphrase for {name}: "))
    except TrainerError as error:
        raise TrainerError(f"only a mentor can {purpose}: {error}") from error


def guard_exam(scenario: Scenario, db_option: str | None, mentor: str | None) -> None:
    """Playing or drawing the final exam outside the app shows its key: mentors only."""
    if not scenario.exam:
        return

    with open_store(resolve_db_path(db_option)) as records:
        sign_in(records, mentor, purpose=f"open the final exam '{scenario.id}' outside the app")


def _trainee_id(records: Store, name: str) -> int:

    for trainee in list_trainees(records):
        if trainee.name.casefold() == name.casefold():
            return trainee.id
    raise TrainerError(f"there is no trainee named '{name}'")
