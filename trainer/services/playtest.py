"""Playtest: a trainer tries a scenario file out while writing it (the screen is `ui.playtest`).

The call reloads when the file is saved, shows node ids, and lets the trainer jump to any node,
set meters and variables, change the client and undo a move. Every move is kept in a list; undo,
reload and a change of client replay it on a fresh session, which the engine's determinism makes
exact. Replies are known by the number the file gives them (as `validate` and `graph` number
them), not by where the shuffle puts them on screen.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from trainer.content.content_set import ContentSet
from trainer.content.context import first_error
from trainer.content.loader import lookup_file_root, validate
from trainer.content.paths import resolve_content_dir
from trainer.content.scenario.model import Scenario
from trainer.engine.session import Option, Session
from trainer.engine.turns import Mode, Speaker, Turn
from trainer.errors import DialogueError, TrainerError

MoveKind = Literal["choose", "say", "jump", "set"]


@dataclass(frozen=True, slots=True)
class Move:
    """One thing the trainer did: pick a reply, type words, jump, or set a value."""

    kind: MoveKind
    argument: str
    value: int | float | bool | str | None = None


@dataclass(frozen=True, slots=True)
class Draft:
    """The scenario file under test and the content set it is checked against."""

    path: Path
    root: Path
    overlay: bool  # the file is checked on top of the set, not as part of it

    def load(self) -> tuple[ContentSet, Scenario]:
        """The content and the file's scenario; the file's first error if it has one."""
        result = validate(self.root, extra_files=[self.path] if self.overlay else ())
        if result.errors:
            raise first_error(result.errors)
        assert result.content is not None
        resolved = self.path.resolve()
        for scenario in result.content.scenarios.values():
            if scenario.path.resolve() == resolved:
                return result.content, scenario
        raise TrainerError(f"'{self.path}' is not a scenario file (kind: scenario)")

    def mtime(self) -> float:
        try:
            return self.path.stat().st_mtime
        except OSError:
            return 0.0


def draft_for(path: Path, content_option: str | None) -> Draft:
    """Where to check `path`: its own content set, or on top of the set in use."""
    if path.is_dir():
        example = path / "scenarios" / "NAME.yaml"
        raise TrainerError(f"'{path}' is a folder; give a scenario file, e.g. {example}")
    if not path.is_file():
        raise TrainerError(f"'{path}' does not exist")
    root = lookup_file_root(path)
    if root is not None:
        return Draft(path, root, overlay=False)
    return Draft(path, resolve_content_dir(content_option), overlay=True)


@dataclass(frozen=True, slots=True)
class Replayed:
    """A fresh session with the moves played again, and what the log shows of it."""

    session: Session
    lines: list[Turn]  # the call's turns with a line for each setting, in order
    applied: int  # how many of the moves still apply
    problem: str | None  # why the next one does not


def replay(
    content: ContentSet,
    scenario: Scenario,
    moves: Sequence[Move],
    seed: int,
    persona: str | None = None,
) -> Replayed:
    """A fresh session against `persona` (default: the scenario's first) with `moves` replayed."""
    chosen = content.persona(persona) if persona in scenario.personas else None
    session = Session(content, scenario, chosen, mode=Mode.PRACTICE, seed=seed, trainee="(trainer)")
    lines = list(session.turns)
    for number, move in enumerate(moves):
        try:
            lines.extend(apply(session, move))
        except DialogueError as error:
            problem = f"move {number + 1} ({describe(move)}): {error}"
            return Replayed(session, lines, number, problem)
    return Replayed(session, lines, len(moves), None)


def apply(session: Session, move: Move) -> list[Turn]:
    """Make one move in the session; the turns it added, or the line that logs a setting.

    A setting's line is for the trainer's log only: it is not a turn of the call.
    """
    if move.kind == "choose":
        return session.take(offered_reply(session, move.argument))
    if move.kind == "say":
        return session.say(move.argument)
    if move.kind == "jump":
        return session.jump(move.argument)
    session.set_value(move.argument, move.value)
    note = f"({describe(move)})"
    return [Turn(len(session.turns), Speaker.SYSTEM, "", note, session.state)]


def describe(move: Move) -> str:
    """A move in a few words, as the log and the undo notice say it."""
    if move.kind == "set":
        shown = str(move.value).lower() if isinstance(move.value, bool) else move.value
        return f"set {move.argument} = {shown}"
    if move.kind == "say":
        return f"said '{move.argument}'"
    if move.kind == "jump":
        return f"jumped to '{move.argument}'"
    return f"chose reply {move.argument}"  # the file's number, as shown


def shown_numbers(session: Session) -> dict[int, Option]:
    """The replies on offer by the number the file gives them, the number the playtest shows."""
    return {option.reply.number: option for option in session.options()}


def offered_reply(session: Session, number: str) -> Option:
    """The reply on offer with this file number (default ids are the same numbers)."""
    offered = shown_numbers(session)
    if not number.isdigit() or int(number) not in offered:
        shown = ", ".join(str(n) for n in sorted(offered)) or "none"
        raise DialogueError(f"reply {number} is not on offer here; on offer: {shown}")
    return offered[int(number)]
