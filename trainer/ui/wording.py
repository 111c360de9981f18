"""Words the screens share: outcomes, attempt results, mentors' comments and the call log."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text

from trainer.content.outcomes import outcome_label
from trainer.engine.programme import CallLog
from trainer.engine.turns import Mode
from trainer.services.records import (
    AttemptKind,
    AttemptLine,
    AttemptStatus,
    MentorNote,
    MentorReview,
)
from trainer.text import visible

if TYPE_CHECKING:
    from trainer.content.scenario.model import Outcome
    from trainer.services.worklog import SignOff

NOTE_MARK = "\u270e"  # ✎ before the number of mentors' comments on an attempt


def outcome_words(outcome: str | None, success: Collection[Outcome] = ()) -> str:
    """An outcome id as a trainee would say it: the one name the whole product uses (with the
    scenario's success outcomes, "lead closed without a sale" where that is the goal)."""
    return outcome_label(outcome, success)


def attempt_result(attempt: AttemptLine, success: Collection[Outcome] = ()) -> Text:
    """An attempt's result in a few words: score and verdict, or why there is none."""
    if attempt.status is not AttemptStatus.COMPLETED or attempt.percent is None:
        # Home's programme rows use the same words: a call or quiz left part-way is "not
        # finished" (a practice call can be picked up again); an exam attempt is used up.
        if attempt.status is AttemptStatus.COMPLETED:
            word = "completed"
        else:
            word = "abandoned" if attempt.mode is Mode.EXAM else "not finished"
        status = Text(word, "dim")
        if attempt.mentor_notes:
            status.append(f" {NOTE_MARK}{attempt.mentor_notes}", "bold")
        return status
    verdict = Text("passed", "bold") if attempt.passed else Text("not passed")
    result = Text.assemble(f"{attempt.percent:g}% ", verdict)
    if attempt.changed_by is not None:
        result.append(" (mentor)", "italic")
    if attempt.kind is not AttemptKind.QUIZ:
        result.append(f" · {outcome_words(attempt.outcome, success)}")
    if attempt.mentor_notes:
        result.append(f" {NOTE_MARK}{attempt.mentor_notes}", "bold")
    return result


def mentor_notes_text(notes: Sequence[MentorNote]) -> Text:
    """Mentors' comments, each signed and dated, never read as markup."""
    text = Text()
    for note in notes:
        where = "" if note.turn_index is None else f" on turn {note.turn_index + 1}"
        text.append(visible(note.mentor, multiline=False), "bold")
        text.append(f"{where}, {note.created_at.strftime('%d %b %H:%M')}\n", "dim")
        text.append(visible(" ".join(note.text.split())))
        text.append("\n")
    text.rstrip()
    return text


def call_log_text(log: CallLog) -> Text:
    """The supervisor's figures: calls made (the exam's among them), applications, deals,
    meetings booked, hang-ups."""

    figures = (
        ("Calls made", log.calls_made),
        ("applications", log.applications),
        ("deals won", log.deals),
        ("meetings booked", log.meetings),
        ("hang-ups", log.hang_ups),
    )
    text = Text(" · ").join(
        Text.assemble(f"{name} ", (str(count), "bold")) for name, count in figures
    )
    if log.exam_calls:
        text.append(f"  (the final exam's calls among them: {log.exam_calls})", "dim")
    return text


def sign_off_words(signed: SignOff) -> Text:
    """Home's banner once a mentor signed the trainee's readiness off."""
    return Text.assemble(
        ("✓ Readiness signed off", "bold"),
        f" by {visible(signed.mentor, multiline=False)} on "
        f"{signed.signed_at.astimezone():%d %b %Y}: the programme is complete",
    )


def changed_text(mentor: MentorReview) -> str:
    """A mentor's change of an attempt's result, in one sentence."""
    parts = []
    if mentor.percent is not None:
        parts.append(f"{mentor.percent:g}%")
    if mentor.passed is not None:
        parts.append("passed" if mentor.passed else "not passed")
    said = f"Your mentor {mentor.changed_by} changed this result: {', '.join(parts)}."
    if mentor.reason:
        said += f" Their reason: “{mentor.reason}”"
    return said


CERTIFICATE_WITHDRAWN = (
    "Your mentor changed this pass to not passed, so its certificate is withdrawn: a copy you "
    "saved no longer counts. You are not cleared to work with real clients until you pass again."
)

EXAM_NOTES_WITHHELD = (
    "Coach notes are not shown after the final exam: they name the right replies, and a retake "
    "must test you afresh. Your mentor reads them with you in the review."
)


def plural(count: int, word: str, words: str = "") -> str:
    """A count with its noun: "1 trainee", "2 trainees" (`words` when not `word` + "s")."""
    return f"{count} {word if count == 1 else words or word + 's'}"


def indented(text: Text, by: int) -> Table:
    """`text` set `by` columns in, wrapped lines kept under its first."""
    grid = Table.grid()
    grid.add_column(width=by)
    grid.add_column(ratio=1)
    grid.add_row("", text)
    return grid
