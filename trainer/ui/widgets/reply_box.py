"""The box for the trainee's own words: a one-line Input that keeps every line of a paste, and
keeps its words unsent through a quit."""

from __future__ import annotations

import re
from collections.abc import Callable

from textual import events
from textual.timer import Timer
from textual.widgets import Input

_BREAKS = re.compile(r"\s*[\t\r\n]\s*")


def one_line(text: str) -> str:
    """Pasted text as one line: each line break or tab, with the spaces around it, is a space."""
    return _BREAKS.sub(" ", text)


class ReplyBox(Input):
    """An Input for a spoken reply; a paste of several lines lands whole, not only its first.

    A `?` typed into the empty box opens the keys (no reply starts with one); anywhere else
    in the words it is text. With `keep` set, the words are handed to it after each pause in
    typing (not at every key) and once more as the box goes, so a quit loses none of them.
    """

    DRAFT_PAUSE = 1.0  # seconds without a change before the words are handed to `keep`

    keep: Callable[[str], None] | None = None  # set by the screen that keeps the words
    _draft_timer: Timer | None = None

    async def _on_key(self, event: events.Key) -> None:
        if event.character == "?" and not self.value:
            event.stop()
            event.prevent_default()
            await self.run_action("app.keys")
            return
        await super()._on_key(event)

    def add_text(self, text: str) -> None:
        """Put text at the cursor (over a selection), as if the trainee had typed it here."""
        if not text:
            return
        selection = self.selection
        if selection.is_empty:
            self.insert_text_at_cursor(text)
        else:
            self.replace(text, *selection)

    def restore(self, text: str) -> None:
        """Put words kept from before back in the box, the cursor after them, and focus it."""
        self.value = text
        self.cursor_position = len(text)
        self.focus()

    def take_sent(self, sent: str) -> str:
        """Take the words just sent out of the box; what is left, the cursor after it.

        Keys read in one go with the Enter (a fast typist's next words) reach the box before
        the screen handles the Enter: they stay.
        """
        rest = self.value[len(sent) :] if self.value.startswith(sent) else ""
        self.value = rest
        self.cursor_position = len(rest)
        return rest

    def on_paste(self, event: events.Paste) -> None:
        # Input keeps only the first line of a paste; a reply said aloud is one line.
        event.stop()
        event.prevent_default()
        self.add_text(one_line(event.text))

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input is not self or self.keep is None:
            return
        if self._draft_timer is None:
            self._draft_timer = self.set_timer(self.DRAFT_PAUSE, self._hand_over)
        else:
            self._draft_timer.reset()

    def _hand_over(self) -> None:
        self._draft_timer = None
        if self.keep is not None:
            self.keep(self.value)

    def on_unmount(self) -> None:
        # The screen is leaving (a quit, the terminal closing the app): the last words typed.
        if self._draft_timer is not None:
            self._draft_timer.stop()
        self._hand_over()
