"""Command palette providers: a list of commands searched by name.

The trainee's entries (cards, catalogue, quizzes, calls, the exam) come from the routes, which
know what the programme lets them open; the mentor's from `screens.mentor_commands`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.markup import escape

if TYPE_CHECKING:
    from trainer.ui.app import TrainerApp


@dataclass(frozen=True)
class PaletteCommand:
    name: str
    run: Callable[[], object]
    help: str


class ListedCommands(Provider):
    """A provider over a plain list of commands, searched by name; subclasses list them."""

    def _commands(self) -> list[PaletteCommand]:
        raise NotImplementedError

    async def discover(self) -> Hits:
        for command in self._commands():
            yield DiscoveryHit(
                Content(command.name), command.run, command.name, escape(command.help)
            )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self._commands():
            score = matcher.match(command.name)
            if score > 0:
                yield Hit(
                    score,
                    _highlight(command.name, query, matcher.match_style),
                    command.run,
                    command.name,
                    escape(command.help),
                )


class TrainerCommands(ListedCommands):
    """The app's own commands; none while signed out or in the middle of a call."""

    def _commands(self) -> list[PaletteCommand]:
        app = cast("TrainerApp", self.app)
        if app.trainee is None or app.in_call:
            return []
        return app.routes.palette()


def _highlight(name: str, query: str, style: object) -> Content:
    """`name` as plain content with the letters of `query` marked, never read as markup."""
    content = Content(name)
    position = 0
    lowered = name.casefold()
    for letter in query.casefold():
        if letter.isspace():
            continue
        found = lowered.find(letter, position)
        if found < 0:
            break
        content = content.stylize(style, found, found + 1)  # type: ignore[arg-type]
        position = found + 1
    return content
