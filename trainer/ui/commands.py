"""Command palette entries for the main actions: cards, catalogue, quizzes, calls, the exam."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.markup import escape

from trainer.ui.stages import Item, ItemKind

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
        content = app.content
        commands = [
            PaletteCommand("Home", app.action_home, "Your programme and recent attempts"),
            PaletteCommand("Sign out", app.action_sign_out, "Back to the list of names"),
        ]
        if content.catalogue is not None:
            company = content.catalogue.company.name
            commands += [
                PaletteCommand(
                    "Company cards",
                    partial(app.open_item, Item(ItemKind.COMPANY)),
                    f"{company}: about, policies, tools such as the CRM, clients",
                ),
                PaletteCommand(
                    "Product catalogue",
                    partial(app.open_item, Item(ItemKind.CATALOGUE)),
                    "Every product: characteristics, packaging, stock, delivery, prices, terms",
                ),
            ]
        for quiz in sorted(content.quizzes.values(), key=lambda q: (q.stage, q.title)):
            commands.append(
                PaletteCommand(
                    f"Take the quiz: {quiz.title}",
                    partial(app.open_item, Item(ItemKind.QUIZ, quiz.id)),
                    f"{quiz.size} questions, pass mark {quiz.pass_mark:g}%",
                )
            )
        scenarios = sorted(content.scenarios.values(), key=lambda s: (s.exam, s.stage, s.title))
        for scenario in scenarios:
            verb = "Take the exam" if scenario.exam else "Practise"
            commands.append(
                PaletteCommand(
                    f"{verb}: {scenario.title}",
                    partial(app.open_item, Item(ItemKind.SCENARIO, scenario.id)),
                    " ".join(scenario.goal.split()),
                )
            )
        if content.programme is not None:
            commands.append(
                PaletteCommand(
                    "Certificate",
                    partial(app.open_item, Item(ItemKind.CERTIFICATE)),
                    "Your certificate, once you have passed the final exam",
                )
            )
        return commands


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
