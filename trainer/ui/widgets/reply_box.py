"""The box for the trainee's own words: a one-line Input that keeps every line of a paste."""

from __future__ import annotations

import re

from textual import events
from textual.widgets import Input

_BREAKS = re.compile(r"\s*[\t\r\n]\s*")


def one_line(text: str) -> str:
    """Pasted text as one line: each line break or tab, with the spaces around it, is a space."""
    return _BREAKS.sub(" ", text)


class ReplyBox(Input):
    """An Input for a spoken reply; a paste of several lines lands whole, not only its first.

    A `?` typed into the empty box opens the keys (no reply starts with one); anywhere else
    in the words it is text.
    """

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

    def on_paste(self, event: events.Paste) -> None:
        # Input keeps only the first line of a paste; a reply said aloud is one line.
        event.stop()
        event.prevent_default()
        self.add_text(one_line(event.text))
