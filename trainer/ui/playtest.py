"""The trainer's apps: `trainer playtest` on a scenario file, `trainer preview` of a scenario."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

from trainer.content.content_set import ContentSet
from trainer.content.persona import Persona
from trainer.content.scenario.model import Scenario
from trainer.engine.turns import Mode
from trainer.services.accounts import TraineeCard
from trainer.services.playtest import Draft, draft_for
from trainer.ui import messages
from trainer.ui.screens.call import CallScreen
from trainer.ui.screens.playtest import PlaytestScreen
from trainer.ui.screens.scorecard import ScorecardScreen

# The playtest's commands in the palette (Ctrl+P), beside their Ctrl keys.
_COMMANDS = (
    ("Jump to node", "Go straight to any node (Ctrl+G)", "jump"),
    ("Set value", "Set a meter or a variable (Ctrl+T)", "set_value"),
    ("Undo", "Take the last move back (Ctrl+Z)", "undo"),
    ("Client", "Play against another of the scenario's personas (Ctrl+O)", "persona"),
    ("Reload", "Read the file again and replay the moves (Ctrl+R)", "reload"),
)


class PlaytestApp(App[int]):
    """A one-screen app around the playtest screen."""

    TITLE = "trainer playtest"

    def __init__(self, draft: Draft, *, seed: int = 1, poll_seconds: float = 1.0) -> None:
        super().__init__()
        self.draft = draft
        self.seed = seed
        self.poll_seconds = poll_seconds

    def on_mount(self) -> None:
        self.push_screen(PlaytestScreen(self.draft, seed=self.seed, poll_seconds=self.poll_seconds))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        if isinstance(screen, PlaytestScreen):
            for title, help_text, action in _COMMANDS:
                yield SystemCommand(title, help_text, getattr(screen, f"action_{action}"))


def run_playtest(path: Path, content_option: str | None, seed: int = 1) -> int:
    """Check the file, then open the playtest; a broken file is one line and exit status 1."""
    draft = draft_for(path, content_option)
    draft.load()
    PlaytestApp(draft, seed=seed).run()
    return 0


# The trainee's name in a preview's lines ("Northline, Alex speaking"), unless --name gives one.
PREVIEW_NAME = "Alex"


class PreviewApp(App[int]):
    """The app's call screen on one scenario, as a trainee plays it, with nothing recorded.

    The call's scorecard follows it; Retry plays it again with the next seed, and Esc leaves.
    """

    TITLE = "trainer preview"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("ctrl+q", "quit", "Quit")]

    def __init__(
        self,
        content: ContentSet,
        scenario: Scenario,
        persona: Persona,
        mode: Mode,
        *,
        seed: int = 1,
        name: str = PREVIEW_NAME,
        typing_delay: float = 0.6,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__()
        self.content = content
        self.scenario = scenario
        self.persona = persona
        self.mode = mode
        self.seed = seed
        self.trainee_name = name  # the name the lines say: a sample one unless given
        self.typing_delay = typing_delay
        self.clock = clock

    def on_mount(self) -> None:
        self.push_screen(self._call())

    def _call(self) -> CallScreen:
        return CallScreen(
            self.content,
            None,
            TraineeCard(0, self.trainee_name, has_pin=False),
            self.scenario,
            self.persona,
            self.mode,
            self.seed,
            typing_delay=self.typing_delay,
            clock=self.clock,
            preview=True,
        )

    @on(messages.CallFinished)
    def _finished(self, event: messages.CallFinished) -> None:
        self.switch_screen(ScorecardScreen(self.content, event.result, None))

    @on(messages.CallRequested)
    def _again(self, event: messages.CallRequested) -> None:
        self.seed += 1  # another order of replies, as a trainee's next try would have
        self.switch_screen(self._call())

    @on(messages.TranscriptRequested)
    def _no_transcript(self, event: messages.TranscriptRequested) -> None:
        self.notify("A preview is not recorded, so it has no stored transcript.")

    @on(messages.CallAbandoned)
    def _abandoned(self, event: messages.CallAbandoned) -> None:
        self.exit(0)

    def action_home(self) -> None:
        """Esc on the scorecard: a preview has no home screen, so it ends."""
        self.exit(0)


def run_preview(
    content: ContentSet,
    scenario: Scenario,
    persona: Persona,
    mode: Mode,
    seed: int = 1,
    name: str = PREVIEW_NAME,
) -> int:
    """Open the preview of one scenario; nothing it plays is recorded."""
    PreviewApp(content, scenario, persona, mode, seed=seed, name=name).run()
    return 0
