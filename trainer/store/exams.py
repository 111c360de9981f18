"""The final exam: its rules in the records, attempts counted as they start, and retakes.

Starting an exam attempt uses it, whatever happens next (quitting, hanging up, a crash). The
attempt limit and the exam pool (each variant's scenario id with the content hashes a mentor
accepted) are fixed in the database when the programme is first used; from then on the content
in use cannot change them, only a mentor can (trainer mentor exam), each change with an audit
line. A trainee may start that many attempts plus one per retake, every exam attempt counted
whatever its scenario, and only at a variant of the pool whose content is accepted.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from trainer.content.content_set import ContentSet
from trainer.content.programme import DEFAULT_EXAM_ATTEMPTS
from trainer.engine.programme import eligible_variants
from trainer.engine.turns import Mode
from trainer.errors import StoreError
from trainer.store.attempt_record import Attempt, AttemptKind, ExamRetake
from trainer.store.database import Store, parse_timestamp, store_operation, transaction, utc_now
from trainer.store.mentors import signature
from trainer.store.reviews import EFFECTIVE_PASSED, MAX_TEXT_LENGTH
from trainer.store.rows import ensure_trainee, insert_attempt
from trainer.text import clean

_RETAKE_COLUMNS = "id, trainee_id, granted_by, reason, granted_at"


def retake_from_row(row: sqlite3.Row | tuple[Any, ...]) -> ExamRetake:
    retake_id, trainee_id, granted_by, reason, granted_at = row
    return ExamRetake(retake_id, trainee_id, granted_by, reason, parse_timestamp(granted_at))


FIRST_USE = "the programme, at first use"  # who fixed the rules when no mentor did


@dataclass(frozen=True, slots=True)
class ExamRules:
    """The exam's rules as the records fix them."""

    attempts: int  # before a mentor must grant a retake
    accepted: Mapping[str, frozenset[str]]  # variant scenario id to its accepted content hashes
    pool: tuple[str, ...]  # the variants, in the order they joined the pool
    fixed_at: datetime

    def accepts(self, scenario_id: str, content_hash: str) -> bool:
        return content_hash in self.accepted.get(scenario_id, frozenset())


@dataclass(frozen=True, slots=True)
class ExamRuleChange:
    """One audit line: who changed the exam's rules, when, what and why."""

    id: int
    mentor: str
    changed_at: datetime
    change: str
    reason: str


def select_exam_rules(conn: sqlite3.Connection) -> ExamRules | None:
    row = conn.execute("SELECT attempts, fixed_at FROM exam_rules WHERE id = 1").fetchone()
    if row is None:
        return None
    accepted: dict[str, set[str]] = {}
    for scenario_id, content_hash in conn.execute(
        "SELECT scenario_id, content_hash FROM exam_variants ORDER BY id"
    ):
        accepted.setdefault(scenario_id, set()).add(content_hash)
    return ExamRules(
        attempts=int(row[0]),
        accepted={key: frozenset(hashes) for key, hashes in accepted.items()},
        pool=tuple(accepted),
        fixed_at=parse_timestamp(row[1]),
    )


def _fix(conn: sqlite3.Connection, attempts: int, variants: Mapping[str, str]) -> ExamRules:
    """The rules in the records; fixed from `attempts` and `variants` if none are yet."""
    rules = select_exam_rules(conn)
    if rules is not None:
        return rules
    if attempts < 1:
        raise StoreError(f"the exam needs at least one attempt ({attempts})")
    now = utc_now()
    conn.execute(
        "INSERT INTO exam_rules (id, attempts, fixed_at) VALUES (1, ?, ?)", (attempts, now)
    )
    for scenario_id, content_hash in variants.items():
        conn.execute(
            "INSERT INTO exam_variants (scenario_id, content_hash, accepted_by, accepted_at) "
            "VALUES (?, ?, NULL, ?)",
            (scenario_id, content_hash, now),
        )
    shown = ", ".join(variants) or "none"
    _audit(conn, FIRST_USE, f"fixed {attempts} attempts and the exam pool: {shown}", "first use")
    fixed = select_exam_rules(conn)
    assert fixed is not None
    return fixed


def _audit(conn: sqlite3.Connection, mentor: str, change: str, reason: str) -> None:
    conn.execute(
        "INSERT INTO exam_rule_changes (mentor, changed_at, change, reason) VALUES (?, ?, ?, ?)",
        (mentor, utc_now(), change, reason),
    )


@store_operation
def fix_exam_rules(store: Store, *, attempts: int, variants: Mapping[str, str]) -> ExamRules:
    """The exam's rules in the records, fixed now from the programme's when this is first use.

    `variants` maps each exam scenario of the programme's pool to its content hash. Once rules
    are fixed, whatever the content says later is ignored: only a mentor changes them.
    """
    fixed = select_exam_rules(store.conn)  # the usual case: read, no write lock taken
    if fixed is not None:
        return fixed
    with transaction(store.conn) as conn:
        return _fix(conn, attempts, variants)


def exam_rules_for(store: Store, content: ContentSet) -> ExamRules | None:
    """The exam's rules in the records, fixed from `content`'s programme at its first use."""
    programme = content.programme
    if programme is None:
        return exam_rules(store)
    # The summaries carry each file's digest: no variant's nodes are read back to fix them.
    summaries = content.summaries
    variants = {
        scenario_id: summaries[scenario_id].digest
        for scenario_id in programme.exam.exam_variants
        if scenario_id in summaries
    }
    return fix_exam_rules(store, attempts=programme.exam.exam_attempts, variants=variants)


@store_operation
def exam_rules(store: Store) -> ExamRules | None:
    """The exam's rules in the records; None before the programme was first used."""
    return select_exam_rules(store.conn)


def _reason(reason: str) -> str:
    reason = reason.strip()
    if not reason:
        raise StoreError("a change to the exam's rules needs a reason")
    if len(reason) > MAX_TEXT_LENGTH:
        raise StoreError(f"the reason can be at most {MAX_TEXT_LENGTH:,} characters")
    return reason


@store_operation
def set_exam_attempts(store: Store, mentor: str, attempts: int, reason: str) -> ExamRules:
    """A mentor's new attempt limit for the exam, with an audit line."""
    reason = _reason(reason)
    if attempts < 1:
        raise StoreError(f"the exam needs at least one attempt ({attempts})")
    with transaction(store.conn) as conn:
        signed = signature(conn, mentor)
        rules = _fix(conn, attempts, {})
        conn.execute("UPDATE exam_rules SET attempts = ? WHERE id = 1", (attempts,))
        _audit(conn, signed, f"attempts {rules.attempts} -> {attempts}", reason)
        changed = select_exam_rules(conn)
    assert changed is not None
    return changed


@store_operation
def accept_exam_variant(
    store: Store, mentor: str, scenario_id: str, content_hash: str, reason: str
) -> ExamRules:
    """A mentor accepts this content of an exam scenario: it joins the pool, or its changed
    file counts again for a certificate. Refused when that content is already accepted."""
    reason = _reason(reason)
    with transaction(store.conn) as conn:
        signed = signature(conn, mentor)
        rules = select_exam_rules(conn)
        if rules is None:
            raise StoreError(
                "the exam's rules are not fixed yet: they are when the programme is first used"
            )
        if rules.accepts(scenario_id, content_hash):
            raise StoreError(f"this content of the exam '{scenario_id}' is already accepted")
        conn.execute(
            "INSERT INTO exam_variants (scenario_id, content_hash, accepted_by, accepted_at) "
            "VALUES (?, ?, ?, ?)",
            (scenario_id, content_hash, signed, utc_now()),
        )
        what = "changed content of" if scenario_id in rules.accepted else "added to the pool:"
        _audit(conn, signed, f"accepted {what} {scenario_id} ({content_hash[:12]})", reason)
        changed = select_exam_rules(conn)
    assert changed is not None
    return changed


@store_operation
def withdraw_exam_variant(store: Store, mentor: str, scenario_id: str, reason: str) -> ExamRules:
    """A mentor takes a variant out of the exam pool (never the last one), with an audit line."""
    reason = _reason(reason)
    with transaction(store.conn) as conn:
        signed = signature(conn, mentor)
        rules = select_exam_rules(conn)
        if rules is None or scenario_id not in rules.accepted:
            raise StoreError(f"'{scenario_id}' is not in the exam pool")
        if len(rules.pool) == 1:
            raise StoreError("the exam pool needs at least one variant; accept another first")
        conn.execute("DELETE FROM exam_variants WHERE scenario_id = ?", (scenario_id,))
        _audit(conn, signed, f"withdrew from the pool: {scenario_id}", reason)
        changed = select_exam_rules(conn)
    assert changed is not None
    return changed


@store_operation
def exam_rule_changes(store: Store) -> list[ExamRuleChange]:
    """Every change to the exam's rules, oldest first."""
    return [
        ExamRuleChange(row[0], row[1], parse_timestamp(row[2]), row[3], row[4])
        for row in store.conn.execute(
            "SELECT id, mentor, changed_at, change, reason FROM exam_rule_changes ORDER BY id"
        )
    ]


def _exam_record(conn: sqlite3.Connection, trainee_id: int) -> tuple[list[str], bool]:
    """(the variants of every exam attempt started, oldest first; passed), overrides applied.

    Every exam attempt counts, whatever its scenario: a content set with an exam of a new id
    must not hand out fresh attempts.
    """
    taken = [
        content_id
        for (content_id,) in conn.execute(
            "SELECT content_id FROM attempts WHERE kind = ? AND trainee_id = ? "
            "ORDER BY started_at, rowid",
            (AttemptKind.EXAM.value, trainee_id),
        )
    ]
    (passed,) = conn.execute(
        f"SELECT coalesce(max({EFFECTIVE_PASSED}), 0) FROM attempts "
        "WHERE kind = ? AND trainee_id = ?",
        (AttemptKind.EXAM.value, trainee_id),
    ).fetchone()
    return taken, bool(passed)


@dataclass(frozen=True, slots=True)
class ExamStanding:
    """A trainee's exam in the records: the variants taken, oldest first, and what is left."""

    taken: tuple[str, ...]
    passed: bool
    allowed: int  # the records' attempts plus retakes granted

    @property
    def left(self) -> int:
        return max(0, self.allowed - len(self.taken))


@store_operation
def exam_standing(store: Store, trainee_id: int, *, default_attempts: int) -> ExamStanding:
    """The trainee's exam attempts against the records' limit (`default_attempts` before the
    rules are fixed)."""
    conn = store.conn
    ensure_trainee(conn, trainee_id)
    rules = select_exam_rules(conn)
    taken, passed = _exam_record(conn, trainee_id)
    limit = default_attempts if rules is None else rules.attempts
    return ExamStanding(tuple(taken), passed, limit + _retakes_granted(conn, trainee_id))


def _retakes_granted(conn: sqlite3.Connection, trainee_id: int) -> int:
    (count,) = conn.execute(
        "SELECT count(*) FROM exam_retakes WHERE trainee_id = ?", (trainee_id,)
    ).fetchone()
    return int(count)


@store_operation
def start_exam_attempt(
    store: Store,
    trainee_id: int,
    *,
    content_id: str,
    content_hash: str,
    seed: int,
    persona_id: str | None = None,
    allowed: int,
    offered: Collection[str] | None = None,
) -> Attempt:
    """Open an exam attempt if the records allow it; refuses once the exam is passed.

    The limit is the records' (`allowed`, the programme's, only fixes it at first use), and the
    variant must be in the records' pool with its content accepted and, among the variants the
    content `offered` (all when None), one the trainee may draw now (see `eligible_variants`).
    The attempts used and the retakes granted are counted and the attempt inserted in one
    write transaction, so two trainers starting the last attempt at once cannot both get it.
    """
    if allowed < 0:
        raise StoreError(f"the number of exam attempts cannot be negative ({allowed})")
    conn = store.conn
    with transaction(conn):
        ensure_trainee(conn, trainee_id)
        rules = _fix(conn, max(allowed, 1), {content_id: content_hash})
        taken, passed = _exam_record(conn, trainee_id)
        if passed:
            raise StoreError("the exam is already passed; there is nothing to retake")
        limit = rules.attempts + _retakes_granted(conn, trainee_id)
        if len(taken) >= limit:
            raise StoreError(
                f"no exam attempts left: {len(taken)} of {limit} used; a mentor must grant a retake"
            )
        _check_variant(rules, taken, content_id, content_hash, offered)
        attempt = insert_attempt(
            conn,
            trainee_id,
            kind=AttemptKind.EXAM,
            content_id=content_id,
            content_hash=content_hash,
            seed=seed,
            mode=Mode.EXAM,
            persona_id=persona_id,
        )
    return attempt


def _check_variant(
    rules: ExamRules,
    taken: Sequence[str],
    content_id: str,
    content_hash: str,
    offered: Collection[str] | None,
) -> None:
    if content_id not in rules.accepted:
        raise StoreError(
            f"'{content_id}' is not one of the exam's variants in the records; "
            "a mentor must accept it first"
        )
    if not rules.accepts(content_id, content_hash):
        raise StoreError(
            f"the exam '{content_id}' has changed since a mentor accepted it; "
            "ask a mentor to review and accept it before you take it"
        )
    pool = [variant for variant in rules.pool if offered is None or variant in offered]
    if content_id not in eligible_variants(pool, taken):
        raise StoreError(
            f"the exam '{content_id}' is not yours to take now: a retake draws a variant "
            "you have not had"
        )


@store_operation
def grant_retake(
    store: Store, trainee_id: int, mentor: str, reason: str, *, granted_before: int | None = None
) -> ExamRetake:
    """One more exam attempt for the trainee, signed with the mentor's name and a reason.

    `granted_before` is how many retakes the mentor's check saw: when another grant landed
    since, this one is refused rather than give two for one need.
    """
    reason = clean(reason, multiline=True)
    if not reason:
        raise StoreError("a retake needs a reason")
    if len(reason) > MAX_TEXT_LENGTH:
        raise StoreError(f"the reason can be at most {MAX_TEXT_LENGTH:,} characters")
    conn = store.conn
    with transaction(conn):
        ensure_trainee(conn, trainee_id)
        signed = signature(conn, mentor)
        if granted_before is not None:
            (granted,) = conn.execute(
                "SELECT count(*) FROM exam_retakes WHERE trainee_id = ?", (trainee_id,)
            ).fetchone()
            if granted != granted_before:
                raise StoreError(
                    "another mentor granted this trainee a retake a moment ago; "
                    "nothing more was granted"
                )
        cursor = conn.execute(
            "INSERT INTO exam_retakes (trainee_id, granted_by, reason, granted_at) "
            "VALUES (?, ?, ?, ?)",
            (trainee_id, signed, reason, utc_now()),
        )
        row = conn.execute(
            f"SELECT {_RETAKE_COLUMNS} FROM exam_retakes WHERE id = ?", (cursor.lastrowid,)
        ).fetchone()
    return retake_from_row(row)


def retakes_used(conn: sqlite3.Connection, trainee_ids: Sequence[int]) -> dict[str, ExamRetake]:
    """The retake each exam attempt of these trainees was taken on, by attempt id.

    The first attempts up to the limit (the records' rule, else the default) need none; each
    later one uses the oldest grant made before it started and not used by an earlier one.
    """
    if not trainee_ids:
        return {}
    rules = select_exam_rules(conn)
    limit = DEFAULT_EXAM_ATTEMPTS if rules is None else rules.attempts
    marks = ", ".join("?" * len(trainee_ids))
    grants: dict[int, list[ExamRetake]] = {}
    for row in conn.execute(
        f"SELECT {_RETAKE_COLUMNS} FROM exam_retakes WHERE trainee_id IN ({marks}) ORDER BY id",
        tuple(trainee_ids),
    ):
        retake = retake_from_row(row)
        grants.setdefault(retake.trainee_id, []).append(retake)
    used: dict[str, ExamRetake] = {}
    taken: dict[int, int] = {}
    for attempt_id, trainee_id, started_at in conn.execute(
        f"SELECT id, trainee_id, started_at FROM attempts WHERE kind = 'exam' "
        f"AND trainee_id IN ({marks}) ORDER BY started_at, rowid",
        tuple(trainee_ids),
    ):
        taken[trainee_id] = taken.get(trainee_id, 0) + 1
        waiting = grants.get(trainee_id, [])
        started = parse_timestamp(started_at)
        if taken[trainee_id] > limit and waiting and waiting[0].granted_at <= started:
            used[attempt_id] = waiting.pop(0)
    return used


def select_retakes(conn: sqlite3.Connection, trainee_id: int) -> list[ExamRetake]:
    rows = conn.execute(
        f"SELECT {_RETAKE_COLUMNS} FROM exam_retakes WHERE trainee_id = ? ORDER BY id",
        (trainee_id,),
    ).fetchall()
    return [retake_from_row(row) for row in rows]


@store_operation
def retakes_for(store: Store, trainee_id: int) -> list[ExamRetake]:
    """The exam retakes granted to a trainee, oldest first."""
    return select_retakes(store.conn, trainee_id)
