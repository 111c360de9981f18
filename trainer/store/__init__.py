"""The SQLite store: trainees, attempts, quizzes, the exam, and mentors' review. No Textual here.

Every function takes the open `Store` first, returns frozen dataclasses, and raises
`trainer.errors.StoreError` (never a `sqlite3` error) with a message for the user. Functions
that read one trainee's records take `trainee_id=`, so that a trainee's session can only ever
read its own; the mentor's screens leave it out. Exports are pure functions in `export`.
"""

from __future__ import annotations

from trainer.store.analytics import (
    funnel,
    quiz_item_statistics,
    scenario_analytics,
    skill_trend,
)
from trainer.store.attempts import (
    abandon_attempt,
    abandon_stale_attempts,
    attempts_for,
    finish_attempt,
    get_attempt,
    practice_summary,
    previous_attempt,
    record_turn,
    skills_for,
    start_attempt,
    turns_for,
)
from trainer.store.database import DEFAULT_TIMEOUT, Store, open_store
from trainer.store.exams import grant_retake, retakes_for, start_exam_attempt
from trainer.store.history import trainee_history, trainee_programme_status
from trainer.store.mentors import add_mentor, has_mentors, list_mentors, verify_mentor
from trainer.store.models import (
    AlignedStep,
    AnswerLike,
    Attempt,
    AttemptKind,
    AttemptMode,
    AttemptStatus,
    Comparison,
    ContentProgress,
    Count,
    EffectiveResult,
    ExamRetake,
    Funnel,
    ItemStatistics,
    Mentor,
    Note,
    Override,
    QuizAnswer,
    QuizResultLike,
    ReviewedAttempt,
    ScenarioAnalytics,
    ScoreLike,
    SkillPoint,
    SkillResult,
    StoredTurn,
    Trainee,
    TraineeAttempts,
    TraineeRow,
    Transcript,
    TurnLike,
)
from trainer.store.overview import trainee_attempts, trainee_overview
from trainer.store.paths import ENV_DB, default_db_path, resolve_db_path
from trainer.store.quizzes import (
    answers_for,
    finish_quiz_attempt,
    record_answer,
    start_quiz_attempt,
)
from trainer.store.reviews import (
    add_note,
    effective_result,
    notes_for,
    override_attempt,
    overrides_for,
)
from trainer.store.schema import LATEST_VERSION
from trainer.store.trainees import add_trainee, check_pin, get_trainee, list_trainees
from trainer.store.transcripts import compare_attempts, transcript, transcripts_for

__all__ = [
    "DEFAULT_TIMEOUT",
    "ENV_DB",
    "LATEST_VERSION",
    "AlignedStep",
    "AnswerLike",
    "Attempt",
    "AttemptKind",
    "AttemptMode",
    "AttemptStatus",
    "Comparison",
    "ContentProgress",
    "Count",
    "EffectiveResult",
    "ExamRetake",
    "Funnel",
    "ItemStatistics",
    "Mentor",
    "Note",
    "Override",
    "QuizAnswer",
    "QuizResultLike",
    "ReviewedAttempt",
    "ScenarioAnalytics",
    "ScoreLike",
    "SkillPoint",
    "SkillResult",
    "Store",
    "StoredTurn",
    "Trainee",
    "TraineeAttempts",
    "TraineeRow",
    "Transcript",
    "TurnLike",
    "abandon_attempt",
    "abandon_stale_attempts",
    "add_mentor",
    "add_note",
    "add_trainee",
    "answers_for",
    "attempts_for",
    "check_pin",
    "compare_attempts",
    "default_db_path",
    "effective_result",
    "finish_attempt",
    "finish_quiz_attempt",
    "funnel",
    "get_attempt",
    "get_trainee",
    "grant_retake",
    "has_mentors",
    "list_mentors",
    "list_trainees",
    "notes_for",
    "open_store",
    "override_attempt",
    "overrides_for",
    "practice_summary",
    "previous_attempt",
    "quiz_item_statistics",
    "record_answer",
    "record_turn",
    "resolve_db_path",
    "retakes_for",
    "scenario_analytics",
    "skill_trend",
    "skills_for",
    "start_attempt",
    "start_exam_attempt",
    "start_quiz_attempt",
    "trainee_attempts",
    "trainee_history",
    "trainee_overview",
    "trainee_programme_status",
    "transcript",
    "transcripts_for",
    "turns_for",
    "verify_mentor",
]
