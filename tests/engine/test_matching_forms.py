"""A list of keywords, or a question about a reply, is not the reply (issue 12: no free ride)."""

from __future__ import annotations

import pytest

from tests.engine.heard import at, hear
from trainer.content.content_set import ContentSet
from trainer.engine.forms import is_sentence, is_word_list, only_queries
from trainer.engine.matching import Verdict


@pytest.mark.parametrize(
    "text",
    [
        "budget poe switches wing",
        "price match discount guarantee delivery",
        "60 days 2% quarter",
        "meeting tuesday",  # a note: right where a note is due (a call log), not for a sentence
    ],
)
def test_words_in_a_row_are_a_list(text: str) -> None:
    assert is_word_list(text)


@pytest.mark.parametrize(
    "text",
    [
        "send it over today please",  # a filler joins them
        "I'll send the quote today",
        "forty seats at 84 a year",  # a grammar word joins them
    ],
)
def test_a_sentence_or_a_note_is_not_a_list(text: str) -> None:
    assert not is_word_list(text)


@pytest.mark.parametrize(
    "text",
    [
        "Does the quote include the headsets?",
        "Could a call queue let four dispatchers share one number? I don't know, would it?",
        "Did you get the figures I sent? Have you read them yet?",
    ],
)
def test_yes_no_questions_about_the_matter_are_queries(text: str) -> None:
    assert only_queries(text)


@pytest.mark.parametrize(
    "text",
    [
        "Shall I send the quote this afternoon?",  # the speaker offers
        "Can we do Thursday at two?",
        "Could you send me your registration number?",  # a request
        "Would you like me to e-mail the figures?",  # an invitation
        "Does Thursday at two work for you?",  # asks consent to a proposal
        "Why wait for the board?",  # a question word: judged by the confidence, as before
        "The quote includes the headsets. Does that help?",  # says something
        "We can do thirty days with no surcharge?",  # no auxiliary opens it
    ],
)
def test_offers_requests_and_statements_are_not_queries(text: str) -> None:
    assert not only_queries(text)


# -- on the bundled nodes ------------------------------------------------------------------------

SALAD = [
    # (scenario, node, exam, words)
    ("upsell_volume_deferred", "wing_questions", False, "switches poe network cable wing"),
    ("upsell_volume_deferred", "wing_questions", False, "budget wing"),
    ("final_exam_close_deal", "price_obj", True, "vexa 78 recording price match"),
    ("vip_renewal", "price_obj", False, "seven percent match renewal seats"),
    ("book_meeting", "confirm_details", False, "thursday two jonas partners"),
]


@pytest.mark.parametrize(("scenario", "node", "exam", "words"), SALAD)
def test_keyword_salad_earns_no_reply(
    bundled: ContentSet, scenario: str, node: str, exam: bool, words: str
) -> None:
    understood = hear(at(bundled, scenario, node, exam=exam), words, critical=True)
    assert understood.best is None
    assert understood.verdict is Verdict.CONTENT_FREE  # the client asks for more


SENTENCES = [
    ("upsell_volume_deferred", "wing_questions", False, "Do the wing's switches give PoE over the network cable?", "ask_network"),
    ("vip_renewal", "price_obj", False, "Fine, we'll match the seven percent on every seat at renewal.", "match_price"),
    ("book_meeting", "confirm_details", False, "Thursday at two, and could Jonas and the other partner join, as they decide?", "confirm_ask_partners"),
    # a log note is a list by nature: a reply that is one may be answered with one
    ("cold_call_block", "log1", False, "Renewed two years January. Call next autumn, before renewal.", "log1_full"),
    ("cold_call_block", "log10", False, "meeting tuesday", "log10_thin"),
]  # fmt: skip


@pytest.mark.parametrize(("scenario", "node", "exam", "words", "meant"), SENTENCES)
def test_the_same_words_in_a_sentence_are_heard(
    bundled: ContentSet, scenario: str, node: str, exam: bool, words: str, meant: str
) -> None:
    understood = hear(at(bundled, scenario, node, exam=exam), words, critical=True)
    assert understood.best is not None and understood.best.reply.id == meant


QUERIES = [
    ("book_meeting", "how_they_work", "Does Cloud PBX put each extension on a laptop and a mobile, then?", "recommend_direct"),
    ("written_proposal", "wants_paper", "Have you copied the figures I e-mailed into your board papers?", "just_email_numbers"),
    ("upsell_volume_deferred", "payment_obj", "Is thirty days without a surcharge possible?", "counter_30days"),
]  # fmt: skip


@pytest.mark.parametrize(("scenario", "node", "words", "not_meant"), QUERIES)
def test_a_question_that_repeats_a_reply_is_not_that_reply(
    bundled: ContentSet, scenario: str, node: str, words: str, not_meant: str
) -> None:
    understood = hear(at(bundled, scenario, node), words, critical=True)
    assert understood.best is None or understood.best.reply.id != not_meant


def test_an_offer_put_as_a_question_is_still_the_offer(bundled: ContentSet) -> None:
    session = at(bundled, "written_proposal", "wants_paper")
    understood = hear(
        session, "Shall I e-mail you those figures this afternoon, for your board papers?"
    )
    assert understood.best is not None and understood.best.reply.id == "just_email_numbers"


ASKED_APART = [
    # (scenario, node, exam, a question about the reply's statement, the reply, which asks another)
    ("final_exam_dispatch_hub", "limit_obj", True, "Does your finance director sign off on the warehouse too?", "bring_cosigner"),
    ("out_of_stock_urgent", "opening", False, "Is now a good moment to talk about your broadband?", "hello_yes"),
]  # fmt: skip


@pytest.mark.parametrize(("scenario", "node", "exam", "words", "not_meant"), ASKED_APART)
def test_a_question_is_the_reply_only_when_it_asks_what_the_reply_asks(
    bundled: ContentSet, scenario: str, node: str, exam: bool, words: str, not_meant: str
) -> None:
    understood = hear(at(bundled, scenario, node, exam=exam), words, critical=True)
    assert understood.best is None or understood.best.reply.id != not_meant


@pytest.mark.parametrize(
    ("scenario", "node", "words", "meant"),
    [
        ("cold_call_direct_dial", "slot", "Should anyone else be there on Thursday at 8:30?", "who_else"),
        ("upsell_volume_deferred", "wing_questions", "Do the wing's switches supply PoE?", "ask_network"),
        # a tag question ("Is that the case at yours?") asks about the sentence before it
        ("cold_call_not_interested", "twenty_seconds", "Do your phones jam at eight when everyone wants a same-day slot?", "problem_question"),
        ("cold_call_not_interested", "twenty_seconds", "do ur phones get jammed at 8 with people calling for a same day appointment?", "problem_question"),
    ],
)  # fmt: skip
def test_the_reply_s_own_question_in_other_words_is_still_heard(
    bundled: ContentSet, scenario: str, node: str, words: str, meant: str
) -> None:
    understood = hear(at(bundled, scenario, node), words, critical=True)
    assert understood.best is not None and understood.best.reply.id == meant


def test_no_reply_that_is_a_sentence_is_earned_by_its_own_keywords(bundled: ContentSet) -> None:
    """At every node of the bundled content, each reply's longest words in a row, two to five
    of them, earn no reply that is a sentence (a call log's notes may be answered by notes)."""
    from trainer.engine.matching import understand
    from trainer.engine.polarity import weighty
    from trainer.engine.session import Session
    from trainer.engine.words import is_number, normalise

    taken = []
    for scenario in bundled.scenarios.values():
        session = Session(bundled, scenario)
        for node in scenario.nodes.values():
            texts = [session.render(reply.text) for reply in node.replies]
            for text in texts:
                words = [w for w in dict.fromkeys(normalise(text).split()) if weighty(w)]
                longest = sorted((w for w in words if not is_number(w)), key=len, reverse=True)
                for count in (2, 3, 5):
                    salad = " ".join(longest[:count])
                    if len(longest) < count or not is_sentence(text):
                        continue
                    heard = understand(
                        salad,
                        node.replies,
                        texts,
                        threshold=scenario.match_threshold,
                        exam=scenario.exam,
                        critical=bundled.rubric.critical,
                        catalogue=bundled.catalogue,
                    ).best
                    if heard is not None and is_sentence(texts[node.replies.index(heard.reply)]):
                        taken.append((scenario.id, node.id, salad, heard.reply.id))
        session.close()
    assert taken == []
