"""The replies on offer, numbered; picked with their number key, or the arrows and Enter."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual import on
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option as ListOption

from trainer.engine.session import Option

MAX_NUMBER_KEYS = 9


def numbered(number: int, text: str) -> Table:
    """The reply's number in its own column, so wrapped lines stay under the words."""
    row = Table.grid(padding=(0, 1))
    row.add_column(no_wrap=True, style="bold")
    row.add_column(ratio=1)
    row.add_row(Text(str(number)), Text(text))
    return row


class ReplyList(OptionList):
    """The trainee's numbered replies; posts `ReplyList.Chosen` with the on-screen number."""

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

    def show_options(self, options: Sequence[Option]) -> None:
        """Offer these replies, the first one highlighted."""
        self.set_options(
            ListOption(numbered(option.number, option.text), id=str(option.number))
            for option in options
        )
        if options:
            self.highlighted = 0

    def action_choose(self, number: int) -> None:
        if 1 <= number <= self.option_count:
            self.post_message(self.Chosen(self, number))

    @on(OptionList.OptionSelected)
    def _post_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_id is not None:
            self.post_message(self.Chosen(self, int(event.option_id)))
