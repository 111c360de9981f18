"""Engine: a refund or a price match the policy forbids, added to a good reply, fails a practice
call as it fails the exam (QA B6), and earns none of the reply's points or praise."""

from __future__ import annotations

import pytest

from trainer.content.content_set import ContentSet
from trainer.engine.session import Session
from trainer.engine.turns import Speaker, Turn

WARRANTY = [
    "Hi Pavel, this is Eve, I look after your account at Northline. Really sorry you had to "
    "chase us for a week - tell me what's going on?",
    "ok that's not good enough from us. let me check i've got it: 12 headsets, 4 dont charge, "
    "you returned 2 three weeks ago. do you have the return number?",
    "I have it open: both units have been with us fifteen business days. Past ten, you get new "
    "ones, so two BT Pro leave our warehouse today.",
    "{refund}",
    "no need, we collect faulty units at no charge - ill raise the RMA today and the courier "
    "comes tomorrow morning",
    "you shouldnt have to take my word. you'll get tracking by 5pm, you can follow both returns "
    "on the portal and I'll ring you on friday",
    "Great. Could I also come by next tuesday and check the other eight headsets with "
    "reception? 9am ok?",
]
HONEST_REFUND = (
    "I understand, four out of twelve is bad. A refund is only possible in the first 30 days, "
    "but the battery warranty covers 12 months so every faulty unit is replaced."
)
REFUNDS = [
    "I understand, four out of twelve is bad. The battery warranty covers 12 months so every "
    "faulty unit is replaced - and I will refund you all twelve as well.",
    "I understand, four out of twelve is bad. A refund is only possible in the first 30 days, "
    "but I'll make an exception and refund you anyway.",
]

VIP = [
    "Hi Olga, it's Eve, your account manager. your contract runs out in 6 weeks and I wanted "
    "you to hear from me before anyone else. got a minute?",
    "you're right and I apologise. you should've had a quarterly review and didn't get one this "
    "year - that changes no matter what you decide. what's worked and what hasn't?",
    "you're right. I looked into it: both orders shipped a day late and no one told your "
    "stores. from now on new store orders go via the priority line with a named logistics "
    "contact",
    "{price}",
    "over 24 months I can give 5%, so 76 a seat, 39,520 a year - 832 more than Vexa. plus in "
    "the contract: your priority line, 4 hour fault response and advance replacement",
    "so lets show her both next to each other. half an hour with you and your CFO at your "
    "office, tue or wed?",
    "they will. you'll get the written offer today to check, and from now on you'll hear from "
    "me every quarter, not only at renewal time",
]
HONEST_PRICE = "Seven percent is a serious offer. Besides the price, what matters most to you?"
MATCH = (
    "Seven percent is a serious offer, and I will match it. Besides the price, what matters "
    "most to you in a supplier?"
)


def _call(content: ContentSet, scenario: str, lines: list[str]) -> Session:
    session = Session(content, content.scenario(scenario), trainee="Eve")
    for line in lines:
        if session.ended:  # a breach may end the call early: the client takes the offer
            break
        session.say(line)
    assert session.ended
    return session


def _typed(session: Session, words: str) -> Turn:
    return next(t for t in session.turns if t.speaker is Speaker.TRAINEE and t.typed == words)


@pytest.mark.parametrize(
    ("scenario", "lines", "slot", "honest", "breach"),
    [
        *(("warranty_complaint", WARRANTY, "{refund}", HONEST_REFUND, r) for r in REFUNDS),
        ("vip_renewal", VIP, "{price}", HONEST_PRICE, MATCH),
    ],
)
def test_a_forbidden_concession_beside_a_good_reply_fails_the_practice_call(
    bundled: ContentSet, scenario: str, lines: list[str], slot: str, honest: str, breach: str
) -> None:
    # the control: the same call with the honest line passes
    fair = _call(bundled, scenario, [honest if line == slot else line for line in lines])
    assert fair.score().passed, fair.score().reasons
    session = _call(bundled, scenario, [breach if line == slot else line for line in lines])
    score = session.score()
    assert not score.passed
    critical = set(bundled.rubric.critical)
    assert session.breaches() and set(session.breaches()) <= critical
    said = _typed(session, breach)
    assert critical & set(said.tags)
    # none of the good reply's points, and no praise: heard as the breach itself, or as the
    # good reply with the coach naming the breach instead of the reply's note
    assert not any(points > 0 for points in said.points.values()), dict(said.points)
    if "unauthorised-offer" in said.tags:
        assert said.note.startswith("You offered") and "policy breach" in said.note
