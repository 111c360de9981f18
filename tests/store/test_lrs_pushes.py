"""What each LRS acknowledged: per endpoint, in order, looked up by primary key."""

from __future__ import annotations

import pytest

from trainer.errors import StoreError
from trainer.store.database import Store
from trainer.store.lrs import (
    ACKNOWLEDGED,
    endpoint_homepage,
    endpoints_pushed,
    pushed_count,
    record_pushed,
    unpushed,
)

ONE, TWO = "https://one.example/xAPI", "https://two.example/xAPI"
HOME = "https://northline.example"


def test_each_endpoint_keeps_its_own_acknowledgements(store: Store) -> None:
    ids = [f"id-{n}" for n in range(5)]
    assert unpushed(store, ONE, ids) == ids
    record_pushed(store, ONE, HOME, ids[1:3])
    record_pushed(store, ONE, HOME, ids[2:4])  # again: kept once
    assert unpushed(store, ONE, ids) == ["id-0", "id-4"]
    assert unpushed(store, TWO, ids) == ids
    record_pushed(store, TWO, HOME, ["id-4"])
    assert (pushed_count(store, ONE), pushed_count(store, TWO)) == (3, 1)
    assert [(e.url, e.statements) for e in endpoints_pushed(store)] == [(ONE, 3), (TWO, 1)]
    assert endpoint_homepage(store, ONE) == HOME and endpoint_homepage(store, "x") is None


def test_an_endpoint_keeps_the_home_page_it_was_first_sent(store: Store) -> None:
    record_pushed(store, ONE, HOME, ["a"])
    with pytest.raises(StoreError, match="has this database's statements with the home page"):
        record_pushed(store, ONE, "https://other.example", ["b"])
    assert unpushed(store, ONE, ["a", "b"]) == ["b"]


def test_a_batch_of_thousands_is_one_parameter(store: Store) -> None:
    """SQLite allows 32,766 parameters at most: the ids go as one JSON array."""
    ids = [f"id-{n}" for n in range(40_000)]
    record_pushed(store, ONE, HOME, ids[::2])
    assert unpushed(store, ONE, ids) == ids[1::2]


def test_the_look_up_reads_one_key_per_id_however_many_were_pushed(store: Store) -> None:
    plan = " ".join(
        row[3] for row in store.conn.execute(f"EXPLAIN QUERY PLAN {ACKNOWLEDGED}", ("[]", 1))
    )
    assert "USING PRIMARY KEY (endpoint_id=? AND statement_id=?)" in plan, plan
    assert "LIST SUBQUERY" not in plan
