"""The SQLite store: trainees, attempts and their turns and scorecards. No Textual here.

Every function takes the open `Store` first, returns frozen dataclasses, and raises
`trainer.errors.StoreError` (never a `sqlite3` error) with a message for the user.
"""

from __future__ import annotations

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
from trainer.store.models import (
    Attempt,
    AttemptKind,
    AttemptMode,
    AttemptStatus,
    ContentProgress,
    ScoreLike,
    SkillResult,
    StoredTurn,
    Trainee,
    TurnLike,
)
from trainer.store.paths import ENV_DB, default_db_path, resolve_db_path
from trainer.store.schema import LATEST_VERSION
from trainer.store.trainees import add_trainee, check_pin, get_trainee, list_trainees

__all__ = [
    "DEFAULT_TIMEOUT",
    "ENV_DB",
    "LATEST_VERSION",
    "Attempt",
    "AttemptKind",
    "AttemptMode",
    "AttemptStatus",
    "ContentProgress",
    "ScoreLike",
    "SkillResult",
    "Store",
    "StoredTurn",
    "Trainee",
    "TurnLike",
    "abandon_attempt",
    "abandon_stale_attempts",
    "add_trainee",
    "attempts_for",
    "check_pin",
    "default_db_path",
    "finish_attempt",
    "get_attempt",
    "get_trainee",
    "list_trainees",
    "open_store",
    "practice_summary",
    "previous_attempt",
    "record_turn",
    "resolve_db_path",
    "skills_for",
    "start_attempt",
    "turns_for",
]
