"""An honest typed line is never convicted of a trap's claim; the claim stated still is (D0).

A trap reply is the honest line plus one false clause. The lines below are what a new manager
types first in each call: they share the trap's honest part and not its claim, and once were
heard as the trap at 85-100%, failing the call for a lie never told.
"""

from __future__ import annotations

import pytest

from trainer.content.content_set import ContentSet
from trainer.engine import matching
from trainer.engine.session import Session

HONEST = [
    (
        "gatekeeper_follow_up",
        "reception",
        "Good morning, could you put me through to Daniel Reyes please? It's about your phones",
        "demand_daniel",
    ),
    (
        "cold_call_voicemail",
        "greeting",
        "Hi, it's Eve from Northline. I'm calling about your office phones, please call me back "
        "when you have a moment",
        "open_urgent",
    ),
    (
        "exhibition_follow_up",
        "answer",
        "Hi, Eve here from Northline, we met at the trade fair last week and you asked about "
        "DECT phones",
        "order_followup",
    ),
    (
        "warranty_complaint",
        "opening",
        "Good morning, Eve here. I'm so sorry about the trouble. Tell me what happened and I'll "
        "make sure it gets sorted",
        "fixed_by_tomorrow",
    ),
    (
        "cold_call_not_interested",
        "answer",
        "Hi Hanna, Eve from Northline. I'm calling about your phones, quick question about the "
        "morning rush",
        "flagged_contract",
    ),
    (
        "cold_call_gatekeeper",
        "reception",
        "hi its eve from northline, could you put me thru to whoever runs operations?",
        "returning_call",
    ),
    (
        "vip_renewal",
        "opening",
        "Good afternoon, Eve from Northline. I won't promise you the best price ever, but I want "
        "to talk about what matters to you for the renewal",
        "best_price_ever",
    ),
    (
        "written_proposal",
        "opening",
        "Hello, Eve here. I won't promise to beat the other offers, but I'll send you a clear "
        "proposal today",
        "beat_others",
    ),
]

CLAIMED = [
    (
        "gatekeeper_follow_up",
        "reception",
        "Put me through to Daniel please, he's expecting my call.",
        "demand_daniel",
    ),
    (
        "cold_call_gatekeeper",
        "reception",
        "Hi, Eve from Northline, I'm returning his call, could you put me through?",
        "returning_call",
    ),
    (
        "warranty_complaint",
        "opening",
        "I'm so sorry, I'll have it fixed by tomorrow, promise",
        "fixed_by_tomorrow",
    ),
    (
        "cold_call_voicemail",
        "greeting",
        "Laura, Eve from Northline, it's urgent about your phone line, call me back asap",
        "open_urgent",
    ),
    (
        "exhibition_follow_up",
        "answer",
        "Hi Karin, Eve from Northline, calling about your DECT order from the fair, shall I send "
        "the quote today?",
        "order_followup",
    ),
    (
        "cold_call_not_interested",
        "answer",
        "Hi, Eve from Northline, your phone contract came up in our system, I need to check some "
        "details",
        "flagged_contract",
    ),
]


def _hear(content: ContentSet, scenario: str, node: str, words: str) -> matching.Understanding:
    """The words judged as a call judges them: every reply at the node, breaches only stated."""
    session = Session(content, content.scenario(scenario), trainee="Eve Moss")
    try:
        replies = session.scenario.nodes[node].replies
        return matching.understand(
            words,
            replies,
            [session.render(reply.text) for reply in replies],
            threshold=session.scenario.match_threshold,
            critical=content.rubric.critical,
            catalogue=content.catalogue,
        )
    finally:
        session.close()


@pytest.mark.parametrize(("scenario", "node", "typed", "trap"), HONEST)
def test_an_honest_line_is_not_heard_as_the_trap_beside_it(
    bundled: ContentSet, scenario: str, node: str, typed: str, trap: str
) -> None:
    understood = _hear(bundled, scenario, node, typed)
    best = understood.best
    assert best is None or best.reply.id != trap, understood.ranked[:3]
    assert best is None or set(bundled.rubric.critical).isdisjoint(best.reply.tags)


@pytest.mark.parametrize(("scenario", "node", "typed", "trap"), CLAIMED)
def test_the_trap_s_claim_stated_is_heard_as_the_trap(
    bundled: ContentSet, scenario: str, node: str, typed: str, trap: str
) -> None:
    understood = _hear(bundled, scenario, node, typed)
    assert understood.best is not None and understood.best.reply.id == trap, understood.ranked[:3]


def test_the_honest_line_is_the_trap_s_closest_wording(bundled: ContentSet) -> None:
    # what the rule guards against: by resemblance alone the trap leads, far over the bar
    scenario, node, typed, trap = HONEST[0]
    session = Session(bundled, bundled.scenario(scenario), trainee="Eve Moss")
    try:
        replies = session.scenario.nodes[node].replies
        closest = matching.rank(typed, replies, [session.render(r.text) for r in replies])[0]
        bar = session.scenario.match_threshold
    finally:
        session.close()
    assert closest.reply.id == trap and closest.confidence >= bar + 25
    assert _hear(bundled, scenario, node, typed).ranked[0].reply.id != trap
