"""Sign a new trainee up: their name and an optional PIN."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Label, Static

from trainer.services import accounts
from trainer.ui.widgets.field_keys import FIELD_TABS, FormKeys
from trainer.ui.widgets.form_field import FormField

MAX_NAME = 60


@dataclass(frozen=True)
class NewTrainee:
    """What the modal hands back: the name to sign up with, and the PIN or None."""

    name: str
    pin: str | None


class AddTraineeModal(FormKeys, ModalScreen[NewTrainee | None]):
    """Dismisses with the new trainee's name and PIN, or None when cancelled."""

    CSS_PATH = "add_trainee.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        *FIELD_TABS,
    ]

    def __init__(self, taken_names: Collection[str] = (), *, pin_required: bool = False) -> None:
        super().__init__()
        self._taken = list(taken_names)
        self.pin_required = pin_required  # served in a browser: the PIN is how one signs in

    def compose(self) -> ComposeResult:
        with Vertical(id="add-dialog"):
            yield Label("Add yourself", id="add-title")
            yield FormField(placeholder="Your name", max_length=MAX_NAME, id="name-input")
            yield FormField(
                placeholder="PIN" if self.pin_required else "PIN (optional)",
                password=True,
                id="new-pin-input",
                moves_on=False,
            )
            yield Static("", id="add-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Add", variant="primary", id="add-ok")
                yield Button("Cancel", id="add-cancel")
        yield Footer()

    @on(Input.Submitted, "#new-pin-input")
    @on(Button.Pressed, "#add-ok")
    def _submit(self) -> None:
        typed = self.query_one("#name-input", Input).value
        pin = self.query_one("#new-pin-input", Input).value.strip()
        problem, name = "", " ".join(typed.split())
        if not name:
            problem = "Type your name first."
        else:
            problem, name = accounts.name_problem(typed, self._taken)
        if problem:
            self.query_one("#add-error", Static).update(Text(problem))
            self.query_one("#name-input", Input).focus()
            return
        if self.pin_required and not pin:
            self.query_one("#add-error", Static).update(Text(accounts.PIN_NEEDED))
            self.query_one("#new-pin-input", Input).focus()
            return
        self.dismiss(NewTrainee(name, pin or None))

    @on(Button.Pressed, "#add-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
