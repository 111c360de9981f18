"""`trainer playtest`: a one-screen app around the playtest screen of a scenario file."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from textual.app import App, SystemCommand
from textual.screen import Screen

from trainer.services.playtest import Draft, draft_for
from trainer.ui.screens.playtest import PlaytestScreen

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
