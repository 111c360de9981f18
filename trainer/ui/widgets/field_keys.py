"""Keys of a form act in the order typed: focus moves as a key is read, a box acts on its own."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events
from textual.actions import SkipAction
from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget

# Keys read in one go (a fast typist, a paste the terminal does not mark, a password manager)
# are each handed to the widget focused when the app reads them. A key that moves the focus must
# therefore move it then, as a priority binding: otherwise the keys read after it are handed to
# the box it leaves (12 Tab 2 gave 122 calls; a passphrase typed after Tab landed in the name).
FIELD_TABS = (
    Binding("tab", "app.focus_next", "Next field", show=False, priority=True),
    Binding("shift+tab", "app.focus_previous", "Previous field", show=False, priority=True),
    # Enter in a box that moves on (`FormField`); anywhere else it goes on to the focused widget.
    Binding("enter", "move_on", show=False, priority=True),  # the screen is a `FormKeys`
)


if TYPE_CHECKING:
    _Mixin = Widget
else:
    # Not a widget itself: Textual takes a widget's CSS and component classes from its first
    # widget base, which must stay the widget it is mixed into.
    _Mixin = object


class KeysOnRead(_Mixin):
    """A widget that acts on its own keys (Backspace, arrows, Enter) when it reads them.

    Textual runs a widget's key bindings only once the key has bubbled back up to the app,
    behind every key read after it, and against whatever has the focus by then: a fast
    `xyz⌫⌫⌫pass` deleted the end of `pass`, and a Right meant for a radio set moved the cursor
    in the box after it. Mixed in before the widget class: `class X(KeysOnRead, Input)`.
    """

    async def _on_key(self, event: events.Key) -> None:
        for binding in self._bindings.key_to_bindings.get(event.key, ()):
            if not binding.priority and await self.app.run_action(binding.action, self):
                event.stop()
                event.prevent_default()
                return
        await super()._on_key(event)

    def action_move_on(self) -> None:
        """Enter read by the form: the focused widget takes it itself, in its turn."""
        raise SkipAction()


class FormKeys:
    """A form's screen (with `FIELD_TABS` in its bindings): Enter read in a box that moves on
    moves the focus there and then; anywhere else it goes on to the focused widget."""

    def action_move_on(self) -> None:
        assert isinstance(self, Screen)
        focused = self.focused
        if not isinstance(focused, KeysOnRead):
            raise SkipAction()
        focused.action_move_on()
