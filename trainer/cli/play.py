"""`trainer play`: a call in the terminal, recorded for a trainee as the app records it.

With `--trainee NAME` the call is an attempt in the records (`services.calls.RecordedCall`): each
turn is stored as it is said, the score when it ends, and a call cut short is left unfinished,
to be picked up in the app. The final exam stays in the app, where it counts; a mentor may play
it here to check it, unrecorded. `--json` prints only JSON on standard output, whatever is
piped in.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial

from rich.console import Console
from rich.text import Text

from trainer.cli import records, render
from trainer.cli.content import EXIT_OK, args_content
from trainer.content.content_set import ContentSet
from trainer.content.paths import describe_content
from trainer.content.scenario.model import Scenario
from trainer.engine.session import Session
from trainer.engine.turns import Mode, Turn
from trainer.errors import DialogueError, TrainerError
from trainer.services import accounts, calls, stages
from trainer.text import visible

Move = Callable[[Session], list[Turn]]


def run_play(args: argparse.Namespace, out: Console, err: Console) -> int:
    content = args_content(args)
    scenario = content.scenario(args.scenario)
    if args.trainee is not None and scenario.exam:
        raise TrainerError(
            f"the final exam '{scenario.id}' is taken in the app, where the attempt counts; "
            "run: trainer"
        )
    records.guard_exam(scenario, args)
    persona = content.persona(args.persona) if args.persona else None
    mode = Mode(args.mode) if args.mode else (Mode.EXAM if scenario.exam else Mode.PRACTICE)
    # On a terminal, lines wrap between words at its width (a pipe gets whole lines, for
    # grep); with --json the call is shown nowhere and JSON is all there is on stdout.
    shown = (
        Console(file=open(os.devnull, "w"), highlight=False)  # noqa: SIM115
        if args.json
        else Console(file=out.file, highlight=False, soft_wrap=not out.is_terminal)
    )
    with _recorded(args, content, scenario, err) as record:
        name = record.trainee.name if record is not None else (args.name or _login_name())
        session = Session(content, scenario, persona, mode=mode, seed=args.seed, trainee=name)
        call = record.begin(session) if record is not None else None
        shown.print(Text(visible(describe_content(args.content)), "dim"))
        shown.print(Text(scenario.title, "bold"))
        shown.print(Text(f"Goal: {scenario.goal}", "italic"))
        if record is not None:
            shown.print(Text(f"Recorded for {record.trainee.name}.", "dim"))
        if not name:  # no --name, and a login that is no one's name (root, or none)
            shown.print(
                Text(
                    "Your replies say “(your name)” where your name goes: add --name "
                    "'Your Name' to hear it.",
                    "dim",
                )
            )
        render.show_turns(shown, session, session.turns)

        def move(make: Move) -> list[Turn]:
            return call.move(make) if call is not None else make(session)

        try:
            if args.replies is not None:
                _play_scripted(session, args.replies, shown, move)
            else:
                _play_interactive(session, shown, err, move)
        except BaseException:
            if call is not None:
                call.abandon()  # left unfinished: the app offers to pick it up again
            raise
        score = call.finish() if call is not None else session.score()
        session.close()
    if args.json:
        result = render.session_json(session, score)
        if call is not None:
            result["attempt"] = call.attempt_id
        out.print_json(json.dumps(result))
    else:
        render.show_scorecard(shown, session, score)
        if call is not None:
            shown.print(Text(f"Recorded as attempt {call.attempt_id}.", "dim"))
    return EXIT_OK


class _Record:
    """Where a call for a trainee goes: the open records and who they are."""

    def __init__(self, store: accounts.Store, trainee: accounts.TraineeCard) -> None:
        self.store = store
        self.trainee = trainee

    def begin(self, session: Session) -> calls.RecordedCall:
        return calls.RecordedCall.begin(self.store, self.trainee.id, session)


@contextmanager
def _recorded(
    args: argparse.Namespace, content: ContentSet, scenario: Scenario, err: Console
) -> Iterator[_Record | None]:
    """The trainee's records while the call goes on, signed in (PIN) and past the gate."""
    if args.trainee is None:
        yield None
        return
    from trainer.cli.database import open_database

    with open_database(args) as store:
        calls.abandon_stale(store)
        trainee = accounts.find_trainee(store, args.trainee)
        if trainee.has_pin and not accounts.pin_matches(
            store, trainee.id, records.read_secret(f"PIN for {trainee.name}: ")
        ):
            raise TrainerError(f"that is not the PIN of {trainee.name}")
        status = stages.progress(store, trainee.id, content.programme).status
        reason = stages.lock_reason(
            content, status, stages.Item(stages.ItemKind.SCENARIO, scenario.id)
        )
        if reason is not None:
            raise TrainerError(f"'{scenario.id}' is locked for {trainee.name}: {reason}")
        yield _Record(store, trainee)


def _login_name() -> str:
    """The name of the person at the keyboard, for the lines that say it; "" when unknown."""
    try:
        name = getpass.getuser()
    except (OSError, KeyError):
        return ""
    return "" if name in ("root", "") else name.capitalize()


def _play_scripted(
    session: Session, replies: str, out: Console, move: Callable[[Move], list[Turn]]
) -> None:
    choices = [item.strip() for item in replies.split(",") if item.strip()]
    for step, choice in enumerate(choices, start=1):
        if session.ended:
            raise TrainerError(
                f"the call ended after reply {step - 1}; "
                f"{len(choices) - step + 1} replies were left over"
            )
        picked: int | str = int(choice) if choice.isdigit() else choice
        try:
            turns = move(partial(Session.choose, choice=picked))
        except DialogueError as error:
            raise TrainerError(f"reply {step} ('{choice}'): {error}") from error
        render.show_turns(out, session, turns)
    if not session.ended:
        out.print(
            Text(
                "The replies ran out before the call ended: no result, and it does not pass.",
                "yellow",
            )
        )
        move(Session.hang_up)


def _play_interactive(
    session: Session, out: Console, err: Console, move: Callable[[Move], list[Turn]]
) -> None:
    """Read replies line by line; the prompt goes where the call is shown (never into JSON)."""
    while not session.ended:
        options = session.options()
        render.show_options(out, options)
        out.print("> ", end="")
        out.file.flush()
        line = sys.stdin.readline()
        if not line:
            out.print()
            line = "q"  # the end of the input hangs up
        line = line.strip()
        try:
            if line in ("q", "quit"):
                turns = move(Session.hang_up)
            elif line in ("?", "h", "hint"):
                out.print(Text(f"Hint: {session.hint()}", "magenta"))
                continue
            elif line.isdigit():
                turns = move(partial(Session.choose, choice=int(line)))
            else:
                turns = move(partial(Session.say, typed=line))
        except DialogueError as error:
            err.print(Text(visible(str(error)), "red"))
            continue
        render.show_turns(out, session, turns)
