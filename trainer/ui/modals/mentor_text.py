"""Ask the mentor for a line of text: a comment on a turn or an attempt, a retake's reason."""

from __future__ import annotations

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


class MentorTextModal(FormKeys, ModalScreen[str | None]):
    """Dismisses with the text typed (never empty), or None when the mentor backs out."""

    CSS_PATH = "mentor_text.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel"), *FIELD_TABS]

    def __init__(
        self,
        title: str,
        about: str | Text,
        *,
        placeholder: str,
        empty: str,
        save: str = "Save",
        value: str = "",
    ) -> None:
        super().__init__()
        self.value = value
        self.title_text = title
        self.about = about
        self.placeholder = placeholder
        self.empty = empty
        self.save = save

    def compose(self) -> ComposeResult:
        with Vertical(id="text-dialog"):
            yield Label(Text(self.title_text), id="text-title")
            about = self.about if isinstance(self.about, Text) else Text(self.about)
            yield Static(about, id="text-about")
            yield FormField(
                self.value, placeholder=self.placeholder, id="text-input", moves_on=False
            )
            yield Static("", id="text-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.save, variant="primary", id="text-ok")
                yield Button("Cancel", id="text-cancel")
        yield Footer()

    @on(Input.Submitted, "#text-input")
    @on(Button.Pressed, "#text-ok")
    def _submit(self) -> None:
        text_input = self.query_one("#text-input", Input)
        text = text_input.value.strip()
        if not text:
            self.query_one("#text-error", Static).update(Text(self.empty))
            text_input.focus()
            return
        self.dismiss(text)

    @on(Button.Pressed, "#text-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
