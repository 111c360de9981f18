"""A greeting typed with the trainee's name and company is heard: the client answers it without
asking who is calling, in every scenario where such a line lands on a step that used to ask."""

from __future__ import annotations

import pytest

from trainer.content.content_set import ContentSet
from trainer.content.heard import asks
from trainer.engine.session import Session
from trainer.engine.turns import Speaker, Turn

SEEDS = range(1, 9)
# (scenario, typed line naming trainee and company, the weak reply it is heard as)
NAMED = [
    (
        "cold_call_direct_dial",
        "Good morning Bram, Dana Kirk from Northline Communications here. How are you today? "
        "Busy week ahead?",
        "answer/how_are_you",
    ),
    (
        "cold_call_direct_dial",
        "Dana Kirk from Northline Communications, hello! How's your day going?",
        "answer/how_are_you",
    ),
    (
        "cold_call_not_interested",
        "Hi Hanna, Dana Kirk from Northline Communications. How are you doing today? Lovely "
        "weather, isn't it?",
        "answer/how_are_you",
    ),
    (
        "cold_call_not_interested",
        "Hello! Dana Kirk, Northline Communications: this month we have a really special offer "
        "on cloud telephony.",
        "answer/special_offer",
    ),
    (
        "gatekeeper_follow_up",
        "Hi Marta, it's Dana Kirk from Northline Communications again, about the phones! Is he "
        "around today?",
        "reception/hi_its_me",
    ),
    (
        "gatekeeper_follow_up",
        "Good morning, Dana Kirk from Northline. Could you put me through to Daniel Reyes, "
        "please? He's expecting my call.",
        "reception/demand_daniel",
    ),
]


def client_line(turns: list[Turn]) -> str:
    return [turn.text for turn in turns if turn.speaker is Speaker.CLIENT][-1]


def session(content: ContentSet, scenario: str, seed: int, persona: str) -> Session:
    played = content.persona(persona)
    return Session(content, content.scenario(scenario), played, seed=seed, trainee="Dana Kirk")


@pytest.mark.parametrize(("scenario", "typed", "reply"), NAMED)
def test_a_client_told_who_calls_does_not_ask_who_is_calling(
    bundled: ContentSet, scenario: str, typed: str, reply: str
) -> None:
    for persona in bundled.scenario(scenario).personas:
        for seed in SEEDS:
            call = session(bundled, scenario, seed, persona)
            turns = call.say(typed)
            assert turns[0].reply == reply, (persona, seed, turns[0])
            line = client_line(turns)
            assert not asks(line), (persona, seed, line)


@pytest.mark.parametrize(
    ("scenario", "picked"),
    [
        ("cold_call_direct_dial", "how_are_you"),
        ("cold_call_not_interested", "how_are_you"),
        ("gatekeeper_follow_up", "hi_its_me"),
        ("gatekeeper_follow_up", "demand_daniel"),
    ],
)
def test_a_client_never_told_still_asks_who_is_calling(
    bundled: ContentSet, scenario: str, picked: str
) -> None:
    """The non-asking variants are one choice among several: a caller who named nobody is
    still asked, on some seeds, who they are."""
    for persona in bundled.scenario(scenario).personas:
        said = {client_line(session(bundled, scenario, s, persona).choose(picked)) for s in SEEDS}
        assert any("name" in asks(line) for line in said), (persona, said)
