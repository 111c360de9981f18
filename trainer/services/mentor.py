"""The mentor's review: the team's records, notes, overrides, retakes, analytics and exports.

The mentor screens never import `trainer.store`; the store's records they show are re-exported
here. Every write takes the `MentorCard` that `accounts.sign_in_mentor` returned, so nothing is
signed without a passphrase.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path

from trainer.content import templates
from trainer.content.content_set import ContentSet
from trainer.content.programme import DEFAULT_EXAM_ATTEMPTS, Programme, StageKey
from trainer.engine.placeholders import placeholder_values
from trainer.engine.programme import StageStatus, programme_status
from trainer.errors import TrainerError
from trainer.services import coach
from trainer.services.accounts import MentorCard
from trainer.services.stages import (
    practice_scenarios,
    programme_in_records,
    programme_marks,
    trainee_status,
)
from trainer.store import export, export_html, export_md, outputs
from trainer.store.analytics import funnel, skill_trend
from trainer.store.attempts import (
    other_content as attempt_other_content,
    played_elsewhere,
    skills_for,
)
from trainer.store.database import Store as Store
from trainer.store.exams import exam_rules, grant_retake as store_grant_retake, retakes_for
from trainer.store.history import trainee_history
from trainer.store.models import (
    HEALTHY_DEAL_RATE as HEALTHY_DEAL_RATE,
    AlignedStep as AlignedStep,
    Attempt as Attempt,
    AttemptKind,
    AttemptStatus,
    Comparison as Comparison,
    EffectiveResult as EffectiveResult,
    ExamRetake as ExamRetake,
    Funnel as Funnel,
    Note as Note,
    NoteChange as NoteChange,
    Override as Override,
    QuizAnswer as QuizAnswer,
    ReviewedAttempt as ReviewedAttempt,
    SkillResult as SkillResult,
    StoredTurn as StoredTurn,
    TraineeAttempts,
    TraineeRow as TraineeRow,
    Transcript as Transcript,
)
from trainer.store.overview import STALLED_DAYS, trainee_attempts, trainee_overview
from trainer.store.quizzes import answers_for
from trainer.store.reviews import (
    add_note,
    delete_note,
    edit_note,
    note_changes_for,
    override_attempt,
)
from trainer.store.trainees import list_trainees
from trainer.store.transcripts import compare_attempts, transcript as store_transcript

QUIZ_KIND = AttemptKind.QUIZ
CALL_KIND = AttemptKind.CALL
EXAM_KIND = AttemptKind.EXAM
IN_PROGRESS = AttemptStatus.IN_PROGRESS
ABANDONED = AttemptStatus.ABANDONED


# -- reading ------------------------------------------------------------------------------------


def overview(store: Store, content: ContentSet, *, now: datetime | None = None) -> list[TraineeRow]:
    """Every trainee on one row, by name, with the stage reached and the flags worth a look
    (among them: attempts played on files other than the content in use's)."""
    return _with_other_content(store, content, team_overview(store, content.programme, now=now))


def team_overview(
    store: Store,
    programme: Programme | None,
    *,
    now: datetime | None = None,
    stalled_days: int = STALLED_DAYS,
) -> list[TraineeRow]:
    """Every trainee on one row, by name; with `programme`, each row carries the trainee's
    `ProgrammeStatus` (the stage reached is `row.stage`), the product quiz's best score and
    the exam's attempts as the programme allows them. Without it, every scenario counts as
    practice and the exam allows the records' attempts (else the default two)."""
    if programme is None:
        return trainee_overview(store, now=now, stalled_days=stalled_days)
    programme = programme_in_records(store, programme)
    quiz = programme.stage(StageKey.PRODUCT).quiz
    rows = trainee_overview(
        store,
        practice_scenarios=practice_scenarios(programme),
        product_quiz=None if quiz is None else quiz.id,
        default_exam_attempts=programme.exam.exam_attempts,
        marks=programme_marks(programme),
        now=now,
        stalled_days=stalled_days,
    )
    return [
        dataclasses.replace(row, status=programme_status(programme, row.history)) for row in rows
    ]


def _with_other_content(
    store: Store, content: ContentSet, rows: list[TraineeRow]
) -> list[TraineeRow]:
    """Each row with the files other than the content in use's that the trainee played on."""
    current = {summary.id: summary.digest for summary in content.summaries.values()}
    current.update({quiz.id: quiz.digest for quiz in content.quizzes.values()})
    elsewhere = played_elsewhere(store, current)
    return [
        dataclasses.replace(
            row,
            other_content=tuple(sorted({h[:8] for h in elsewhere.get(row.trainee.id, ())})),
        )
        for row in rows
    ]


@dataclass(frozen=True, slots=True)
class ExamLine:
    """The final exam as the trainee screen's header shows it."""

    used: int
    allowed: int
    passed: bool


@dataclass(frozen=True, slots=True)
class TraineeRecord:
    """One trainee for the mentor: attempts by stage, stage, exam, funnel, skills over time."""

    attempts: TraineeAttempts
    stage: StageStatus | None  # None without a programme, or once every stage is done
    exam: ExamLine
    funnel: Funnel
    trend: Mapping[str, tuple[float, ...]]  # skill id: percent per completed call, oldest first


def trainee_record(store: Store, content: ContentSet, trainee_id: int) -> TraineeRecord:
    """What the trainee screen shows about one trainee, read in one go."""
    attempts = trainee_attempts(store, trainee_id)
    stage, exam = _stage_and_exam(store, content, trainee_id)
    trend: dict[str, list[float]] = {}
    for point in skill_trend(store, trainee_id):
        trend.setdefault(point.skill, []).append(point.percent)
    return TraineeRecord(
        attempts=attempts,
        stage=stage,
        exam=exam,
        funnel=funnel(store, trainee_id),
        trend={skill: tuple(values) for skill, values in trend.items()},
    )


def _stage_and_exam(
    store: Store, content: ContentSet, trainee_id: int
) -> tuple[StageStatus | None, ExamLine]:
    programme = content.programme
    if programme is None:
        history = trainee_history(store, trainee_id, practice_scenarios=None, exam_scenario=None)
        rules = exam_rules(store)
        limit = DEFAULT_EXAM_ATTEMPTS if rules is None else rules.attempts
        allowed = limit + history.retakes_granted
        return None, ExamLine(history.exam_attempts_used, allowed, history.exam_passed)
    status = trainee_status(store, trainee_id, programme)
    exam = status.exam
    return status.current, ExamLine(exam.attempts_used, exam.attempts_allowed, exam.passed)


def retake_refusal(store: Store, content: ContentSet, trainee_id: int) -> str:
    """Why a retake cannot be granted to the trainee now, or "" when it can: a retake is one
    more exam attempt for a trainee who has used every one and not passed."""
    _, exam = _stage_and_exam(store, content, trainee_id)
    if exam.passed:
        return "The exam is passed already: a retake is for a trainee who has not passed."
    left = exam.allowed - exam.used
    if left > 0:
        attempts = "attempt is" if left == 1 else "attempts are"
        return (
            f"{left} exam {attempts} still unused ({exam.used} of {exam.allowed} taken): "
            "a retake is granted once every attempt is used."
        )
    return ""


def pass_mark(content: ContentSet, attempt: Attempt) -> float | None:
    """The pass mark the attempt was judged by, as the content in use sets it; None when the
    content has the scenario or quiz no more."""
    if attempt.kind is AttemptKind.QUIZ:
        quiz = content.quizzes.get(attempt.content_id)
        return None if quiz is None else quiz.pass_mark
    scenario = content.scenarios.get(attempt.content_id)
    if scenario is None:
        return None
    return scenario.pass_mark if scenario.pass_mark is not None else content.rubric.pass_mark


def override_warning(
    content: ContentSet, record: Transcript, *, score: float | None, passed: bool | None
) -> str:
    """What the mentor should confirm before this override is saved, or "": a result that
    would count as passed with a score below the pass mark."""
    mark = pass_mark(content, record.attempt)
    new_score = record.result.score if score is None else score
    new_passed = record.result.passed if passed is None else passed
    if mark is None or new_score is None or not new_passed or new_score >= mark:
        return ""
    return (
        f"{new_score:g}% is below the pass mark of {mark:g}%, yet the attempt would count as "
        "passed. Save this override anyway?"
    )


def other_content(content: ContentSet, attempt: Attempt) -> str:
    """`played on other content (714828c2)` when the attempt's scenario or quiz file is not the
    content in use's (an edited copy, or the file before trainers changed it); else ""."""
    summary = content.summaries.get(attempt.content_id)
    quiz = content.quizzes.get(attempt.content_id)
    current = summary.digest if summary is not None else quiz.digest if quiz is not None else None
    return attempt_other_content(attempt, current)


def quiz_stage(content: ContentSet, quiz_id: str) -> StageKey | None:
    """The programme stage whose quiz this is (introduction or product); None outside it."""
    programme = content.programme
    if programme is None:
        return None
    for stage in programme.stages:
        if stage.quiz is not None and stage.quiz.id == quiz_id:
            return stage.key
    return None


def answers(store: Store, attempt_id: str) -> list[QuizAnswer]:
    """A quiz attempt's answers, in the order they were asked."""
    return answers_for(store, attempt_id)


def skills(store: Store, attempt_id: str) -> list[SkillResult]:
    """A call's scorecard, skill by skill; empty until it ended."""
    return skills_for(store, attempt_id)


def transcript(store: Store, attempt_id: str) -> Transcript:
    """Any trainee's attempt in full: turns, scorecard, answers, notes and overrides."""
    return store_transcript(store, attempt_id)


def reply_as_seen(content: ContentSet, record: Transcript, key: str | None) -> str | None:
    """The reply `node/id` of the attempt's scenario as the trainee read it, its placeholders
    filled with their name, the client's and the company's; None when the content has it no
    more. An exam's `{attempt}` and `{attempts_left}` stay as written: the transcript does not
    say which attempt it was."""
    scenario = content.scenarios.get(record.attempt.content_id)
    if key is None or scenario is None:
        return None
    node = scenario.nodes.get(key.partition("/")[0])
    reply = next((r for r in node.replies if r.key == key), None) if node is not None else None
    if reply is None:
        return None
    persona_id = record.attempt.persona_id or scenario.personas[0]
    if persona_id not in content.personas:
        return reply.text
    values = placeholder_values(
        content, scenario, content.persona(persona_id), trainee=record.trainee_name
    )
    if record.attempt.kind is AttemptKind.EXAM:
        del values["attempt"], values["attempts_left"]
    return templates.render(reply.text, values)


def compare(store: Store, attempt_a: str, attempt_b: str) -> Comparison:
    """Two attempts of the same scenario aligned reply by reply; a StoreError for different ones."""
    return compare_attempts(store, attempt_a, attempt_b)


def comment(
    store: Store, mentor: MentorCard, attempt_id: str, text: str, turn_index: int | None = None
) -> Note:
    """The mentor's comment on one turn of the attempt, or on all of it."""
    return add_note(store, attempt_id, mentor.name, text, turn_index=turn_index)


def override(
    store: Store,
    mentor: MentorCard,
    attempt_id: str,
    *,
    reason: str,
    score: float | None,
    passed: bool | None,
) -> Override:
    """Change the result that counts for an attempt; the attempt keeps its own."""
    return override_attempt(
        store, attempt_id, mentor.name, reason=reason, score=score, passed=passed
    )


def edit_comment(store: Store, mentor: MentorCard, note_id: int, text: str) -> Note:
    """New words for one of the mentor's own comments; the audit trail keeps the old ones."""
    return edit_note(store, note_id, mentor.name, text)


def delete_comment(store: Store, mentor: MentorCard, note_id: int) -> NoteChange:
    """Take one of the mentor's own comments off the attempt; the audit trail keeps it."""
    return delete_note(store, note_id, mentor.name)


def comment_changes(store: Store, attempt_id: str) -> list[NoteChange]:
    """Every edit and deletion of the attempt's comments, oldest first."""
    return note_changes_for(store, attempt_id)


def grant_retake(
    store: Store, mentor: MentorCard, trainee_id: int, reason: str, content: ContentSet
) -> ExamRetake:
    """One more exam attempt for the trainee, with the reason; a TrainerError while an
    attempt is unused or once the exam is passed (`retake_refusal`), or when another mentor
    granted one since this check."""
    granted = len(retakes_for(store, trainee_id))
    refusal = retake_refusal(store, content, trainee_id)
    if refusal:
        raise TrainerError(refusal)
    return store_grant_retake(store, trainee_id, mentor.name, reason, granted_before=granted)


# -- exports ------------------------------------------------------------------------------------


class ExportFormat(StrEnum):
    HTML = "html"
    MARKDOWN = "md"
    JSON = "json"
    CSV = "csv"

    @property
    def label(self) -> str:
        return _FORMAT_LABELS[self]


_FORMAT_LABELS = {
    ExportFormat.HTML: "HTML report",
    ExportFormat.MARKDOWN: "Markdown",
    ExportFormat.JSON: "JSON",
    ExportFormat.CSV: "CSV",
}

_RENDERERS: dict[ExportFormat, Callable[[Transcript, export.Titles], str]] = {
    ExportFormat.HTML: lambda record, titles: export_html.transcript_html(
        record, title=f"Transcript: {record.trainee_name}", titles=titles
    ),
    ExportFormat.MARKDOWN: export_md.transcript_markdown,
    ExportFormat.JSON: lambda record, _: export.attempts_json([record]),
    ExportFormat.CSV: lambda record, _: export.attempts_csv([record]),
}


def export_name(record: Transcript, format: ExportFormat) -> str:
    """A file name for the export, e.g. `ann-lee-first_call-2025-06-01.html`."""
    trainee = "-".join("".join(c if c.isalnum() else " " for c in record.trainee_name).split())
    day = record.attempt.started_at.astimezone().strftime("%Y-%m-%d")
    return f"{trainee.lower() or 'trainee'}-{record.attempt.content_id}-{day}.{format.value}"


def export_transcript(
    store: Store,
    attempt_id: str,
    format: ExportFormat,
    path: Path,
    *,
    replace: bool = False,
    content: ContentSet | None = None,
) -> int:
    """Write the attempt to `path` in `format`; returns the bytes written, a TrainerError if not.

    An existing file is replaced only with `replace`, and never a database (`outputs`). With
    `content`, Markdown and HTML show its titles instead of ids, and HTML the call's path on
    the map.
    """
    titles = export.NO_TITLES if content is None else export.Titles.of(content)
    record = store_transcript(store, attempt_id)
    if format is ExportFormat.HTML and content is not None:
        text = export_html.transcript_html(
            record,
            title=f"Transcript: {record.trainee_name}",
            titles=titles,
            appendix=coach.map_appendix(store, content),
        )
    else:
        text = _RENDERERS[format](record, titles)
    outputs.write_text(path, text, force=replace, protect=[store.path])
    return len(text.encode("utf-8"))


def export_target_problem(store: Store, path: Path) -> str:
    """Why `path` cannot be exported to even if the mentor agrees to replace it, or ""."""
    try:
        outputs.check_target(path, force=True, protect=[store.path])
    except TrainerError as error:
        return str(error)
    return ""


def trainee_names(store: Store) -> list[tuple[int, str]]:
    """Every trainee's id and name, in the store's order."""
    return [(trainee.id, trainee.name) for trainee in list_trainees(store)]


def visible(text: str) -> str:
    """`text` with control characters shown as symbols, as the exports show them."""
    return export.visible(text)
