"""Engine: a delivery the stock cannot make is a breach when stated, and only when stated."""

from __future__ import annotations

import pytest

from trainer.content.content_set import ContentSet
from trainer.content.loader import load_content
from trainer.content.paths import bundled_content_dir
from trainer.engine import facts, promises
from trainer.engine.session import Session
from trainer.engine.turns import Speaker

BUNDLED = load_content(bundled_content_dir())
# The Orbit 12 is out of stock, 18 business days from the factory; the Orbit 6 is in stock.
CLIENT = "Your website says the Orbit 12 is out of stock. I need three working by Thursday."


@pytest.mark.parametrize(
    "typed",
    [
        "no problem, three Orbit 12s will be with you tomorrow",
        "leave it with me, ill get the factory to express 3 orbit 12s so youll have them thursday",
        "Don't worry: the Orbit 12 will be on your desk by Thursday morning.",
        "The orbit twelve ships today, you'll have it within two days.",
        "the Orbit 12 will be with you in ten working days",
        "We'll have the Orbit 12s delivered next week.",
        "the D80 headsets ship tomorrow",
        "we'll have your AX3000s installed next week",
    ],
)
def test_a_stated_promise_the_stock_contradicts_is_a_breach(typed: str) -> None:
    found = facts.check(typed, None, BUNDLED.catalogue).breaches
    assert found and "out of stock" in found[0], found


@pytest.mark.parametrize(
    "typed",
    [
        # refused, conditional, asked, hedged: no promise is made
        "I can't promise the factory will get the Orbit 12 to you by Thursday.",
        "The Orbit 12 won't be there by Thursday, I'm afraid.",
        "If the Orbit 12 were in stock you'd have it tomorrow, but it isn't.",
        "Could you manage without the Orbit 12 until next week?",
        "I'll try to get the Orbit 12s to you by Thursday, but I can't promise.",
        "I'll ask whether the factory can ship the Orbit 12 sooner.",
        # the truth about the lead time, and in-stock goods promised honestly
        "The Orbit 12 is 18 business days from the factory, so not Thursday.",
        "the Orbit 12 will be with you in 18 business days",
        "From the factory the Orbit 12 is about three and a half weeks.",
        "The Orbit 12 is out of stock, but four Orbit 6 can be with you on Wednesday.",
        "Four Orbit 6 ship today and arrive Wednesday.",
        # a time that is no delivery
        "I'll send you the quote for the Orbit 12 today.",
        "I'll call you tomorrow about the Orbit 12.",
    ],
)
def test_no_promise_is_read_where_none_is_stated(typed: str) -> None:
    assert facts.check(typed, None, BUNDLED.catalogue).breaches == ()


def test_them_is_the_product_the_client_just_named() -> None:
    said = "don't worry, you'll have them by thursday"
    assert facts.check(said, None, BUNDLED.catalogue, [CLIENT]).breaches
    assert (
        facts.check(said, None, BUNDLED.catalogue, ["I need four of your Orbit 6."]).breaches == ()
    )
    assert facts.check(said, None, BUNDLED.catalogue).breaches == ()  # nothing to stand for


def test_the_breach_names_the_product_and_its_lead_time() -> None:
    (promise,) = promises.unfounded("three Orbit 12s will be with you tomorrow", BUNDLED.catalogue)
    assert str(promise) == (
        "promised the Orbit 12 tomorrow; it is out of stock, 18 business days from the factory"
    )


# The model answer at the delivery question, said in the trainee's own words.
DELIVERY = (
    "Order by two today and they leave Tilburg today: two business days, so Wednesday, free "
    "over 500 euros. Shall I reserve the four units for you now? "
)


def _call(content: ContentSet, typed: str) -> Session:
    """The model call of the out-of-stock scenario, with `typed` said at the delivery question."""
    session = Session(content, content.scenario("out_of_stock_urgent"))
    for reply in ("greet_own", "ask_needs", "propose_mix", "counter_chain"):
        session.choose(reply)
    session.say(typed)
    session.choose("confirm_and_test")
    return session


def test_a_promise_the_stock_contradicts_fails_a_call_that_ends_in_a_deal() -> None:
    session = _call(BUNDLED, DELIVERY + "And the three Orbit 12s will be with you tomorrow too.")
    score = session.score()
    assert score.outcome.value == "deal" and not score.passed
    assert score.reasons[0] == BUNDLED.rubric.critical["unauthorised-offer"]
    typed = next(t for t in session.turns if t.speaker is Speaker.TRAINEE and t.typed)
    assert typed.facts is not None
    assert "Orbit 12 tomorrow; it is out of stock" in typed.facts["breaches"][0]


@pytest.mark.parametrize(
    "honest",
    [
        "",
        "The three Orbit 12s can't be with you before 18 business days are up.",
        "If the Orbit 12 were in stock, you'd have it tomorrow.",
    ],
)
def test_the_same_call_without_the_promise_passes(honest: str) -> None:
    score = _call(BUNDLED, DELIVERY + honest).score()
    assert score.outcome.value == "deal" and score.passed, score.reasons


def test_the_catalogue_s_lead_time_of_a_product_named_is_no_wrong_figure() -> None:
    reply = "Order by two today and they leave Tilburg today: two business days, so Wednesday."
    honest = "They arrive Wednesday. The Orbit 12 itself is 18 business days from the factory."
    assert facts.check(honest, reply, BUNDLED.catalogue).mismatches == ()
    wrong = "They arrive in 18 business days."  # no product named: the reply's 2 days stand
    assert facts.check(wrong, reply, BUNDLED.catalogue).mismatches
