"""Sign in to the app served in a browser: a name and a PIN typed, nobody's name listed."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Button, Footer, Input, Label, Static

from trainer.errors import StoreError
from trainer.services import accounts
from trainer.ui.messages import MentorSignInRequested, SignedIn
from trainer.ui.modals.add_trainee import AddTraineeModal, NewTrainee
from trainer.ui.widgets.field_keys import FIELD_TABS, FormKeys
from trainer.ui.widgets.form_field import FormField

HELP = (
    "New here? Add yourself, with a PIN. Signed up without a PIN, or forgot it? "
    "Your mentor sets a new one."
)


class ServedSignInScreen(FormKeys, Screen[None]):
    """The first screen in a browser: whoever opens the page learns no one's name from it."""

    CSS_PATH = "served_sign_in.tcss"
    AUTO_FOCUS = "#name-input"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f2", "add_trainee", "Add yourself"),
        Binding("f3", "mentor", "Mentor"),
        *FIELD_TABS,  # the PIN never lands in the name field, whatever the speed
    ]

    def __init__(self, store: accounts.Store) -> None:
        super().__init__()
        self.store = store

    def compose(self) -> ComposeResult:
        with Vertical(id="served-sign-in-panel"):
            yield Label("Call trainer", id="served-title")
            yield Static(
                "Practise client calls against scripted clients, as often as you like.",
                id="served-tagline",
            )
            yield Label("Who is practising today?", id="served-question")
            yield FormField(placeholder="Your name", max_length=60, id="name-input")
            yield FormField(placeholder="Your PIN", password=True, id="pin-input", moves_on=False)
            yield Static("", id="served-error")
            with Horizontal(id="served-buttons"):
                yield Button("Sign in", variant="primary", id="sign-in")
                yield Button("Add yourself", id="add-yourself")
                yield Button("Mentor", id="mentor")
            yield Static(HELP, id="served-help")
        yield Footer()

    def reload(self) -> None:
        """Show the screen as new (a trainee has signed out): nothing typed, no message."""
        name_input = self.query_one("#name-input", Input)
        name_input.clear()
        self.query_one("#pin-input", Input).clear()
        self.query_one("#served-error", Static).update("")
        name_input.focus()

    @on(Input.Submitted, "#pin-input")
    @on(Button.Pressed, "#sign-in")
    def _sign_in(self) -> None:
        name_input = self.query_one("#name-input", Input)
        pin_input = self.query_one("#pin-input", Input)
        if not name_input.value.strip():
            self._say("Type your name first.", name_input)
            return
        try:
            trainee = accounts.sign_in_served(self.store, name_input.value, pin_input.value)
        except StoreError as error:
            pin_input.clear()
            self._say(_sentence(str(error)), pin_input)
            return
        name_input.clear()
        pin_input.clear()
        self.query_one("#served-error", Static).update("")
        self.post_message(SignedIn(trainee))

    def _say(self, problem: str, focus: Input) -> None:
        self.query_one("#served-error", Static).update(Text(problem))
        focus.focus()

    @on(Button.Pressed, "#add-yourself")
    def action_add_trainee(self) -> None:
        try:
            taken = [trainee.name for trainee in accounts.trainees(self.store)]
        except StoreError as error:
            self._say(_sentence(str(error)), self.query_one("#name-input", Input))
            return
        # The names stay in this process: the dialog only says whether a typed one is taken.
        self.app.push_screen(AddTraineeModal(taken, pin_required=True), self._trainee_added)

    def _trainee_added(self, new: NewTrainee | None) -> None:
        if new is None:
            return
        try:
            trainee = accounts.add_trainee(self.store, new.name, new.pin, pin_required=True)
        except StoreError as error:
            self.notify(str(error), title="Could not add you", severity="error", markup=False)
            return
        self.post_message(SignedIn(trainee))

    @on(Button.Pressed, "#mentor")
    def action_mentor(self) -> None:
        """Open the mentor sign-in; the mentor screens come only after the passphrase."""
        self.post_message(MentorSignInRequested())


def _sentence(message: str) -> str:
    message = message[:1].upper() + message[1:]
    return message if message.endswith((".", "!", "?")) else message + "."
