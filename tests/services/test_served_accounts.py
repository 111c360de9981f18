"""Signing in where nobody's name is listed: a name and its PIN, and one answer for every refusal."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from tests.cli.conftest import PASSPHRASE
from trainer.cli import main
from trainer.errors import StoreError
from trainer.services import accounts
from trainer.store import trainees
from trainer.store.database import Store, open_store
from trainer.store.mentors import add_mentor
from trainer.store.trainees import add_trainee


@pytest.fixture
def pia(store: Store) -> accounts.TraineeCard:
    add_trainee(store, "Ann Lee")
    return accounts.add_trainee(store, "Pia Pin", "2468")


def test_the_name_as_typed_and_its_pin_sign_in(store: Store, pia: accounts.TraineeCard) -> None:
    assert accounts.sign_in_served(store, " pia\u200b  PIN ", "2468") == pia


@pytest.mark.parametrize(
    ("name", "pin"),
    [("Pia Pin", "1111"), ("Pia", "2468"), ("Nobody", "2468"), ("Ann Lee", ""), ("", "")],
)
def test_a_stranger_cannot_tell_a_name_that_exists(
    store: Store,
    pia: accounts.TraineeCard,
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    pin: str,
) -> None:
    hashed: list[str] = []
    real_hash = trainees.hash_pin

    def counted(typed: str, *args: object) -> str:
        hashed.append(typed)
        return real_hash(typed, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(trainees, "hash_pin", counted)
    with pytest.raises(StoreError) as refused:
        accounts.sign_in_served(store, name, pin)
    assert str(refused.value) == accounts.NO_MATCH
    assert hashed == [pin]  # the same work, whether or not the name exists


def test_guessing_a_pin_slows_down_as_it_does_in_the_list(
    store: Store, pia: accounts.TraineeCard
) -> None:
    for _ in range(2):
        with pytest.raises(StoreError, match="do not match"):
            accounts.sign_in_served(store, "Pia Pin", "0000")
    with pytest.raises(StoreError, match="wait 1 second"):
        accounts.sign_in_served(store, "Pia Pin", "0000")
    with pytest.raises(StoreError, match="wait"):
        accounts.sign_in_served(store, "Pia Pin", "2468")  # even the right one, for now


def test_served_sign_up_needs_a_pin(store: Store) -> None:
    for pin in (None, "", "   "):
        with pytest.raises(StoreError, match="Choose a PIN"):
            accounts.add_trainee(store, "Nia New", pin, pin_required=True)
    assert accounts.trainees(store) == []


def typed(monkeypatch: pytest.MonkeyPatch, *lines: str) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("".join(line + "\n" for line in lines)))


def test_a_mentor_sets_a_pin_from_the_command_line(
    db_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with open_store(db_path) as records:
        add_mentor(records, "Olga", PASSPHRASE)
        add_trainee(records, "Ann Lee")
    typed(monkeypatch, PASSPHRASE, "1357")
    assert main(["mentor", "pin", "ann lee", "--db", str(db_path)]) == 0
    assert "Ann Lee has a new PIN" in capsys.readouterr().out
    with open_store(db_path) as records:
        assert accounts.sign_in_served(records, "Ann Lee", "1357").name == "Ann Lee"
        with pytest.raises(StoreError, match="do not match"):
            accounts.sign_in_served(records, "Ann Lee", "")


def test_only_a_mentor_sets_a_pin(
    db_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with open_store(db_path) as records:
        add_mentor(records, "Olga", PASSPHRASE)
        add_trainee(records, "Ann Lee", pin="2468")
    typed(monkeypatch, "not the passphrase", "1357")
    assert main(["mentor", "pin", "Ann Lee", "--db", str(db_path)]) == 1
    assert "wrong passphrase" in capsys.readouterr().err
    typed(monkeypatch, PASSPHRASE, "1357")
    assert main(["mentor", "pin", "Nobody", "--db", str(db_path)]) == 1
    err = capsys.readouterr().err
    assert "no trainee named 'Nobody'" in err and "Traceback" not in err
    with open_store(db_path) as records:
        assert accounts.sign_in_served(records, "Ann Lee", "2468").name == "Ann Lee"
