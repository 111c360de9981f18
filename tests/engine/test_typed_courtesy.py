"""Politeness is not a first impression: courtesy alone says nothing, an introduction says who
(issue 12)."""

from __future__ import annotations

from pathlib import Path

import pytest

from trainer.content.content_set import ContentSet
from trainer.engine.offscript import says_who
from trainer.engine.session import FIRST_IMPRESSION, Session
from trainer.engine.turns import Speaker, Turn
from trainer.engine.words import courtesy_free

ROOT = Path(__file__).resolve().parents[2]


def _opening(content: ContentSet) -> Session:
    return Session(content, content.scenario("book_meeting"), trainee="Alex Morgan", seed=1)


def _trainee(turns: list[Turn]) -> Turn:
    return next(turn for turn in turns if turn.speaker is Speaker.TRAINEE)


@pytest.mark.parametrize(
    "typed",
    [
        "I hear you, thank you so much, I really appreciate your time, that is a great point",
        "Thanks so much, I really appreciate it, great question!",
        "thank you very much for your time, that's a fair point",
    ],
)
def test_courtesy_alone_is_asked_to_say_more_and_earns_nothing(
    bundled: ContentSet, typed: str
) -> None:
    session = _opening(bundled)
    turns = session.say(typed)
    said = _trainee(turns)
    assert said.reply is None and said.points == {}
    assert "unclear" in said.tags
    assert session.earned.get(FIRST_IMPRESSION, 0) == 0
    assert turns[-1].speaker is Speaker.CLIENT  # the client asks for more, in character


def test_an_introduction_that_says_nobody_keeps_the_intent_but_not_the_points(
    bundled: ContentSet,
) -> None:
    session = _opening(bundled)
    said = _trainee(session.say("thank you so much, how can I help"))
    assert said.reply == "opening/welcome_intro"
    assert FIRST_IMPRESSION not in said.points
    assert said.note.startswith("Say who you are and the company first")
    assert session.earned.get(FIRST_IMPRESSION, 0) == 0
    # the points were withheld for this reply, not for the rest of the call
    assert session.state != "opening"


def test_an_introduction_that_says_who_earns_the_first_impression(bundled: ContentSet) -> None:
    session = _opening(bundled)
    said = _trainee(session.say("Northline Communications, Alex speaking, how can I help?"))
    assert said.reply == "opening/welcome_intro"
    assert said.points.get(FIRST_IMPRESSION, 0) > 0
    assert "Say who you are" not in said.note


def test_a_numbered_introduction_is_never_second_guessed(bundled: ContentSet) -> None:
    session = _opening(bundled)
    said = _trainee(session.choose("welcome_intro"))
    assert said.points.get(FIRST_IMPRESSION, 0) > 0


@pytest.mark.parametrize(
    ("text", "left"),
    [
        ("I hear you, thank you so much, I really appreciate your time, that's a great point", ""),
        ("thank you so much, how can I help", "how can i help"),
        ("I appreciate your patience, the parts arrive Monday", "the parts arrive monday"),
        # courtesy is stripped, not what the trainee says around it
        ("thanks, we can deliver on Monday", "we can deliver on monday"),
    ],
)
def test_courtesy_is_set_aside_and_the_rest_kept(text: str, left: str) -> None:
    assert courtesy_free(text) == left


@pytest.mark.parametrize(
    ("typed", "introduces"),
    [
        ("Northline, how can I help?", True),
        ("Alex speaking", True),
        ("hi, my name's Alex", True),
        ("good morning, Alex at Northline here", True),
        ("thank you so much, how can I help", False),
        ("thank you for calling, how can I help you today?", False),
        ("I hear you, great point", False),
    ],
)
def test_saying_who_is_a_name_the_company_or_the_words_that_introduce(
    typed: str, introduces: bool
) -> None:
    assert says_who(typed, ("Alex Morgan", "Northline Communications")) is introduces
