"""Engine: an offer refused is no unauthorised offer; the same offer made plainly still is."""

from __future__ import annotations

import pytest

from trainer.content.loader import load_content
from trainer.content.paths import bundled_content_dir
from trainer.engine import facts, offers

BUNDLED = load_content(bundled_content_dir())


@pytest.mark.parametrize(
    "typed",
    [
        "I can't give you 15%.",
        "I can't give you 15% off.",
        "I can't give you a 15% discount, that's not how we work.",
        "Nobody can give you 15% off.",
        "A 15% discount is out of the question.",
        "I would never offer a 15% discount.",
        "We won't match Vexa.",
        "There is no way I can match their price.",
        "Matching Vexa's price isn't something I can do.",
        "I'm not able to waive the surcharge.",
        "Waiving the surcharge isn't possible.",
        "No, sixty days without a surcharge isn't something I'm allowed to give.",
        "I can't give you sixty days without the surcharge.",
        "I won't throw in free headsets.",
        "Free headsets are not something I can offer.",
        "I can't guarantee it will never go down.",
        "I'm unable to offer 90 days.",
    ],
)
def test_a_refused_offer_is_no_breach(typed: str) -> None:
    assert facts.check(typed, None, BUNDLED.catalogue).breaches == ()


@pytest.mark.parametrize(
    "typed",
    [
        "I'll give you 15% off.",
        "I can't say no to you: 15% off.",
        "Fine, we'll match their price.",
        "OK, 60 days and no surcharge.",
        "Sure, I'll throw in free headsets.",
        "I'll match their price, and that is something I can put in writing.",
    ],
)
def test_the_same_offer_made_plainly_is_still_a_breach(typed: str) -> None:
    assert facts.check(typed, None, BUNDLED.catalogue).breaches


@pytest.mark.parametrize(
    ("rest", "refused"),
    [
        (" is not something I can offer", True),
        (" isn't possible", True),
        (" is out of the question", True),
        (", that's not a problem", False),  # another clause: reassurance, not a refusal
        (" for the first year", False),
    ],
)
def test_what_follows_an_offer_may_take_it_back(rest: str, refused: bool) -> None:
    assert offers.refused_after(rest) is refused
