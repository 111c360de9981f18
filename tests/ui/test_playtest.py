"""trainer playtest: the scenario file playable with its machinery showing, reloading on save."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, RichLog, Static

from trainer.services.playtest import draft_for
from trainer.ui.modals.playtest import JumpModal, SetValueModal
from trainer.ui.playtest import PlaytestApp
from trainer.ui.screens.playtest import PlaytestScreen


def log_text(app: PlaytestApp) -> str:
    """The conversation log as one line of words (the log wraps long lines)."""
    lines = app.screen.query_one("#playtest-log", RichLog).lines
    return " ".join(" ".join(line.text for line in lines).split())


def header(app: PlaytestApp) -> str:
    return str(app.screen.query_one("#playtest-header", Static).render())


async def test_playtest_shows_nodes_jumps_sets_values_undoes_and_reloads(mini: Path) -> None:
    scenario_file = mini / "scenarios" / "first_call.yaml"
    app = PlaytestApp(draft_for(scenario_file, None), poll_seconds=0.05)
    async with app.run_test(size=(110, 34)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PlaytestScreen)
        assert "[hello] Ivan Petrov:" in log_text(app)
        assert "node: hello" in header(app)
        await pilot.press("1")  # intro
        await pilot.pause()
        assert "[hello] You: Hello Ivan, this is (trainer) from Northline." in log_text(app)
        assert "(hello/intro; +2 first_impression)" in log_text(app)
        assert "node: needs" in header(app)

        await pilot.press("ctrl+g")
        assert isinstance(app.screen, JumpModal)
        app.screen.query_one("#jump-nodes").highlighted = 3  # offer
        await pilot.press("enter")
        await pilot.pause()
        assert "node: offer" in header(app) and "(jumped to 'offer')" in log_text(app)
        screen = app.screen
        assert isinstance(screen, PlaytestScreen) and screen.session is not None
        assert [o.reply.id for o in screen.session.options()] == ["send"]

        for setting in ("trust = 80", "asked = true"):
            await pilot.press("ctrl+t")
            assert isinstance(app.screen, SetValueModal)
            app.screen.query_one("#set-input", Input).value = setting
            await pilot.press("enter")
            await pilot.pause()
        assert [o.reply.id for o in screen.session.options()] == ["meet", "send"]

        await pilot.press("ctrl+z")  # undo 'asked = true'
        await pilot.pause()
        assert "(set trust = 80)" in log_text(app) and "(undone: set asked = true)" in log_text(app)
        assert [o.reply.id for o in screen.session.options()] == ["send"]
        assert screen.session.meters["trust"] == 80 and len(screen.moves) == 3

        # the trainer edits the file and saves it: the playtest reloads and replays the moves
        text = scenario_file.read_text().replace("Alright, what do you suggest?", "Go on, then.")
        scenario_file.write_text(text)
        await pilot.pause(0.3)
        assert "[offer] Ivan Petrov: Go on, then." in log_text(app)
        assert "(file reloaded; 3 moves played again)" in log_text(app)
        assert len(screen.moves) == 3

        # a broken save is reported and the last good version stays
        scenario_file.write_text(text.replace("to: booked", "to: bookd"))
        await pilot.pause(0.3)
        assert "[offer] Ivan Petrov: Go on, then." in log_text(app)


def test_playtest_of_a_broken_file_is_one_line_and_exit_1(mini: Path) -> None:
    import subprocess
    import sys

    scenario_file = mini / "scenarios" / "first_call.yaml"
    scenario_file.write_text(scenario_file.read_text().replace("to: booked", "to: bookd"))
    result = subprocess.run(
        [sys.executable, "-m", "trainer", "playtest", str(scenario_file)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "goes to 'bookd', which does not exist (did you mean 'booked'?)" in result.stderr
    assert "Traceback" not in result.stderr
