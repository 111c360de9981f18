"""Command palette providers: a list of commands searched by name.

The trainee's entries (cards, catalogue, quizzes, calls, the exam) come from the router, which
knows what the programme lets them open (`TrainerCommands` in `ui.app`); the mentor's from
their screens (`MentorCommands` in `screens.mentor_base`). An entry that leads to another
screen posts an intent, as its key does.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.markup import escape


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
