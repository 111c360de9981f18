"""On a practice scorecard, a reply that broke a rule failing the call says so under its coach
note: the note written for the reply's good part never stands alone as praise."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Static

from tests.ui.conftest import shown_text
from trainer.cli import main
from trainer.ui.playtest import PreviewApp
from trainer.ui.screens.scorecard import ScorecardScreen


def test_a_reply_that_fails_the_call_is_flagged_under_its_note(
    mini: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rubric = mini / "scenarios" / "rubric.yaml"
    rubric.write_text(
        rubric.read_text() + "critical:\n  pushy: Pressed the client to buy before asking.\n"
    )
    seen: list[str] = []
    original = PreviewApp.run

    async def script(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        for key in ("2", "2", "1", "1"):  # push, sorry, ask, meet: a meeting booked
            await pilot.press(key)
            await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ScorecardScreen)
        seen.append(shown_text(pilot.app.screen.query_one("#notes", Static), width=200))
        seen.append(shown_text(pilot.app.screen.query_one("#verdict", Static), width=200))
        await pilot.press("ctrl+q")

    def run(self: PreviewApp) -> int | None:
        self.typing_delay = 0
        return original(self, headless=True, size=(120, 40), auto_pilot=script)

    monkeypatch.setattr(PreviewApp, "run", run)
    assert main(["preview", "first_call", "--content", str(mini)]) == 0
    notes, verdict = (" ".join(text.split()) for text in seen)
    assert "NOT PASSED" in verdict
    assert (
        "1. Buy our phones now! Coach: Too pushy. "
        "✗ This fails the call: Pressed the client to buy before asking. 2."
    ) in notes
    assert notes.count("This fails the call") == 1  # the polite replies carry no flag
