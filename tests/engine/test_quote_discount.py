"""A quote that gives more discount than the volume table is a concession, in the exam too (QA N6).

The exam's authored wrong-tier quote fails the exam as a concession; a typed quote with a wrong,
higher discount was only a wrong fact, and a trainee who quoted 10% off passed at 93.9%.
"""

from __future__ import annotations

import pytest

from tests.engine.heard import at
from trainer.content.content_set import ContentSet
from trainer.engine.turns import Speaker

WRONG_QUOTE = (
    "Forty seats at 84 is 3,360, plus forty T310 phones and two PoE switches, 42 units so 10% "
    "off, 6,900 in all"
)


def quoted(bundled: ContentSet, typed: str) -> tuple[list[str], tuple[str, ...]]:
    session = at(bundled, "final_exam_dispatch_hub", "setup_answer", exam=True)
    turn = next(t for t in session.say(typed) if t.speaker is Speaker.TRAINEE)
    return session.breaches(), turn.tags


def test_a_quote_with_a_discount_above_the_tier_fails_the_exam(bundled: ContentSet) -> None:
    breaches, _ = quoted(bundled, WRONG_QUOTE)
    assert breaches == ["unauthorised-offer"]


@pytest.mark.parametrize(
    "typed",
    [
        # the right quote in other words
        "Forty seats at 84 is 3,360, plus forty T310 phones and two S24P switches: 42 units, so "
        "5% off the hardware, 7,141 in all",
        # too little discount is a wrong fact the exam marks down, not a concession
        "Forty seats at 84 is 3,360, forty T310 phones and two S24P switches, 42 units so 3% off, "
        "7,200 in all",
    ],
)
def test_a_quote_at_or_under_the_tier_is_no_concession(bundled: ContentSet, typed: str) -> None:
    breaches, _ = quoted(bundled, typed)
    assert breaches == []
