"""Typed words said at a node of the bundled content, as the matching tests say them."""

from __future__ import annotations

from trainer.content.content_set import ContentSet
from trainer.engine import matching
from trainer.engine.session import Session
from trainer.engine.turns import Mode


def at(content: ContentSet, scenario_id: str, node: str, *, exam: bool = False) -> Session:
    """A call of the scenario, moved straight to `node`."""
    mode = Mode.EXAM if exam else Mode.PRACTICE
    session = Session(content, content.scenario(scenario_id), mode=mode)
    session.jump(node)
    return session


def hear(session: Session, words: str, *, critical: bool = False) -> matching.Understanding:
    """What the matcher makes of `words` among the replies on offer; with `critical`, judged
    as the session judges them, the rubric's policy breaches taken only when stated."""
    options = session.options()
    return matching.understand(
        words,
        [o.reply for o in options],
        [o.text for o in options],
        threshold=session.scenario.match_threshold,
        exam=session.mode is Mode.EXAM,
        critical=session.content.rubric.critical if critical else (),
        catalogue=session.content.catalogue if critical else None,
    )
