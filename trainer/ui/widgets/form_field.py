"""A box of a form that Enter leaves for the next box at once, however fast the typing."""

from __future__ import annotations

from textual import events
from textual.widgets import Input


class FormField(Input):
    """An Input whose Enter moves the focus on to the next `FormField` before any further key
    is read (unless `moves_on` is False: the last box, whose Enter is its Submitted).

    Keys a terminal hands over in one read (a fast typist, a busy machine) are all routed to
    the box that had the focus when they were read; those that come after an Enter are handed
    on to the box that has it now, so "12⏎2" is 12 in one box and 2 in the next.
    """

    moves_on = True

    async def action_submit(self) -> None:
        if self.moves_on:
            self.screen.focus_next(FormField)
        else:
            await super().action_submit()

    async def _on_key(self, event: events.Key) -> None:
        focused = self.screen.focused
        if focused is not self and isinstance(focused, FormField):
            event.stop()
            event.prevent_default()
            focused.post_message(events.Key(event.key, event.character))
            return
        if event.key == "enter" and self.moves_on:
            # Here, not through the binding: a binding is looked up only once the key has
            # bubbled up to the app, after this box has read every key queued behind it.
            event.stop()
            event.prevent_default()
            await self.action_submit()
            return
        await super()._on_key(event)
