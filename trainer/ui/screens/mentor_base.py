"""What every mentor screen shares: the signed-in mentor, its palette, the way to other screens."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual.command import Provider
from textual.screen import Screen

from trainer.content.content_set import ContentSet
from trainer.errors import StoreError
from trainer.services import accounts, mentor
from trainer.ui import messages
from trainer.ui.commands import ListedCommands, PaletteCommand


class MentorCommands(ListedCommands):
    """The mentor's commands, for the mentor screen the palette was opened on.

    The provider is a mentor screen's own (`Screen.COMMANDS`), so the palette offers these
    entries only while a mentor screen is showing; a trainee's palette never has them.
    """

    def _commands(self) -> list[PaletteCommand]:
        screen = self.screen
        if not isinstance(screen, MentorScreen):
            return []
        commands = [
            PaletteCommand("Trainees", screen.action_trainees, "Every trainee with flags"),
            PaletteCommand(
                "Analytics", screen.action_analytics, "Scenarios, quiz items and the team funnel"
            ),
            *screen.palette_commands(),
            PaletteCommand(
                "Sign out (mentor)", screen.action_sign_out, "Back to the trainee sign-in"
            ),
        ]
        try:
            trainees = mentor.trainee_names(screen.store)
        except StoreError:
            trainees = []
        for trainee_id, name in trainees:
            commands.append(
                PaletteCommand(
                    f"Open trainee: {name}",
                    _opening(screen, trainee_id, name),
                    "Attempts, quiz answers, funnel and skills",
                )
            )
        return commands


def _opening(screen: Screen[None], trainee_id: int, name: str) -> Callable[[], object]:
    return lambda: screen.post_message(messages.MentorTraineeRequested(trainee_id, name))


class MentorScreen(Screen[None]):
    """A screen of the mentor's review, built only with a mentor whose passphrase was checked.

    There is no flag to flip: a mentor screen cannot exist without the `MentorCard` that
    `accounts.sign_in_mentor` returns, and every note, override and grant is signed with it.
    The way to another mentor screen is an intent (`trainer.ui.messages`) the router serves.
    """

    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = {MentorCommands}

    def __init__(self, content: ContentSet, store: mentor.Store, card: accounts.MentorCard) -> None:
        if not isinstance(card, accounts.MentorCard):
            raise TypeError("a mentor screen needs the mentor who signed in")
        super().__init__()
        self.content = content
        self.store = store
        self.mentor = card

    def palette_commands(self) -> list[PaletteCommand]:
        """This screen's own entries for the command palette; the shared ones come first."""
        return []

    def action_analytics(self) -> None:
        """Show the team's analytics on top of the trainees table."""
        self.post_message(messages.MentorAnalyticsRequested())

    def action_trainees(self) -> None:
        """Back to the trainees table, closing the mentor screens above it."""
        self.post_message(messages.MentorTraineesRequested())

    def action_back(self) -> None:
        self.dismiss()

    def action_sign_out(self) -> None:
        """Leave the mentor's screens; the app goes back to the trainee sign-in."""
        self.post_message(messages.MentorSignedOut())
