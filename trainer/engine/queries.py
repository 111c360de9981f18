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
from collections.abc import Container, Sequence
from dataclasses import dataclass
from typing import Protocol

from trainer.content.catalogue import Catalogue
from trainer.content.content_set import ContentSet
from trainer.content.frozen import frozen_map
from trainer.content.persona import Meter, OffScriptLines, Persona
from trainer.content.scenario.model import Reply
from trainer.engine.facts import Check, check, extract
from trainer.engine.matching import Match
from trainer.engine.numbers import spell_numbers

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
_MISMATCH = re.compile(r"^you said (?P<said>.+?): (?P<right>.+)$")
_FIGURES = ("percents", "money", "days")
_BARE = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)(?!\w|\.\d)")


class Offered(Protocol):
    """A reply on offer as the trainee saw it (`engine.session.Option`)."""

    @property
    def reply(self) -> Reply: ...

    @property
    def text(self) -> str: ...


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


@dataclass(frozen=True, slots=True)
class Queried:
    """A query still open at the call's node: the reply the words were heard as, and their facts."""

    node: str
    reply: Reply
    confidence: float
    checked: Check


def wanted(queried: Queried, catalogue: Catalogue | None) -> list[tuple[str, float]]:
    """Per figure queried, its kind (a `facts.Facts` field) and the right value: the one the
    coach's note names for it, the nearest to the wrong one when the note names several."""
    found: list[tuple[str, float]] = []
    for mismatch in queried.checked.mismatches:
        said = _MISMATCH.match(mismatch)
        if said is None:
            continue
        wrong, right = extract(said["said"], catalogue), extract(said["right"], catalogue)
        for kind in _FIGURES:
            stated = getattr(queried.checked.found, kind)
            # a right figure the line already said is not the one this wrong figure stands for
            rights: list[float] = list(getattr(right, kind))
            candidates = [v for v in rights if v not in stated] or rights
            for value in getattr(wrong, kind) if candidates else ():
                found.append((kind, _nearest(candidates, value)))
    return list(dict.fromkeys(found))


def at(queried: Queried | None, node: str) -> bool:
    """Whether the client has queried a figure at `node` on this visit."""
    return queried is not None and queried.node == node


def corrected(
    queried: Queried | None,
    words: str,
    options: Sequence[Offered],
    best: Match | None,
    content: ContentSet,
    context: Sequence[str] = (),
    heard: Sequence[str] = (),
) -> tuple[Match, Check] | None:
    """The queried reply and `words`' facts, when `words` answer the query with the right figures.

    "Check your numbers" asks for exactly that, so a line giving the corrected figure ("my
    mistake, it's 8,591.20") is the reply, with or without the rest of it. It must state the
    right value of every figure queried and nothing wrong or against policy. A line the matcher
    hears as another reply that states those figures too is that reply. Fillers state no figure
    and stay fillers; a figure queried for its product alone (no right value) is not handled.
    """
    catalogue = content.catalogue
    needed = wanted(queried, catalogue) if queried is not None else []
    if queried is None or not needed:
        return None
    shown = next((o.text for o in options if o.reply is queried.reply), None)
    if shown is None or (best is not None and best.reply is queried.reply):
        return None
    checked = check(words, shown, catalogue, context, heard)  # `facts.check`'s own arguments
    if checked.wrong or checked.breaches:
        return None
    # "8591.20" typed bare is no amount to the fact check, but after a query it is the figure
    said = [float(n) for n in _BARE.findall(spell_numbers(words))]
    if not all(_states([*getattr(checked.found, kind), *said], value) for kind, value in needed):
        return None
    # ... and a bare figure near a queried one that is not the reply's is another wrong one
    theirs = {float(n) for n in _BARE.findall(spell_numbers(shown))}
    if any(_rival(n, value) for n in said if n not in theirs for _, value in needed):
        return None
    if best is not None:
        # a reply on offer that itself states the right figures is the matcher's to choose
        stated = extract(_text(options, best) or "", catalogue)
        if all(_states(getattr(stated, kind), value) for kind, value in needed):
            return None
    return Match(queried.reply, queried.confidence), checked


def _nearest(values: Sequence[float], value: float) -> float:
    return min(values, key=lambda v: abs(v - value))


def _rival(said: float, value: float) -> bool:
    return abs(said - value) >= 0.005 and value / 2 < said < value * 2


def _states(values: Sequence[float], value: float) -> bool:
    return any(abs(v - value) < 0.005 for v in values)


def _text(options: Sequence[Offered], best: Match) -> str | None:
    return next((o.text for o in options if o.reply is best.reply), None)
