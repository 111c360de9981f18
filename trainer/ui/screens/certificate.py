"""The certificate of a passed final exam: cleared to work with real clients; savable as a file."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Static

from trainer.services.certificates import (
    CLEARED,
    Certificate,
    date_words,
    default_path,
    save_certificate,
)
from trainer.ui.modals.save_certificate import SaveCertificateModal


class CertificateScreen(Screen[None]):
    """The trainee's certificate, with `s` to save it as Markdown or plain text."""

    CSS_PATH = "certificate.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "save", "Save as a file"),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self, certificate: Certificate, exam_title: str) -> None:
        super().__init__()
        self.certificate = certificate
        self.exam_title = exam_title
        self.saved_to: Path | None = None

    def compose(self) -> ComposeResult:
        certificate = self.certificate
        with Vertical(id="certificate-panel"):
            yield Static("CERTIFICATE", id="certificate-heading")
            yield Static(Text(certificate.programme), id="certificate-programme")
            yield Static(Text(certificate.trainee), id="certificate-name")
            yield Static(f"{CLEARED}.", id="certificate-cleared")
            yield Static(
                Text.assemble(
                    (self.exam_title, "italic"),
                    ("\npassed on ", "dim"),
                    date_words(certificate),
                    (" with a score of ", "dim"),
                    (f"{certificate.percent:g}%", "bold"),
                ),
                id="certificate-details",
            )
        yield Footer()

    def action_save(self) -> None:
        suggested = self.saved_to or default_path(self.certificate)
        self.app.push_screen(SaveCertificateModal(suggested), self._save_to)

    def _save_to(self, path: Path | None) -> None:
        if path is None:
            return
        try:
            written = save_certificate(self.certificate, self.exam_title, path)
        except OSError as error:
            reason = error.strerror or str(error)
            self.notify(f"{path}: {reason}", title="Could not save", severity="error", markup=False)
            return
        self.saved_to = written
        self.notify(f"Saved to {written}", title="Certificate saved", markup=False, timeout=10)

    def action_back(self) -> None:
        self.dismiss()
