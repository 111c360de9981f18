"""Engine: authored keywords strung together earn no reply, and a trap's claim among good words
is the trap (QA B2). Typed through a session at the bundled scenarios' own nodes."""

from __future__ import annotations

import pytest

from trainer.content.content_set import ContentSet
from trainer.content.loader import load_content
from trainer.content.paths import bundled_content_dir
from trainer.engine import offscript
from trainer.engine.session import Session
from trainer.engine.turns import Speaker, Turn

BUNDLED = load_content(bundled_content_dir())


def _said(content: ContentSet, scenario: str, node: str, words: str) -> Turn:
    session = Session(content, content.scenario(scenario), trainee="Eve")
    session.jump(node)
    return next(t for t in session.say(words) if t.speaker is Speaker.TRAINEE)


def _credited(turn: Turn) -> dict[str, float]:
    return {skill: points for skill, points in turn.points.items() if points > 0}


@pytest.mark.parametrize("scenario_id", sorted(BUNDLED.scenarios))
def test_the_openings_keywords_strung_together_earn_nothing(scenario_id: str) -> None:
    scenario = BUNDLED.scenario(scenario_id)
    replies = scenario.nodes[scenario.start].replies
    best = max(replies, key=lambda reply: sum(reply.points.values()))
    every = [keyword for reply in replies for keyword in reply.keywords]
    for line in (" ".join(best.keywords), " ".join(every), " and ".join(reversed(every))):
        turn = _said(BUNDLED, scenario_id, scenario.start, line)
        assert _credited(turn) == {}, (line, turn.reply, turn.confidence)


@pytest.mark.parametrize(
    ("scenario", "node", "words"),
    [
        # the matter of a reply that asks, with no question asked
        ("cold_call_not_interested", "twenty_seconds", "phones jam at eight same-day slot"),
        ("cold_call_not_interested", "twenty_seconds", "phones jam at eight, same-day slot"),
        # an introduction with no name and no company
        ("cold_call_gatekeeper", "reception", "this is from who looks after dispatch desk phones"),
        (
            "qualify_out_event_rental",
            "opening",
            "festival weekend only keep them afterwards before i price",
        ),
    ],
)
def test_a_keyword_string_is_asked_to_say_more(
    bundled: ContentSet, scenario: str, node: str, words: str
) -> None:
    turn = _said(bundled, scenario, node, words)
    assert turn.reply is None and turn.tags == ("unclear",), (turn.reply, turn.confidence)


@pytest.mark.parametrize(
    ("scenario", "node", "words", "reply"),
    [
        (
            "cold_call_not_interested",
            "twenty_seconds",
            "Practices tell us the phones jam at eight with everyone after a same-day slot, is "
            "that the case at yours?",
            "problem_question",
        ),
        (
            "cold_call_gatekeeper",
            "reception",
            "Good morning Marta, Eve from Northline, we set up phones for logistics firms. Who "
            "looks after the phones at your dispatch desk?",
            "intro_reason",
        ),
        # a reply that is its keywords and little else may be said in them
        (
            "cold_call_direct_dial",
            "slot",
            "Thursday at 8:30, then. Who else should be there?",
            "who_else",
        ),
        ("cold_call_direct_dial", "slot", "thursday at 8:30 who else should be there", "who_else"),
    ],
)
def test_the_same_matter_said_as_a_sentence_is_heard(
    bundled: ContentSet, scenario: str, node: str, words: str, reply: str
) -> None:
    assert _said(bundled, scenario, node, words).reply == f"{node}/{reply}"


def test_a_traps_claim_among_good_words_is_the_trap(bundled: ContentSet) -> None:
    turn = _said(
        bundled,
        "cold_call_gatekeeper",
        "reception",
        "Good morning Marta Eve Northline Communications logistics phones dispatch desk put me "
        "through operations director returning a call special programme attractive terms who "
        "buys your equipment",
    )
    assert turn.reply == "reception/returning_call"
    assert "untruth" in turn.tags and _credited(turn) == {}


def test_this_is_followed_by_no_name_introduces_nobody() -> None:
    names = ("Eve", "Northline Communications")
    assert not offscript.says_who("this is about your phones, who looks after them?", names)
    assert offscript.says_who("Hi, this is Anna, we set up phones for logistics firms", names)
