"""Who is at the keyboard: trainees and mentors signing in, the store calls the first screen needs.

Kept apart from `records` (a trainee's attempts) and `mentor` (the review), which load the
content and engine models: the app shows its sign-in with only this module and the database.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from trainer.errors import StoreError
from trainer.store import names
from trainer.store.database import Store as Store, open_store
from trainer.store.mentors import list_mentors, verify_mentor
from trainer.store.preferences import preferences_of, save_preference as keep_preference
from trainer.store.trainee_record import Trainee
from trainer.store.trainees import (
    add_trainee as sign_up,
    check_pin,
    find_trainee as stored_trainee,
    list_trainees,
    waste_a_pin_check,
)

# One answer for an unknown name, a wrong PIN and a trainee without a PIN, so that a served
# sign-in never tells a stranger who has signed up.
NO_MATCH = "That name and PIN do not match. Check both, or ask your mentor."
PIN_NEEDED = "Choose a PIN: in a browser, your name and PIN are how you sign in."


@dataclass(frozen=True, slots=True)
class TraineeCard:
    """A trainee as the sign-in list shows them."""

    id: int
    name: str
    has_pin: bool


@dataclass(frozen=True, slots=True)
class MentorCard:
    """A mentor whose passphrase was just checked; the mentor screens are built with one."""

    id: int
    name: str


def open_database(db_path: Path) -> Store:
    """The database at `db_path`, a path the caller resolved (`--db`, $TRAINER_DB or the
    default); created with its schema when new, a StoreError when it cannot be used."""
    return open_store(db_path)


def trainees(store: Store) -> list[TraineeCard]:
    """Everyone who has signed up, in the order the store lists them."""
    return [_card(trainee) for trainee in list_trainees(store)]


def find_trainee(store: Store, name: str) -> TraineeCard:
    """The trainee of this name, for the command line (the name is typed by someone at this
    machine, with the database in hand); a StoreError that lists the names if there is none."""
    found = stored_trainee(store, name)
    if found is not None:
        return _card(found)
    listed = list_trainees(store)
    if not listed:
        raise StoreError("no trainee has signed up yet: add yourself in the app (run: trainer)")
    raise StoreError(
        f"there is no trainee named '{name}'; one of: {', '.join(t.name for t in listed)}"
    )


def add_trainee(
    store: Store, name: str, pin: str | None, *, pin_required: bool = False
) -> TraineeCard:
    """Sign a new trainee up; an empty PIN means none, which a served app (`pin_required`)
    refuses."""
    if pin_required and not (pin or "").strip():
        raise StoreError(PIN_NEEDED)
    return _card(sign_up(store, name, pin=pin or None))


def sign_in_served(store: Store, typed_name: str, pin: str) -> TraineeCard:
    """The trainee whose name and PIN were typed; a StoreError with `NO_MATCH` otherwise, or
    how long to wait after too many wrong PINs.

    For the app in a browser, where nobody's name is listed: a trainee without a PIN cannot
    sign in there (anyone could type their name), and an unknown name costs the same hash
    as a wrong PIN, so neither the answer nor its time tells a name that exists.
    Slow on purpose, as `sign_in_mentor` is.
    """
    trainee = stored_trainee(store, typed_name)
    if trainee is None or not trainee.has_pin:
        waste_a_pin_check(pin)
        raise StoreError(NO_MATCH)
    if not check_pin(store, trainee.id, pin):
        raise StoreError(NO_MATCH)
    return _card(trainee)


def name_problem(typed: str, taken: Collection[str]) -> tuple[str, str]:
    """What is wrong with a new trainee's name, for the dialog ("" if nothing), and the name
    as it would be stored. The store checks again when the trainee is added."""
    try:
        name = names.clean_name(typed, "trainee")
    except StoreError as error:
        return str(error)[0].upper() + str(error)[1:] + ".", typed
    other = names.lookalike(name, taken)
    if other is None:
        return "", name
    if names.same_name(name, other):
        return f"{other} is already on the list: pick that name instead.", name
    problem = f"'{name}' looks the same as {other} on the list: choose one that reads differently."
    return problem, name


def pin_matches(store: Store, trainee_id: int, pin: str) -> bool:
    """Whether `pin` is the trainee's PIN (always true for a trainee without one)."""
    return bool(check_pin(store, trainee_id, pin))


THEME = "theme"  # the preference naming the app's colour theme


def preferences(store: Store, trainee_id: int) -> dict[str, str]:
    """The trainee's saved preferences (`THEME`, ...), by name."""
    return preferences_of(store, trainee_id)


def save_preference(store: Store, trainee_id: int, name: str, value: str) -> None:
    """Keep one of the trainee's preferences for their next session."""
    keep_preference(store, trainee_id, name, value)


def mentor_names(store: Store) -> list[str]:
    """Every mentor's name, alphabetically."""
    return [mentor.name for mentor in list_mentors(store)]


def sign_in_mentor(store: Store, name: str, passphrase: str) -> MentorCard:
    """The mentor, once the passphrase is theirs; a StoreError saying why not, and how long to wait.

    Slow on purpose (the passphrase's hash costs a tenth of a second): call it from a worker.
    """
    mentor = verify_mentor(store, name, passphrase)
    return MentorCard(mentor.id, mentor.name)


def _card(row: Trainee) -> TraineeCard:
    return TraineeCard(id=row.id, name=row.name, has_pin=row.has_pin)
