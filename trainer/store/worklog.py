"""Work under guidance in the records: the work log, the targets and the readiness sign-off.

A logged entry is never changed: a correction is another entry, so what a trainee reported and
when stays visible to the mentor. Targets are kept as a history (the latest counts). The store
checks only what keeps the records sound; what the figures mean is `trainer.engine.criteria`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from trainer.content.programme import WorkTargets
from trainer.engine.criteria import WORK_KINDS, CriteriaReport, WorkCounts, count_problems
from trainer.errors import StoreError
from trainer.store.database import Store, parse_timestamp, store_operation, transaction, utc_now
from trainer.store.mentors import signature
from trainer.store.models import AttemptKind, AttemptStatus
from trainer.store.reviews import MAX_TEXT_LENGTH
from trainer.store.rows import ensure_trainee
from trainer.text import clean

MAX_NOTE_LENGTH = 2_000
DECISION_MAKER_SKILL = "decision_maker"
_ENTRY_COLUMNS = f"id, trainee_id, day, {', '.join(WORK_KINDS)}, note, created_at"


@dataclass(frozen=True, slots=True)
class WorkEntry:
    """One entry of a trainee's work log."""

    id: int
    trainee_id: int
    day: date
    counts: WorkCounts
    note: str
    created_at: datetime


@dataclass(frozen=True, slots=True)
class TargetsSet:
    """A trainee's targets as a mentor set them."""

    targets: WorkTargets
    set_by: str
    set_at: datetime


@dataclass(frozen=True, slots=True)
class SignOff:
    """A mentor's sign-off of a trainee's readiness to work on their own."""

    trainee_id: int
    mentor: str
    note: str
    signed_at: datetime


@dataclass(frozen=True, slots=True)
class TraineeCriteria:
    """One trainee's work under guidance as the HTML export shows it."""

    name: str
    report: CriteriaReport
    targets: WorkTargets
    sign_off: SignOff | None


def _entry(row: sqlite3.Row | tuple[Any, ...]) -> WorkEntry:
    values = tuple(row)
    counts = WorkCounts(*(int(value) for value in values[3 : 3 + len(WORK_KINDS)]))
    note, created = values[3 + len(WORK_KINDS) :]
    return WorkEntry(
        int(values[0]),
        int(values[1]),
        date.fromisoformat(values[2]),
        counts,
        str(note),
        parse_timestamp(created),
    )


@store_operation
def log_work(
    store: Store, trainee_id: int, day: date, counts: Mapping[str, int], note: str = ""
) -> WorkEntry:
    """Add an entry to the trainee's work log; a StoreError says what is wrong with it."""
    unknown = sorted(set(counts) - set(WORK_KINDS))
    if unknown:
        raise StoreError(f"no such kind of work: {', '.join(unknown)}")
    problems = count_problems(counts)
    if problems:
        raise StoreError("; ".join(problems))
    note = clean(note, multiline=True)
    if len(note) > MAX_NOTE_LENGTH:
        raise StoreError(f"the note can be at most {MAX_NOTE_LENGTH:,} characters")
    entry = WorkCounts(**{kind: int(counts.get(kind, 0)) for kind in WORK_KINDS})
    if entry.empty and not note:
        raise StoreError("nothing to log: give at least one number or a note")
    conn = store.conn
    with transaction(conn):
        ensure_trainee(conn, trainee_id)
        cursor = conn.execute(
            f"INSERT INTO work_entries (trainee_id, day, {', '.join(WORK_KINDS)}, note, "
            f"created_at) VALUES (?, ?, {', '.join('?' for _ in WORK_KINDS)}, ?, ?)",
            (
                trainee_id,
                day.isoformat(),
                *(getattr(entry, kind) for kind in WORK_KINDS),
                note,
                utc_now(),
            ),
        )
        row = conn.execute(
            f"SELECT {_ENTRY_COLUMNS} FROM work_entries WHERE id = ?", (cursor.lastrowid,)
        ).fetchone()
    return _entry(row)


@store_operation
def work_entries(
    store: Store, trainee_id: int, *, since: date | None = None, until: date | None = None
) -> list[WorkEntry]:
    """The trainee's work log, newest day first (entries of a day in the order logged)."""
    ensure_trainee(store.conn, trainee_id)
    rows = store.conn.execute(
        f"SELECT {_ENTRY_COLUMNS} FROM work_entries WHERE trainee_id = ? "
        "AND day >= ? AND day <= ? ORDER BY day DESC, id",
        (
            trainee_id,
            (since or date.min).isoformat(),
            (until or date.max).isoformat(),
        ),
    ).fetchall()
    return [_entry(row) for row in rows]


@store_operation
def work_days(store: Store, trainee_id: int, *, since: date) -> dict[date, WorkCounts]:
    """The trainee's logged work from `since` on, summed per day."""
    sums = ", ".join(f"total({kind})" for kind in WORK_KINDS)
    rows = store.conn.execute(
        f"SELECT day, {sums} FROM work_entries WHERE trainee_id = ? AND day >= ? GROUP BY day",
        (trainee_id, since.isoformat()),
    ).fetchall()
    return {
        date.fromisoformat(day): WorkCounts(*(int(value) for value in values))
        for day, *values in rows
    }


@store_operation
def decision_maker_scores(
    store: Store, trainee_id: int, *, since: date
) -> list[tuple[date, float]]:
    """The trainee's score on reaching the decision-maker in each completed practice or exam
    call started from `since` on, oldest first."""
    rows = store.conn.execute(
        "SELECT attempts.started_at, attempt_skills.percent FROM attempts "
        "JOIN attempt_skills ON attempt_skills.attempt_id = attempts.id "
        "WHERE attempts.trainee_id = ? AND attempts.kind IN (?, ?) AND attempts.status = ? "
        "AND attempts.started_at >= ? AND attempt_skills.skill = ? "
        "ORDER BY attempts.started_at",
        (
            trainee_id,
            AttemptKind.CALL.value,
            AttemptKind.EXAM.value,
            AttemptStatus.COMPLETED.value,
            since.isoformat(),
            DECISION_MAKER_SKILL,
        ),
    ).fetchall()
    return [(parse_timestamp(started).date(), float(percent)) for started, percent in rows]


@store_operation
def set_targets(store: Store, trainee_id: int, mentor: str, targets: WorkTargets) -> TargetsSet:
    """The trainee's targets from now on, signed with the mentor's name."""
    if targets.meetings_per_day < 0 or targets.calls_per_week < 0 or targets.monthly_plan < 0:
        raise StoreError("targets cannot be negative")
    if targets.meetings_per_day > 100 or targets.calls_per_week > 5_000:
        raise StoreError("those targets are more than a day or a week can hold")
    conn = store.conn
    with transaction(conn):
        ensure_trainee(conn, trainee_id)
        signed = signature(conn, mentor)
        now = utc_now()
        conn.execute(
            "INSERT INTO work_targets (trainee_id, meetings_per_day, calls_per_week, "
            "monthly_plan, set_by, set_at) VALUES (?, ?, ?, ?, ?, ?)",
            (
                trainee_id,
                float(targets.meetings_per_day),
                int(targets.calls_per_week),
                int(targets.monthly_plan),
                signed,
                now,
            ),
        )
    return TargetsSet(targets, signed, parse_timestamp(now))


@store_operation
def targets_of(store: Store, trainee_id: int) -> TargetsSet | None:
    """The targets a mentor last set for the trainee; None when none has."""
    row = store.conn.execute(
        "SELECT meetings_per_day, calls_per_week, monthly_plan, set_by, set_at "
        "FROM work_targets WHERE trainee_id = ? ORDER BY id DESC LIMIT 1",
        (trainee_id,),
    ).fetchone()
    if row is None:
        return None
    meetings, calls, plan, set_by, set_at = row
    return TargetsSet(
        WorkTargets(float(meetings), int(calls), int(plan)), set_by, parse_timestamp(set_at)
    )


@store_operation
def sign_off(store: Store, trainee_id: int, mentor: str, note: str) -> SignOff:
    """Record the mentor's sign-off of the trainee's readiness; once per trainee."""
    note = clean(note, multiline=True)
    if not note:
        raise StoreError("a sign-off needs a note: what shows the trainee is ready")
    if len(note) > MAX_TEXT_LENGTH:
        raise StoreError(f"the note can be at most {MAX_TEXT_LENGTH:,} characters")
    conn = store.conn
    with transaction(conn):
        ensure_trainee(conn, trainee_id)
        signed = signature(conn, mentor)
        existing = _select_sign_off(conn, trainee_id)
        if existing is not None:
            raise StoreError(
                f"{existing.mentor} already signed this trainee's readiness off on "
                f"{existing.signed_at.date().isoformat()}"
            )
        now = utc_now()
        conn.execute(
            "INSERT INTO readiness_signoffs (trainee_id, mentor, note, signed_at) "
            "VALUES (?, ?, ?, ?)",
            (trainee_id, signed, note, now),
        )
    return SignOff(trainee_id, signed, note, parse_timestamp(now))


def _select_sign_off(conn: sqlite3.Connection, trainee_id: int) -> SignOff | None:
    row = conn.execute(
        "SELECT trainee_id, mentor, note, signed_at FROM readiness_signoffs WHERE trainee_id = ?",
        (trainee_id,),
    ).fetchone()
    if row is None:
        return None
    return SignOff(int(row[0]), row[1], row[2], parse_timestamp(row[3]))


@store_operation
def sign_off_of(store: Store, trainee_id: int) -> SignOff | None:
    """The mentor's sign-off of the trainee's readiness; None before it."""
    return _select_sign_off(store.conn, trainee_id)


@store_operation
def sign_offs(store: Store) -> list[SignOff]:
    """Every readiness sign-off, oldest first (for exports and the LRS)."""
    rows = store.conn.execute(
        "SELECT trainee_id, mentor, note, signed_at FROM readiness_signoffs ORDER BY id"
    ).fetchall()
    return [SignOff(int(r[0]), r[1], r[2], parse_timestamp(r[3])) for r in rows]


@store_operation
def trainees_at_work(store: Store) -> list[tuple[int, str]]:
    """Every trainee with work logged, targets set or readiness signed off, by name."""
    rows = store.conn.execute(
        "SELECT id, name FROM trainees WHERE id IN ("
        "SELECT trainee_id FROM work_entries UNION SELECT trainee_id FROM work_targets "
        "UNION SELECT trainee_id FROM readiness_signoffs) ORDER BY name COLLATE NOCASE, id"
    ).fetchall()
    return [(int(trainee_id), str(name)) for trainee_id, name in rows]
