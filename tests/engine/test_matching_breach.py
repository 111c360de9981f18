"""A harmless line is never taken as a breach of policy; a plain breach still is (issue 12)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.engine.heard import at, hear
from trainer.content.content_set import ContentSet
from trainer.engine import matching
from trainer.engine.offers import refuses_offer, states_breach
from trainer.engine.session import Session
from trainer.engine.turns import Speaker

ROOT = Path(__file__).resolve().parents[2]


def _at(content: ContentSet, scenario_id: str, node: str) -> Session:
    return at(content, scenario_id, node, exam=True)


def _hear(session: Session, words: str, *, critical: bool = True) -> matching.Understanding:
    return hear(session, words, critical=critical)


HARMLESS = [
    # a vague value line only resembles the price match: it names no price and offers nothing
    ("final_exam_close_deal", "price_obj", "We offer much better quality and service than Vexa."),
    ("final_exam_close_deal", "price_obj", "Our service is better than Vexa's, honestly."),
    (
        "final_exam_close_deal",
        "price_obj",
        "Honestly our quality and service are much better than Vexa's.",
    ),
    (
        "final_exam_close_deal",
        "price_obj",
        "We can't meet Vexa's price, but our service is better.",
    ),
    # a needs question next to a reassurance is not the guarantee beside it
    (
        "book_meeting",
        "situation",
        "Don't worry, working out the options is my job, not yours. How many people are you?",
    ),
    # refusing a guarantee is the opposite of giving it
    (
        "final_exam_close_deal",
        "reliability_obj",
        "Nobody can promise you zero outages, and I won't.",
    ),
    (
        "final_exam_close_deal",
        "reliability_obj",
        "I can't guarantee it never goes down, no one can.",
    ),
    # the free 30 days are policy, the waiver refused
    (
        "final_exam_dispatch_hub",
        "payment_obj",
        "Sorry, I can't waive it. 30 days has no surcharge, 60 days is 2%.",
    ),
    ("final_exam_dispatch_hub", "payment_obj", "Sorry, I can't waive the surcharge, it's policy."),
    ("overdue_invoice", "fee_reaction", "I'm not able to waive the fee for you."),
]


@pytest.mark.parametrize(("scenario", "node", "typed"), HARMLESS)
def test_a_harmless_line_is_never_taken_as_a_breach(
    bundled: ContentSet, scenario: str, node: str, typed: str
) -> None:
    session = _at(bundled, scenario, node)
    critical = set(bundled.rubric.critical)
    understood = _hear(session, typed)
    best = understood.best
    assert best is None or critical.isdisjoint(best.reply.tags), (typed, best)


def test_the_vague_value_line_was_read_as_the_price_match_without_the_rule(
    bundled: ContentSet,
) -> None:
    # what the rule guards against: the resemblance alone clears the exam's bar
    session = _at(bundled, "final_exam_close_deal", "price_obj")
    line = "We offer much better quality and service than Vexa."
    without = _hear(session, line, critical=False)
    assert without.best is not None and without.best.reply.id == "discount_match"
    with_rule = _hear(session, line)
    assert with_rule.best is None or with_rule.best.reply.id != "discount_match"


PLAIN = [
    ("final_exam_close_deal", "price_obj", "Fine, we'll match their 78.", "discount_match"),
    ("final_exam_close_deal", "price_obj", "ok we can do 78 a seat same as vexa", "discount_match"),
    ("final_exam_close_deal", "price_obj", "ok, same price as vexa then", "discount_match"),
    (
        "final_exam_close_deal",
        "reliability_obj",
        "I guarantee it never goes down.",
        "guarantee_never",
    ),
    # said in other words, far over the bar: no figure and no offer cue needed
    (
        "overdue_invoice",
        "fee_reaction",
        "dont worry ill get the fee cancelled for u, no hurry",
        "cancel_fee",
    ),
]


@pytest.mark.parametrize(("scenario", "node", "typed", "expect"), PLAIN)
def test_a_plain_breach_is_still_taken(
    bundled: ContentSet, scenario: str, node: str, typed: str, expect: str
) -> None:
    understood = _hear(_at(bundled, scenario, node), typed)
    assert understood.best is not None and understood.best.reply.id == expect, understood.ranked[:2]


@pytest.mark.parametrize(
    ("typed", "refused"),
    [
        ("Nobody can promise you zero outages, and I won't.", True),
        ("I'm not able to waive the fee for you.", True),
        ("we won't match their price", True),
        ("free headsets aren't something I can offer", True),
        # reassurance refuses nothing, nor does a negation before the comma
        ("Don't worry, I promise it's fine.", False),
        ("I'm so sorry, that should never happen, I'll personally guarantee it", False),
        ("I can match 78", False),
    ],
)
def test_an_offer_turned_down_is_read_as_refused(typed: str, refused: bool) -> None:
    assert refuses_offer(typed) is refused


def test_a_breach_is_stated_by_its_offer_or_its_figures(bundled: ContentSet) -> None:
    wordings = ["I can match Vexa's 78 a seat for the first year."]
    catalogue = bundled.catalogue
    assert states_breach("fine, 78 it is", wordings, catalogue) is True
    assert states_breach("I'll let the surcharge go", wordings, catalogue) is True  # an offer
    assert states_breach("we won't match their price", wordings, catalogue) is False
    assert states_breach("our quality is better", wordings, catalogue) is None
    assert states_breach("fine, 80 it is", wordings, catalogue) is None  # not the reply's figure


def test_in_the_exam_a_harmless_line_costs_no_attempt_and_a_plain_one_still_fails(
    bundled: ContentSet,
) -> None:
    harmless = _at(bundled, "final_exam_close_deal", "price_obj")
    turns = harmless.say("We offer much better quality and service than Vexa.")
    said = next(t for t in turns if t.speaker is Speaker.TRAINEE)
    assert said.reply != "price_obj/discount_match"
    assert harmless.breaches() == []
    assert any(t.speaker is Speaker.CLIENT for t in turns)  # the client answers, asks again

    plain = _at(bundled, "final_exam_close_deal", "price_obj")
    plain.say("Fine, we'll match their 78.")
    assert plain.breaches() != []
