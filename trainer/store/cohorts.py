"""Cohorts: the group a trainee belongs to, set by a mentor, for reading analytics by group."""

from __future__ import annotations

from trainer.errors import StoreError
from trainer.store import names
from trainer.store.database import Store, store_operation, transaction, utc_now


@store_operation
def set_cohort(store: Store, trainee_id: int, cohort: str | None, *, mentor: str) -> None:
    """Put the trainee in `cohort` (a name, compared without regard to case), or in none."""
    cleaned = None if cohort is None else names.clean_name(cohort, "cohort")
    conn = store.conn
    with transaction(conn):
        if conn.execute("SELECT 1 FROM trainees WHERE id = ?", (trainee_id,)).fetchone() is None:
            raise StoreError(f"no trainee with id {trainee_id}")
        if cleaned is None:
            conn.execute("DELETE FROM cohorts WHERE trainee_id = ?", (trainee_id,))
            return
        # One spelling per cohort: "spring 2026" joins an existing "Spring 2026".
        existing = conn.execute(
            "SELECT cohort FROM cohorts WHERE lower(cohort) = lower(?) LIMIT 1", (cleaned,)
        ).fetchone()
        conn.execute(
            "INSERT INTO cohorts (trainee_id, cohort, set_by, set_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (trainee_id) DO UPDATE SET cohort = excluded.cohort, "
            "set_by = excluded.set_by, set_at = excluded.set_at",
            (trainee_id, existing[0] if existing else cleaned, mentor, utc_now()),
        )


@store_operation
def cohort_names(store: Store) -> list[str]:
    """Every cohort with at least one trainee, in name order."""
    return [
        row[0]
        for row in store.conn.execute(
            "SELECT DISTINCT cohort FROM cohorts ORDER BY cohort COLLATE NOCASE"
        )
    ]


@store_operation
def cohort_of(store: Store, trainee_id: int) -> str | None:
    row = store.conn.execute(
        "SELECT cohort FROM cohorts WHERE trainee_id = ?", (trainee_id,)
    ).fetchone()
    return None if row is None else str(row[0])
