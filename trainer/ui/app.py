"""The Textual app: composition, global bindings and routing between the screens."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

from rich.console import Console
from rich.text import Text
from textual import on
from textual.app import App
from textual.binding import Binding, BindingType

from trainer.content.loader import load_content
from trainer.content.models import ContentSet
from trainer.errors import StoreError, TrainerError
from trainer.ui import messages, records
from trainer.ui.commands import TrainerCommands
from trainer.ui.screens.briefing import BriefingScreen
from trainer.ui.screens.call import CallScreen
from trainer.ui.screens.home import HomeScreen
from trainer.ui.screens.scorecard import ScorecardScreen
from trainer.ui.screens.sign_in import SignInScreen
from trainer.ui.screens.transcript import TranscriptScreen

HOME_DEPTH = 2  # the default screen, then home; everything else sits on top of home


class TrainerApp(App[int]):
    """Sign in, pick a scenario, read the briefing, make the call, read the scorecard."""

    TITLE = "Call trainer"
    COMMANDS = App.COMMANDS | {TrainerCommands}
    BINDINGS: ClassVar[list[BindingType]] = [Binding("ctrl+q", "quit", "Quit", priority=True)]

    def __init__(
        self,
        content: ContentSet,
        store: records.Store,
        *,
        typing_delay: float = 0.6,
        clock: Callable[[], float] | None = None,
        seeds: random.Random | None = None,
    ) -> None:
        super().__init__()
        self.content = content
        self.store = store
        self.typing_delay = typing_delay
        self.clock = clock or time.monotonic
        self.seeds = seeds or random.Random()
        self.trainee: records.TraineeCard | None = None

    @property
    def in_call(self) -> bool:
        return any(isinstance(screen, CallScreen) for screen in self.screen_stack)

    def on_mount(self) -> None:
        self.push_screen(SignInScreen(self.store))

    # -- routing ------------------------------------------------------------------------------

    @on(messages.SignedIn)
    def _signed_in(self, message: messages.SignedIn) -> None:
        self.trainee = message.trainee
        self.switch_screen(HomeScreen(self.content, self.store, message.trainee))

    @on(messages.ScenarioPicked)
    def _scenario_picked(self, message: messages.ScenarioPicked) -> None:
        self.show_briefing(message.scenario_id)

    @on(messages.CallRequested)
    def _call_requested(self, message: messages.CallRequested) -> None:
        assert self.trainee is not None
        call = CallScreen(
            self.content,
            self.store,
            self.trainee,
            self.content.scenario(message.scenario_id),
            self.content.persona(message.persona_id),
            message.mode,
            self.seeds.randrange(1, 2**31),
            typing_delay=self.typing_delay,
            clock=self.clock,
        )
        self._back_to_home()
        self.push_screen(call)

    @on(messages.CallFinished)
    def _call_finished(self, message: messages.CallFinished) -> None:
        assert self.trainee is not None
        result = message.result
        try:
            previous = records.previous_percent(
                self.store, self.trainee.id, result.scenario_id, result.attempt_id
            )
        except StoreError as error:
            self.log.error(f"no previous score for the scorecard: {error}")
            previous = None
        self.switch_screen(ScorecardScreen(self.content, result, previous))

    @on(messages.CallAbandoned)
    def _call_abandoned(self) -> None:
        self.action_home()

    @on(messages.TranscriptRequested)
    def _transcript_requested(self, message: messages.TranscriptRequested) -> None:
        assert self.trainee is not None
        try:
            review = records.review(self.store, self.trainee.id, message.attempt_id)
        except StoreError as error:
            self.notify(
                str(error), title="Cannot open that attempt", severity="error", markup=False
            )
            return
        self.push_screen(TranscriptScreen(self.content, review))

    def show_briefing(self, scenario_id: str) -> None:
        """Open the briefing of a scenario on top of home."""
        self._back_to_home()
        self.push_screen(BriefingScreen(self.content, self.content.scenario(scenario_id)))

    def action_home(self) -> None:
        """Back to the programme, closing whatever is open above it."""
        if self.trainee is not None:
            self._back_to_home()

    def action_sign_out(self) -> None:
        """Forget the trainee and show the list of names again."""
        if self.trainee is None:
            return
        self.trainee = None
        self._back_to_home()
        self.switch_screen(SignInScreen(self.store))

    def _back_to_home(self) -> None:
        while len(self.screen_stack) > HOME_DEPTH:
            self.pop_screen()


def make_app(
    content: ContentSet,
    store: records.Store,
    *,
    typing_delay: float = 0.6,
    clock: Callable[[], float] | None = None,
    seeds: random.Random | None = None,
) -> TrainerApp:
    """The app over a loaded content set and an open store; the CLI and the tests both use it."""
    return TrainerApp(content, store, typing_delay=typing_delay, clock=clock, seeds=seeds)


def run_app(content_dir: Path, db_option: str | None) -> int:
    """Load the content, open the store, run the app; a problem is one line on stderr and 1."""
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    try:
        content = load_content(content_dir)
        store = records.open_records(db_option)
    except TrainerError as error:
        err.print(Text(f"trainer: {error}"))
        return 1
    try:
        make_app(content, store).run()
    finally:
        store.close()
    return 0


__all__ = ["TrainerApp", "make_app", "run_app"]
