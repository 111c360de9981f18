"""Mentors: passphrases kept only as salted scrypt hashes; wrong ones refused and slowed down."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.store.conftest import MENTOR, PASSPHRASE
from trainer.errors import StoreError
from trainer.store import mentors
from trainer.store.database import Store, open_store
from trainer.store.mentors import (
    Mentor,
    add_mentor,
    failure_delay,
    has_mentors,
    list_mentors,
    verify_mentor,
)

NOW = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)


def test_the_passphrase_is_stored_only_as_a_salted_scrypt_hash(store: Store) -> None:
    maria = add_mentor(store, "Maria Head", PASSPHRASE)
    add_mentor(store, "Oleg Senior", PASSPHRASE, sponsor=maria)
    rows = store.conn.execute(
        "SELECT passphrase_hash, passphrase_salt FROM mentors ORDER BY id"
    ).fetchall()
    (first_hash, first_salt), (second_hash, second_salt) = rows
    scheme, n, r, p, digest = first_hash.split("$")
    assert (scheme, int(n), int(r), int(p)) == ("scrypt", 2**10, 8, 1)  # the test's cheap cost
    assert len(bytes.fromhex(digest)) == 32 and len(bytes.fromhex(first_salt)) == 16
    assert first_salt != second_salt and first_hash != second_hash  # same passphrase, new salt
    dump = "\n".join(store.conn.iterdump())
    assert PASSPHRASE not in dump


def test_the_real_cost_is_strong(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.undo()  # the fixture's cheap cost
    assert mentors.SCRYPT_N >= 2**15 and mentors.SCRYPT_R >= 8


def test_the_right_passphrase_signs_the_mentor_in(store: Store, mentor: Mentor) -> None:
    assert verify_mentor(store, MENTOR, PASSPHRASE, now=NOW) == mentor
    assert verify_mentor(store, "  maria   HEAD ", PASSPHRASE, now=NOW) == mentor


def test_a_wrong_passphrase_or_an_unknown_mentor_is_refused_with_a_clear_message(
    store: Store, mentor: Mentor
) -> None:
    with pytest.raises(StoreError, match=r"^wrong passphrase for Maria Head$"):
        verify_mentor(store, MENTOR, "correct horse battery!", now=NOW)
    with pytest.raises(StoreError, match=r"^there is no mentor named Nobody$"):
        verify_mentor(store, "Nobody", PASSPHRASE, now=NOW)


def test_repeated_failures_slow_down_and_success_resets_them(store: Store, mentor: Mentor) -> None:
    def wrong(at: datetime) -> str:
        with pytest.raises(StoreError) as raised:
            verify_mentor(store, MENTOR, "not the passphrase", now=at)
        return str(raised.value)

    assert wrong(NOW) == "wrong passphrase for Maria Head"
    assert wrong(NOW) == "wrong passphrase for Maria Head"
    assert wrong(NOW) == (
        "wrong passphrase for Maria Head (3 in a row): wait 1 second before trying again"
    )
    # Locked for a second: even the right passphrase is refused, and not counted as a failure.
    with pytest.raises(
        StoreError,
        match=r"^too many wrong passphrases for Maria Head: wait 1 second and try again$",
    ):
        verify_mentor(store, MENTOR, PASSPHRASE, now=NOW + timedelta(milliseconds=500))
    later = NOW + timedelta(seconds=1)
    assert wrong(later).endswith("(4 in a row): wait 2 seconds before trying again")
    with pytest.raises(StoreError, match="wait 2 seconds and try again"):
        verify_mentor(store, MENTOR, PASSPHRASE, now=later + timedelta(milliseconds=1))
    later += timedelta(seconds=2)
    assert wrong(later).endswith("(5 in a row): wait 4 seconds before trying again")

    later += timedelta(seconds=4)
    assert verify_mentor(store, MENTOR, PASSPHRASE, now=later) == mentor
    (failures, locked_until) = store.conn.execute(
        "SELECT failed_attempts, locked_until FROM mentors"
    ).fetchone()
    assert (failures, locked_until) == (0, None)
    assert wrong(later) == "wrong passphrase for Maria Head"


def test_the_delay_doubles_up_to_five_minutes() -> None:
    seconds = [failure_delay(n).total_seconds() for n in range(1, 14)]
    assert seconds == [0, 0, 1, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300]
    assert failure_delay(10_000) == timedelta(minutes=5)


def test_a_long_lock_says_minutes(store: Store, mentor: Mentor) -> None:
    store.conn.execute("UPDATE mentors SET failed_attempts = 11")
    with pytest.raises(StoreError, match=r"\(12 in a row\): wait 5 minutes before trying again"):
        verify_mentor(store, MENTOR, "nope nope nope", now=NOW)
    with pytest.raises(StoreError, match="wait 2 minutes 30 seconds and try again"):
        verify_mentor(store, MENTOR, PASSPHRASE, now=NOW + timedelta(seconds=150))


def test_the_lock_is_shared_by_every_trainer_on_the_database(store: Store, mentor: Mentor) -> None:
    """A second terminal does not get fresh tries: the count lives in the database."""
    for _ in range(3):
        with pytest.raises(StoreError):
            verify_mentor(store, MENTOR, "guess guess", now=NOW)
    with open_store(store.path) as other, pytest.raises(StoreError, match="too many"):
        verify_mentor(other, MENTOR, PASSPHRASE, now=NOW)


def test_names_are_unique_and_passphrases_long_enough(store: Store, mentor: Mentor) -> None:
    with pytest.raises(StoreError, match="a mentor named Maria Head already exists"):
        add_mentor(store, " maria  head", "another passphrase", sponsor=mentor)
    with pytest.raises(StoreError, match="at least 8 characters"):
        add_mentor(store, "Oleg Senior", "short", sponsor=mentor)
    with pytest.raises(StoreError, match="at least 8 characters"):
        add_mentor(store, "Oleg Senior", " " * 12, sponsor=mentor)
    with pytest.raises(StoreError, match="a mentor needs a name"):
        add_mentor(store, "   ", PASSPHRASE, sponsor=mentor)
    with pytest.raises(StoreError, match="control characters"):
        add_mentor(store, "Evil\x1b[31m", PASSPHRASE, sponsor=mentor)
    assert [m.name for m in list_mentors(store)] == [MENTOR]


def test_has_mentors(store: Store) -> None:
    assert has_mentors(store) is False
    add_mentor(store, MENTOR, PASSPHRASE)
    assert has_mentors(store) is True
