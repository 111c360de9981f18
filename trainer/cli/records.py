"""Commands over the trainees' records: mentor, export and replay. Reading anyone's records
from the command line takes a mentor's passphrase, as it does in the app."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from rich.console import Console
from rich.text import Text

from trainer.cli.database import database_path, open_database
from trainer.content.loader import load_content
from trainer.content.paths import resolve_content_dir
from trainer.engine.turns import Speaker
from trainer.errors import DialogueError, TrainerError
from trainer.services.coach import map_appendix, replay_session
from trainer.store.analytics import funnel
from trainer.store.attempts import get_attempt, turns_for
from trainer.store.database import Store, open_store, open_store_to_read
from trainer.store.export import NO_TITLES, Titles
from trainer.store.mentors import (
    Mentor,
    add_mentor,
    has_mentors,
    list_mentors,
    remove_mentor,
    rename_mentor,
    verify_mentor,
)
from trainer.store.models import AttemptKind, AttemptStatus
from trainer.store.trainees import list_trainees
from trainer.store.transcripts import iter_transcripts
from trainer.store.worklog import SignOff, TraineeCriteria, sign_offs
from trainer.text import visible

if TYPE_CHECKING:
    from trainer.content.content_set import ContentSet
    from trainer.content.scenario.model import Scenario

EXIT_OK, EXIT_FAILED = 0, 1


def run_mentor_add(args: argparse.Namespace, out: Console, err: Console) -> int:
    """The first mentor of a database is added freely; any later one with a mentor's passphrase."""
    with open_database(args) as records:
        sponsor = None
        if has_mentors(records):
            sponsor = sign_in(records, args.mentor, purpose=f"add the mentor {args.name}")
        else:
            err.print(
                Text(
                    f"no mentor yet: {args.name} becomes the first mentor of this database; "
                    "every later mentor needs a mentor's passphrase"
                )
            )
        passphrase = read_secret(f"New passphrase for {args.name}: ")
        if sys.stdin.isatty() and read_secret("Once more: ") != passphrase:
            raise TrainerError("the two passphrases differ; nothing was changed")
        mentor = add_mentor(records, args.name, passphrase, sponsor=sponsor)
    out.print(Text(f"Mentor '{mentor.name}' added. Open the review screens with: trainer mentor"))
    return EXIT_OK


def run_mentor_remove(args: argparse.Namespace, out: Console, err: Console) -> int:
    with open_database(args) as records:
        by = sign_in(records, args.mentor, purpose=f"remove the mentor {args.name}")
        removed = remove_mentor(records, args.name, by=by)
    out.print(Text(f"Mentor '{removed.name}' removed; what they signed keeps their name."))
    return EXIT_OK


def run_mentor_rename(args: argparse.Namespace, out: Console, err: Console) -> int:
    with open_database(args) as records:
        by = sign_in(records, args.mentor, purpose=f"rename the mentor {args.name}")
        renamed = rename_mentor(records, args.name, args.new_name, by=by)
    out.print(Text(f"Mentor '{args.name}' is now '{renamed.name}'."))
    return EXIT_OK


def run_mentor_pin(args: argparse.Namespace, out: Console, err: Console) -> int:
    """A mentor gives a trainee a new PIN; the trainee's wrong tries are forgotten."""
    from trainer.store.trainees import set_pin

    with open_database(args) as records:
        trainee_id = trainee_id_named(records, args.name)  # a typo costs no passphrase
        sign_in(records, args.mentor, purpose=f"set a PIN for {args.name}")
        pin = read_secret(f"New PIN for {args.name}: ")
        if sys.stdin.isatty() and read_secret("Once more: ") != pin:
            raise TrainerError("the two PINs differ; nothing was changed")
        trainee = set_pin(records, trainee_id, pin)
    out.print(Text(f"{trainee.name} has a new PIN."))
    return EXIT_OK


def run_export(args: argparse.Namespace, out: Console, err: Console) -> int:
    from trainer.store import export, export_html, export_md, outputs

    db_path = database_path(args)
    homepage = None
    if args.verify and args.format == "xapi":
        raise TrainerError("--verify does not apply to xapi; check with: trainer mentor verify")
    if args.format == "xapi":
        from trainer.services.lrs import xapi_homepage

        homepage = xapi_homepage()  # asked before the passphrase, as the target is
    if args.output is not None:
        # Refused before the passphrase is asked: a mistyped target costs no sign-in.
        outputs.check_target(Path(args.output), force=args.force, protect=[db_path])
    with open_store_to_read(db_path) as records:
        sign_in(records, args.mentor)
        wants_content = args.format in ("md", "html") or args.verify
        content = readable_content(args, err) if wants_content else None
        titles = NO_TITLES if content is None else Titles.of(content)
        trainee_id = trainee_id_named(records, args.trainee) if args.trainee else None
        transcripts = iter_transcripts(records, trainee_id=trainee_id)
        if args.verify:
            from trainer.services.integrity import with_flags

            # Each record carries the integrity check's verdict (docs/records.md). Asked for:
            # the check plays every call again, which multiplies an export's time.
            transcripts = with_flags(records, content, transcripts)

        def write(stream: TextIO) -> int:
            if args.format == "html":
                title = f"Training record: {args.trainee}" if args.trainee else "Training records"
                return export_html.write_html(
                    transcripts,
                    stream,
                    title=title,
                    funnel=funnel(records, trainee_id),
                    titles=titles,
                    appendix=None if content is None else map_appendix(records, content),
                    criteria=_criteria(records, trainee_id, content),
                )
            if homepage is not None:
                from trainer.store.xapi import write_xapi

                return write_xapi(
                    transcripts,
                    stream,
                    homepage=homepage,
                    sign_offs=_sign_offs(records, trainee_id),
                )
            if args.format == "md":
                return export_md.write_markdown(transcripts, stream, titles)
            writers = {"csv": export.write_csv}
            return writers.get(args.format, export.write_json)(transcripts, stream)

        if args.output is None:
            write(sys.stdout)
            return EXIT_OK
        with outputs.safe_output(args.output, force=args.force, protect=[db_path]) as stream:
            count = write(stream)
    err.print(Text(f"wrote {count} attempts to {args.output}"))
    return EXIT_OK


def run_snapshot(args: argparse.Namespace, out: Console, err: Console) -> int:
    """A copy of the records without secrets, for Datasette and other SQLite tools."""
    from trainer.store import outputs
    from trainer.store.snapshot import write_snapshot

    db_path = database_path(args)
    target = Path(args.output)
    outputs.check_target(target, protect=[db_path])  # before the passphrase, as export does
    with open_store_to_read(db_path) as records:
        sign_in(records, args.mentor)
        count = write_snapshot(records, target, protect=(db_path,))
    err.print(Text(f"wrote a copy of {count} attempts to {target}, without passphrases or PINs"))
    return EXIT_OK


def run_replay(args: argparse.Namespace, out: Console, err: Console) -> int:

    content = load_content(resolve_content_dir(args.content))
    with open_database(args) as records:
        sign_in(records, args.mentor)
        attempt = get_attempt(records, args.attempt)
        turns = turns_for(records, attempt.id)
        if attempt.kind is AttemptKind.QUIZ:
            raise TrainerError(f"attempt {attempt.id} is a quiz; replay works on calls")
        scenario = content.scenario(attempt.content_id)
        session = replay_session(records, content, attempt)
    changed = scenario.digest != attempt.content_hash
    if changed:
        out.print(
            Text(f"The scenario '{scenario.id}' has changed since this call was made.", "yellow")
        )
    differences: list[str] = []
    try:
        for turn in (t for t in turns if t.speaker is Speaker.TRAINEE):
            if session.ended:
                differences.append(f"turn {turn.index}: the call now ends before this reply")
                break
            if turn.hint_used:
                session.hint()
            if turn.typed:
                session.say(turn.typed)
            elif turn.reply:
                session.choose(turn.reply.rsplit("/", 1)[-1])
            else:
                session.hang_up()
        if attempt.status is AttemptStatus.COMPLETED and not session.ended:
            # The trainee hung up: that move leaves no trainee line, only the call's end.
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


def guard_exam(scenario: Scenario, args: argparse.Namespace) -> None:
    """Playing or drawing the final exam outside the app shows its key: mentors only (`--db`
    names the team's database, `--mentor` who signs in)."""
    if not scenario.exam:
        return
    path = database_path(args)
    if not path.exists():
        # No database is made for the asking: it would hold no mentor but the asker.
        raise TrainerError(
            f"only a mentor can open the final exam '{scenario.id}' outside the app: there is "
            f"no database at {path}; give the team's with --db"
        )
    with open_store(path) as records:
        sign_in(
            records, args.mentor, purpose=f"open the final exam '{scenario.id}' outside the app"
        )


def readable_content(args: argparse.Namespace, err: Console) -> ContentSet | None:
    """The content, for its titles of the ids in the records (and the HTML's map); None when
    it cannot be read: the records are exported all the same, with their ids."""
    try:
        return load_content(resolve_content_dir(args.content))
    except TrainerError as error:
        err.print(Text(visible(f"the content cannot be read, ids are shown as they are: {error}")))
        return None


def _criteria(
    records: Store, trainee_id: int | None, content: ContentSet | None
) -> list[TraineeCriteria]:
    """Each trainee's work under guidance, with the programme's targets when the content could
    be read (the mentor's own targets count either way)."""
    from trainer.services.worklog import export_criteria

    return export_criteria(records, trainee_id, None if content is None else content.programme)


def _sign_offs(records: Store, trainee_id: int | None) -> list[tuple[SignOff, str]]:
    """The readiness sign-offs to export, each with its trainee's name."""
    names = {trainee.id: trainee.name for trainee in list_trainees(records)}
    return [
        (signed, names[signed.trainee_id])
        for signed in sign_offs(records)
        if trainee_id is None or signed.trainee_id == trainee_id
    ]


def trainee_id_named(records: Store, name: str) -> int:
    """The id of the trainee called `name` (case ignored); a TrainerError naming it when none."""
    for trainee in list_trainees(records):
        if trainee.name.casefold() == name.casefold():
            return trainee.id
    raise TrainerError(f"there is no trainee named '{name}'")
