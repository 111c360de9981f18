"""Mentor sign-in: pick or type the mentor's name, give the passphrase; wrong ones slow down."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.suggester import SuggestFromList
from textual.widgets import Button, Footer, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from trainer.errors import StoreError
from trainer.services import accounts
from trainer.ui.messages import MentorSignedIn
from trainer.ui.widgets.field_keys import FIELD_TABS, FormKeys
from trainer.ui.widgets.form_field import FormField

NO_MENTOR = "No mentor yet: a mentor is added with `trainer mentor add NAME`"


def sentence(message: str) -> str:
    """A store message as a sentence on screen: capital first, full stop last."""
    message = message[:1].upper() + message[1:]
    return message if message.endswith((".", "!", "?")) else message + "."


class MentorSignInScreen(FormKeys, Screen[None]):
    """Asks for a mentor's name and passphrase; only a right passphrase opens the mentor screens."""

    CSS_PATH = "mentor_sign_in.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Trainee sign-in"),
        *FIELD_TABS,  # the passphrase never lands in the name field, whatever the speed
    ]

    class Checked(Message):
        """Sent by the worker once the passphrase was checked: the mentor, or why not."""

        def __init__(self, card: accounts.MentorCard | None, problem: str = "") -> None:
            super().__init__()
            self.card = card
            self.problem = problem

    def __init__(self, store: accounts.Store, *, served: bool = False) -> None:
        """`served`: in a browser, where whoever has the address sees this screen, the
        mentors' names are neither listed nor suggested."""
        super().__init__()
        self.store = store
        self.served = served
        self.names: list[str] = []
        self.problem = ""
        try:
            self.names = accounts.mentor_names(store)
        except StoreError as error:
            self.problem = sentence(str(error))

    def compose(self) -> ComposeResult:
        with Vertical(id="mentor-sign-in-panel"):
            yield Label("Mentor sign-in", id="mentor-sign-in-title")
            yield Static(
                "Review calls, comment, override results, grant retakes.",
                id="mentor-sign-in-about",
            )
            if self.problem or not self.names:
                yield Static(Text(self.problem or NO_MENTOR), id="no-mentor")
            elif self.served:
                yield FormField(placeholder="Mentor's name", id="mentor-name")
            else:
                yield FormField(
                    value=self.names[0] if len(self.names) == 1 else "",
                    placeholder="Mentor's name (type it or pick it below)",
                    suggester=SuggestFromList(self.names, case_sensitive=False),
                    id="mentor-name",
                )
            if self.names and not self.problem:
                # In the order Tab takes them, as they read: the passphrase right after the
                # name, then the buttons; the list to pick a name from comes last.
                yield FormField(
                    placeholder="Passphrase", password=True, id="mentor-passphrase", moves_on=False
                )
                yield Static("", id="mentor-error")
                with Horizontal(classes="dialog-buttons"):
                    # Compact, so the list of mentors keeps its rows at 80x24.
                    yield Button("Sign in", variant="primary", id="mentor-sign-in", compact=True)
                    yield Button("Back", id="mentor-back", compact=True)
                if not self.served:
                    yield Label("Mentors", id="mentor-list-title")
                    yield OptionList(
                        *(Option(Text(name), id=str(n)) for n, name in enumerate(self.names)),
                        id="mentor-list",
                    )
                yield Static(
                    "Enter signs in; Esc goes back to the trainee sign-in.", id="mentor-help"
                )
        yield Footer()

    def on_mount(self) -> None:
        if not self.names:
            return
        # On the name even when it is filled in (the only mentor), selected so that typing
        # replaces it: a mentor types name, Tab, passphrase as on any sign-in, and a name typed
        # into a passphrase box would be a failed sign-in.
        self.query_one("#mentor-name", Input).focus()

    @on(OptionList.OptionSelected, "#mentor-list")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.query_one("#mentor-name", Input).value = self.names[int(event.option_id or 0)]
        self.query_one("#mentor-passphrase", Input).focus()

    @on(Input.Submitted, "#mentor-passphrase")
    @on(Button.Pressed, "#mentor-sign-in")
    def _passphrase_given(self) -> None:
        name = " ".join(self.query_one("#mentor-name", Input).value.split())
        passphrase = self.query_one("#mentor-passphrase", Input).value
        if not name:
            self._refuse("Type or pick the mentor's name first.", focus="#mentor-name")
            return
        if not passphrase:
            self._refuse("Type the passphrase, then press Enter.")
            return
        self.query_one("#mentor-error", Static).update(Text("Checking the passphrase…"))
        self._set_busy(True)
        self.check(name, passphrase)

    @work(thread=True, exclusive=True, group="mentor-sign-in")
    def check(self, name: str, passphrase: str) -> None:
        """Check the passphrase off the event loop: its hash takes a noticeable moment."""
        try:
            card = accounts.sign_in_mentor(self.store, name, passphrase)
        except StoreError as error:
            self.post_message(self.Checked(None, sentence(str(error))))
            return
        self.post_message(self.Checked(card))

    @on(Checked)
    def _checked(self, message: Checked) -> None:
        self._set_busy(False)
        if message.card is None:
            self._refuse(message.problem)
            return
        self.post_message(MentorSignedIn(message.card))

    def _refuse(self, problem: str, *, focus: str = "#mentor-passphrase") -> None:
        self.query_one("#mentor-error", Static).update(Text(problem))
        passphrase = self.query_one("#mentor-passphrase", Input)
        passphrase.clear()
        self.query_one(focus, Input).focus()

    def _set_busy(self, busy: bool) -> None:
        for widget in self.query("#mentor-name, #mentor-list, #mentor-passphrase, #mentor-sign-in"):
            widget.disabled = busy

    @on(Button.Pressed, "#mentor-back")
    def action_back(self) -> None:
        self.dismiss()
