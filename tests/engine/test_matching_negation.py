"""A refusal is never taken as the reply it refuses; a plain offer still is (issue 12)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.engine.heard import at, hear
from trainer.content.content_set import ContentSet
from trainer.engine.matching import Verdict
from trainer.engine.polarity import polarities, refuses
from trainer.engine.words import normalise

ROOT = Path(__file__).resolve().parents[2]


def _negated(text: str) -> list[str]:
    return [w for w, no in zip(normalise(text).split(), polarities(text) or (), strict=True) if no]


# -- which words a negation reaches ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "refused", "kept"),
    [
        ("We won't match Vexa.", {"match", "vexa"}, set()),
        # the words before a negated copula are its subject: what is refused
        ("Matching Vexa's price isn't something I can do.", {"matching", "price"}, set()),
        # a noun's negation reaches its noun, not the whole clause
        ("sixty days with no surcharge", {"surcharge"}, {"days"}),
        # two negations: the sixty days are refused, the surcharge kept
        ("I can't give you sixty days without the surcharge.", {"days"}, {"surcharge"}),
        # a verb that takes away reads as "no"
        ("I'll drop the surcharge", {"surcharge"}, set()),
        # the negation reaches forward: what follows a second one is turned back
        ("I can't guarantee that an outage will never happen", {"guarantee", "outage"}, {"happen"}),
        # reassurance, contrast, question tag and condition refuse nothing
        ("Don't worry, I'll make sure accounting cancels the fee", {"fee"}, {"accounting"}),
        ("no problem, it ships tomorrow", set(), {"ships", "tomorrow"}),
        ("That's for accounting to decide, not me.", set(), {"accounting", "decide"}),
        ("Lovely weather, isn't it?", set(), {"lovely", "weather"}),
        ("If you don't sign today you'll miss your opening.", set(), {"sign", "opening"}),
        ("no sorry, got ahead of myself", set(), {"ahead"}),
    ],
)
def test_a_negation_reaches_the_words_it_governs(
    text: str, refused: set[str], kept: set[str]
) -> None:
    negated = set(_negated(text))
    assert refused <= negated
    assert not kept & negated


@pytest.mark.parametrize(
    ("typed", "reply"),
    [
        ("without a surcharge", "with no surcharge"),  # both refuse the surcharge
        ("We can't compete with that.", "It's hard for us to compete with that."),
        ("drop the surcharge", "no surcharge"),
    ],
)
def test_two_ways_of_saying_the_same_refusal_never_clash(typed: str, reply: str) -> None:
    assert not refuses(typed, reply)
    assert not refuses(reply, typed)


def test_without_the_model_a_clash_is_read_on_the_same_words() -> None:
    assert refuses("We won't match Vexa's 78", "I can match Vexa's 78 a seat")
    assert not refuses("We will match Vexa's 78", "I can match Vexa's 78 a seat")
    assert not refuses("How are you today?", "I can match Vexa's 78 a seat")  # nothing negated


# -- the issue's three refusals, on the bundled nodes ---------------------------------------------

REFUSALS = [
    # (scenario, node, exam, refusal, the reply it refuses)
    ("final_exam_close_deal", "price_obj", True, "We won't match Vexa.", "discount_match"),
    ("final_exam_close_deal", "price_obj", True, "We won't match Vexa's 78.", "discount_match"),
    ("final_exam_close_deal", "price_obj", False, "We're not going to match Vexa's price.", None),
    (
        "out_of_stock_urgent",
        "bar_delivery",
        False,
        "I can't promise it'll be there on Wednesday",
        "promise_bar_wed",
    ),
    (
        "overdue_invoice",
        "fee_reaction",
        False,
        "I can't cancel the fee, that's for accounting",
        "cancel_fee",
    ),
    ("vip_renewal", "price_obj", False, "We won't match the seven percent.", "match_price"),
    ("upsell_volume_deferred", "payment_obj", False, "I can't get you 90 days.", "promise_90"),
    (
        "final_exam_close_deal",
        "reliability_obj",
        True,
        "I can't guarantee an outage like that won't happen.",
        "guarantee_never",
    ),
]


@pytest.mark.parametrize(("scenario", "node", "exam", "typed", "refused"), REFUSALS)
def test_a_refusal_is_never_the_reply_it_refuses(
    bundled: ContentSet, scenario: str, node: str, exam: bool, typed: str, refused: str | None
) -> None:
    understood = hear(at(bundled, scenario, node, exam=exam), typed)
    taken = understood.best.reply.id if understood.best else None
    assert taken is None or taken != (refused or "discount_match")
    for match in understood.ranked:
        if match.reply.id == refused:
            assert match.confidence <= 50  # halved, below any bar: the mentor sees why


PLAIN = [
    ("final_exam_close_deal", "price_obj", True, "Fine, we'll match Vexa's 78 for you.", "discount_match"),
    ("out_of_stock_urgent", "bar_delivery", False, "It'll be there on Wednesday, I'll make sure of it.", "promise_bar_wed"),
    ("overdue_invoice", "fee_reaction", False, "Don't worry, I'll get accounting to cancel the fee.", "cancel_fee"),
    ("vip_renewal", "price_obj", False, "We'll match their seven percent on every seat.", "match_price"),
    ("vip_renewal", "price_obj", False, "I see, we can't really compete with that.", "accept_vexa"),
]  # fmt: skip


@pytest.mark.parametrize(("scenario", "node", "exam", "typed", "meant"), PLAIN)
def test_the_same_words_said_plainly_are_still_that_reply(
    bundled: ContentSet, scenario: str, node: str, exam: bool, typed: str, meant: str
) -> None:
    understood = hear(at(bundled, scenario, node, exam=exam), typed)
    assert understood.verdict is Verdict.MATCHED
    assert understood.best is not None and understood.best.reply.id == meant


def test_a_refusal_that_explains_is_taken_as_the_reply_that_explains(bundled: ContentSet) -> None:
    session = at(bundled, "final_exam_close_deal", "price_obj", exam=True)
    understood = hear(
        session,
        "I won't match 78, there's no need: Vexa's 78 doesn't include call recording, they charge "
        "6 euros a seat a month for it, 150 a seat a year, and ours includes 90 days of "
        "recording at 84, so we're 66 a seat cheaper, 3,960 a year for your sixty agents.",
    )
    assert understood.best is not None and understood.best.reply.id == "explain_six"


def test_after_a_refusal_another_reply_is_taken_only_when_surely_meant(
    bundled: ContentSet,
) -> None:
    # two_day_promise is refused; "decide this week" reads a little like the rest of the line,
    # not surely enough to be taken for it
    understood = hear(
        at(bundled, "book_meeting", "too_early_obj"),
        "I won't promise you it'll all run within two days.",
    )
    assert understood.verdict is Verdict.NO_MATCH


# -- through a session: no penalty, no breach, the client asks again ------------------------------


@pytest.mark.parametrize(
    ("scenario", "node", "exam", "typed", "refused"),
    [
        ("final_exam_close_deal", "price_obj", True, "We won't match Vexa.", "discount_match"),
        (
            "out_of_stock_urgent",
            "bar_delivery",
            False,
            "I can't promise it'll be there on Wednesday",
            "promise_bar_wed",
        ),
        (
            "overdue_invoice",
            "fee_reaction",
            False,
            "I can't cancel the fee, that's for accounting",
            "cancel_fee",
        ),
    ],
    ids=["discount", "promise", "cancel"],
)
def test_a_refusal_in_a_session_costs_nothing_and_breaches_nothing(
    bundled: ContentSet, scenario: str, node: str, exam: bool, typed: str, refused: str
) -> None:
    session = at(bundled, scenario, node, exam=exam)
    before = dict(session.earned)
    said = session.say(typed)[0]
    assert said.reply != f"{node}/{refused}"
    assert not any(value < before.get(key, 0) for key, value in session.earned.items())
    assert "unauthorised-offer" not in said.tags
    assert session.breaches() == []
    assert said.text == typed  # what the trainee typed is kept as typed


def test_the_plain_price_match_in_the_exam_still_costs_points(bundled: ContentSet) -> None:
    session = at(bundled, "final_exam_close_deal", "price_obj", exam=True)
    before = dict(session.earned)
    said = session.say("Sure, we'll match Vexa's 78 for the first year.")[0]
    assert said.reply == "price_obj/discount_match"
    assert session.earned["objection_handling"] < before.get("objection_handling", 0)
