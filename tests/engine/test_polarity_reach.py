"""A negation reaches past its clause only where it plainly refuses what came before (issue 12)."""

from __future__ import annotations

import pytest

from tests.engine.heard import at, hear
from trainer.content.content_set import ContentSet
from trainer.engine.matching import Verdict
from trainer.engine.polarity import polarities
from trainer.engine.words import normalise


def _negated(text: str) -> set[str]:
    words = normalise(text).split()
    return {w for w, no in zip(words, polarities(text) or (), strict=True) if no}


@pytest.mark.parametrize(
    ("text", "refused", "kept"),
    [
        # a negated copula turns round its whole subject, two nouns joined by "and" or "or" too
        ("Asking for names and numbers isn't something we do.", {"names", "numbers"}, set()),
        ("Refunds or returns are not possible, sorry.", {"refunds", "returns"}, set()),
        # a refusal that names nothing but "that" refuses what was said before it
        ("Paying when the insurer pays? No, we can't do that.", {"paying", "insurer"}, set()),
        ("Ninety days at two percent? That's not something I can give.", {"days"}, set()),
        ("Free delivery, I'm afraid that isn't possible.", {"delivery"}, set()),
        ("Sixty days and no surcharge? Not something we do.", {"days"}, set()),
    ],
)
def test_a_refusal_reaches_what_it_refuses(text: str, refused: set[str], kept: set[str]) -> None:
    negated = _negated(text)
    assert refused <= negated
    assert not kept & negated


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # the subject stays when the negation says something of its own after it
        ("The caretakers and lab staff are impossible to reach.", {"caretakers"}),
        # a question tag, a condition and a warning refuse nothing before them
        ("Lovely weather today, isn't it?", {"lovely", "weather"}),
        ("Twenty seconds, and if it's not for you I'll go.", {"seconds"}),
        ("Clients walk away every week, you shouldn't let that go on.", {"clients", "week"}),
        # "it's not something I can control": the clause goes on, and says what it refuses
        ("The service centre is a mess, and it's not really something I can control.", {"mess"}),
        # a person taken off a list refuses nothing; what a fee is dropped from stays
        ("I'll remove you from our list today.", {"list", "today"}),
        ("We'll drop the fee from the invoice.", {"invoice"}),
        # an agreement to what went before is no refusal of it
        ("Sixty days at two percent? Sure, I can do that.", {"days", "percent"}),
        # a refusal that names its own object keeps to it
        ("Sixty days, fine, but I can't waive the surcharge.", {"days"}),
    ],
)
def test_a_negation_does_not_reach_further_than_it_says(text: str, kept: set[str]) -> None:
    assert not kept & _negated(text)


# -- on the bundled nodes: refused, or still said ---------------------------------------------------

REFUSED = [
    # (scenario, node, exam, typed, the reply it must not be)
    ("referral_request", "privacy_obj", False, "Names and phone numbers aren't something I'd ask you for.", "press_for_numbers"),
    ("overdue_invoice", "reason", False, "Pay it once the insurer has paid you? No, I'm afraid we can't do that.", "forget_it"),
    ("final_exam_clinic_group", "payment_obj", True, "Ninety days at the two percent rate? That's not something I can give you.", "ninety_at_two"),
]  # fmt: skip


@pytest.mark.parametrize(("scenario", "node", "exam", "typed", "refused"), REFUSED)
def test_a_refusal_worded_apart_is_not_the_reply_it_refuses(
    bundled: ContentSet, scenario: str, node: str, exam: bool, typed: str, refused: str
) -> None:
    understood = hear(at(bundled, scenario, node, exam=exam), typed, critical=True)
    assert understood.best is None or understood.best.reply.id != refused


SAID = [
    ("cold_call_block", "call3", False, "Sure, I'll remove you from our calling list today, sorry to bother you.", "honour"),
    ("referral_request", "privacy_obj", False, "Just their names and numbers, that's all I need.", "press_for_numbers"),
    ("overdue_invoice", "reason", False, "Then forget the invoice for now, pay it once the insurer has paid you.", "forget_it"),
]  # fmt: skip


@pytest.mark.parametrize(("scenario", "node", "exam", "typed", "meant"), SAID)
def test_the_same_move_said_plainly_is_still_taken(
    bundled: ContentSet, scenario: str, node: str, exam: bool, typed: str, meant: str
) -> None:
    understood = hear(at(bundled, scenario, node, exam=exam), typed, critical=True)
    assert understood.verdict is Verdict.MATCHED
    assert understood.best is not None and understood.best.reply.id == meant


def test_once_a_breach_is_set_aside_the_next_reply_is_checked_for_a_refusal(
    bundled: ContentSet,
) -> None:
    # the breach (sixty days with no surcharge) is refused, so it is set aside; the next reply,
    # thirty days at no surcharge, says the same words the other way round: not that either
    session = at(bundled, "postpone_order", "impact")
    refusal = "Even for key accounts, sixty days without a surcharge isn't something we offer."
    understood = hear(session, refusal, critical=True)
    assert understood.best is None or understood.best.reply.id not in {
        "waive_surcharge",
        "offer_30",
    }
    plain = hear(
        session,
        "Keep the delivery, and as a key account you get 60 days with no surcharge at all.",
        critical=True,
    )
    assert plain.best is not None and plain.best.reply.id == "waive_surcharge"
