"""What a trainee types is cleaned before it is matched, shown or stored; a paste is refused."""

from __future__ import annotations

import pytest

from tests.conftest import MINI
from trainer.content.loader import load_content
from trainer.engine.session import Session
from trainer.engine.turns import Speaker
from trainer.errors import DialogueError

CONTENT = load_content(MINI)


def session() -> Session:
    return Session(CONTENT, CONTENT.scenario("first_call"), seed=5)


@pytest.mark.parametrize(
    "hidden", ["\u202e", "\u2066", "\u200b", "\u200d", "\u2060", "\ufeff", "\x1b", "\x9d", "\x07"]
)
def test_bidi_zero_width_and_control_characters_never_reach_a_turn(hidden: str) -> None:
    call = session()
    turns = call.say(f"hello{hidden}, this is{hidden} Anna from Northline{hidden}")
    mine = next(turn for turn in turns if turn.speaker is Speaker.TRAINEE)
    assert mine.text == mine.typed == "hello, this is Anna from Northline"
    assert mine.reply is not None  # matched as well as the same words typed plainly


def test_a_megabyte_paste_is_refused_with_its_size_and_nothing_is_said() -> None:
    call = session()
    before = list(call.turns)
    with pytest.raises(DialogueError) as refused:
        call.say("hello " * 175_000)
    assert str(refused.value) == (
        "a reply can be at most 1,000 characters; this one has 1,049,999; say it in fewer words"
    )
    assert call.turns == before and not call.ended


def test_a_reply_of_only_invisible_characters_is_asked_for_again() -> None:
    with pytest.raises(DialogueError, match="type what you would say"):
        session().say("\u200b\u200d \x1b\u202e")
