"""A box of a form whose keys act in the order typed, and whose Enter moves on to the next box."""

from __future__ import annotations

from typing import Any

from textual.actions import SkipAction
from textual.widgets import Input, RadioSet

from trainer.ui.widgets.field_keys import KeysOnRead


class FormField(KeysOnRead, Input):
    """An Input whose Enter moves the focus on to the next widget of the form as the app reads
    it (on a screen with `FIELD_TABS`), unless `moves_on` is False: the last box, whose Enter
    is its Submitted, taken in its turn after the keys typed before it.
    """

    def __init__(self, *args: Any, moves_on: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.moves_on = moves_on

    def action_move_on(self) -> None:
        if not self.moves_on:
            raise SkipAction()
        self.screen.focus_next()

    async def action_submit(self) -> None:
        # Reached only on a screen without FIELD_TABS: the Enter came in its turn.
        if self.moves_on:
            self.screen.focus_next()
        else:
            await super().action_submit()


class FormRadioSet(KeysOnRead, RadioSet):
    """A radio set in a form: an arrow typed fast picks here, not in the box Tab moved to."""
