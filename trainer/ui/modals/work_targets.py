"""Ask the mentor for a trainee's targets: meetings a day, calls a week, deals a month."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Label, Static

from trainer.content.programme import WorkTargets
from trainer.ui.widgets.field_keys import FIELD_TABS, FormKeys
from trainer.ui.widgets.form_field import FormField


class WorkTargetsModal(FormKeys, ModalScreen[WorkTargets | None]):
    """Dismisses with the targets typed, or None when the mentor backs out."""

    CSS_PATH = "work_targets.tcss"
    AUTO_FOCUS = "#target-meetings"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel"), *FIELD_TABS]

    def __init__(self, name: str, current: WorkTargets) -> None:
        super().__init__()
        self.trainee_name = name
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="targets-dialog"):
            yield Label(Text(f"Targets for {self.trainee_name}"), id="targets-title")
            with Grid(id="targets-form"):
                yield Label("Meetings a day")
                yield FormField(
                    f"{self.current.meetings_per_day:g}",
                    type="number",
                    id="target-meetings",
                    moves_on=False,
                )
                yield Label("Calls a week")
                yield FormField(
                    str(self.current.calls_per_week),
                    type="integer",
                    id="target-calls",
                    moves_on=False,
                )
                yield Label("Deals a month (plan)")
                yield FormField(
                    str(self.current.monthly_plan), type="integer", id="target-plan", moves_on=False
                )
            yield Static(
                Text("One or two meetings a day is good work with business clients.", "dim"),
                id="targets-about",
            )
            yield Static("", id="targets-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save", variant="primary", id="targets-ok")
                yield Button("Cancel", id="targets-cancel")
        yield Footer()

    @on(Input.Submitted)
    @on(Button.Pressed, "#targets-ok")
    def _submit(self) -> None:
        try:
            meetings = float(self.query_one("#target-meetings", Input).value)
            calls = int(self.query_one("#target-calls", Input).value)
            plan = int(self.query_one("#target-plan", Input).value)
        except ValueError:
            self.query_one("#targets-error", Static).update(Text("Give a number in each box."))
            return
        if meetings < 0 or calls < 0 or plan < 0 or meetings != meetings:
            self.query_one("#targets-error", Static).update(Text("Targets cannot be negative."))
            return
        self.dismiss(WorkTargets(meetings, calls, plan))

    @on(Button.Pressed, "#targets-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
