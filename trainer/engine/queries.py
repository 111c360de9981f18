"""A client's query of a wrong fact: typed words heard as a reply but with a wrong figure.

A real client does not answer a wrong total as if the right one was said: they query it ("7,241?
That's not what I worked out. Can you check it?"). The session asks the trainee to check it
once at a node, keeps the call where it was, and the reply's product-knowledge points are
forfeit for the call whichever way it goes on, so being queried never pays. The persona words
it (`off_script.wrong_fact`); the figure queried is the one the trainee said, never the right
one, which the trainee must work out.
"""

from __future__ import annotations

import re
from collections.abc import Container

from trainer.content.frozen import frozen_map
from trainer.content.persona import Meter, OffScriptLines, Persona
from trainer.content.scenario.model import Reply
from trainer.engine.facts import Check

KIND = "wrong_fact"  # the persona's `off_script` entry that words the query
PRODUCT_KNOWLEDGE = "product_knowledge"
DEFAULT = OffScriptLines(
    (
        "That's not what I have here. Can you check that figure?",
        "Hang on, that doesn't add up on my side. Could you check it again?",
    ),
    frozen_map({Meter.TRUST: -5}),
)
# facts.check words each mismatch "you said <figure>: the right ... is ..."
_SAID = re.compile(r"^you said (.+?):")


def worth_querying(reply: Reply, checked: Check, critical: Container[str]) -> bool:
    """Whether the client queries `checked`'s wrong facts rather than take `reply` on them.

    A reply written wrong on purpose (a critical tag, or negative product-knowledge points:
    the marks the catalogue check leaves alone) is the author's trap, and its own path is
    the client's answer; a breach is judged as one, never queried away.
    """
    if not checked.wrong or checked.breaches:
        return False
    if any(tag in critical for tag in reply.tags):
        return False
    return reply.points.get(PRODUCT_KNOWLEDGE, 0) >= 0


def reaction(persona: Persona) -> OffScriptLines:
    """The persona's query lines and what a wrong fact costs with them."""
    authored = persona.off_script.get(KIND) or OffScriptLines()
    return OffScriptLines(authored.lines or DEFAULT.lines, authored.effects or DEFAULT.effects)


def said_back(checked: Check) -> str:
    """The wrong figure as the client heard it, to lead the query: "€7,241? "."""
    for mismatch in checked.mismatches:
        found = _SAID.match(mismatch)
        if found:
            return f"{found.group(1)}? "
    return ""


def note(checked: Check) -> str:
    """The coach's note on a queried line."""
    return (
        f"Right idea, wrong facts: {'; '.join(checked.mismatches)}. The client queried it, so "
        "the call waited; this reply earns no product-knowledge points in this call."
    )
