"""Trainees and their optional PINs, which are stored only as salted scrypt hashes."""

from __future__ import annotations

import pytest

from trainer.errors import StoreError
from trainer.store.database import Store
from trainer.store.trainees import add_trainee, check_pin, get_trainee, list_trainees


def test_a_trainee_is_added_listed_and_found(store: Store) -> None:
    zoe = add_trainee(store, "Zoe  Park ")
    ann = add_trainee(store, "ann Lee")
    assert zoe.name == "Zoe Park"
    assert not zoe.has_pin
    assert zoe.created_at.tzinfo is not None
    assert list_trainees(store) == [ann, zoe]
    assert get_trainee(store, zoe.id) == zoe


@pytest.mark.parametrize("again", ["Ann Lee", "ANN LEE", " ann   lee "])
def test_a_name_is_taken_once_whatever_its_case_or_spacing(store: Store, again: str) -> None:
    add_trainee(store, "Ann Lee")
    with pytest.raises(StoreError, match=r"^a trainee named Ann Lee already exists$"):
        add_trainee(store, again)
    assert len(list_trainees(store)) == 1


def test_names_differing_only_in_non_ascii_case_are_one_name(store: Store) -> None:
    add_trainee(store, "Ölga")
    with pytest.raises(StoreError, match="already exists"):
        add_trainee(store, "ölga")


@pytest.mark.parametrize("name", ["", "   "])
def test_an_empty_name_is_refused(store: Store, name: str) -> None:
    with pytest.raises(StoreError, match="needs a name"):
        add_trainee(store, name)


def test_an_unknown_trainee_is_an_error(store: Store) -> None:
    with pytest.raises(StoreError, match="no trainee number 42"):
        get_trainee(store, 42)
    with pytest.raises(StoreError, match="no trainee number 42"):
        check_pin(store, 42, "1234")


def test_the_pin_is_stored_as_a_salted_hash(store: Store) -> None:
    # Letters no hex digest or timestamp holds: four digits alone turn up by chance in a
    # random salt, a hash or a time's microseconds, about once in two hundred runs.
    pin = "4711-wren"
    ann = add_trainee(store, "Ann", pin=pin)
    bob = add_trainee(store, "Bob", pin=pin)
    assert ann.has_pin
    rows = store.conn.execute("SELECT * FROM trainees").fetchall()
    assert not any(pin in str(value) or "wren" in str(value) for row in rows for value in row)
    (ann_hash, ann_salt), (bob_hash, bob_salt) = store.conn.execute(
        "SELECT pin_hash, pin_salt FROM trainees ORDER BY id"
    ).fetchall()
    assert len(bytes.fromhex(ann_salt)) == 16
    assert ann_salt != bob_salt
    assert ann_hash != bob_hash  # same PIN, different salt
    assert ann_hash.startswith("scrypt$")
    assert check_pin(store, ann.id, pin)
    assert check_pin(store, bob.id, pin)


def test_a_wrong_pin_is_refused(store: Store) -> None:
    ann = add_trainee(store, "Ann", pin="4711")
    for wrong in ["4712", "", "4711 ", "47110", "0000"]:
        assert not check_pin(store, ann.id, wrong), wrong
        assert check_pin(store, ann.id, "4711")  # the right PIN clears the count each time


def test_a_trainee_without_a_pin_signs_in_with_anything(store: Store) -> None:
    ann = add_trainee(store, "Ann")
    assert check_pin(store, ann.id, "")


def test_an_empty_pin_is_refused(store: Store) -> None:
    with pytest.raises(StoreError, match="PIN cannot be empty"):
        add_trainee(store, "Ann", pin=" ")
    assert list_trainees(store) == []


def test_a_tampered_pin_hash_is_an_error_not_a_sign_in(store: Store) -> None:
    ann = add_trainee(store, "Ann", pin="4711")
    store.conn.execute("UPDATE trainees SET pin_salt = NULL")
    with pytest.raises(StoreError, match="PIN of this trainee is unreadable"):
        check_pin(store, ann.id, "4711")


def test_a_name_with_control_characters_is_refused(store: Store) -> None:
    """An escape sequence in a name would reach every mentor's terminal and every export."""
    for name in ("Ann\x1b[2J", "Ann\x9bLee", "Ann\x07"):
        with pytest.raises(StoreError, match="cannot contain control characters"):
            add_trainee(store, name)
    # Invisible characters are dropped: a bidi override cannot make the name read backwards.
    assert add_trainee(store, "Ann\u202eeeL").name == "AnneeL"
    # ZWNJ is kept where it shapes the name (Persian), dropped between Latin letters.
    persian = "\u0645\u062d\u0645\u062f\u200c\u0631\u0636\u0627"  # Mohammadreza
    assert add_trainee(store, persian).name == persian
    assert add_trainee(store, "Ölga Ẓ\u200cLee").name == "Ölga ẒLee"
