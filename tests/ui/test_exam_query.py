"""The exam in the app: a quote typed with a wrong total is queried by the client and the call
waits; the trainee types it right and the call goes on. Both lines are in the database."""

from __future__ import annotations

import re
from pathlib import Path

from textual.widgets import Input

from tests.ui.conftest import frozen_clock, rows, sign_in, unlock_stage
from tests.ui.test_bundled import FixedSeeds, exam_scripts, play_script
from trainer.content.content_set import ContentSet
from trainer.engine.turns import Speaker
from trainer.store.database import Store
from trainer.store.models import Trainee
from trainer.ui.app import make_app
from trainer.ui.modals.confirm import ConfirmModal
from trainer.ui.routes import programme as programme_routes
from trainer.ui.screens.call import CallScreen

AMOUNT = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d\d)?")


def off_by_a_hundred(amount: str) -> str:
    value = float(amount.replace(",", "")) + 100
    return f"{value:,.2f}" if "." in amount else f"{value:,.0f}"


async def test_a_wrong_total_in_the_exam_is_queried_and_can_be_put_right(
    bundled: ContentSet, store: Store, ann: Trainee, db_path: Path
) -> None:
    script = exam_scripts(bundled, True)
    app = make_app(
        bundled, store.path, typing_delay=0, clock=frozen_clock, seeds=FixedSeeds(script.seed)
    )
    unlock_stage(store, ann.id, bundled, 4)
    async with app.run_test(size=(100, 30)) as pilot:
        await sign_in(pilot)
        programme_routes.show_briefing(app.router, script.scenario)
        await pilot.pause()
        await pilot.press("enter")
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("y")
        await pilot.pause()
        call = app.screen
        assert isinstance(call, CallScreen) and call.session is not None
        script = exam_scripts(bundled, True, call.scenario.id)
        for step, following in zip(script.replies, script.replies[1:], strict=False):
            await play_script(pilot, call, [step])
            quote = next(
                (o.text for o in call.session.options() if o.reply.id == following.reply_id),
                None,
            )
            if quote is not None and AMOUNT.findall(quote):
                break
        assert quote is not None, "the strongest script quotes no total"
        total = AMOUNT.findall(quote)[-1]
        wrong = off_by_a_hundred(total)
        node = call.session.state
        say = call.query_one("#say-input", Input)
        say.focus()
        say.value = quote.replace(total, wrong)
        await pilot.press("enter")
        await pilot.pause()
        client = [t for t in call.session.turns if t.speaker is Speaker.CLIENT][-1]
        assert client.text.startswith(f"€{wrong}? ") and call.session.state == node
        say.focus()
        say.value = quote
        await pilot.press("enter")
        await pilot.pause()
        assert call.session.state != node and call.session.turns[-2].reply is not None
    stored = rows(
        db_path,
        "SELECT reply_key, typed_text FROM turns WHERE speaker = 'trainee' AND typed_text "
        "IS NOT NULL ORDER BY idx",
    )
    assert stored == [(None, quote.replace(total, wrong)), (call.session.turns[-2].reply, quote)]
