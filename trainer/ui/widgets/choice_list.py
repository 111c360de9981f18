"""A quiz item's options, numbered: one picked with its number or Enter, or several ticked."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual import on
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option as ListOption

from trainer.content.quiz.model import Option

MAX_NUMBER_KEYS = 9


def choice_row(number: int, text: str, mark: Text | None) -> Table:
    """The option's number (and tick box or verdict) in their own columns, so lines wrap under the
    words."""
    row = Table.grid(padding=(0, 1))
    row.add_column(no_wrap=True, style="bold")
    if mark is not None:
        row.add_column(no_wrap=True)
    row.add_column(ratio=1)
    cells: list[Text] = [Text(str(number))]
    if mark is not None:
        cells.append(mark)
    cells.append(Text(text))
    row.add_row(*cells)
    return row


class ChoiceList(OptionList):
    """The options of one question; posts `ChoiceList.Chosen` with the option keys picked.

    With `multiple`, number keys and space tick options and Enter confirms the ticked set;
    otherwise a number key or Enter picks one option at once.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "pick(1)", "Pick", key_display="1-9"),
        *(
            Binding(str(number), f"pick({number})", f"Pick {number}", show=False)
            for number in range(2, MAX_NUMBER_KEYS + 1)
        ),
        Binding("space", "tick", "Tick"),
    ]

    class Chosen(Message):
        """Sent when the trainee answers: one key, or the ticked keys confirmed with Enter."""

        def __init__(self, choice_list: ChoiceList, keys: tuple[str, ...]) -> None:
            super().__init__()
            self.choice_list = choice_list
            self.keys = keys

        @property
        def control(self) -> ChoiceList:
            return self.choice_list

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.multiple = False
        self.choices: tuple[Option, ...] = ()
        self.ticked: set[str] = set()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "tick":
            return self.multiple
        return True

    def show_choices(self, choices: Sequence[Option], *, multiple: bool) -> None:
        """Offer these options, none ticked, the first highlighted."""
        self.multiple = multiple
        self.choices = tuple(choices)
        self.ticked = set()
        self._render_choices()
        if choices:
            self.highlighted = 0
        self.refresh_bindings()

    def show_verdict(self, picked: Collection[str], right: Collection[str]) -> None:
        """After the answer: mark the right options and the wrong picks."""
        marks = {}
        for option in self.choices:
            if option.key in right:
                marks[option.key] = Text("✓", "bold green")
            elif option.key in picked:
                marks[option.key] = Text("✗", "bold red")
            else:
                marks[option.key] = Text(" ")
        self._render_choices(marks)

    def action_pick(self, number: int) -> None:
        """Pick (or tick) the option with this number; say so when there is none."""
        if not 1 <= number <= len(self.choices):
            if self.choices:
                self.notify(
                    f"There is no option {number} here: pick 1 to {len(self.choices)}.",
                    severity="warning",
                )
            return
        self.highlighted = number - 1
        if self.multiple:
            self._toggle(number - 1)
        else:
            self.post_message(self.Chosen(self, (self.choices[number - 1].key,)))

    def action_tick(self) -> None:
        if self.multiple and self.highlighted is not None:
            self._toggle(self.highlighted)

    @on(OptionList.OptionSelected)
    def _confirm(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if self.multiple:
            keys = tuple(option.key for option in self.choices if option.key in self.ticked)
        else:
            keys = (self.choices[event.option_index].key,)
        self.post_message(self.Chosen(self, keys))

    def _toggle(self, index: int) -> None:
        key = self.choices[index].key
        self.ticked.symmetric_difference_update({key})
        highlighted = self.highlighted
        self._render_choices()
        self.highlighted = highlighted

    def _render_choices(self, marks: dict[str, Text] | None = None) -> None:
        highlighted = self.highlighted
        rows = []
        for number, option in enumerate(self.choices, start=1):
            if marks is not None:
                mark: Text | None = marks[option.key]
            elif self.multiple:
                mark = Text("[x]" if option.key in self.ticked else "[ ]")
            else:
                mark = None
            rows.append(ListOption(choice_row(number, option.text, mark), id=option.key))
        self.set_options(rows)
        if highlighted is not None and highlighted < len(rows):
            self.highlighted = highlighted
