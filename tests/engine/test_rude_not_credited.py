"""Engine: a rude line is never heard as the polite reply it shares words with (QA M2).

It is answered in character, earns nothing of any reply, and costs tact; a reply that is
itself the rude move is still heard as that reply."""

from __future__ import annotations

import pytest

from trainer.content.content_set import ContentSet
from trainer.content.persona import Meter
from trainer.engine import matching, offscript
from trainer.engine.session import Session
from trainer.engine.turns import Mode, Speaker


@pytest.mark.parametrize(
    ("scenario", "node", "words", "exam"),
    [
        (
            "out_of_stock_urgent",
            "problem",
            "Calm down, it's not my fault you can't read a website",
            False,
        ),
        (
            "final_exam_dispatch_hub",
            "limit_obj",
            "honestly, what you can sign is your problem, not mine. just get your boss to sign it",
            False,
        ),
        (
            "final_exam_dispatch_hub",
            "limit_obj",
            "honestly, what you can sign is your problem, not mine. just get your boss to sign it",
            True,
        ),
    ],
)
def test_a_rude_line_is_answered_in_character_and_costs_tact(
    bundled: ContentSet, scenario: str, node: str, words: str, exam: bool
) -> None:
    session = Session(
        bundled, bundled.scenario(scenario), mode=Mode.EXAM if exam else Mode.PRACTICE
    )
    session.jump(node)
    trust = session.meters[Meter.TRUST]
    said, *answer = session.say(words)
    assert said.reply is None
    assert said.tags == ("rude",)
    assert dict(said.points) == {"tact": -1.0}
    assert session.earned.get("tact") == -1.0
    assert session.meters[Meter.TRUST] < trust
    assert answer and answer[0].speaker is Speaker.CLIENT
    assert session.state == node  # nothing moved on


def test_a_reply_that_is_the_rude_move_is_still_heard_as_itself(bundled: ContentSet) -> None:
    session = Session(bundled, bundled.scenario("warranty_complaint"))
    session.jump("blamed")
    said = session.say("Well, batteries don't just die on their own, do they?")[0]
    assert said.reply == "blamed/insist_misuse"


@pytest.mark.parametrize(
    "words",
    [
        "ok, I'll ring you back when things calm down after the summer",
        "what is your problem with the phones today?",
        "I can't read the serial number, could you spell it?",
    ],
)
def test_calm_words_that_share_the_rude_ones_are_not_rude(words: str) -> None:
    matching.warm_up()
    assert offscript.classify(words) is not offscript.Kind.RUDE
