"""A passed final exam's certificate as text, saved as Markdown or plain text."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from trainer.ui.records import Certificate

MARKDOWN_SUFFIXES = (".md", ".markdown")
CLEARED = "is cleared to work with real clients"


def slug(name: str) -> str:
    """A name as a file-name part: `Ann Lee` -> `ann-lee`."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.casefold()).strip("-") or "trainee"


def default_path(certificate: Certificate, folder: Path | None = None) -> Path:
    """Where the certificate is saved unless the trainee says otherwise: the current directory."""
    return (folder or Path.cwd()) / f"certificate-{slug(certificate.trainee)}.md"


def date_words(certificate: Certificate) -> str:
    return f"{certificate.passed_on.day} {certificate.passed_on:%B %Y}"


def certificate_text(certificate: Certificate, exam_title: str, *, markdown: bool) -> str:
    """The certificate's words; Markdown with a heading and bold name, or plain text."""
    name = certificate.trainee
    lines_md = [
        f"# Certificate: {certificate.programme}",
        "",
        f"**{_md(name)}** {CLEARED}.",
        "",
        f"- Exam scenario: {_md(exam_title)}",
        f"- Passed on: {date_words(certificate)}",
        f"- Exam score: {certificate.percent:g}%",
        f"- Attempt: `{certificate.attempt_id}`",
        "",
    ]
    if markdown:
        return "\n".join(lines_md)
    title = f"CERTIFICATE: {certificate.programme}"
    return "\n".join(
        [
            title,
            "=" * len(title),
            "",
            f"{name} {CLEARED}.",
            "",
            f"Exam scenario:  {exam_title}",
            f"Passed on:      {date_words(certificate)}",
            f"Exam score:     {certificate.percent:g}%",
            f"Attempt:        {certificate.attempt_id}",
            "",
        ]
    )


def save_certificate(certificate: Certificate, exam_title: str, path: Path) -> Path:
    """Write the certificate to `path` (Markdown for .md, plain text otherwise); the path written.

    Raises OSError with the reason when the file cannot be written.
    """
    target = path.expanduser()
    if not target.is_absolute():
        target = Path.cwd() / target
    if target.is_dir():
        target = default_path(certificate, target)
    markdown = target.suffix.casefold() in MARKDOWN_SUFFIXES
    target.write_text(
        certificate_text(certificate, exam_title, markdown=markdown), encoding="utf-8"
    )
    return target.resolve()


def _md(text: str) -> str:
    """Text with Markdown's special characters escaped."""
    return re.sub(r"([\\`*_{}\[\]<>()#+!|])", r"\\\1", text)
