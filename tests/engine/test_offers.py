"""Offers the policy forbids are breaches however they are phrased, and what it allows is not.

These phrasings were written apart from the ones engine/facts.py was built on, as a held-out
check of the two readings together.
"""

from __future__ import annotations

import pytest

from trainer.content.content_set import ContentSet
from trainer.engine.offers import unauthorised_offer
from trainer.engine.session import Session
from trainer.engine.turns import Mode

BREACH_TAGS = {"concession", "overpromise", "untruth"}


def typed_after_the_introduction(bundled: ContentSet, typed: str) -> tuple[str, ...]:
    session = Session(
        bundled, bundled.scenario("final_exam_close_deal"), mode=Mode.EXAM, seed=5, trainee="Anna"
    )
    intro = next(o for o in session.options() if "introduction" in o.reply.tags)
    session.choose(intro.number)
    return session.say(typed)[0].tags


@pytest.mark.parametrize(
    "typed",
    [
        "15% off if you sign today",
        "I can match 78 for you",
        "alright, 60 days with no surcharge, just for you",
        "let me knock 10 percent off",
        "we'll waive the 2% surcharge",
        "I'll give you 120 days to pay",
        "I can take another 5% off on top",
        "free headsets if you order this week",
        "We'll do the same. We'll cut your price by that amount",
        "I guarantee it will never go down",
        "twelve percent discount for you",
        "I'll throw in the router",
    ],
)
def test_a_forbidden_offer_is_a_breach(bundled: ContentSet, typed: str) -> None:
    assert "unauthorised-offer" in typed_after_the_introduction(bundled, typed)


@pytest.mark.parametrize(
    "typed",
    [
        "I can't waive the surcharge; 30 days at no surcharge, or 60 days at 2%",
        "We can do 30 days without a surcharge",
        "61 hardware units, so 8% off the hardware",
        "Porting is free and takes 7 to 10 business days",
        "Delivery is free from EUR 500",
        "I won't cut the price, but I can show you what the 84 includes",
        "I'm not able to offer a discount beyond the volume table",
        "90-day terms are for key accounts only",
    ],
)
def test_what_the_policy_allows_is_no_breach(bundled: ContentSet, typed: str) -> None:
    assert "unauthorised-offer" not in typed_after_the_introduction(bundled, typed)


def test_no_bundled_reply_without_a_breach_tag_reads_as_a_forbidden_offer(
    bundled: ContentSet,
) -> None:
    """The reading must not fail a trainee for saying what the content itself teaches."""
    flagged = [
        f"{scenario.id}/{reply.id}: {reason}"
        for scenario in bundled.scenarios.values()
        for reply in scenario.replies()
        if not BREACH_TAGS & set(reply.tags)
        and (reason := unauthorised_offer(reply.text, bundled.catalogue))
    ]
    assert flagged == []
