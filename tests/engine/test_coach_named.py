"""The coach never blames a trainee for leaving out a name they gave (QA D10)."""

from __future__ import annotations

import pytest

from trainer.content.content_set import ContentSet
from trainer.engine.session import NAMED, Session
from trainer.engine.turns import Speaker

MISSING_NAME = "The client knows the company but not who is speaking"


def _coach(content: ContentSet, scenario: str, words: str) -> tuple[str, str | None]:
    session = Session(content, content.scenario(scenario), trainee="Eve Moss")
    try:
        turns = session.say(words)
        mine = next(turn for turn in turns if turn.speaker is Speaker.TRAINEE)
        return mine.note, mine.reply
    finally:
        session.close()


@pytest.mark.parametrize(
    ("scenario", "words"),
    [
        ("out_of_stock_urgent", "Good morning, Eve at Northline, how can I help?"),
        ("out_of_stock_urgent", "morning, eve from northline here, how can i help you today"),
    ],
)
def test_a_name_given_is_never_called_missing(
    bundled: ContentSet, scenario: str, words: str
) -> None:
    note, reply = _coach(bundled, scenario, words)
    assert reply is not None  # heard as a reply, with the coach's word on it
    assert MISSING_NAME not in note and note == NAMED


def test_a_line_without_the_name_still_hears_why_it_matters(bundled: ContentSet) -> None:
    note, reply = _coach(
        bundled,
        "out_of_stock_urgent",
        "Yes, this is Northline Communications, good morning. How can I help you today?",
    )
    assert reply is not None and reply.endswith("hello_yes")
    assert MISSING_NAME in note
