"""Confirm that the trainee really wants to end the call before it reaches an outcome, or to
quit the trainer in the middle of one."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Label, Static

from trainer.ui.modals.confirm import ConfirmModal


class HangUpModal(ModalScreen[bool]):
    """Dismisses with True to hang up, False to keep talking."""

    CSS_PATH = "hang_up.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "hang_up", "Hang up"),
        Binding("escape,n", "keep_talking", "Keep talking"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="hang-up-dialog"):
            yield Label("Hang up now?", id="hang-up-title")
            yield Static("The call ends here, with no result: it does not pass.")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Hang up (y)", variant="error", id="hang-up-confirm")
                yield Button("Keep talking (n)", variant="primary", id="keep-talking")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#keep-talking", Button).focus()

    @on(Button.Pressed, "#hang-up-confirm")
    def action_hang_up(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#keep-talking")
    def action_keep_talking(self) -> None:
        self.dismiss(False)


def quit_call_question(practice: bool) -> ConfirmModal:
    """Ctrl+Q in a call: what quitting costs, a practice call (picked up later) or the exam's
    attempt (used)."""
    if practice:
        body = (
            "The call stops here and stays unfinished in your records: you can pick it "
            "up again from home, where you left off."
        )
    else:
        body = (
            "This exam attempt will count as used: the call ends unfinished and cannot be "
            "resumed. Stay and finish it, or hang up with Esc."
        )
    return ConfirmModal(
        "Quit the trainer in the middle of the call?",
        body,
        yes="Quit",
        no="Keep talking",
        danger=not practice,
    )
