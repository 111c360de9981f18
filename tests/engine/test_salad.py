"""Nouns copied from a reply, with a grammar word left among them, are no reply (QA D3, D5)."""

from __future__ import annotations

import pytest

from tests.engine.heard import at, hear
from trainer.content.content_set import ContentSet
from trainer.engine import matching
from trainer.engine.salad import is_salad

SALAD = [
    ("cold_call_not_interested", "twenty_seconds", "phones jam eight same-day slot practices"),
    (
        "cold_call_not_interested",
        "twenty_seconds",
        "phones jam eight, same-day slot, practices, yours?",
    ),
    (
        "final_exam_dispatch_hub",
        "opening",
        "Eve Northline forty-desk dispatch hub day one figures three questions setup",
    ),
    (
        "final_exam_dispatch_hub",
        "setup_questions",
        "desk phones softphones switches PoE signs above limit",
    ),
]

SAID = [
    # the same matter put to the client as a sentence is heard
    (
        "cold_call_not_interested",
        "twenty_seconds",
        "Practices tell us the phones jam at eight with everyone after a same-day slot, is that "
        "the case at yours?",
        "problem_question",
    ),
]


@pytest.mark.parametrize(("scenario", "node", "typed"), SALAD)
def test_a_run_of_copied_words_is_asked_to_say_more(
    bundled: ContentSet, scenario: str, node: str, typed: str
) -> None:
    understood = hear(at(bundled, scenario, node), typed, critical=True)
    assert understood.verdict is matching.Verdict.CONTENT_FREE, understood.ranked[:2]


@pytest.mark.parametrize(("scenario", "node", "typed", "expect"), SAID)
def test_the_matter_said_in_a_sentence_is_heard(
    bundled: ContentSet, scenario: str, node: str, typed: str, expect: str
) -> None:
    understood = hear(at(bundled, scenario, node), typed, critical=True)
    assert understood.best is not None and understood.best.reply.id == expect


@pytest.mark.parametrize(
    ("typed", "salad"),
    [
        ("phones jam eight same-day slot practices", True),
        ("budget poe switches wing same day", True),
        # notes, sentences and questions are not salad
        ("keep me posted", False),
        ("Tuesday at ten works?", False),
        ("Exciting! Keep me posted.", False),
        ("ok 60 days no surcharge just for u", False),
        ("we can do sixty days", False),
        ("how many desk phones and softphones", False),
        ("is the PoE budget above the limit", False),
        ("Forty seats at 84 is 3,360, forty T310 plus two switches", False),
    ],
)
def test_what_makes_a_run_of_words_salad(typed: str, salad: bool) -> None:
    assert is_salad(typed) is salad
