"""The exam's rules live in the records: fixed at first use, changed only by a mentor, audited."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.store.conftest import MENTOR
from trainer.errors import StoreError
from trainer.store.attempts import finish_attempt
from trainer.store.database import Store, open_store
from trainer.store.exams import (
    FIRST_USE,
    accept_exam_variant,
    exam_rule_changes,
    exam_rules,
    exam_standing,
    fix_exam_rules,
    grant_retake,
    set_exam_attempts,
    start_exam_attempt,
    withdraw_exam_variant,
)
from trainer.store.mentors import Mentor
from trainer.store.models import Trainee

POOL = {"exam_a": "hash-a", "exam_b": "hash-b", "exam_c": "hash-c"}


def start(store: Store, trainee: Trainee, variant: str, *, allowed: int = 2, **kw: object) -> str:
    return start_exam_attempt(
        store,
        trainee.id,
        content_id=variant,
        content_hash=str(kw.get("content_hash", POOL.get(variant, "other"))),
        seed=3,
        allowed=allowed,
        offered=kw.get("offered"),  # type: ignore[arg-type]
    ).id


class Failed:
    outcome, percent, passed, skills = "lost", 30.0, False, ()


def test_the_first_use_fixes_the_rules_and_later_content_cannot_change_them(
    store: Store, db_path: Path
) -> None:
    fixed = fix_exam_rules(store, attempts=2, variants=POOL)
    assert (fixed.attempts, fixed.pool) == (2, ("exam_a", "exam_b", "exam_c"))
    # Content that says five attempts, or another pool, later: the records keep theirs.
    again = fix_exam_rules(store, attempts=5, variants={"exam_new": "x"})
    assert (again.attempts, again.pool) == (2, ("exam_a", "exam_b", "exam_c"))
    with sqlite3.connect(db_path) as raw:
        assert raw.execute("SELECT attempts FROM exam_rules").fetchall() == [(2,)]
    [line] = exam_rule_changes(store)
    assert line.mentor == FIRST_USE and "fixed 2 attempts" in line.change


def test_the_records_limit_counts_not_the_content_in_use(store: Store, trainee: Trainee) -> None:
    fix_exam_rules(store, attempts=2, variants=POOL)
    for variant in ("exam_a", "exam_b"):
        finish_attempt(store, start(store, trainee, variant, allowed=9), Failed())
    # A copy of the content without its programme (or saying 9 attempts) gets no third.
    with pytest.raises(StoreError, match="no exam attempts left: 2 of 2 used"):
        start(store, trainee, "exam_c", allowed=9)
    # Nor does an exam of a new id: every exam attempt counts, and it is not in the pool.
    with pytest.raises(StoreError, match="no exam attempts left"):
        start(store, trainee, "exam_new", allowed=9)
    assert exam_standing(store, trainee.id, default_attempts=9).left == 0


def test_an_exam_outside_the_pool_or_changed_is_refused(store: Store, trainee: Trainee) -> None:
    fix_exam_rules(store, attempts=2, variants=POOL)
    with pytest.raises(StoreError, match="'exam_new' is not one of the exam's variants"):
        start(store, trainee, "exam_new")
    with pytest.raises(StoreError, match="'exam_a' has changed since a mentor accepted it"):
        start(store, trainee, "exam_a", content_hash="edited")
    assert exam_standing(store, trainee.id, default_attempts=2).taken == ()  # nothing used


def test_a_retake_never_repeats_a_variant_while_others_are_left(
    store: Store, trainee: Trainee, mentor: Mentor
) -> None:
    fix_exam_rules(store, attempts=2, variants=POOL)
    finish_attempt(store, start(store, trainee, "exam_b"), Failed())
    with pytest.raises(StoreError, match="a retake draws a variant you have not had"):
        start(store, trainee, "exam_b")
    finish_attempt(store, start(store, trainee, "exam_c"), Failed())
    grant_retake(store, trainee.id, MENTOR, "Went through both calls.")
    grant_retake(store, trainee.id, MENTOR, "And once more.")
    finish_attempt(store, start(store, trainee, "exam_a"), Failed())
    # Every variant had: any but the last one.
    with pytest.raises(StoreError, match="not yours to take now"):
        start(store, trainee, "exam_a")
    start(store, trainee, "exam_b")
    assert exam_standing(store, trainee.id, default_attempts=2).taken == (
        "exam_b",
        "exam_c",
        "exam_a",
        "exam_b",
    )


def test_a_variant_missing_from_the_content_does_not_block_a_retake(
    store: Store, trainee: Trainee
) -> None:
    fix_exam_rules(store, attempts=2, variants=POOL)
    finish_attempt(store, start(store, trainee, "exam_a"), Failed())
    # exam_b and exam_c are not in this content: the only variant offered is the one had.
    start(store, trainee, "exam_a", offered=("exam_a",))


def test_only_a_mentor_with_a_reason_changes_the_rules(store: Store, trainee: Trainee) -> None:
    fix_exam_rules(store, attempts=2, variants=POOL)
    with pytest.raises(StoreError, match="mentor"):
        set_exam_attempts(store, "Mallory", 9, "because")
    with pytest.raises(StoreError, match="needs a reason"):
        set_exam_attempts(store, MENTOR, 3, "  ")
    with pytest.raises(StoreError, match="at least one attempt"):
        set_exam_attempts(store, MENTOR, 0, "none")
    assert exam_rules(store).attempts == 2  # type: ignore[union-attr]


def test_a_mentor_sets_attempts_accepts_and_withdraws(
    store: Store, trainee: Trainee, mentor: Mentor
) -> None:
    fix_exam_rules(store, attempts=2, variants=POOL)
    assert set_exam_attempts(store, MENTOR, 3, "Board decision").attempts == 3
    rules = accept_exam_variant(store, MENTOR, "exam_a", "edited", "Checked the new prices")
    assert rules.accepts("exam_a", "edited") and rules.accepts("exam_a", "hash-a")
    with pytest.raises(StoreError, match="already accepted"):
        accept_exam_variant(store, MENTOR, "exam_a", "edited", "twice")
    start(store, trainee, "exam_a", content_hash="edited")  # accepted: it starts
    rules = withdraw_exam_variant(store, MENTOR, "exam_c", "Out of date")
    assert rules.pool == ("exam_a", "exam_b")
    withdraw_exam_variant(store, MENTOR, "exam_b", "Out of date")
    with pytest.raises(StoreError, match="at least one variant"):
        withdraw_exam_variant(store, MENTOR, "exam_a", "all gone")
    changes = [(c.mentor, c.change, c.reason) for c in exam_rule_changes(store)]
    assert changes[1:] == [
        (MENTOR, "attempts 2 -> 3", "Board decision"),
        (MENTOR, "accepted changed content of exam_a (edited)", "Checked the new prices"),
        (MENTOR, "withdrew from the pool: exam_c", "Out of date"),
        (MENTOR, "withdrew from the pool: exam_b", "Out of date"),
    ]


def test_the_rules_survive_reopening_the_file(db_path: Path, trainee: Trainee) -> None:
    with open_store(db_path) as store:
        fix_exam_rules(store, attempts=1, variants=POOL)
    with open_store(db_path) as store:
        rules = exam_rules(store)
        assert rules is not None and rules.attempts == 1 and rules.accepts("exam_c", "hash-c")


def test_the_first_use_reads_the_variants_digests_without_building_them(
    store: Store, tmp_path: Path
) -> None:
    """Read back from the content cache, a set's exam variants are fixed from their summaries:
    the same digests the scenarios carry, and not one scenario's nodes read back for it."""
    from trainer.content.cache import ContentCache
    from trainer.content.content_set import LazyScenarios
    from trainer.content.loader import load_content, validate
    from trainer.content.paths import bundled_content_dir
    from trainer.store.exams import exam_rules_for

    cache = ContentCache(tmp_path / "cache")
    parsed = validate(bundled_content_dir(), cache=cache).content  # read anew and saved
    warm = load_content(bundled_content_dir(), cache=cache)
    assert parsed is not None and isinstance(warm.scenarios, LazyScenarios)
    rules = exam_rules_for(store, warm)
    assert rules is not None and warm.programme is not None
    expected = {
        variant: parsed.scenarios[variant].digest for variant in warm.programme.exam.exam_variants
    }
    assert all(expected.values())
    assert rules.accepted == {variant: frozenset({digest}) for variant, digest in expected.items()}
    assert warm.scenarios.built == frozenset()  # no variant was built to read its digest
