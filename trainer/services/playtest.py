"""Playtest: a trainer tries a scenario file out while writing it (the screen is `ui.playtest`).

The call reloads when the file is saved, shows node ids, and lets the trainer jump to any node,
set meters and variables, and undo a move. Every move is kept in a log; undo and reload replay
the log on a fresh session, which the engine's determinism makes exact.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from trainer.content.content_set import ContentSet
from trainer.content.loader import lookup_file_root, validate
from trainer.content.paths import resolve_content_dir
from trainer.content.scenario.model import Scenario
from trainer.engine.session import Session
from trainer.engine.turns import Mode, Turn
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
            raise result.errors[0].as_error()
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
    if not path.is_file():
        raise TrainerError(f"'{path}' does not exist")
    root = lookup_file_root(path)
    if root is not None:
        return Draft(path, root, overlay=False)
    return Draft(path, resolve_content_dir(content_option), overlay=True)


def replay(
    content: ContentSet, scenario: Scenario, moves: Sequence[Move], seed: int
) -> tuple[Session, int, str | None]:
    """A fresh session with `moves` played again: how many applied, and why the next did not."""
    session = Session(content, scenario, mode=Mode.PRACTICE, seed=seed, trainee="(trainer)")
    for number, move in enumerate(moves):
        try:
            apply(session, move)
        except DialogueError as error:
            return session, number, f"move {number + 1} ({move.kind} {move.argument}): {error}"
    return session, len(moves), None


def apply(session: Session, move: Move) -> list[Turn]:
    """Make one move in the session; the turns it added."""
    if move.kind == "choose":
        return session.choose(move.argument)
    if move.kind == "say":
        return session.say(move.argument)
    if move.kind == "jump":
        return session.jump(move.argument)
    session.set_value(move.argument, move.value)
    return []
