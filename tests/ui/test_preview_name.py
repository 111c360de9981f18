"""`trainer preview`'s lines say a trainee's name where a trainee's would go: a sample one, or the
one given with --name; never a placeholder such as "(preview)"."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from tests.ui.conftest import shown_text_of
from trainer.cli import main
from trainer.ui.playtest import PreviewApp
from trainer.ui.screens.call import CallScreen
from trainer.ui.widgets.reply_list import ReplyList


def offered_after_a_push(monkeypatch: pytest.MonkeyPatch, argv: list[str]) -> str:
    """Run `trainer preview` headless, take the pushy reply, and return the screen then."""
    seen: list[str] = []
    original = PreviewApp.run

    async def script(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        assert isinstance(pilot.app.screen, CallScreen)
        await pilot.press("2")  # push: the client asks who is calling
        await pilot.pause()
        replies = pilot.app.screen.query_one(ReplyList)
        seen.append(
            " ".join(
                shown_text_of(replies.get_option_at_index(index).prompt)
                for index in range(replies.option_count)
            )
        )
        await pilot.press("ctrl+q")

    def run(self: PreviewApp) -> int | None:
        self.typing_delay = 0
        return original(self, headless=True, size=(120, 40), auto_pilot=script)

    monkeypatch.setattr(PreviewApp, "run", run)
    assert main(argv) == 0
    (shown,) = seen
    return " ".join(shown.split())


@pytest.mark.parametrize(("extra", "name"), [([], "Alex"), (["--name", "Dana Kim"], "Dana Kim")])
def test_the_lines_say_a_name_not_a_placeholder(
    mini: Path, monkeypatch: pytest.MonkeyPatch, extra: list[str], name: str
) -> None:
    shown = offered_after_a_push(
        monkeypatch, ["preview", "first_call", "--content", str(mini), *extra]
    )
    assert f"Sorry, I should have said who I am. {name} from" in shown
    assert "(preview)" not in shown
