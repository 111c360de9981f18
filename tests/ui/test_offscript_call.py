"""The call screen: an off-script line is answered in the persona's own words, on screen."""

from __future__ import annotations

from textual.widgets import Input, Static

from tests.ui.conftest import AppFactory, sign_in, start_call
from trainer.engine import offscript
from trainer.engine.offscript import Kind
from trainer.store.database import Store
from trainer.store.trainees import add_trainee
from trainer.ui.screens.call import CallScreen


def texts(screen: object, selector: str) -> list[str]:
    assert isinstance(screen, CallScreen)
    return [str(line.render()) for line in screen.query(selector).results(Static)]


async def test_rudeness_is_answered_in_character_on_the_call_screen(
    make: AppFactory, store: Store
) -> None:
    add_trainee(store, "Ann Lee")
    app = make()
    async with app.run_test(size=(100, 30)) as pilot:
        await sign_in(pilot)
        call = await start_call(pilot)
        assert call.session is not None
        before = len(texts(call, ".client-line"))
        await pilot.press("tab")
        call.query_one("#say-input", Input).value = "Calm down, mate"
        await pilot.press("enter")
        await pilot.pause()
        for _ in range(40):  # the client "types" before the line appears
            if len(texts(call, ".client-line")) > before:
                break
            await pilot.pause(0.05)
        answer = texts(call, ".client-line")[-1]
        assert any(line in answer for line in offscript.DEFAULTS[Kind.RUDE].lines)
        notes = " ".join(texts(call, ".coach-line"))
        assert "could not follow" not in notes
        assert "Off the script" in notes
        assert call.session.turns[-2].tags == ("rude",)
