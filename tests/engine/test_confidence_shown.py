"""The confidence a trainee reads says how close the words were, not 100% for every match (D5)."""

from __future__ import annotations

from tests.engine.heard import at, hear
from trainer.content.content_set import ContentSet
from trainer.engine import matching


def test_a_copy_reads_100_and_looser_words_read_less(bundled: ContentSet) -> None:
    session = at(bundled, "postpone_order", "opening")
    options = session.options()
    reply = next(o for o in options if o.reply.id == "ask_why")
    copy = hear(session, reply.text)
    close = hear(
        session, "Hello Sanne, it's Alex. We can talk about it, what changed since last week?"
    )
    loose = hear(session, "hi sanne, alex here, so what made you want to push the order back?")
    bar = session.scenario.match_threshold
    figures = []
    for understood in (copy, close, loose):
        assert understood.best is not None and understood.best.reply.id == "ask_why"
        figures.append(understood.best.confidence)
    assert figures[0] == 100.0
    assert bar <= figures[2] < figures[1] < 100.0, figures


def test_the_scale_keeps_the_order_and_the_bar(bundled: ContentSet) -> None:
    session = at(bundled, "postpone_order", "opening")
    bar = session.scenario.match_threshold
    understood = hear(session, "hi sanne, alex here, so what made you want to push the order back?")
    shown = [match.confidence for match in understood.ranked]
    assert shown == sorted(shown, reverse=True)
    raw = matching.rank(
        "hi sanne, alex here, so what made you want to push the order back?",
        [o.reply for o in session.options()],
        [o.text for o in session.options()],
    )
    for before, after in zip(raw, understood.ranked, strict=True):
        assert before.reply.id == after.reply.id
        # under the bar a figure is as scored; over it, it stays over it
        assert (after.confidence >= bar) == (before.confidence >= bar)
        if before.confidence < bar:
            assert after.confidence == before.confidence
