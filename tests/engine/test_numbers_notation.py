"""Engine: money is read the same in every notation a trainee types (QA B1: "€3.360" was 3.36)."""

from __future__ import annotations

import pytest

from trainer.engine.numbers import spell_numbers


@pytest.mark.parametrize(
    ("typed", "spelled"),
    [
        # thousands marked with dots, beside a currency, before or after it
        ("40 seats at €84 make €3.360", "40 seats at 84 eur make 3360 eur"),
        ("In total €7.141.", "in total 7141 eur."),
        ("EUR 15.573,20 in all", "15573.20 eur in all"),
        ("15.884,66 euros", "15884.66 eur"),
        ("€ 1.234.567", "1234567 eur"),
        # ... or with spaces
        ("€3 360 and 3 360 euros", "3360 eur and 3360 eur"),
        ("€8 013.20 so", "8013.20 eur so"),
        # a decimal comma beside a currency is cents
        ("€311,46, so", "311.46 eur, so"),
        ("311,46 euros", "311.46 eur"),
        # the English notation as before
        ("€3,360, plus €15,573.20", "3360 eur, plus 15573.20 eur"),
    ],
)
def test_thousands_are_read_in_either_notation(typed: str, spelled: str) -> None:
    assert spell_numbers(typed) == spelled


@pytest.mark.parametrize(
    ("typed", "spelled"),
    [
        ("€3.36 each", "3.36 eur each"),  # two digits after the dot: cents
        ("99.9% against 99.95%", "99.9 percent against 99.95 percent"),
        ("version 3.360 of the firmware", "version 3.360 of the firmware"),  # no currency
        ("€84 100 seats", "84 eur 100 seats"),  # a price, then a count
        ("€3.360.50", "3.360 eur.50"),  # dots for both: no reading is sure, none is made
    ],
)
def test_what_is_not_a_thousands_mark_is_left_alone(typed: str, spelled: str) -> None:
    assert spell_numbers(typed) == spelled


@pytest.mark.parametrize(
    ("typed", "spelled"),
    [
        ("three thousand and two", "3002"),
        ("one hundred and five", "105"),
        # "and" after a whole number joins nothing: two figures, not 124
        ("eighty-four and forty phones", "84 and 40 phones"),
        ("seven thousand one hundred forty-one", "7141"),
    ],
)
def test_and_joins_number_words_only_after_a_scale(typed: str, spelled: str) -> None:
    assert spell_numbers(typed) == spelled


@pytest.mark.parametrize(
    ("typed", "spelled"),
    [
        ("EUR 84 a seat", "84 eur a seat"),
        ("pay eur 84 now", "pay 84 eur now"),
        ("40 T310 €3,160", "40 t310 3160 eur"),
        # the currency already belongs to the number before it: 59 is not in euros
        ("84 euros 59 per headset", "84 eur 59 per headset"),
    ],
)
def test_a_currency_before_an_amount_moves_after_it_unless_it_is_taken(
    typed: str, spelled: str
) -> None:
    assert spell_numbers(typed) == spelled
