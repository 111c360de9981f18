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
    line: int  # which `$` line of its block it is on
    output: list[str] = field(default_factory=list)  # lines the guide says it prints


def blocks() -> list[list[Command]]:
    """Each console block of the guide: its `$` commands and the output shown under each."""
    found: list[list[Command]] = []
    for match in BLOCK.finditer(GUIDE.read_text()):
        commands: list[Command] = []
        dollar_lines = 0
        for line in match[2].splitlines():
            line = line.strip()
            if line.startswith("$ "):  # `a && b` runs b only if a succeeds: both must here
                dollar_lines += 1
                for part in line[2:].split(" && "):
                    argv = shlex.split(part, comments=True)
                    commands.append(Command(argv, part, dollar_lines))
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


# Commands that change the folder a later command of the block reads. Every other command must
# leave it as it was (the first part of each block checks that), so a block's whole-set checks can
# run as parts of their own, on other workers, after replaying only these.
WRITERS = {"cd", "init", "new", "schema"}


def _is_whole_set_check(command: Command) -> bool:
    """`trainer test` or `trainer validate --strict`: seconds each over the whole content set."""
    name = command.argv[1:2]
    return name == ["test"] or (name == ["validate"] and "--strict" in command.argv)


def parts(block: list[Command]) -> list[tuple[list[Command], list[Command]]]:
    """A block as (commands replayed first, commands checked) parts: the block without its
    lines of whole-set checks, then each such line after the writers that came before it."""
    checks = sorted({c.line for c in block if _is_whole_set_check(c)})
    rest = [command for command in block if command.line not in checks]
    found: list[tuple[list[Command], list[Command]]] = [([], rest)] if rest else []
    for line in checks:
        replayed = [
            c for c in block if c.line < line and (c.argv[0] == "cd" or c.argv[1] in WRITERS)
        ]
        found.append((replayed, [c for c in block if c.line == line]))
    return found


PARTS = [
    (number, part) for number, block in enumerate(blocks()) for part in range(len(parts(block)))
]


def test_each_line_of_whole_set_checks_is_a_part_after_the_writers_before_it() -> None:
    block = blocks()[3]
    writers = [
        "trainer init my-content",
        "cd my-content",
        "trainer new scenario price_objection",
        "trainer schema --with-ids --output docs/schema",
    ]
    shown = [[[c.shown for c in cs] for cs in part] for part in parts(block)]
    assert shown[1:] == [
        [writers, ["trainer test --coverage"]],
        [writers, ["trainer validate --strict --gameability-budget 0", "trainer test"]],
    ]
    checked = [c.shown for part in parts(block) for c in part[1]]
    assert sorted(checked) == sorted(c.shown for c in block)  # every command checked once
    assert [len(parts(b)) for b in blocks()[:3]] == [1, 1, 1]  # nothing heavy: one part


@pytest.mark.parametrize(("number", "part"), PARTS, ids=[f"{n}-{p}" for n, p in PARTS])
def test_a_console_block_of_the_guide_runs_as_written(
    number: int,
    part: int,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    block = blocks()[number]
    replayed, commands = parts(block)[part]
    monkeypatch.delenv("TRAINER_CONTENT", raising=False)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))  # `play` without --replies: hangs up
    windows = _headless_windows(monkeypatch)
    if block[0].argv[:2] != ["trainer", "init"]:  # the block runs inside a content folder
        assert main(["init", str(tmp_path / "content")]) == 0
        tmp_path = tmp_path / "content"
    monkeypatch.chdir(tmp_path)
    for command in replayed:
        _run(command, monkeypatch, capsys)
    for command in commands:
        before = _files(tmp_path)
        _run(command, monkeypatch, capsys, check_output=True)
        if command.argv[0] != "cd" and command.argv[1] not in WRITERS:
            assert _files(tmp_path) == before, f"$ {command.shown} changed the folder"
        if command.argv[1] in ("playtest", "preview"):
            assert windows.pop() == command.argv[1]
    assert windows == []


def _run(
    command: Command,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    check_output: bool = False,
) -> None:
    if command.argv[0] == "cd":
        monkeypatch.chdir(command.argv[1])
        return
    assert command.argv[0] == "trainer", command.shown
    capsys.readouterr()
    status = main(command.argv[1:])
    captured = capsys.readouterr()
    assert status == 0, f"$ {command.shown}\n{captured.out}\n{captured.err}"
    assert "Traceback" not in captured.err
    for line in command.output if check_output else []:
        assert line in captured.out.replace("\n", " ") + " ", (command.shown, line)


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


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
