"""Which xAPI statements each learning record store acknowledged: a push sends only new ones."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from trainer.errors import StoreError
from trainer.store.database import (
    Store,
    parse_timestamp,
    store_operation,
    transaction,
    utc_now,
)

# Which of a list of ids (one JSON parameter, so a batch of any size fits) an endpoint has: one
# primary-key look-up per id. `IN (SELECT ...)` would build a list of every id the endpoint
# ever acknowledged on each call, and a push makes one call per attempt.
ACKNOWLEDGED = (
    "SELECT value FROM json_each(?1) WHERE EXISTS "
    "(SELECT 1 FROM lrs_pushes WHERE endpoint_id = ?2 AND statement_id = json_each.value)"
)


def _endpoint_id(store: Store, url: str) -> int | None:
    row = store.conn.execute("SELECT id FROM lrs_endpoints WHERE url = ?", (url,)).fetchone()
    return None if row is None else int(row[0])


@store_operation
def unpushed(store: Store, url: str, statement_ids: Sequence[str]) -> list[str]:
    """The ids among `statement_ids` that the LRS at `url` has not acknowledged, in order."""
    endpoint = _endpoint_id(store, url)
    if endpoint is None:
        return list(statement_ids)
    rows = store.conn.execute(ACKNOWLEDGED, (json.dumps(list(statement_ids)), endpoint)).fetchall()
    done = {row[0] for row in rows}
    return [each for each in statement_ids if each not in done]


@store_operation
def endpoint_homepage(store: Store, url: str) -> str | None:
    """The accounts' home page of the statements the LRS at `url` took; None before any."""
    row = store.conn.execute("SELECT homepage FROM lrs_endpoints WHERE url = ?", (url,)).fetchone()
    return None if row is None else str(row[0])


@store_operation
def record_pushed(store: Store, url: str, homepage: str, statement_ids: Sequence[str]) -> None:
    """Note that the LRS at `url` acknowledged these statements, all in one transaction."""
    now = utc_now()
    with transaction(store.conn) as conn:
        conn.execute(
            "INSERT INTO lrs_endpoints (url, homepage, created_at) VALUES (?, ?, ?) "
            "ON CONFLICT (url) DO NOTHING",
            (url, homepage, now),
        )
        endpoint, recorded = conn.execute(
            "SELECT id, homepage FROM lrs_endpoints WHERE url = ?", (url,)
        ).fetchone()
        if recorded != homepage:
            raise StoreError(
                f"the LRS at {url} has this database's statements with the home page "
                f"{recorded}, not {homepage}"
            )
        conn.executemany(
            "INSERT INTO lrs_pushes (endpoint_id, statement_id, pushed_at) VALUES (?, ?, ?) "
            "ON CONFLICT DO NOTHING",
            [(endpoint, each, now) for each in statement_ids],
        )


@store_operation
def pushed_count(store: Store, url: str) -> int:
    """How many statements the LRS at `url` has acknowledged."""
    endpoint = _endpoint_id(store, url)
    if endpoint is None:
        return 0
    (count,) = store.conn.execute(
        "SELECT count(*) FROM lrs_pushes WHERE endpoint_id = ?", (endpoint,)
    ).fetchone()
    return int(count)


@store_operation
def attempt_count(store: Store) -> int:
    """How many attempts a push reads, for its progress bar."""
    (count,) = store.conn.execute("SELECT count(*) FROM attempts").fetchone()
    return int(count)


@dataclass(frozen=True, slots=True)
class EndpointPushes:
    """What one LRS has acknowledged: how many statements, and when the latest."""

    url: str
    homepage: str
    statements: int
    last_pushed_at: datetime


@store_operation
def endpoints_pushed(store: Store) -> list[EndpointPushes]:
    """Every LRS pushed to, by URL, with its count of acknowledged statements."""
    rows = store.conn.execute(
        "SELECT url, homepage, count(*), max(pushed_at) FROM lrs_endpoints "
        "JOIN lrs_pushes ON lrs_pushes.endpoint_id = lrs_endpoints.id GROUP BY url ORDER BY url"
    ).fetchall()
    return [
        EndpointPushes(url, homepage, count, parse_timestamp(last))
        for url, homepage, count, last in rows
    ]
