"""An offer the policy forbids, said plainly in a few words, is heard as that offer (issue 12)."""

from __future__ import annotations

import pytest

from tests.engine.heard import at, hear
from trainer.content.content_set import ContentSet
from trainer.engine.matching import Verdict
from trainer.engine.offers import makes_same_offer

MATCH = (
    "I understand. I can match Vexa's 78 a seat for the first year, so your comparison is clean."
)


@pytest.mark.parametrize(
    "typed",
    ["I can match 78 for you.", "we'll match their 78", "Fine, we will match their price."],
)
def test_the_same_offer_in_fewer_words_is_the_same_offer(typed: str) -> None:
    assert makes_same_offer(typed, [MATCH], None)


@pytest.mark.parametrize(
    "typed",
    [
        "match 78",  # a keyword: nobody offers anything
        "Can you match 78?",  # a question put to the client
        "I won't match 78 for you.",  # a refusal
        "I can match 80 for you.",  # a figure the reply does not name
        "I can give you 10% off.",  # another kind of offer
    ],
)
def test_a_keyword_a_question_a_refusal_or_another_offer_is_not(typed: str) -> None:
    assert not makes_same_offer(typed, [MATCH], None)


@pytest.mark.parametrize(
    "typed",
    [
        "I can match 78 for you.",
        "i can match the 78 for u",
        "78 a seat, same as Vexa, I'll match it.",
    ],
)
def test_the_exam_hears_a_short_price_match_as_the_breach_it_is(
    bundled: ContentSet, typed: str
) -> None:
    session = at(bundled, "final_exam_close_deal", "price_obj", exam=True)
    understood = hear(session, typed, critical=True)
    assert understood.verdict is Verdict.MATCHED
    assert understood.best is not None and understood.best.reply.id == "discount_match"
    before = dict(session.earned)
    said = session.say(typed)[0]
    assert said.reply == "price_obj/discount_match"
    assert session.breaches() != []  # the rubric's must-fail: the attempt fails
    assert session.earned["objection_handling"] < before.get("objection_handling", 0)


@pytest.mark.parametrize(
    "typed",
    ["match 78", "Can you match Vexa's 78? No.", "I can match 80 for you.", "We won't match 78."],
)
def test_nothing_else_is_taken_for_the_breach(bundled: ContentSet, typed: str) -> None:
    session = at(bundled, "final_exam_close_deal", "price_obj", exam=True)
    understood = hear(session, typed, critical=True)
    assert understood.best is None or understood.best.reply.id != "discount_match"
