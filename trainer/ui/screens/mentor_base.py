"""What every mentor screen shares: the signed-in mentor, the way between the screens, sign-out."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual.command import Provider
from textual.screen import Screen

from trainer.content.content_set import ContentSet
from trainer.services import accounts, mentor
from trainer.ui.commands import PaletteCommand
from trainer.ui.messages import MentorSignedOut
from trainer.ui.screens.mentor_commands import MentorCommands


class MentorScreen(Screen[None]):
    """A screen of the mentor's review, built only with a mentor whose passphrase was checked.

    There is no flag to flip: a mentor screen cannot exist without the `MentorCard` that
    `accounts.sign_in_mentor` returns, and every note, override and grant is signed with it.
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

    # -- the way between the mentor screens -------------------------------------------------

    def open_trainee(self, trainee_id: int, name: str) -> None:
        """Show one trainee's attempts and progress on top of the trainees table."""
        from trainer.ui.screens.mentor_trainee import MentorTraineeScreen

        self.action_trainees()
        self.app.push_screen(
            MentorTraineeScreen(self.content, self.store, self.mentor, trainee_id, name)
        )

    def open_transcript(self, attempt_id: str) -> None:
        """Show an attempt turn by turn, to comment on it, override it or export it."""
        from trainer.ui.screens.mentor_transcript import MentorTranscriptScreen

        self.app.push_screen(
            MentorTranscriptScreen(self.content, self.store, self.mentor, attempt_id)
        )

    def open_comparison(self, attempt_a: str, attempt_b: str) -> None:
        """Show two attempts of the same scenario side by side."""
        from trainer.ui.screens.mentor_compare import MentorCompareScreen

        self.app.push_screen(
            MentorCompareScreen(self.content, self.store, self.mentor, attempt_a, attempt_b)
        )

    def action_analytics(self) -> None:
        """Show the team's analytics on top of the trainees table."""
        from trainer.ui.screens.mentor_analytics import MentorAnalyticsScreen

        self.action_trainees()
        self.app.push_screen(MentorAnalyticsScreen(self.content, self.store, self.mentor))

    def action_trainees(self) -> None:
        """Back to the trainees table, closing the mentor screens above it."""
        from trainer.ui.screens.mentor_trainees import MentorTraineesScreen

        app = self.app
        while len(app.screen_stack) > 1 and not isinstance(app.screen, MentorTraineesScreen):
            if not isinstance(app.screen, MentorScreen):
                break  # never close anything that is not the mentor's
            app.pop_screen()

    def action_back(self) -> None:
        self.dismiss()

    def action_sign_out(self) -> None:
        """Leave the mentor's screens; the app goes back to the trainee sign-in."""
        self.post_message(MentorSignedOut())
