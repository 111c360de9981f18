"""Ask the mentor where to export a transcript to, and in which format; ask before replacing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Label, RadioButton, RadioSet, Static

from trainer.services.mentor import ExportFormat
from trainer.ui.widgets.field_keys import FIELD_TABS, FormKeys
from trainer.ui.widgets.form_field import FormField, FormRadioSet


@dataclass(frozen=True)
class ExportRequest:
    """Where to write the transcript, in which format; `replace` once the mentor agreed to."""

    format: ExportFormat
    path: Path
    replace: bool = False


class MentorExportModal(FormKeys, ModalScreen[ExportRequest | None]):
    """Dismisses with the format and the file to write, or None when the mentor backs out.

    A file that exists is replaced only after a second press of the button, now labelled
    "Replace"; a file `check` refuses (a database) cannot be chosen at all.
    """

    CSS_PATH = "mentor_export.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel"), *FIELD_TABS]

    def __init__(self, stem: str, folder: Path, check: Callable[[Path], str]) -> None:
        super().__init__()
        self.stem = stem
        self.folder = folder
        self.check = check
        self.format = ExportFormat.HTML
        self.confirmed: Path | None = None  # the existing file the mentor agreed to replace

    def compose(self) -> ComposeResult:
        with Vertical(id="export-dialog"):
            yield Label("Export this transcript", id="export-title")
            with FormRadioSet(id="export-format"):
                for number, choice in enumerate(ExportFormat):
                    yield RadioButton(choice.label, value=number == 0, id=f"format-{choice.value}")
            yield FormField(value=str(self._path(self.format)), id="export-path", moves_on=False)
            yield Static("", id="export-note")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Export", variant="primary", id="export-ok")
                yield Button("Cancel", id="export-cancel")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#export-path", Input).focus()
        self._check_path()

    def _path(self, format: ExportFormat) -> Path:
        return self.folder / f"{self.stem}.{format.value}"

    @on(RadioSet.Changed, "#export-format")
    def _format_changed(self, event: RadioSet.Changed) -> None:
        chosen = ExportFormat((event.pressed.id or "").removeprefix("format-"))
        path_input = self.query_one("#export-path", Input)
        path = Path(path_input.value.strip() or self._path(chosen))
        if path.suffix.lstrip(".") in {choice.value for choice in ExportFormat}:
            path = path.with_suffix(f".{chosen.value}")
        path_input.value = str(path)
        self.format = chosen

    @on(Input.Changed, "#export-path")
    def _check_path(self) -> None:
        raw = self.query_one("#export-path", Input).value.strip()
        if raw and Path(raw).expanduser() == self.confirmed:
            return  # the question stands for the file it was asked about
        self.confirmed = None
        self.query_one("#export-ok", Button).label = "Export"
        note = ""
        if raw:
            path = Path(raw).expanduser()
            note = self.check(path)
            if note:
                note = note[0].upper() + note[1:] + "."
            elif path.exists():
                note = "That file exists: Export asks before replacing it."
        self.query_one("#export-note", Static).update(Text(note))

    @on(Input.Submitted, "#export-path")
    @on(Button.Pressed, "#export-ok")
    def _submit(self) -> None:
        note = self.query_one("#export-note", Static)
        raw = self.query_one("#export-path", Input).value.strip()
        if not raw:
            note.update(Text("Type the file to write."))
            return
        path = Path(raw).expanduser()
        if self.check(path):
            return  # the note says why
        if path.exists() and self.confirmed != path:
            self.confirmed = path
            self.query_one("#export-ok", Button).label = "Replace"
            note.update(Text(f"{path.name} exists. Replace it? Press Replace, or change the name."))
            return
        self.dismiss(ExportRequest(self.format, path, replace=self.confirmed == path))

    @on(Button.Pressed, "#export-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
