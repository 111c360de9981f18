"""Ask where to save the certificate: a path, Markdown for .md and plain text for anything else."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Label, Static

HELP = (
    "A file name or path; relative paths are from the current directory. "
    "Ends in .md: Markdown; .txt or anything else: plain text."
)


class SaveCertificateModal(ModalScreen[Path | None]):
    """Dismisses with the path to write, or None when cancelled; asks before replacing a file."""

    CSS_PATH = "save_certificate.tcss"
    AUTO_FOCUS = "#save-path"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, suggested: Path) -> None:
        super().__init__()
        self.suggested = suggested
        self._confirmed_replace: Path | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="save-dialog"):
            yield Label("Save the certificate", id="save-title")
            yield Input(str(self.suggested), id="save-path")
            yield Static(HELP, id="save-help")
            yield Static("", id="save-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save", variant="primary", id="save-ok")
                yield Button("Cancel", id="save-cancel")
        yield Footer()

    @on(Input.Submitted, "#save-path")
    @on(Button.Pressed, "#save-ok")
    def _submit(self) -> None:
        typed = self.query_one("#save-path", Input).value.strip()
        error = self.query_one("#save-error", Static)
        if not typed:
            error.update(Text("Type a file name first."))
            return
        path = Path(typed).expanduser()
        target = path if path.is_absolute() else Path.cwd() / path
        if not target.parent.is_dir():
            error.update(Text(f"There is no folder {target.parent}."))
            return
        if target.is_file() and self._confirmed_replace != target:
            self._confirmed_replace = target
            error.update(Text(f"{target.name} exists: press Enter again to replace it."))
            return
        self.dismiss(path)

    @on(Button.Pressed, "#save-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
