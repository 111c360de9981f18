"""Command palette entries of the mentor's screens: trainees, analytics, each trainee, sign-out.

The provider is a mentor screen's own (`Screen.COMMANDS`), so the palette offers these entries
only while a mentor screen is showing; a trainee's palette never has them.
"""

from __future__ import annotations

from functools import partial

from trainer.errors import StoreError
from trainer.services import mentor
from trainer.ui.commands import ListedCommands, PaletteCommand


class MentorCommands(ListedCommands):
    """The mentor's commands, for the mentor screen the palette was opened on."""

    def _commands(self) -> list[PaletteCommand]:
        from trainer.ui.screens.mentor_base import MentorScreen

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
                    partial(screen.open_trainee, trainee_id, name),
                    "Attempts, quiz answers, funnel and skills",
                )
            )
        return commands
