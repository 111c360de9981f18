"""`trainer playtest`: a one-screen app around the playtest screen of a scenario file."""

from __future__ import annotations

from pathlib import Path

from textual.app import App

from trainer.services.playtest import Draft, draft_for
from trainer.ui.screens.playtest import PlaytestScreen


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


def run_playtest(path: Path, content_option: str | None, seed: int = 1) -> int:
    """Check the file, then open the playtest; a broken file is one line and exit status 1."""
    draft = draft_for(path, content_option)
    draft.load()
    PlaytestApp(draft, seed=seed).run()
    return 0
