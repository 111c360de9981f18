"""A figure turned down is no claim; a total quoted without a currency is money (QA D15, D5b)."""

from __future__ import annotations

import pytest

from trainer.content.content_set import ContentSet
from trainer.engine import facts
from trainer.engine.numbers import spell_numbers
from trainer.engine.session import Session

REFUSED_TEN = (
    "Good morning! Forty T310s, sure. I can't do ten percent off, the volume table gives you 5% "
    "at forty units"
)
# the exam's model quote, and the wrong one a trainee typed in its place
QUOTE = (
    "Forty Cloud PBX seats at 84: 3,360. Forty T310 phones and two S24P PoE switches: 42 units, "
    "so 5% off 3,980, which is 3,781. 7,141 in all."
)
WRONG_TOTAL = (
    "Forty seats at 84 is 3,360, plus forty T310 phones and two PoE switches, 42 units so 10% "
    "off, 6,900 in all"
)


def test_a_refused_percentage_is_not_what_was_said(bundled: ContentSet) -> None:
    checked = facts.check(REFUSED_TEN, None, bundled.catalogue)
    assert checked.found.percents == (5.0,)
    assert checked.breaches == () and checked.mismatches == ()


@pytest.mark.parametrize(
    ("typed", "percents"),
    [
        ("I can't do 10% off, 5% is what the table gives at forty units", (5.0,)),
        ("10 percent off isn't possible, but 5 percent is", (5.0,)),
        ("not 10 percent, 5 percent", (5.0,)),
        # said plainly, the figure stands, however much else the line says
        ("I'll do 10% off for you, no problem", (10.0,)),
        ("sure, you can't go wrong: 10 percent off", (10.0,)),
    ],
)
def test_only_the_figures_a_line_stands_by_are_its_claims(
    typed: str, percents: tuple[float, ...]
) -> None:
    assert facts.extract(typed).percents == percents


def test_a_percentage_offered_plainly_is_still_a_breach(bundled: ContentSet) -> None:
    checked = facts.check("Forty T310, I'll do ten percent off for you", None, bundled.catalogue)
    assert checked.breaches


def test_a_wrong_total_without_a_currency_is_a_wrong_fact(bundled: ContentSet) -> None:
    checked = facts.check(WRONG_TOTAL, QUOTE, bundled.catalogue)
    assert 6900.0 in checked.found.money and 3360.0 in checked.found.money
    assert any("you said €6,900" in line for line in checked.mismatches), checked.mismatches
    right = facts.check(
        "Forty seats at 84 is 3,360; forty T310 and two S24P, 42 units, so 5% off 3,980, that's "
        "3,781, 7,141 in all",
        QUOTE,
        bundled.catalogue,
    )
    assert right.mismatches == ()


@pytest.mark.parametrize(
    ("typed", "money"),
    [
        ("that comes to 6900 in all", (6900.0,)),
        ("the total is 7141", (7141.0,)),
        ("3,360, plus the phones", (3360.0,)),
        # a count with a separator is not money
        ("we have 2,300 business clients", ()),
        ("over 2,300 clients since 2009", ()),
    ],
)
def test_which_figures_are_money(typed: str, money: tuple[float, ...]) -> None:
    assert facts.extract(typed).money == money


def test_a_grouped_figure_before_a_comma_is_one_number() -> None:
    assert spell_numbers("3,360, plus 6,900.") == "3360, plus 6900."


def test_the_refused_figure_costs_nothing_in_a_call(bundled: ContentSet) -> None:
    session = Session(bundled, bundled.scenario("upsell_volume_deferred"), trainee="Eve Moss")
    try:
        turns = session.say(REFUSED_TEN)
        notes = " ".join(turn.note or "" for turn in turns)
        assert session.breaches() == []
        assert "10%" not in notes and "wrong facts" not in notes
    finally:
        session.close()
