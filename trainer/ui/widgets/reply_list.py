"""The replies on offer, numbered; picked with their number key, or the arrows and Enter.

Any other printable key starts the trainee's own words: the list hands it on, so nothing typed
before focus reaches the reply box is lost.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual import events, on
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option as ListOption

from trainer.engine.session import Option

MAX_NUMBER_KEYS = 9
DIGITS = frozenset("0123456789")


def numbered(number: int, text: str) -> Table:
    """The reply's number in its own column, so wrapped lines stay under the words."""
    row = Table.grid(padding=(0, 1))
    row.add_column(no_wrap=True, style="bold")
    row.add_column(ratio=1)
    row.add_row(Text(str(number)), Text(text))
    return row


class ReplyList(OptionList):
    """The trainee's numbered replies; posts `ReplyList.Chosen` with the on-screen number.

    A digit picks its reply only when it comes alone: the pick waits until the keys read with
    it (a burst, as from a paste the terminal did not mark) have reached the list, and any
    printable key among them turns the digit into the first character of typed words.
    """

    # Shown in the footer and the keys panel; the keys themselves are read in `_on_key`.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "choose(1)", "Reply", key_display="1-9"),
        *(
            Binding(str(number), f"choose({number})", f"Reply {number}", show=False)
            for number in range(2, MAX_NUMBER_KEYS + 1)
        ),
    ]

    class Chosen(Message):
        """Sent when the trainee picks a reply, by its number key or with Enter."""

        def __init__(self, reply_list: ReplyList, number: int) -> None:
            super().__init__()
            self.reply_list = reply_list
            self.number = number

        @property
        def control(self) -> ReplyList:
            return self.reply_list

    class Send(Message):
        """Sent when Enter ends words that were typed on the list before focus reached the box:
        the words are sent, not the reply under the highlight."""

        def __init__(self, reply_list: ReplyList) -> None:
            super().__init__()
            self.reply_list = reply_list

        @property
        def control(self) -> ReplyList:
            return self.reply_list

    class Typed(Message):
        """Sent when printable keys reach the list: the start of the trainee's own words."""

        def __init__(self, reply_list: ReplyList, text: str) -> None:
            super().__init__()
            self.reply_list = reply_list
            self.text = text

        @property
        def control(self) -> ReplyList:
            return self.reply_list

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._waiting_digit: str | None = None  # pressed, not yet known to be alone
        self._typing = False  # words have started: every printable key is text until blur

    def show_options(self, options: Sequence[Option]) -> None:
        """Offer these replies, the first one highlighted."""
        self.set_options(
            ListOption(numbered(option.number, option.text), id=str(option.number))
            for option in options
        )
        if options:
            self.highlighted = 0

    def action_choose(self, number: int) -> None:
        """Pick the reply with this number; say so when there is none (not while none is shown)."""
        if 1 <= number <= self.option_count:
            self.post_message(self.Chosen(self, number))
        elif self.option_count:
            self.notify(
                f"There is no reply {number} here: pick 1 to {self.option_count}, "
                "or type your own words.",
                severity="warning",
            )

    async def _on_key(self, event: events.Key) -> None:
        character = event.character
        if event.key == "enter" and (self._typing or self._waiting_digit is not None):
            # Keys read in one go: the Enter came before focus moved on. It ends the words
            # (posted after their `Typed`, so the box has them all), or picks the digit's reply.
            event.stop()
            event.prevent_default()
            if self._typing:
                self.post_message(self.Send(self))
            else:
                self._choose_waiting_digit()
            return
        if not event.is_printable or character is None:
            return
        event.stop()
        event.prevent_default()
        if character in DIGITS and not self._typing and self._waiting_digit is None:
            self._waiting_digit = character
            # Only once the keys read with it have reached the list is the digit known to be
            # alone. They wait in the app's queue until the app hands them on, which it may do
            # after this list has run (an update between two keys is enough): so the check
            # queues behind them there first, then behind them here.
            self.app.call_later(self.call_later, self._choose_waiting_digit)
            return
        self._typing = True
        waiting, self._waiting_digit = self._waiting_digit or "", None
        self.post_message(self.Typed(self, waiting + character))

    def _choose_waiting_digit(self) -> None:
        digit, self._waiting_digit = self._waiting_digit, None
        if digit is not None:
            self.action_choose(int(digit))

    def _on_blur(self, event: events.Blur) -> None:
        self._typing = False

    @on(OptionList.OptionSelected)
    def _post_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_id is not None:
            self.post_message(self.Chosen(self, int(event.option_id)))
