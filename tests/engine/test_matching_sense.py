"""Typed words read as a person would: a sentence says more than its nouns, small talk and
questions about what the client said are not replies, and phone talk is spelled one way."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.engine.heard import at, hear
from trainer.content.content_set import ContentSet
from trainer.engine import matching
from trainer.engine.words import asks, is_clause

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("scenario", "node", "words", "reply"),
    [
        (
            "vip_renewal",
            "her_issues",
            "I promise you this will never happen again.",
            "promise_never",
        ),
        ("vip_renewal", "discount_probe", "Fine, you can have seven percent.", "cave_to_seven"),
        (
            "out_of_stock_urgent",
            "bar_delivery",
            "I'll make sure you have it by Wednesday.",
            "promise_bar_wed",
        ),
        (
            "out_of_stock_urgent",
            "opening",
            "Yes, Northline, good morning, what can I do for you?",
            "hello_yes",
        ),
    ],
)
def test_a_sentence_that_commits_or_asks_is_not_content_free(
    bundled: ContentSet, scenario: str, node: str, words: str, reply: str
) -> None:
    """A short sentence of a longer reply says its gist: an overpromise is heard, and costs."""
    session = at(bundled, scenario, node)
    heard = hear(session, words)
    assert heard.best is not None and heard.best.reply.id == reply, (
        heard.verdict,
        heard.ranked[:2],
    )


@pytest.mark.parametrize(
    ("node", "words"),
    [
        ("price_obj", "we include recording"),
        ("price_obj", "it is recording included"),
        ("price_obj", "it's 84"),
        ("price_obj", "I can do 84"),
        ("payment_obj", "you can have 60 days"),
        ("payment_obj", "I can do 2% surcharge"),
        ("payment_obj", "that is 60 days"),
        ("close_ask", "you can sign today"),
        ("close_ask", "I need your signature"),
    ],
)
def test_keywords_put_in_a_sentence_still_never_earn_a_model_answer(
    bundled: ContentSet, node: str, words: str
) -> None:
    for exam in (True, False):
        session = at(bundled, "final_exam_close_deal", node, exam=exam)
        heard = hear(session, words)
        assert heard.best is None, (words, exam, heard.ranked[0])


@pytest.mark.parametrize(
    ("words", "clause"),
    [
        ("I promise it won't happen again", True),
        ("you can have seven percent", True),
        ("what can I do for you", True),
        ("the handsets should do", True),
        ("we guarantee it", True),
        ("duo and the g5 router", False),
        ("recording included", False),
        ("60 days", False),
        ("ok thanks", False),
        ("I", False),
    ],
)
def test_a_clause_is_a_subject_with_its_verb(words: str, clause: bool) -> None:
    assert is_clause(matching.normalise(words).split()) is clause


@pytest.mark.parametrize(
    ("scenario", "node", "words"),
    [
        ("vip_renewal", "price_obj", "Did you watch the match last night?"),
        ("vip_renewal", "price_obj", "what a match on sunday, did you see it?"),
        ("final_exam_close_deal", "price_obj", "did u catch the match yesterday"),
    ],
)
def test_small_talk_sharing_a_word_with_a_reply_is_answered_as_small_talk(
    bundled: ContentSet, scenario: str, node: str, words: str
) -> None:
    """ "match" the game is not "match" the price: the client chats back, no reply is taken."""
    session = at(bundled, scenario, node)
    assert hear(session, words).best is None
    turns = session.say(words)
    assert session.state == node and not session.earned
    assert turns[0].facts is not None and turns[0].facts.get("off_script") == "small_talk"


@pytest.mark.parametrize(
    ("scenario", "node", "words", "reply"),
    [
        ("vip_renewal", "price_obj", "I'll match their price, 7% it is.", "match_price"),
        (
            "book_meeting",
            "situation",
            "Don't worry, picking is my job. How's a normal day at the studio?",
            "ask_how_work",
        ),
        (
            "cold_call_not_interested",
            "answer",
            "Hi there, how are you today? Nice weather, right?",
            "how_are_you",
        ),
    ],
)
def test_a_reply_that_chats_or_shares_a_word_with_chat_is_still_heard(
    bundled: ContentSet, scenario: str, node: str, words: str, reply: str
) -> None:
    session = at(bundled, scenario, node)
    heard = hear(session, words)
    assert heard.best is not None and heard.best.reply.id == reply, (
        heard.verdict,
        heard.ranked[:2],
    )


@pytest.mark.parametrize(
    ("scenario", "node", "words"),
    [
        (
            "upsell_volume_deferred",
            "switch_check",
            "Was it the same contractor that fitted the switches in the old wing?",
        ),
        (
            "upsell_volume_deferred",
            "switch_check",
            "Does the contractor who put the switches in work for the hospital a lot?",
        ),
        ("written_proposal", "contents_agreed", "Is Friday a short working day at your office?"),
    ],
)
def test_a_question_about_what_a_reply_mentions_is_not_that_reply(
    bundled: ContentSet, scenario: str, node: str, words: str
) -> None:
    """Asking about the contractor is not blaming the contractor; the reply asks nothing."""
    session = at(bundled, scenario, node)
    heard = hear(session, words)
    assert heard.best is None, heard.ranked[0]


def test_a_question_that_says_a_replys_substance_is_still_that_reply(bundled: ContentSet) -> None:
    session = at(bundled, "upsell_volume_deferred", "switch_check")
    for words in (
        "Isn't that the contractor's mistake? Get them to swap the switches at their own cost.",
        "that's the contractors fault, not yours, ask them to swap the switches for free",
    ):
        heard = hear(session, words)
        assert heard.best is not None and heard.best.reply.id == "blame_contractor", words


@pytest.mark.parametrize(
    ("words", "question"),
    [
        ("Which insurer is it?", True),
        ("is that separate", True),
        ("Fine. How big is the studio", True),
        ("I'll send it today.", False),
        ("Whichever suits you.", False),
        ("", False),
    ],
)
def test_a_question_is_found_by_its_mark_or_its_opening_word(words: str, question: bool) -> None:
    assert asks(words) is question


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Cheers, I'll give him a ring on Thursday", "thanks, i'll give him a call on thursday"),
        ("she rang me", "she called me"),
        ("I'll e-mail the quotation asap", "i'll email the quote as soon as possible"),
        ("can I knock 5% off", "can i take 5 percent off"),
    ],
)
def test_phone_and_sales_talk_is_spelled_one_way(one: str, other: str) -> None:
    assert matching.normalise(one) == matching.normalise(other)


def test_a_call_in_other_words_is_heard(bundled: ContentSet) -> None:
    session = at(bundled, "gatekeeper_follow_up", "marta_story")
    heard = hear(session, "Cheers, I'll give him a ring on Thursday.")
    assert heard.best is not None and heard.best.reply.id == "thanks_bye", heard.ranked[:2]
