"""Sign in: pick your name from the list (PIN if you set one), or add yourself."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Label, OptionList, Static
from textual.widgets.option_list import Option

from trainer.errors import StoreError
from trainer.services import accounts
from trainer.ui.messages import MentorSignInRequested, SignedIn

if TYPE_CHECKING:  # the modals load when first asked for, not before the first frame
    from trainer.ui.modals.add_trainee import NewTrainee

ADD_OPTION = "add-trainee"


class SignInScreen(Screen[None]):
    """The first screen: who is practising today."""

    CSS_PATH = "sign_in.tcss"
    AUTO_FOCUS = "#trainee-list"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "add_trainee", "Add yourself"),
        Binding("m", "mentor", "Mentor"),
        Binding("f1", "app.keys", "Keys"),
    ]

    def __init__(self, store: accounts.Store) -> None:
        super().__init__()
        self.store = store
        self.trainees: dict[str, accounts.TraineeCard] = {}

    def compose(self) -> ComposeResult:
        with Vertical(id="sign-in-panel"):
            yield Label("Call trainer", id="app-title")
            yield Static(
                "Practise client calls against scripted clients, as often as you like.",
                id="app-tagline",
            )
            yield Label("Who is practising today?", id="trainee-list-title")
            yield OptionList(id="trainee-list")
            yield Static("Enter signs in; a adds a new name; m is for mentors.", id="sign-in-help")
        yield Footer()

    def on_mount(self) -> None:
        self.reload()

    def reload(self) -> None:
        """List everyone who has signed up, then the entry to add yourself."""
        try:
            listed = accounts.trainees(self.store)
        except StoreError as error:
            self.notify(str(error), title="Cannot read the names", severity="error", markup=False)
            listed = []
        self.trainees = {str(t.id): t for t in listed}
        options = [
            Option(
                Text.assemble(trainee.name, (" (PIN)" if trainee.has_pin else "", "dim")), id=key
            )
            for key, trainee in self.trainees.items()
        ]
        options.append(Option(Text("+ Add yourself…", "italic"), id=ADD_OPTION))
        trainee_list = self.query_one("#trainee-list", OptionList)
        trainee_list.set_options(options)
        trainee_list.highlighted = 0

    @on(OptionList.OptionSelected, "#trainee-list")
    def _pick(self, event: OptionList.OptionSelected) -> None:
        if event.option_id == ADD_OPTION:
            self.action_add_trainee()
            return
        trainee = self.trainees[str(event.option_id)]
        if not trainee.has_pin:
            self.post_message(SignedIn(trainee))
            return
        from trainer.ui.modals.pin import PinModal

        check = partial(self._pin_matches, trainee)
        self.app.push_screen(PinModal(trainee.name, check), partial(self._pin_given, trainee))

    def _pin_matches(self, trainee: accounts.TraineeCard, pin: str) -> bool:
        try:
            return accounts.pin_matches(self.store, trainee.id, pin)
        except StoreError as error:
            self.notify(str(error), title="Cannot check the PIN", severity="error", markup=False)
            return False

    def _pin_given(self, trainee: accounts.TraineeCard, verified: bool | None) -> None:
        if verified:
            self.post_message(SignedIn(trainee))

    def action_add_trainee(self) -> None:
        from trainer.ui.modals.add_trainee import AddTraineeModal

        names = [trainee.name for trainee in self.trainees.values()]
        self.app.push_screen(AddTraineeModal(names), self._trainee_added)

    def _trainee_added(self, new: NewTrainee | None) -> None:
        if new is None:
            return
        try:
            trainee = accounts.add_trainee(self.store, new.name, new.pin)
        except StoreError as error:
            self.notify(str(error), title="Could not add you", severity="error", markup=False)
            return
        self.reload()
        self.post_message(SignedIn(trainee))

    def action_mentor(self) -> None:
        """Open the mentor sign-in; the mentor screens come only after the passphrase."""
        self.post_message(MentorSignInRequested())
