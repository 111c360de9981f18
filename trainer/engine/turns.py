"""A call as the engine plays it, the store keeps it and exports show it: its mode and its lines."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType
from typing import Any


class Mode(StrEnum):
    """How a call counts: practice with hints and coaching, or the exam."""

    PRACTICE = "practice"
    EXAM = "exam"


class Speaker(StrEnum):
    CLIENT = "client"
    TRAINEE = "trainee"
    SYSTEM = "system"


def _nothing() -> Mapping[Any, Any]:
    return MappingProxyType({})


@dataclass(frozen=True, slots=True)
class Turn:
    """One line of the transcript, as it will be stored and reviewed."""

    index: int
    speaker: Speaker
    name: str  # who said it, as shown
    text: str
    node: str
    reply: str | None = None  # the reply's key, `node/id`
    typed: str | None = None  # the trainee's own words, when typed
    confidence: float | None = None  # how sure the match of typed words was
    points: Mapping[str, float] = field(default_factory=_nothing)
    meters: Mapping[str, int] = field(default_factory=_nothing)  # after the turn
    note: str = ""
    tags: tuple[str, ...] = ()
    elapsed: float = 0.0  # seconds since the call started
    hint_used: bool = False  # a trainee's reply said after asking for the hint at this moment
    # What the typed words stated and how it was judged: facts found, mismatches, breaches and
    # the off-script kind (see trainer.engine.facts and trainer.engine.offscript).
    facts: Mapping[str, Any] | None = None


def turn_record(turn: Turn) -> dict[str, Any]:
    """A turn as plain JSON-ready data, the same keys in every export and in `trainer play`."""
    return {
        "index": turn.index,
        "speaker": turn.speaker.value,
        "name": turn.name,
        "text": turn.text,
        "node": turn.node,
        "reply": turn.reply,
        "typed": turn.typed,
        "confidence": turn.confidence,
        "points": dict(turn.points),
        "meters": dict(turn.meters),
        "note": turn.note,
        "tags": list(turn.tags),
        "elapsed": turn.elapsed,
        "hint_used": turn.hint_used,
        "facts": None if turn.facts is None else dict(turn.facts),
    }
