"""Ask where to save the certificate: a path, Markdown for .md and plain text for anything else."""

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
from textual.widgets import Button, Footer, Input, Label, Static

from trainer.ui.widgets.field_keys import FIELD_TABS, FormKeys
from trainer.ui.widgets.form_field import FormField

HELP = (
    "A file name or path; relative paths are from the current directory. "
    "Ends in .md: Markdown; .txt or anything else: plain text."
)


@dataclass(frozen=True)
class SaveRequest:
    """The file to write; `replace` once the trainee agreed to replace an earlier certificate."""

    path: Path
    replace: bool = False


class SaveCertificateModal(FormKeys, ModalScreen[SaveRequest | None]):
    """Dismisses with the file to write, or None when cancelled.

    `resolve` turns a typed path into the file it names (a folder gets the default name);
    `check` says why that file may never be written (a database, a file that is not a
    certificate), and such a file cannot be chosen. An earlier certificate is replaced only
    after a second Enter.
    """

    CSS_PATH = "save_certificate.tcss"
    AUTO_FOCUS = "#save-path"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel"), *FIELD_TABS]

    def __init__(
        self,
        suggested: Path,
        *,
        resolve: Callable[[Path], Path],
        check: Callable[[Path], str],
    ) -> None:
        super().__init__()
        self.suggested = suggested
        self.resolve = resolve
        self.check = check
        self._confirmed_replace: Path | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="save-dialog"):
            yield Label("Save the certificate", id="save-title")
            yield FormField(str(self.suggested), id="save-path", moves_on=False)
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
        target = self.resolve(Path(typed))
        if not target.parent.is_dir():
            error.update(Text(f"There is no folder {target.parent}."))
            return
        problem = self.check(target)
        if problem:
            self._confirmed_replace = None
            error.update(Text(problem[0].upper() + problem[1:] + "."))
            return
        if target.exists() and self._confirmed_replace != target:
            self._confirmed_replace = target
            error.update(
                Text(f"{target.name} is an earlier certificate: press Enter again to replace it.")
            )
            return
        self.dismiss(SaveRequest(target, replace=self._confirmed_replace == target))

    @on(Button.Pressed, "#save-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
