"""A passed final exam's certificate: found in the records, as text, saved as Markdown or plain."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from trainer.content.programme import Programme
from trainer.services.accounts import TraineeCard
from trainer.store.attempts import attempts_for
from trainer.store.database import Store
from trainer.store.exams import exam_rules
from trainer.store.models import AttemptKind
from trainer.store.reviews import effective_result

MARKDOWN_SUFFIXES = (".md", ".markdown")
CLEARED = "is cleared to work with real clients"


@dataclass(frozen=True, slots=True)
class Certificate:
    """What the certificate of a passed final exam says."""

    trainee: str
    programme: str
    scenario_id: str
    passed_on: datetime  # local time
    percent: float
    attempt_id: str


def certificate(store: Store, trainee: TraineeCard, programme: Programme) -> Certificate | None:
    """The certificate of the trainee's passed final exam (a mentor's pass counts); None before."""
    rules = exam_rules(store)
    if rules is None:
        return None
    exams = attempts_for(store, trainee.id, kind=AttemptKind.EXAM.value)
    for row in reversed(exams):  # the first attempt that passed
        result = effective_result(store, row.id, trainee_id=trainee.id)
        # Only an exam whose content a mentor accepted certifies anyone.
        if result.passed and rules.accepts(row.content_id, row.content_hash):
            ended = row.ended_at or row.started_at
            return Certificate(
                trainee=trainee.name,
                programme=programme.title,
                scenario_id=row.content_id,
                passed_on=ended.astimezone(),
                percent=result.score if result.score is not None else 0.0,
                attempt_id=row.id,
            )
    return None


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
