"""An entry of a side list that wraps under itself: a long title reads whole in a narrow list,
its later lines set in further than its first, so that they never pass for another entry."""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.text import Text

HANG = 2  # how much further in than the first line a wrapped line starts


class HangingLabel:
    """`text` after `lead` (a mark, or nothing) in a column `indent` cells wide; wrapped to the
    list's width at render time, so it fits whatever width the terminal gives the list."""

    def __init__(self, text: Text | str, lead: Text | str = "", indent: int = 0) -> None:
        self.text = Text(text) if isinstance(text, str) else text
        self.lead = Text(lead) if isinstance(lead, str) else lead
        self.indent = indent

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.wrapped(console, options.max_width)

    def wrapped(self, console: Console, width: int) -> Text:
        """The label as lines of at most `width` cells: the first with the lead, the rest in."""
        room = max(1, width - self.indent)
        first, *more = self.text.wrap(console, room, overflow="fold")
        lines = [first]
        if more:  # the rest, wrapped again in the narrower room under the first line
            rest = self.text.plain[len(first.plain) :].lstrip()
            rest_text = self.text[len(self.text.plain) - len(rest) :]
            lines += rest_text.wrap(console, max(1, room - HANG), overflow="fold")
        lead = self.lead.copy()
        lead.truncate(self.indent, pad=True)
        shown = Text(no_wrap=True, overflow="crop")
        for number, line in enumerate(lines):
            shown.append_text(lead if number == 0 else Text("\n" + " " * (self.indent + HANG)))
            line.rstrip()
            shown.append_text(line)
        return shown

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        longest = self.indent + self.text.cell_len
        return Measurement(min(longest, self.indent + HANG + 1), longest)
