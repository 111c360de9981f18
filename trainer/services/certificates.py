"""A passed final exam's certificate: found in the records, as text, saved as Markdown or plain."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from trainer.content.programme import Programme
from trainer.errors import TrainerError
from trainer.services.accounts import TraineeCard
from trainer.store import outputs
from trainer.store.attempt_record import AttemptKind
from trainer.store.attempts import attempts_for
from trainer.store.database import Store
from trainer.store.exams import exam_rules
from trainer.store.reviews import effective_result

MARKDOWN_SUFFIXES = (".md", ".markdown")
CLEARED = "is cleared to work with real clients"
# A certificate is a few hundred bytes; a larger file is something else, whatever its first line.
_CERTIFICATE_MAX = 16_384
VERIFY_NOTE = (
    "A mentor can check this certificate against the records: "
    "trainer mentor verify-certificate FILE"
)


@dataclass(frozen=True, slots=True)
class Certificate:
    """What the certificate of a passed final exam says."""

    trainee: str
    programme: str
    scenario_id: str
    passed_on: datetime  # local time
    percent: float
    attempt_id: str
    check: str = ""  # the check code a mentor's `trainer mentor verify-certificate` recomputes


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
            percent = result.score if result.score is not None else 0.0
            return Certificate(
                trainee=trainee.name,
                programme=programme.title,
                scenario_id=row.content_id,
                passed_on=ended.astimezone(),
                percent=percent,
                attempt_id=row.id,
                check=check_code(row.id, trainee.name, ended, percent),
            )
    return None


def check_code(attempt_id: str, trainee: str, ended: datetime, percent: float) -> str:
    """A short code over what the certificate states, as `XXXX-XXXX-XXXX`.

    It ties the text to its record: an edited name, score, date or attempt no longer fits. It is
    recomputable from the record, so it is no signature against someone who can write the
    database (docs/security.md); the integrity check of the record covers that side.
    """
    stated = "\0".join(
        (
            "trainer certificate 1",
            attempt_id,
            trainee,
            ended.astimezone(UTC).date().isoformat(),
            f"{percent:g}",
        )
    )
    code = hashlib.sha256(stated.encode("utf-8")).hexdigest()[:12].upper()
    return "-".join(code[i : i + 4] for i in range(0, 12, 4))


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
        f"- Check code: `{certificate.check}`",
        "",
        VERIFY_NOTE,
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
            f"Check code:     {certificate.check}",
            "",
            VERIFY_NOTE,
            "",
        ]
    )


def target_path(certificate: Certificate, path: Path) -> Path:
    """The file a typed path names: absolute, and the default name inside a folder."""
    target = path.expanduser()
    if not target.is_absolute():
        target = Path.cwd() / target
    if target.is_dir():
        target = default_path(certificate, target)
    return target


def save_problem(target: Path, *, protect: Iterable[Path] = ()) -> str:
    """Why the certificate may not be written to `target` even if the trainee agrees, or "".

    The export's guard refuses a database (any SQLite file, the one in use, its -wal, -shm
    and -journal), a folder and anything but a regular file; on top of it, the only file a
    certificate replaces is an earlier certificate, so a typed path never destroys another
    file of the account that runs the app.
    """
    try:
        outputs.check_target(target, force=True, protect=protect)
    except TrainerError as error:
        return str(error)
    if target.exists() and not is_certificate(target):
        return f"{target} exists and is not a certificate; choose another name"
    return ""


def is_certificate(path: Path) -> bool:
    """Whether the file holds a certificate this app wrote, Markdown or plain, by its first line."""
    try:
        with path.open("rb") as stream:
            head = stream.read(_CERTIFICATE_MAX + 1)
    except OSError:
        return False
    if len(head) > _CERTIFICATE_MAX:
        return False
    first_line = head.split(b"\n", 1)[0]
    return first_line.startswith((b"# Certificate: ", b"CERTIFICATE: "))


def save_certificate(
    certificate: Certificate,
    exam_title: str,
    path: Path,
    *,
    protect: Iterable[Path] = (),
    replace: bool = False,
) -> Path:
    """Write the certificate to `path` (Markdown for .md, plain text otherwise); the path written.

    The file is written beside the target and renamed into place, so a crash leaves no half
    certificate. Raises TrainerError, in words for the trainee, when the target is refused
    (`save_problem`), exists and `replace` is not set, or cannot be written.
    """
    target = target_path(certificate, path)
    guarded = list(protect)
    problem = save_problem(target, protect=guarded)
    if problem:
        raise outputs.OutputError(problem)
    markdown = target.suffix.casefold() in MARKDOWN_SUFFIXES
    text = certificate_text(certificate, exam_title, markdown=markdown)
    outputs.write_text(target, text, force=replace, protect=guarded)
    return target.resolve()


def download_name(certificate: Certificate) -> str:
    """The file a browser is offered when the app is served: Markdown, named after the trainee."""
    return default_path(certificate, Path(".")).name


def _md(text: str) -> str:
    """Text with Markdown's special characters escaped."""
    return re.sub(r"([\\`*_{}\[\]<>()#+!|])", r"\\\1", text)
