"""A certificate file checked against the records: a passed, untampered exam, as it states."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from trainer.content.content_set import ContentSet
from trainer.errors import StoreError
from trainer.services.certificates import CLEARED, Certificate, check_code, date_words
from trainer.services.integrity import check_records
from trainer.store.attempts import get_attempt
from trainer.store.database import Store
from trainer.store.exams import exam_rules
from trainer.store.models import AttemptKind
from trainer.store.reviews import effective_result
from trainer.store.trainees import get_trainee

_FIELDS = {
    "attempt": re.compile(r"^\W*Attempt:\s*`?([0-9A-Za-z-]+)`?\s*$", re.MULTILINE),
    "code": re.compile(r"^\W*Check code:\s*`?([0-9A-Za-z-]+)`?\s*$", re.MULTILINE),
    "score": re.compile(r"^\W*Exam score:\s*([0-9.]+)\s*%\s*$", re.MULTILINE),
    "date": re.compile(r"^\W*Passed on:\s*(.+?)\s*$", re.MULTILINE),
    "name": re.compile(rf"^\s*(.+?)\s+{re.escape(CLEARED)}\.\s*$", re.MULTILINE),
}


@dataclass(frozen=True, slots=True)
class CertificateCheck:
    """The verdict on one certificate: valid when `problems` is empty."""

    attempt_id: str | None
    trainee: str | None  # as the records have it, when the attempt was found
    problems: tuple[str, ...] = field(default=())

    @property
    def valid(self) -> bool:
        return not self.problems


def stated(text: str) -> dict[str, str]:
    """What a certificate's text states (Markdown or plain), by field; absent fields left out."""
    found: dict[str, str] = {}
    for name, pattern in _FIELDS.items():
        match = pattern.search(text)
        if match:
            found[name] = match.group(1).strip()
    if "name" in found:
        bold = re.fullmatch(r"\*\*(.+)\*\*", found["name"])
        if bold:  # Markdown: bold, with its special characters escaped
            found["name"] = re.sub(r"\\(.)", r"\1", bold.group(1))
    return found


def check_certificate(store: Store, content: ContentSet | None, text: str) -> CertificateCheck:
    """Whether the certificate states a passed exam the records hold, untampered, as it says."""
    says = stated(text)
    missing = [what for what in ("attempt", "code", "name", "score", "date") if what not in says]
    if "attempt" not in says:
        return CertificateCheck(None, None, ("it is not a trainer certificate: no attempt id",))
    attempt_id = says["attempt"]
    try:
        attempt = get_attempt(store, attempt_id)
    except StoreError:
        return CertificateCheck(
            attempt_id, None, (f"there is no attempt {attempt_id} in the records",)
        )
    try:
        trainee = get_trainee(store, attempt.trainee_id).name
    except StoreError:
        trainee = None
    problems = [f"it has no {what.replace('code', 'check code')}" for what in missing]
    result = effective_result(store, attempt.id)
    rules = exam_rules(store)
    if attempt.kind is not AttemptKind.EXAM:
        problems.append(f"the attempt {attempt_id} is not a final exam")
    elif not result.passed:
        problems.append(f"the exam {attempt_id} is not passed in the records")
    elif rules is None or not rules.accepts(attempt.content_id, attempt.content_hash):
        problems.append("the exam was played on content no mentor accepts")
    ended = attempt.ended_at or attempt.started_at
    percent = result.score if result.score is not None else 0.0
    if trainee is not None and "name" in says and says["name"] != trainee:
        problems.append(f"the name on it ({says['name']}) is not the trainee's ({trainee})")
    if "score" in says and abs(float(says["score"]) - percent) > 0.05:
        problems.append(f"the score on it ({says['score']}%) is not the exam's ({percent:g}%)")
    if "date" in says:
        real = date_words(Certificate("", "", "", ended.astimezone(), 0.0, ""))
        if says["date"] != real:
            problems.append(f"the date on it ({says['date']}) is not the exam's ({real})")
    if (
        "code" in says
        and trainee is not None
        and says["code"].upper() != check_code(attempt.id, trainee, ended, percent)
    ):
        problems.append("its check code does not fit the record")
    for finding in check_records(store, content, attempt_id=attempt.id):
        if finding.flagged:
            problems.append(
                "the exam's record does not match its transcript: " + "; ".join(finding.reasons)
            )
    return CertificateCheck(attempt_id, trainee, tuple(problems))
