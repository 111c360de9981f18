"""At 80x24 the note saying why a row is locked stays a few lines at the foot of home, rather
than a tall block over the programme list (the row says the same in the list itself)."""

from __future__ import annotations

from textual.widgets import OptionList

from tests.ui.conftest import Build, notices, sign_in
from trainer.store.models import Trainee


async def test_the_locked_note_is_short_on_a_small_terminal(build: Build, ann: Trainee) -> None:
    app = build()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await sign_in(pilot)
        programme = app.screen.query_one("#programme", OptionList)
        locked = next(
            index
            for index in range(programme.option_count)
            if (programme.get_option_at_index(index).id or "").startswith("scenario:")
        )
        programme.focus()
        programme.highlighted = locked
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert notices(pilot)[-1].startswith("Sales training opens once you pass")
        (toast,) = app.screen.query("Toast")  # by type name: Textual keeps the class private
        assert toast.region.height <= 5, toast.region
        assert toast.region.width <= 60
