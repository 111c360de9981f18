""" "Free" said of what the policy gives free is no offer; goods given free still are (QA D0b).

Free warranty pick-up is company policy, and the bundled replies teach it ("faulty units are
collected free"). A trainee who says the same in their own words ("we collect them for free")
must not fail the call or the exam for it; one who adds goods for free must.
"""

from __future__ import annotations

import pytest

from tests.engine.heard import at
from trainer.content.content_set import ContentSet
from trainer.engine.session import Session
from trainer.engine.turns import Mode, Speaker, Turn


def said_at(
    bundled: ContentSet, scenario: str, node: str, typed: str, *, exam: bool = False
) -> tuple[Session, Turn]:
    session = at(bundled, scenario, node, exam=exam)
    turn = next(t for t in session.say(typed) if t.speaker is Speaker.TRAINEE)
    return session, turn


@pytest.mark.parametrize(
    "typed",
    [
        "you won't have to - we collect faulty units for free. I'll open the RMA today and book "
        "a courier for tomorrow morning",
        "no need, we pick them up at no cost. I'll open the RMA today and the courier comes "
        "tomorrow morning",
    ],
)
def test_the_policy_pick_up_in_own_words_is_the_reply_and_no_breach(
    bundled: ContentSet, typed: str
) -> None:
    session, turn = said_at(bundled, "warranty_complaint", "other_two", typed)
    assert turn.reply == "other_two/free_pickup"
    assert "unauthorised-offer" not in turn.tags
    assert session.breaches() == []


@pytest.mark.parametrize(
    "typed",
    [
        "you call me or the service desk, I open a repair the same day and a courier picks it "
        "up for free",
        "you call me or the service desk, I open a repair the same day and a courier collects "
        "it at no cost",
    ],
)
def test_the_exam_close_in_own_words_passes_on_free_pick_up(
    bundled: ContentSet, typed: str
) -> None:
    session, turn = said_at(bundled, "final_exam_dispatch_hub", "final_check", typed, exam=True)
    assert session.mode is Mode.EXAM
    assert turn.reply == "final_check/honest_support"
    assert session.breaches() == []


@pytest.mark.parametrize(
    "typed",
    [
        "we collect faulty units for free and I'll throw in a free router too",
        "we collect them for free, and two free headsets for the trouble",
    ],
)
def test_goods_given_free_beside_the_pick_up_are_still_a_breach(
    bundled: ContentSet, typed: str
) -> None:
    session, _ = said_at(bundled, "warranty_complaint", "other_two", typed)
    assert "unauthorised-offer" in session.breaches()
