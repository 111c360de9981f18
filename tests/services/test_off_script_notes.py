"""The coach's note on a line the client answered off the script says what kind it was and
what to do instead, not the same sentence for rudeness, small talk and an offer."""

from __future__ import annotations

import pytest

from trainer.content.content_set import ContentSet
from trainer.engine.session import Session
from trainer.engine.turns import Speaker
from trainer.services.replay import coach_heard_as


def note_on(content: ContentSet, words: str, scenario: str = "upsell_volume_deferred") -> str:
    session = Session(content, content.scenario(scenario), seed=1)
    offered = session.options()
    turns = session.say(words)
    [said] = [turn for turn in turns if turn.speaker is Speaker.TRAINEE]
    assert said.reply is None, said
    return coach_heard_as(said, offered, session.scenario.match_threshold)


@pytest.mark.parametrize(
    "words, says",
    [
        ("Calm down, mate", "rude: the client heard the tone"),
        ("just sign it now", "pushy: pressure costs trust"),
        ("how's the weather over there?", "Small talk: the client answers it"),
        ("can you repeat that?", "You asked the client to say it again"),
    ],
)
def test_each_kind_gets_its_own_advice(bundled: ContentSet, words: str, says: str) -> None:
    assert says in note_on(bundled, words)


def test_an_unauthorised_offer_is_named_as_a_breach_with_what_was_offered(
    bundled: ContentSet,
) -> None:
    note = note_on(bundled, "I'll give you 35% off and it's free for a year")
    assert note.startswith("An offer company policy does not allow, recorded as a breach: ")
    assert "35% off" in note


def test_the_small_talk_note_fits_a_call_the_client_made(bundled: ContentSet) -> None:
    """In an inbound call the client rang us: the coach does not speak of why "you called"."""
    note = note_on(bundled, "how's the weather over there?", scenario="book_meeting")
    assert "Small talk" in note and "you called" not in note
