"""trainer preview: a trainer plays any scenario as a trainee, past the gates, recording nothing."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Static

from trainer.cli import main
from trainer.store.database import open_store
from trainer.store.trainees import add_trainee
from trainer.ui.playtest import PreviewApp
from trainer.ui.screens.call import CallScreen
from trainer.ui.screens.scorecard import ScorecardScreen


def counts(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as connection:
        return {
            table: connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("trainees", "attempts", "turns")
        }


def run_headless(monkeypatch: pytest.MonkeyPatch, script: Any) -> list[PreviewApp]:
    """Make `trainer preview` run its app headless at 100x30, driven by `script`."""
    ran: list[PreviewApp] = []
    original = PreviewApp.run

    def run(self: PreviewApp) -> int | None:
        ran.append(self)
        self.typing_delay = 0
        return original(self, headless=True, size=(100, 30), auto_pilot=script)

    monkeypatch.setattr(PreviewApp, "run", run)
    return ran


def test_a_preview_plays_the_call_as_a_trainee_and_nothing_lands_in_the_database(
    mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "team.db"
    with open_store(db) as records:
        add_trainee(records, "Ana")
    before = counts(db)
    seen: dict[str, object] = {}

    async def play(pilot: Pilot[int]) -> None:
        app = pilot.app
        await pilot.pause()
        assert isinstance(app.screen, CallScreen)
        seen["banner"] = str(app.screen.query_one("#call-preview", Static).render())
        for key in ("1", "1", "2"):  # intro, ask, send: the call ends lost
            await pilot.press(key)
            await pilot.pause()
        await pilot.press("enter")  # the scorecard
        await pilot.pause()
        seen["scorecard"] = isinstance(app.screen, ScorecardScreen)
        await pilot.press("escape")

    ran = run_headless(monkeypatch, play)
    code = main(["preview", "first_call", "--content", str(mini), "--db", str(db)])
    assert code == 0 and len(ran) == 1
    assert seen == {"banner": "Preview — nothing is recorded", "scorecard": True}
    assert counts(db) == before == {"trainees": 1, "attempts": 0, "turns": 0}


async def test_the_preview_screen_is_marked_and_the_call_is_the_trainees(mini: Path) -> None:
    from trainer.content.loader import load_content
    from trainer.engine.turns import Mode

    content = load_content(mini)
    scenario = content.scenario("first_call")
    app = PreviewApp(content, scenario, content.persona("ivan"), Mode.PRACTICE, typing_delay=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CallScreen) and screen.preview
        banner = screen.query_one("#call-preview", Static)
        assert banner.region.height == 1 and banner.region.width == 100
        assert screen.call is not None and screen.call.store is None
        await pilot.press("1")
        await pilot.pause()
        assert screen.session is not None and screen.session.state == "needs"


def test_preview_of_the_exam_is_a_mentors_and_a_wrong_persona_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "none.db"
    assert main(["preview", "final_exam_close_deal", "--db", str(db)]) == 1
    err = capsys.readouterr().err
    assert "only a mentor can open the final exam" in err and "Traceback" not in err
    assert not db.exists()
    assert main(["preview", "book_meeting", "--persona", "nobody"]) == 1
    assert "nobody" in capsys.readouterr().err
