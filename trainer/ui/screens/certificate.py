"""The certificate of a passed final exam: cleared to work with real clients; savable as a file."""

from __future__ import annotations

import io
from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Static

from trainer.errors import TrainerError
from trainer.services.certificates import (
    CLEARED,
    Certificate,
    certificate_text,
    date_words,
    default_path,
    download_name,
    save_certificate,
    save_problem,
    target_path,
)
from trainer.ui.modals.save_certificate import SaveCertificateModal, SaveRequest


class CertificateScreen(Screen[None]):
    """The trainee's certificate, with `s` to save it as Markdown or plain text.

    In a terminal `s` asks for a path and never writes over the database in use or a file that
    is not an earlier certificate. Served in a browser, the files are the server's, so `s`
    hands the certificate to the browser as a download and never asks for a path.
    """

    CSS_PATH = "certificate.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        # One key, worded for where the file goes: check_action keeps the one that applies.
        Binding("s", "save", "Save as a file"),
        Binding("s", "download", "Download"),
        Binding("escape", "back", "Back"),
    ]

    def __init__(
        self,
        certificate: Certificate,
        exam_title: str,
        *,
        protect: Iterable[Path] = (),
        served: bool = False,
    ) -> None:
        """`protect`: the database in use, never written over; `served`: in a browser."""
        super().__init__()
        self.certificate = certificate
        self.exam_title = exam_title
        self.protect = tuple(protect)
        self.served = served
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

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("save", "download"):
            return (action == "download") == self._in_browser
        return True

    @property
    def _in_browser(self) -> bool:
        return self.served or self.app.is_web

    def action_save(self) -> None:
        suggested = self.saved_to or default_path(self.certificate)
        modal = SaveCertificateModal(
            suggested,
            resolve=partial(target_path, self.certificate),
            check=partial(save_problem, protect=self.protect),
        )
        self.app.push_screen(modal, self._save_to)

    def action_download(self) -> None:
        name = download_name(self.certificate)
        text = certificate_text(self.certificate, self.exam_title, markdown=True)
        self.app.deliver_text(
            io.StringIO(text), save_filename=name, open_method="download", mime_type="text/markdown"
        )
        self.notify(
            f"Your browser downloads {name}: look in its downloads.",
            title="Certificate",
            markup=False,
            timeout=10,
        )

    def _save_to(self, request: SaveRequest | None) -> None:
        if request is None:
            return
        try:
            written = save_certificate(
                self.certificate,
                self.exam_title,
                request.path,
                protect=self.protect,
                replace=request.replace,
            )
        except TrainerError as error:
            self.notify(str(error), title="Could not save", severity="error", markup=False)
            return
        self.saved_to = written
        self.notify(f"Saved to {written}", title="Certificate saved", markup=False, timeout=10)

    def action_back(self) -> None:
        self.dismiss()
