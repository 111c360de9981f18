"""Command palette entries of the mentor's screens: trainees, analytics, each trainee, sign-out.

The provider is a mentor screen's own (`Screen.COMMANDS`), so the palette offers these entries
only while a mentor screen is showing; a trainee's palette never has them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.markup import escape

from trainer.errors import StoreError
from trainer.ui import mentor


@dataclass(frozen=True)
class MentorCommand:
    name: str
    run: Callable[[], object]
    help: str


class MentorCommands(Provider):
    """The mentor's commands, for the mentor screen the palette was opened on."""

    def _commands(self) -> list[MentorCommand]:
        from trainer.ui.screens.mentor_base import MentorScreen

        screen = self.screen
        if not isinstance(screen, MentorScreen):
            return []
        commands = [
            MentorCommand("Trainees", screen.action_trainees, "Every trainee with flags"),
            MentorCommand(
                "Analytics", screen.action_analytics, "Scenarios, quiz items and the team funnel"
            ),
            *screen.palette_commands(),
            MentorCommand(
                "Sign out (mentor)", screen.action_sign_out, "Back to the trainee sign-in"
            ),
        ]
        try:
            trainees = mentor.trainee_names(screen.store)
        except StoreError:
            trainees = []
        for trainee_id, name in trainees:
            commands.append(
                MentorCommand(
                    f"Open trainee: {name}",
                    partial(screen.open_trainee, trainee_id, name),
                    "Attempts, quiz answers, funnel and skills",
                )
            )
        return commands

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
