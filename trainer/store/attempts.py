"""Attempts: started, recorded turn by turn as they happen, finished with their scorecard."""

from __future__ import annotations

import os
import socket
import sqlite3
import sys
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from trainer.engine.turns import Mode, Turn
from trainer.errors import StoreError
from trainer.store.attempt_record import (
    Attempt,
    AttemptKind,
    AttemptStatus,
    ContentProgress,
    SkillResult,
    StoredTurn,
)
from trainer.store.database import Store, store_operation, transaction, utc_now
from trainer.store.rows import (
    ATTEMPT_COLUMNS,
    END_NODE,
    INSERT_TURN,
    TURN_COLUMNS,
    attempt_from_row,
    complete_attempt,
    ensure_in_progress,
    ensure_trainee,
    insert_attempt,
    member,
    owned_attempt,
    turn_from_row,
    turn_values,
)

if TYPE_CHECKING:  # the engine's results, as the store reads them
    from trainer.store.models import ScoreLike


@store_operation
def start_attempt(
    store: Store,
    trainee_id: int,
    *,
    kind: str,
    content_id: str,
    content_hash: str,
    seed: int,
    mode: str,
    persona_id: str | None = None,
) -> Attempt:
    """Open an attempt in progress, stamped with this process and host for crash recovery."""
    attempt_kind = member(AttemptKind, kind, "an attempt kind")
    attempt_mode = member(Mode, mode, "an attempt mode")
    conn = store.conn
    with transaction(conn):
        ensure_trainee(conn, trainee_id)
        attempt = insert_attempt(
            conn,
            trainee_id,
            kind=attempt_kind,
            content_id=content_id,
            content_hash=content_hash,
            seed=seed,
            mode=attempt_mode,
            persona_id=persona_id,
        )
    return attempt


@store_operation
def record_turn(store: Store, attempt_id: str, turn: Turn) -> None:
    """Write one transcript line and commit it at once, so that a crash loses nothing.

    Its texts are sanitised first (see `rows.turn_values`).
    """
    conn = store.conn
    with transaction(conn):
        ensure_in_progress(conn, attempt_id)
        try:
            conn.execute(INSERT_TURN, turn_values(attempt_id, turn, utc_now()))
        except sqlite3.IntegrityError as error:
            raise StoreError(
                f"turn {turn.index} of the attempt {attempt_id} is already recorded"
            ) from error


@store_operation
def finish_attempt(store: Store, attempt_id: str, score: ScoreLike) -> Attempt:
    """Complete the attempt: outcome, score, pass and the scorecard, in one transaction."""
    conn = store.conn
    with transaction(conn):
        ensure_in_progress(conn, attempt_id)
        attempt = complete_attempt(conn, attempt_id, score)
    return attempt


@store_operation
def abandon_attempt(store: Store, attempt_id: str) -> Attempt:
    """Mark an attempt in progress as abandoned (the trainee left); its turns are kept."""
    conn = store.conn
    with transaction(conn):
        attempt = owned_attempt(conn, attempt_id, None)
        if attempt.status is AttemptStatus.ABANDONED:
            return attempt
        if attempt.status is AttemptStatus.COMPLETED:
            raise StoreError(f"the attempt {attempt_id} is completed and cannot be abandoned")
        conn.execute(
            f"UPDATE attempts SET status = ?, ended_at = ?, outcome = NULL, end_node = {END_NODE} "
            "WHERE id = ?",
            (AttemptStatus.ABANDONED.value, utc_now(), attempt_id),
        )
        attempt = owned_attempt(conn, attempt_id, None)
    return attempt


@store_operation
def resume_attempt(store: Store, attempt_id: str, trainee_id: int) -> Attempt:
    """Open a practice call the trainee left unfinished again, as this process's; turns kept.

    Only an abandoned practice call resumes: an exam attempt counts once it starts and a
    quiz's questions were drawn for one sitting, so neither ever does.
    """
    conn = store.conn
    with transaction(conn):
        attempt = owned_attempt(conn, attempt_id, trainee_id)
        if attempt.kind is not AttemptKind.CALL or attempt.mode is not Mode.PRACTICE:
            raise StoreError(f"the attempt {attempt_id} is not a practice call: it cannot resume")
        if attempt.status is not AttemptStatus.ABANDONED:
            raise StoreError(
                f"the attempt {attempt_id} is {attempt.status.value.replace('-', ' ')}; "
                "only a call left unfinished can resume"
            )
        conn.execute(
            "UPDATE attempts SET status = ?, ended_at = NULL, outcome = NULL, end_node = NULL, "
            "pid = ?, host = ? WHERE id = ?",
            (AttemptStatus.IN_PROGRESS.value, os.getpid(), socket.gethostname(), attempt_id),
        )
        attempt = owned_attempt(conn, attempt_id, None)
    return attempt


@store_operation
def abandon_stale_attempts(store: Store) -> int:
    """Abandon the attempts left in progress by trainer processes of this host that have died.

    Call it when the app starts (open_store does not): a crash or a killed terminal leaves its
    attempt in progress. The turns are kept, and `ended_at` is the time of the last one.
    Attempts of other hosts are left alone, since their processes cannot be checked from here.
    """
    conn = store.conn
    candidates = conn.execute(
        "SELECT id, pid FROM attempts WHERE status = ? AND host = ?",
        (AttemptStatus.IN_PROGRESS.value, socket.gethostname()),
    ).fetchall()
    stale_ids = [attempt_id for attempt_id, pid in candidates if not _process_alive(pid)]
    if not stale_ids:
        return 0
    abandoned = 0
    with transaction(conn):
        for attempt_id in stale_ids:
            # The status test makes this safe against an attempt finished meanwhile.
            abandoned += conn.execute(
                "UPDATE attempts SET status = ?, outcome = NULL, ended_at = coalesce("
                "(SELECT max(created_at) FROM turns WHERE attempt_id = attempts.id), started_at), "
                f"end_node = {END_NODE} WHERE id = ? AND status = ?",
                (AttemptStatus.ABANDONED.value, attempt_id, AttemptStatus.IN_PROGRESS.value),
            ).rowcount
    return abandoned


def _process_alive(pid: int) -> bool:
    """Whether a process with this id runs on this host (a reused id counts as alive)."""
    if pid <= 0:
        return False
    if pid == os.getpid():
        return True
    if sys.platform == "win32":
        return _windows_process_alive(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return not _zombie(pid)  # another user's process
    return not _zombie(pid)


def _zombie(pid: int) -> bool:
    """Whether the process has exited and waits only to be reaped by its parent (Linux)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            # "pid (command) state ...": the command may hold spaces and parentheses.
            state = stat.read().rpartition(b")")[2].split()[:1]
    except OSError:
        return False  # no /proc (macOS, BSD): a zombie counts as alive there
    return state in ([b"Z"], [b"X"])


def _windows_process_alive(pid: int) -> bool:
    # os.kill(pid, 0) would terminate the process on Windows; ask the kernel instead.
    import ctypes

    process_query_limited_information = 0x1000
    still_active = 259
    error_access_denied = 5
    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined,unused-ignore]
    handle = kernel32.OpenProcess(process_query_limited_information, False, pid)
    if not handle:
        return bool(ctypes.get_last_error() == error_access_denied)  # type: ignore[attr-defined,unused-ignore]
    try:
        exit_code = ctypes.c_ulong()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(exit_code)):
            return True
        return exit_code.value == still_active
    finally:
        kernel32.CloseHandle(handle)


@store_operation
def attempts_for(
    store: Store,
    trainee_id: int,
    *,
    content_id: str | None = None,
    kind: str | None = None,
    limit: int | None = None,
) -> list[Attempt]:
    """A trainee's attempts, newest first, optionally only those of one content item or kind."""
    conditions = ["trainee_id = ?"]
    parameters: list[Any] = [trainee_id]
    if content_id is not None:
        conditions.append("content_id = ?")
        parameters.append(content_id)
    if kind is not None:
        conditions.append("kind = ?")
        parameters.append(member(AttemptKind, kind, "an attempt kind").value)
    parameters.append(-1 if limit is None else limit)
    rows = store.conn.execute(
        f"SELECT {ATTEMPT_COLUMNS} FROM attempts WHERE {' AND '.join(conditions)} "
        "ORDER BY started_at DESC, rowid DESC LIMIT ?",
        parameters,
    ).fetchall()
    return [attempt_from_row(row) for row in rows]


@store_operation
def get_attempt(store: Store, attempt_id: str, trainee_id: int | None = None) -> Attempt:
    """One attempt; with `trainee_id`, only if it is that trainee's (no one reads another's)."""
    return owned_attempt(store.conn, attempt_id, trainee_id)


@store_operation
def turns_for(store: Store, attempt_id: str, *, trainee_id: int | None = None) -> list[StoredTurn]:
    """The attempt's transcript in order; with `trainee_id`, only if it is that trainee's."""
    conn = store.conn
    owned_attempt(conn, attempt_id, trainee_id)
    rows = conn.execute(
        f"SELECT {TURN_COLUMNS} FROM turns WHERE attempt_id = ? ORDER BY idx", (attempt_id,)
    ).fetchall()
    return [turn_from_row(row) for row in rows]


@store_operation
def skills_for(
    store: Store, attempt_id: str, *, trainee_id: int | None = None
) -> list[SkillResult]:
    """The attempt's scorecard, in the rubric's order; empty until the attempt is finished."""
    conn = store.conn
    owned_attempt(conn, attempt_id, trainee_id)
    rows = conn.execute(
        "SELECT attempt_id, skill, earned, best, percent FROM attempt_skills "
        "WHERE attempt_id = ? ORDER BY rowid",
        (attempt_id,),
    ).fetchall()
    return [SkillResult(*row) for row in rows]


@store_operation
def practice_summary(store: Store, trainee_id: int) -> dict[str, ContentProgress]:
    """Per scenario or quiz id: the trainee's best score and number of completed attempts.

    Scores are the ones that count: a mentor's change of a score replaces the attempt's own.
    """
    rows = store.conn.execute(
        "SELECT content_id, max(score), count(*) FROM attempt_results "
        "WHERE trainee_id = ? AND status = ? GROUP BY content_id ORDER BY content_id",
        (trainee_id, AttemptStatus.COMPLETED.value),
    ).fetchall()
    return {
        content_id: ContentProgress(0.0 if best is None else best, count)
        for content_id, best, count in rows
    }


@store_operation
def previous_attempt(
    store: Store, trainee_id: int, content_id: str, before_attempt_id: str
) -> Attempt | None:
    """The trainee's last completed attempt at `content_id` started before the given one.

    For "change since your previous attempt" on the scorecard.
    """
    conn = store.conn
    owned_attempt(conn, before_attempt_id, trainee_id)
    row = conn.execute(
        f"SELECT {ATTEMPT_COLUMNS} FROM attempts "
        "WHERE trainee_id = ? AND content_id = ? AND status = ? "
        "AND (started_at, rowid) < (SELECT started_at, rowid FROM attempts WHERE id = ?) "
        "ORDER BY started_at DESC, rowid DESC LIMIT 1",
        (trainee_id, content_id, AttemptStatus.COMPLETED.value, before_attempt_id),
    ).fetchone()
    return None if row is None else attempt_from_row(row)


@store_operation
def played_elsewhere(store: Store, current: Mapping[str, str]) -> dict[int, set[str]]:
    """Per trainee: the hashes of the files, other than `current`'s (scenario or quiz id: its
    digest now), that their attempts were played on.

    Each id's few hashes are found by seeking through the index one after another, and only an
    other file's players are then read: no pass over every attempt.
    """
    conn = store.conn
    found: dict[int, set[str]] = {}
    for content_id, digest in current.items():
        after = ""
        while True:
            row = conn.execute(
                "SELECT content_hash FROM attempts WHERE content_id = ? AND content_hash > ? "
                "ORDER BY content_hash LIMIT 1",
                (content_id, after),
            ).fetchone()
            if row is None:
                break
            after = row[0]
            if after == digest:
                continue
            for (trainee_id,) in conn.execute(
                "SELECT DISTINCT trainee_id FROM attempts "
                "WHERE content_id = ? AND content_hash = ?",
                (content_id, after),
            ):
                found.setdefault(trainee_id, set()).add(after)
    return found


def other_content(attempt: Attempt, current_digest: str | None) -> str:
    """`played on other content (714828c2)` when the attempt's file is not the one in use now
    (an edited copy passed with `--content`, or the content before trainers changed it); ""
    when it is the same file, or the content in use does not have it."""
    if not current_digest or attempt.content_hash == current_digest:
        return ""
    return f"played on other content ({attempt.content_hash[:8]})"
