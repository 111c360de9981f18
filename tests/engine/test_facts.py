"""Engine: facts in typed words are checked against the reply taken and the catalogue."""

from __future__ import annotations

import pytest

from trainer.content.content_set import ContentSet
from trainer.content.loader import load_content
from trainer.content.paths import bundled_content_dir
from trainer.content.persona import Meter
from trainer.engine import facts
from trainer.engine.session import Session
from trainer.engine.turns import Mode, Speaker

BUNDLED = load_content(bundled_content_dir())


@pytest.fixture(scope="module")
def bundled() -> ContentSet:
    return BUNDLED


def at_switch_check() -> Session:
    session = Session(BUNDLED, BUNDLED.scenario("upsell_volume_deferred"), seed=1)
    session.jump("switch_check")
    return session


def test_a_wrong_product_keeps_the_reply_but_withholds_its_product_points() -> None:
    # Issue 12: "take two S8P switches" matched propose_s24p and was praised as the right product.
    session = at_switch_check()
    words = "Then take two S8P switches, 24 ports each, 410 euros each, in stock, two days delivery"
    queried = session.say(words)[0]  # the client queries it first (tests/engine/test_queries.py)
    assert queried.reply is None and session.state == "switch_check"
    assert "you said S8P: the reply that fits is the S24P" in queried.note
    said = session.say(words)[0]
    assert said.reply == "switch_check/propose_s24p"  # said again, the intent is kept: it goes on
    assert session.state == "who_uses"
    assert "product_knowledge" not in said.points
    assert "product_knowledge" not in session.earned
    assert "The right product" not in said.note
    assert "you said S8P: the reply that fits is the S24P" in said.note
    assert said.facts is not None and said.facts["mismatches"]


def test_the_right_product_in_own_words_earns_the_points() -> None:
    session = at_switch_check()
    said = session.say(
        "Then take two S24P switches, 24 ports each, 410 euros each, in stock, two days delivery"
    )[0]
    assert said.reply == "switch_check/propose_s24p"
    assert said.points["product_knowledge"] == 2
    assert said.facts is not None and "mismatches" not in said.facts


def test_a_quote_with_a_wrong_discount_loses_the_product_points_and_names_the_error() -> None:
    # Issue 12: a quote with wrong prices and 3% off matched the correct line-by-line quote.
    session = Session(BUNDLED, BUNDLED.scenario("upsell_volume_deferred"), seed=1)
    session.set_value("switches_in", True)
    session.set_value("headset", "mono")
    session.jump("budget_obj")
    words = (
        "Forty T310 is 3,160, two S24P 820, ten Mono 490: 4,470 at list. That's 52 units, so 3% "
        "off the whole order: 4,335.90 euros."
    )
    assert session.say(words)[0].reply is None  # queried first, then taken as said
    said = session.say(words)[0]
    assert said.reply == "budget_obj/counter_budget_numbers"
    assert said.points.get("objection_handling") == 2
    assert "product_knowledge" not in said.points
    assert "you said 3%: at 52 units the volume discount is 8%" in said.note


def test_a_lower_discount_than_the_tier_is_a_wrong_fact_not_an_offer() -> None:
    checked = facts.check("for 61 units you get 3% off", None, BUNDLED.catalogue)
    assert checked.mismatches == ("you said 3%: at 61 units the volume discount is 8%",)
    assert checked.breaches == ()


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("seven percent off for 61 phones", "you said 7%: at 61 units the volume discount is 8%"),
        ("the minimum is 2k euros", "you said €2,000: the right figure is €1,500"),
        ("the minimum is €2,000", "you said €2,000: the right figure is €1,500"),
        ("the minimum is EUR 2000", "you said €2,000: the right figure is €1,500"),
    ],
)
def test_numbers_in_words_currency_signs_and_k_are_read(typed: str, expected: str) -> None:
    checked = facts.check(typed, "The minimum order is EUR 1,500.", BUNDLED.catalogue)
    assert expected in checked.mismatches


def test_the_same_figure_written_another_way_is_no_error() -> None:
    reply = "The minimum order is EUR 1,500 and the discount is 8% at 50 units."
    for typed in ("minimum 1.5k euros, eight percent off at fifty units", "€1500, 8%, 50 units"):
        assert facts.check(typed, reply, BUNDLED.catalogue).mismatches == ()


def test_a_price_next_to_a_product_is_checked_against_the_price_list() -> None:
    wrong = facts.check("the S24P is 300 euros", None, BUNDLED.catalogue)
    assert wrong.mismatches == ("you said €300: the S24P lists at €410 each",)
    assert facts.check("the S24P is €410", None, BUNDLED.catalogue).mismatches == ()


def test_no_bundled_reply_contradicts_itself_or_the_catalogue() -> None:
    # A trainee who types a reply word for word must never be told a fact is wrong, unless the
    # author wrote it wrong on purpose (it costs product knowledge): then the check must see it.
    for scenario in BUNDLED.scenarios.values():
        for reply in scenario.replies():
            checked = facts.check(reply.text, reply.text, BUNDLED.catalogue)
            if reply.points.get("product_knowledge", 0) >= 0:
                assert checked.mismatches == (), (scenario.id, reply.id)
            if not {"concession", "overpromise"} & set(reply.tags):
                assert checked.breaches == (), (scenario.id, reply.id)


@pytest.mark.parametrize(
    "typed",
    [
        "15% off if you sign today",
        "I'll waive the 2%",
        "I can give you twenty percent off",
        "I'll throw in two headsets for free",
        "you can pay in 120 days, no problem",
        "I guarantee the price will never go up",
    ],
)
def test_unauthorised_offers_are_breaches(typed: str) -> None:
    assert facts.check(typed, None, BUNDLED.catalogue).breaches


@pytest.mark.parametrize(
    "typed",
    [
        "I can't waive the surcharge, it's the same for everyone",
        "at 60 units the volume discount is 8%",
        "delivery is free from 500 euros",
        "60 days to pay with a 2% surcharge",
    ],
)
def test_policy_stated_correctly_is_no_breach(typed: str) -> None:
    assert facts.check(typed, None, BUNDLED.catalogue).breaches == ()


def test_an_unauthorised_offer_in_the_exam_is_a_breach_the_client_reacts_to() -> None:
    # Issue 12: "15% off if you sign today" in the exam got "I don't follow", no consequence.
    scenario = BUNDLED.scenario("final_exam_close_deal")
    session = Session(BUNDLED, scenario, mode=Mode.EXAM, seed=1)
    persona = session.persona
    trust = session.meters[Meter.TRUST]
    said, answer = session.say("15% off if you sign today")
    assert "unauthorised-offer" in said.tags
    assert said.facts is not None and said.facts["breaches"]
    assert session.meters[Meter.TRUST] < trust
    assert answer.speaker is Speaker.CLIENT
    assert answer.text in {session.render(line) for line in persona.off_script["offer"].lines}
    assert "unauthorised-offer" in session.breaches()
    assert not session.score().passed


def test_an_offer_inside_a_matched_reply_is_still_a_breach() -> None:
    session = at_switch_check()
    turns = session.say(
        "Then two S24P switches, 24 PoE ports each, 410 euros each, and I'll throw in a third "
        "one for free"
    )
    said = turns[0]
    assert said.reply == "switch_check/propose_s24p"
    assert "unauthorised-offer" in said.tags
    assert "unauthorised-offer" in session.breaches()


@pytest.mark.parametrize(
    ("typed", "products", "quantities"),
    [
        ("forty T310s and two S24Ps", ("T310", "S24P"), (40, 2)),
        ("40 T310 and 2 S24P", ("T310", "S24P"), (40, 2)),
    ],
)
def test_a_product_code_in_the_plural_is_the_product(
    typed: str, products: tuple[str, ...], quantities: tuple[int, ...]
) -> None:
    found = facts.extract(typed, BUNDLED.catalogue)
    assert found.products == products and found.quantities == quantities


def test_a_wrong_price_for_products_named_in_the_plural_is_a_wrong_fact() -> None:
    checked = facts.check("Forty T310s at 80 euros each", None, BUNDLED.catalogue)
    assert checked.mismatches == ("you said €80: the T310 lists at €79 each",)
