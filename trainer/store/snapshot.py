"""A copy of the records for outside tools (sqlite3, sqlite-utils, Datasette) without the secrets.

The live database keeps each mentor's passphrase hash and each trainee's PIN hash beside the
records, where sign-in needs them. A copy meant to be browsed or handed on must not: whoever
holds a hash and its salt can guess the passphrase offline at their own pace, past every
throttle. So the copy is made with `VACUUM INTO`, the four secret columns are blanked in it,
and the copy is vacuumed again, so that not even a freed page keeps a byte of them.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path

from trainer.store import outputs
from trainer.store.database import Store, store_operation, translated_errors

# What the copy says instead of a secret: a trainee who has a PIN still shows as having one.
WITHHELD = "withheld"
SECRET_COLUMNS = (
    ("mentors", "passphrase_hash"),
    ("mentors", "passphrase_salt"),
    ("trainees", "pin_hash"),
    ("trainees", "pin_salt"),
)


def write_snapshot(store: Store, target: Path | str, *, protect: tuple[Path, ...] = ()) -> int:
    """Write a copy of the records without secrets to `target`, a new file; how many attempts
    it holds. The copy is readable by its owner only, uses no write-ahead log (so
    `datasette --immutable` may open it) and replaces nothing: an existing file is refused."""
    destination = Path(target).expanduser()
    guarded = (store.path, *protect)
    outputs.check_target(destination, protect=guarded)
    with outputs.safe_path(destination, protect=guarded) as temporary:
        _copy_into(store, temporary)
        with translated_errors(temporary):
            _withhold_secrets(temporary)
            with contextlib.closing(sqlite3.connect(temporary)) as copy:
                return int(copy.execute("SELECT count(*) FROM attempts").fetchone()[0])


@store_operation
def _copy_into(store: Store, temporary: Path) -> None:
    # One read transaction: the copy is the records at one moment, while trainees play on.
    store.conn.execute("VACUUM INTO ?", (str(temporary),))


def _withhold_secrets(path: Path) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute("PRAGMA secure_delete = ON")
        conn.execute("BEGIN IMMEDIATE")
        conn.execute(
            "UPDATE mentors SET passphrase_hash = ?, passphrase_salt = ?", (WITHHELD, WITHHELD)
        )
        conn.execute(
            "UPDATE trainees SET pin_hash = ?, pin_salt = ? WHERE pin_hash IS NOT NULL",
            (WITHHELD, WITHHELD),
        )
        # Words a trainee typed and never sent are not a record of the call: only the call
        # that picks the attempt up again reads them.
        conn.execute("DELETE FROM reply_drafts")
        conn.execute("COMMIT")
        # Rebuilt page by page: nothing of the old values survives in free space either.
        conn.execute("VACUUM")
    finally:
        conn.close()
    with open(path, "rb") as stream:
        os.fsync(stream.fileno())
