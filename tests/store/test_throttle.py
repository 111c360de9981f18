"""Guessing is slow: tries are counted before the hash, in parallel too, per mentor and per PIN."""

from __future__ import annotations

import re
import threading
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.store.conftest import MENTOR
from trainer.errors import StoreError
from trainer.store import mentors, throttle, trainees
from trainer.store.database import Store, open_store
from trainer.store.mentors import Mentor, verify_mentor
from trainer.store.trainees import add_trainee, check_pin

NOW = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
GUESSES = 40


def _guess_in_parallel(db_path: Path, guess: object) -> Counter[str]:
    """GUESSES threads, each with its own connection to the file, guessing at once."""
    start = threading.Barrier(GUESSES)
    outcomes: Counter[str] = Counter()
    lock = threading.Lock()

    def one() -> None:
        with open_store(db_path, timeout=30) as own:
            start.wait()
            try:
                result = guess(own)  # type: ignore[operator]
                outcome = f"accepted {result}"
            except StoreError as error:
                outcome = re.sub(r"\(\d+ in a row\).*|: wait .*", "", str(error)).strip()
        with lock:
            outcomes[outcome] += 1

    threads = [threading.Thread(target=one) for _ in range(GUESSES)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def _counting_hashes(monkeypatch: pytest.MonkeyPatch, module: object) -> Counter[str]:
    hashed: Counter[str] = Counter()
    real = trainees.hash_pin

    def counted(*args: object, **kwargs: object) -> str:
        hashed["hashes"] += 1
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(module, "hash_pin", counted)
    return hashed


def test_forty_parallel_wrong_passphrases_hash_at_most_three(
    db_path: Path, mentor: Mentor, monkeypatch: pytest.MonkeyPatch
) -> None:
    hashed = _counting_hashes(monkeypatch, mentors)
    outcomes = _guess_in_parallel(db_path, lambda own: verify_mentor(own, MENTOR, "a wrong guess!"))
    assert hashed["hashes"] <= throttle.FREE_FAILURES + 1 == 3
    assert outcomes[f"wrong passphrase for {MENTOR}"] == hashed["hashes"]
    assert outcomes[f"too many wrong passphrases for {MENTOR}"] == GUESSES - hashed["hashes"]


def test_forty_parallel_wrong_pins_hash_at_most_three(
    db_path: Path, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    ann = add_trainee(store, "Ann", pin="4711")
    hashed = _counting_hashes(monkeypatch, trainees)
    outcomes = _guess_in_parallel(db_path, lambda own: check_pin(own, ann.id, "1234"))
    assert hashed["hashes"] <= 3
    refused = outcomes["too many wrong PINs for Ann"]
    assert refused >= GUESSES - 3 and sum(outcomes.values()) == GUESSES
    assert outcomes["accepted True"] == 0


def test_wrong_pins_slow_down_and_the_right_one_clears_them(store: Store) -> None:
    ann = add_trainee(store, "Ann", pin="4711")
    bob = add_trainee(store, "Bob", pin="4711")
    assert check_pin(store, ann.id, "0000", now=NOW) is False
    assert check_pin(store, ann.id, "0001", now=NOW) is False
    with pytest.raises(StoreError, match=r"^wrong PIN for Ann \(3 in a row\): wait 1 second"):
        check_pin(store, ann.id, "0002", now=NOW)
    with pytest.raises(StoreError, match=r"^too many wrong PINs for Ann: wait 1 second"):
        check_pin(store, ann.id, "4711", now=NOW + timedelta(milliseconds=500))
    assert check_pin(store, bob.id, "4711", now=NOW)  # counted per trainee
    later = NOW + timedelta(seconds=1)
    with pytest.raises(StoreError, match=r"\(4 in a row\): wait 2 seconds"):
        check_pin(store, ann.id, "0003", now=later)
    assert check_pin(store, ann.id, "4711", now=later + timedelta(seconds=2))
    assert check_pin(store, ann.id, "0004", now=later + timedelta(seconds=2)) is False


def test_the_delays_in_the_security_doc_are_the_codes() -> None:
    """docs/security.md tells mentors and trainees how long they wait; it must be true."""
    text = " ".join((REPO / "docs" / "security.md").read_text(encoding="utf-8").split())
    found = re.search(
        r"after the (\d+)(?:st|nd|rd|th) wrong one in a row, sign-in is refused for (\d+) s, "
        r"and each further wrong one doubles the wait \((\d+) s, (\d+) s, \.\.\.\) up to "
        r"(\d+) minutes",
        text,
    )
    assert found, "the sentence about delays in docs/security.md changed: update this test"
    first, delay, second, third, cap = (int(group) for group in found.groups())
    assert throttle.failure_delay(first - 1) == timedelta(0)
    assert throttle.failure_delay(first) == timedelta(seconds=delay)
    assert throttle.failure_delay(first + 1) == timedelta(seconds=second)
    assert throttle.failure_delay(first + 2) == timedelta(seconds=third)
    assert throttle.failure_delay(1000) == timedelta(minutes=cap) == throttle.MAX_DELAY
    at_most = re.search(r"at most (\d+) of them are checked before the lock", text)
    assert at_most and int(at_most.group(1)) == throttle.FREE_FAILURES + 1 == first
