"""Ask the mentor how to change an attempt's result: a new score, pass or fail, and why."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Label, RadioButton, RadioSet, Static

from trainer.ui.modals.confirm import ConfirmModal
from trainer.ui.widgets.field_keys import FIELD_TABS, FormKeys
from trainer.ui.widgets.form_field import FormField, FormRadioSet


@dataclass(frozen=True)
class OverrideRequest:
    """The change the mentor asked for; None leaves that part of the result as it is."""

    score: float | None
    passed: bool | None
    reason: str


PASS_CHOICES = {"keep-pass": None, "set-passed": True, "set-failed": False}


class MentorOverrideModal(FormKeys, ModalScreen[OverrideRequest | None]):
    """Dismisses with the override to record, or None when the mentor backs out.

    `warning` says what the mentor must confirm first (a pass below the pass mark) or "";
    the question is asked over the form, and going back from it returns to the form as filled.
    """

    CSS_PATH = "mentor_override.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel"), *FIELD_TABS]

    def __init__(
        self,
        about: Text,
        current: Text,
        warning: Callable[[OverrideRequest], str] = lambda _request: "",
    ) -> None:
        super().__init__()
        self.about = about
        self.current = current
        self.warning = warning

    def compose(self) -> ComposeResult:
        with Vertical(id="override-dialog"):
            yield Label("Override the result", id="override-title")
            yield Static(self.about, id="override-about")
            yield Static(self.current, id="override-current")
            yield FormField(
                placeholder="New score, 0 to 100 (empty keeps the score)",
                type="number",
                id="override-score",
            )
            with FormRadioSet(id="override-pass"):
                yield RadioButton("Keep pass/fail", value=True, id="keep-pass")
                yield RadioButton("Passed", id="set-passed")
                yield RadioButton("Not passed", id="set-failed")
            yield FormField(
                placeholder="Reason (kept with your name)", id="override-reason", moves_on=False
            )
            yield Static("", id="override-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Override", variant="warning", id="override-ok")
                yield Button("Cancel", id="override-cancel")
        yield Footer()

    @on(Input.Submitted, "#override-reason")
    @on(Button.Pressed, "#override-ok")
    def _submit(self) -> None:
        request, problem, field = self.request()
        if request is None:
            self.query_one("#override-error", Static).update(Text(problem))
            self.query_one(field).focus()
            return
        warning = self.warning(request)
        if not warning:
            self.dismiss(request)
            return
        self.app.push_screen(
            ConfirmModal("Passed below the pass mark?", warning, yes="Save it", no="Go back"),
            partial(self._confirmed, request),
        )

    def _confirmed(self, request: OverrideRequest, sure: bool | None) -> None:
        if sure:
            self.dismiss(request)
            return
        self.query_one("#override-error", Static).update(
            Text("Not saved yet: change the score or the pass, or press Override to save.")
        )
        self.query_one("#override-score", Input).focus()

    def request(self) -> tuple[OverrideRequest | None, str, str]:
        """The override as filled in, or why not and which field to fix."""
        raw_score = self.query_one("#override-score", Input).value.strip()
        score = None
        if raw_score:
            try:
                score = float(raw_score)
            except ValueError:
                score = -1.0
            if not 0 <= score <= 100:
                return None, "A score is a number from 0 to 100.", "#override-score"
        pressed = self.query_one("#override-pass", RadioSet).pressed_button
        passed = PASS_CHOICES.get(pressed.id or "") if pressed is not None else None
        if score is None and passed is None:
            return None, "Change the score, the pass, or both.", "#override-score"
        reason = self.query_one("#override-reason", Input).value.strip()
        if not reason:
            return None, "An override needs a reason.", "#override-reason"
        return OverrideRequest(score, passed, reason), "", ""

    @on(Button.Pressed, "#override-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
