"""Ask a trainee who has a PIN for it before they sign in."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Label, Static

from trainer.ui.widgets.field_keys import FIELD_TABS, FormKeys
from trainer.ui.widgets.form_field import FormField


class PinModal(FormKeys, ModalScreen[bool]):
    """Dismisses with True once the right PIN is given, False when the trainee backs out."""

    CSS_PATH = "pin.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Back"), *FIELD_TABS]

    def __init__(self, name: str, check: Callable[[str], bool]) -> None:
        super().__init__()
        self.trainee_name = name
        self._check = check

    def compose(self) -> ComposeResult:
        with Vertical(id="pin-dialog"):
            yield Label(Text(f"PIN for {self.trainee_name}"), id="pin-title")
            yield FormField(placeholder="Your PIN", password=True, id="pin-input", moves_on=False)
            yield Static("", id="pin-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Sign in", variant="primary", id="pin-ok")
                yield Button("Back", id="pin-cancel")
        yield Footer()

    @on(Input.Submitted, "#pin-input")
    @on(Button.Pressed, "#pin-ok")
    def _submit(self) -> None:
        pin_input = self.query_one("#pin-input", Input)
        if self._check(pin_input.value):
            self.dismiss(True)
            return
        self.query_one("#pin-error", Static).update(
            Text(f"That is not {self.trainee_name}'s PIN. Try again, or press Esc to go back.")
        )
        pin_input.clear()
        pin_input.focus()

    @on(Button.Pressed, "#pin-cancel")
    def action_cancel(self) -> None:
        self.dismiss(False)
