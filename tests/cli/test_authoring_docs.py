"""docs/authoring.md tells the truth: its shell commands run, as written, in a fresh folder."""

from __future__ import annotations

import io
import re
import shlex
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from textual.pilot import Pilot

from trainer.cli import main
from trainer.ui.playtest import PlaytestApp, PreviewApp
from trainer.ui.screens.call import CallScreen
from trainer.ui.screens.playtest import PlaytestScreen

GUIDE = Path(__file__).parents[2] / "docs" / "authoring.md"
BLOCK = re.compile(r"^( *)```console\n(.*?)^\1```", re.M | re.S)


@dataclass
class Command:
    argv: list[str]
    shown: str  # as the guide writes it
    output: list[str] = field(default_factory=list)  # lines the guide says it prints


def blocks() -> list[list[Command]]:
    """Each console block of the guide: its `$` commands and the output shown under each."""
    found: list[list[Command]] = []
    for match in BLOCK.finditer(GUIDE.read_text()):
        commands: list[Command] = []
        for line in match[2].splitlines():
            line = line.strip()
            if line.startswith("$ "):  # `a && b` runs b only if a succeeds: both must here
                for part in line[2:].split(" && "):
                    commands.append(Command(shlex.split(part, comments=True), part))
            elif line:
                commands[-1].output.append(line)
        found.append(commands)
    return found


def test_the_guide_has_runnable_blocks_with_every_authoring_command() -> None:
    used = {command.argv[1] for block in blocks() for command in block if len(command.argv) > 1}
    assert {
        "init",
        "new",
        "validate",
        "play",
        "playtest",
        "preview",
        "graph",
        "schema",
        "test",
    } <= used


@pytest.mark.parametrize("number", range(len(blocks())))
def test_a_console_block_of_the_guide_runs_as_written(
    number: int,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    commands = blocks()[number]
    monkeypatch.delenv("TRAINER_CONTENT", raising=False)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))  # `play` without --replies: hangs up
    windows = _headless_windows(monkeypatch)
    if commands[0].argv[:2] != ["trainer", "init"]:  # the block runs inside a content folder
        assert main(["init", str(tmp_path / "content")]) == 0
        tmp_path = tmp_path / "content"
    monkeypatch.chdir(tmp_path)
    capsys.readouterr()
    for command in commands:
        if command.argv[0] == "cd":
            monkeypatch.chdir(command.argv[1])
            continue
        assert command.argv[0] == "trainer", command.shown
        status = main(command.argv[1:])
        captured = capsys.readouterr()
        assert status == 0, f"$ {command.shown}\n{captured.out}\n{captured.err}"
        assert "Traceback" not in captured.err
        for line in command.output:
            assert line in captured.out.replace("\n", " ") + " ", (command.shown, line)
        if command.argv[1] in ("playtest", "preview"):
            assert windows.pop() == command.argv[1]
    assert windows == []


def _headless_windows(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Run `playtest` and `preview` headless: each checks its screen opened, then quits."""
    opened: list[str] = []

    def headless(app_class: type[PlaytestApp | PreviewApp], name: str, screen: type) -> None:
        original = app_class.run

        async def look_and_quit(pilot: Pilot[object]) -> None:
            await pilot.pause()
            assert isinstance(pilot.app.screen, screen)
            opened.append(name)
            await pilot.press("ctrl+q")

        def run(self: PlaytestApp | PreviewApp) -> int | None:
            if isinstance(self, PreviewApp):
                self.typing_delay = 0
            result: int | None = original(
                self, headless=True, size=(100, 30), auto_pilot=look_and_quit
            )
            return result

        monkeypatch.setattr(app_class, "run", run)

    headless(PlaytestApp, "playtest", PlaytestScreen)
    headless(PreviewApp, "preview", CallScreen)
    return opened
