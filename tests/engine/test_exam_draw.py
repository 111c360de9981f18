"""Drawing the exam's variant: never one the trainee has had while another is left."""

from __future__ import annotations

from collections import Counter

from trainer.engine.programme import draw_exam_variant, eligible_variants

POOL = ("a", "b", "c")


def test_a_first_attempt_may_draw_any_variant_and_the_seed_decides() -> None:
    drawn = Counter(draw_exam_variant(POOL, [], seed) for seed in range(1, 301))
    assert set(drawn) == set(POOL)
    assert min(drawn.values()) > 60  # no variant is starved
    assert draw_exam_variant(POOL, [], 17) == draw_exam_variant(POOL, [], 17)


def test_a_retake_never_draws_a_variant_already_had_while_others_are_left() -> None:
    for seed in range(1, 201):
        assert draw_exam_variant(POOL, ["b"], seed) in {"a", "c"}
        assert draw_exam_variant(POOL, ["b", "a"], seed) == "c"


def test_once_all_were_had_any_but_the_last_one() -> None:
    assert eligible_variants(POOL, ["a", "b", "c"]) == ("a", "b")
    assert eligible_variants(POOL, ["c", "a", "b", "a"]) == ("b", "c")
    assert {draw_exam_variant(POOL, ["a", "b", "c"], s) for s in range(1, 100)} == {"a", "b"}


def test_a_pool_of_one_is_always_that_one() -> None:
    assert eligible_variants(("only",), ["only", "only"]) == ("only",)


def test_variants_taken_outside_the_pool_do_not_count_against_it() -> None:
    assert eligible_variants(POOL, ["old_exam"]) == POOL
