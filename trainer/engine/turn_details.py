"""A recorded turn's details in words, the same in every review: the screen and each export."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from trainer.engine.turns import Turn

FACT_NAMES = {
    "products": "products",
    "percents": "percentages",
    "money": "amounts",
    "days": "days",
    "quantities": "quantities",
}
OFF_SCRIPT_NAMES = {
    "rude": "rude",
    "pushy": "pushy",
    "small_talk": "small talk",
    "offer": "an offer",
    "goodbye": "goodbye",
    "repeat": "asked to repeat",
}


@dataclass(frozen=True, slots=True)
class Detail:
    """One thing to say about a turn: "points: +2 closing", "wrong fact: ..."."""

    label: str  # "" for a detail that is a whole sentence ("said after asking for the hint")
    text: str
    alarm: bool = False  # a wrong fact or a breach of company policy: shown so it stands out

    def __str__(self) -> str:
        return f"{self.label}: {self.text}" if self.label else self.text


def step_name(node: str) -> str:
    """A scenario's node id as a reader says the step: "setup_answer" -> "setup answer"."""
    return " ".join(node.replace("_", " ").replace("-", " ").split())


def turn_details(
    turn: Turn,
    skill_name: Callable[[str], str] = str,
    reply_words: Callable[[str], str | None] | None = None,
) -> list[Detail]:
    """What a reviewer reads under a turn's line, in order; the coach's note and the mentors'
    comments are the caller's (each format sets them apart).

    Typed words say which reply they were heard as, in the reply's own words when
    `reply_words` knows them (its `node/id` key otherwise); a picked reply's line is the
    reply itself, so it gets no such detail."""
    details = []
    if turn.typed is not None:
        sure = "" if turn.confidence is None else f" ({turn.confidence:g}% sure)"
        details.append(Detail("typed", f"{turn.typed}{sure}"))
    if turn.hint_used:
        details.append(Detail("", "said after asking for the hint"))
    if turn.reply is not None and turn.typed is not None:
        words = reply_words(turn.reply) if reply_words is not None else None
        details.append(Detail("heard as", words or turn.reply))
    if turn.points:
        details.append(
            Detail("points", ", ".join(f"{v:+g} {skill_name(k)}" for k, v in turn.points.items()))
        )
    if turn.meters:
        details.append(Detail("meters", ", ".join(f"{k} {v}" for k, v in turn.meters.items())))
    details += facts_details(turn.facts)
    return details


def facts_details(facts: Mapping[str, Any] | None) -> list[Detail]:
    """What typed words stated and how they were judged: facts found, the off-script kind,
    wrong facts and breaches."""
    if not facts:
        return []
    details = []
    found = facts.get("found") or {}
    if found:
        stated = "; ".join(
            f"{FACT_NAMES.get(name, name)} {', '.join(_fact(value) for value in values)}"
            for name, values in found.items()
        )
        details.append(Detail("facts", stated))
    kind = facts.get("off_script")
    if kind:
        details.append(Detail("off script", OFF_SCRIPT_NAMES.get(str(kind), str(kind))))
    details += [Detail("wrong fact", str(m), True) for m in facts.get("mismatches") or ()]
    if facts.get("queried"):
        details.append(Detail("", "the client queried it; the call waited for the right figure"))
    details += [Detail("breach", str(b), True) for b in facts.get("breaches") or ()]
    return details


def _fact(value: Any) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)
