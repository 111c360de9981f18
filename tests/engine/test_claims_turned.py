"""Engine: a reply said with one of its claims turned round is not that reply (QA B3).

A trainee who types a good reply with "not" slipped into one or two of its key clauses tells
the client the opposite of the reply ("the batteries are not covered", "faulty units aren't
collected for free"): the call must not credit them with it. Typed through a session, as a
trainee types, at the bundled scenarios' own nodes.
"""

from __future__ import annotations

import pytest

from trainer.content.content_set import ContentSet
from trainer.engine.session import Session
from trainer.engine.turns import Mode, Speaker, Turn


def _said(content: ContentSet, scenario: str, node: str, words: str, *, exam: bool = False) -> Turn:
    """The trainee's turn after typing `words` at `node`."""
    mode = Mode.EXAM if exam else Mode.PRACTICE
    session = Session(content, content.scenario(scenario), mode=mode, trainee="Eve")
    session.jump(node)
    return next(t for t in session.say(words) if t.speaker is Speaker.TRAINEE)


TURNED = [
    (
        False,
        "warranty_complaint",
        "refund_obj",
        "explain_policy_empathy",
        "I understand; four out of twelve in five months isn't acceptable. A refund is only "
        "possible in the first 30 days, but the batteries are not covered for twelve months, "
        "so no faulty unit is replaced.",
    ),
    (
        False,
        "warranty_complaint",
        "other_two",
        "free_pickup",
        "You will have to; faulty units aren't collected for free. I'll open the RMA today and "
        "you book the courier.",
    ),
    *(
        (
            exam,
            "final_exam_dispatch_hub",
            "setup_answer",
            "full_package",
            "Forty Cloud PBX seats at 84: 3,360. Forty T310 phones and two S24P PoE switches: 42 "
            "units, so not 5% off 3,980, which is not 3,781. Not 7,141 in all.",
        )
        for exam in (False, True)
    ),
]


@pytest.mark.parametrize(("exam", "scenario", "node", "reply", "words"), TURNED)
def test_a_key_claim_turned_round_earns_nothing_of_the_reply(
    bundled: ContentSet, exam: bool, scenario: str, node: str, reply: str, words: str
) -> None:
    turn = _said(bundled, scenario, node, words, exam=exam)
    assert turn.reply != f"{node}/{reply}", (turn.reply, turn.confidence)
    assert not any(points > 0 for points in turn.points.values()), dict(turn.points)


HONEST = [
    # the same claims said the right way round, and in other words, are still heard
    (
        "warranty_complaint",
        "refund_obj",
        "explain_policy_empathy",
        "I get it, four of twelve in five months isn't ok. Refunds are only possible in the "
        "first 30 days, but the batteries have a 12 month warranty so every faulty one is "
        "replaced.",
    ),
    (
        "warranty_complaint",
        "other_two",
        "free_pickup",
        "no need, we collect faulty units at no charge - ill raise the RMA today and the "
        "courier comes tomorrow morning",
    ),
    (
        "final_exam_dispatch_hub",
        "setup_answer",
        "full_package",
        "forty seats at 84 = 3,360 and forty T310 phones with two S24P PoE switches, 42 units, "
        "5% off = 3,781, total 7,141",
    ),
]


@pytest.mark.parametrize(("scenario", "node", "reply", "words"), HONEST)
def test_the_claims_said_as_the_reply_says_them_are_heard(
    bundled: ContentSet, scenario: str, node: str, reply: str, words: str
) -> None:
    assert _said(bundled, scenario, node, words).reply == f"{node}/{reply}"
