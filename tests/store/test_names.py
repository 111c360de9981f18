"""Names: one stored form, and no mentor or trainee who reads as someone else on screen."""

from __future__ import annotations

import pytest

from tests.store.conftest import PASSPHRASE, call, client
from trainer.errors import StoreError
from trainer.store.database import Store
from trainer.store.mentors import Mentor, add_mentor, list_mentors, rename_mentor, verify_mentor
from trainer.store.models import Trainee
from trainer.store.names import clean_name, lookalike
from trainer.store.reviews import add_note
from trainer.store.trainees import add_trainee, list_trainees

# The look-alikes of the issue, each written with escapes so that the test reads unambiguously.
OLGA_LOOKALIKES = [
    "\u041elga Real",  # a Cyrillic capital O
    "Olga\u200b Real",  # a zero-width space
    "Olga Real\u200d",  # a zero-width joiner
    "olga real",  # only the case differs
    "0lga Real",  # a digit zero
    "OIga Real",  # a capital I for the l
    "\uff2flga Real",  # a fullwidth O
    "Olga\u00a0Real",  # a no-break space
    "\u202eOlga Real",  # a bidi override
]
ANNA_LOOKALIKES = [
    "An\u200bna",  # zero-width space
    "\u0410nna",  # Cyrillic A
    "\u0410\u043d\u043d\u0430".upper().replace("\u041d", "N"),  # Cyrillic A twice, Latin NN
    "\uff21\uff4e\uff4e\uff41",  # fullwidth
    "An\u00adna",  # soft hyphen
    "Ann\u2060a",  # word joiner
    "\u0391\u039d\u039d\u0391",  # Greek capitals: ANNA
]


@pytest.mark.parametrize("name", OLGA_LOOKALIKES)
def test_a_mentor_cannot_be_added_under_a_lookalike_of_another(store: Store, name: str) -> None:
    olga = add_mentor(store, "Olga Real", PASSPHRASE)
    with pytest.raises(StoreError, match=r"already exists|looks the same as|one alphabet"):
        add_mentor(store, name, PASSPHRASE, sponsor=olga)
    assert [mentor.name for mentor in list_mentors(store)] == ["Olga Real"]


@pytest.mark.parametrize("name", ANNA_LOOKALIKES)
def test_a_trainee_cannot_sign_up_under_a_lookalike_of_another(store: Store, name: str) -> None:
    add_trainee(store, "Anna")
    with pytest.raises(StoreError, match=r"already exists|looks the same as|one alphabet"):
        add_trainee(store, name)
    assert [trainee.name for trainee in list_trainees(store)] == ["Anna"]


def test_invisible_characters_are_dropped_and_compatibility_forms_folded(store: Store) -> None:
    assert add_trainee(store, "\uff22oris\u200b  \u00adPetrov\u200d").name == "Boris Petrov"
    assert clean_name("  Anna\u3000Berg ", "trainee") == "Anna Berg"  # ideographic space


def test_a_word_mixing_alphabets_is_refused_even_when_nobody_has_the_name(store: Store) -> None:
    with pytest.raises(StoreError, match="mixes letters of different alphabets"):
        add_trainee(store, "\u0410nna Berg")


def test_different_names_in_any_alphabet_are_welcome(store: Store) -> None:
    for name in ("Anna", "Ann", "Anya", "Hanna", "Ivan", "Rita", "Tita", "Ali", "All", "Renée"):
        add_trainee(store, name)
    add_trainee(store, "\u0410\u043d\u043d\u0430")  # Anna in Cyrillic reads differently
    add_trainee(store, "\u5f20\u4f1f")  # Zhang Wei
    assert len(list_trainees(store)) == 12


def test_the_skeleton_catches_the_letters_that_pass_for_others() -> None:
    assert lookalike("lvan", ["Ivan"]) == "Ivan"  # a lower-case L for a capital I
    assert lookalike("Ivan", ["Iván"]) is None  # an accent is visible


def test_a_mentor_signs_in_under_the_name_typed_in_any_normal_form(
    store: Store, mentor: Mentor
) -> None:
    assert verify_mentor(store, "Maria\u200b Head", PASSPHRASE) == mentor
    assert verify_mentor(store, "\uff2daria Head", PASSPHRASE) == mentor


def test_a_renamed_mentors_old_signature_stays_theirs(
    store: Store, mentor: Mentor, trainee: Trainee
) -> None:
    attempt = call(store, trainee.id, turns=[client(0, "hello")])
    add_note(store, attempt.id, mentor.name, "Good opening.")
    renamed = rename_mentor(store, mentor.name, "Maria Head-Smith", by=mentor)
    olga = add_mentor(store, "Olga Real", PASSPHRASE, sponsor=renamed)
    with pytest.raises(StoreError, match="a mentor named Maria Head already exists"):
        add_mentor(store, "maria  head", PASSPHRASE, sponsor=olga)
    with pytest.raises(StoreError, match="looks the same as the mentor Olga Real"):
        rename_mentor(store, "Maria Head-Smith", "0lga Real", by=olga)
