"""The typed model of a scenario: its nodes, the replies that lead between them, and its endings."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from trainer.content.frozen import frozen_map
from trainer.content.scenario.kinds import CallType as CallType, Outcome as Outcome
from trainer.errors import Location

if TYPE_CHECKING:  # the guard language and the personas load with a scenario built, not home
    from trainer.content.conditions import Expr, Guard, Value
    from trainer.content.persona import MeterEffects, Persona

# A guard name per objection: `answered_price` once a reply that counters "price" was taken.
ANSWERED_PREFIX = "answered_"


Points = Mapping[str, float]


@dataclass(frozen=True, slots=True)
class Condition:
    source: str
    tree: Expr
    guard: Guard
    location: Location | None = None


@dataclass(frozen=True, slots=True)
class Reply:
    id: str
    number: int  # 1-based position in its node, as the trainee sees it
    node: str
    text: str
    target: str
    tags: tuple[str, ...] = ()
    points: Points = field(default_factory=frozen_map)
    effects: MeterEffects = field(default_factory=frozen_map)
    note: str = ""
    keywords: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()  # how a trainee might say it, in their own words
    condition: Condition | None = None
    sets: Mapping[str, Value] = field(default_factory=frozen_map)
    counters: str | None = None
    location: Location | None = None

    @property
    def key(self) -> str:
        """The reply's id across the whole scenario: `node/reply`."""
        return f"{self.node}/{self.id}"


@dataclass(frozen=True, slots=True)
class Ending:
    outcome: Outcome
    points: Points = field(default_factory=frozen_map)
    note: str = ""


@dataclass(frozen=True, slots=True)
class Node:
    id: str
    lines: tuple[str, ...]  # variants; empty when the line comes from an objection
    speaker: str | None = None  # a cast role; None is the client
    raises: str | None = None
    hint: str = ""
    replies: tuple[Reply, ...] = ()
    ending: Ending | None = None
    location: Location | None = None
    # Where the trainee's goodbye leads (the next call of a block); None: it ends the call.
    on_goodbye: str | None = None


@dataclass(frozen=True, slots=True)
class Scenario:
    id: str
    title: str
    stage: int
    exam: bool
    personas: tuple[str, ...]
    cast: Mapping[str, str]
    goal: str
    success: frozenset[Outcome]
    start: str
    nodes: Mapping[str, Node]
    variables: Mapping[str, Value]
    path: Path
    digest: str  # hash of the file's bytes, stored with every attempt
    pass_mark: float | None = None
    match_threshold: float = 60.0
    shuffle_replies: bool = True  # offer replies in a seeded order, so "1" is not always best
    call_type: CallType | None = None
    location: Location | None = None

    def replies(self) -> list[Reply]:
        return [reply for node in self.nodes.values() for reply in node.replies]

    def first_line(self, node: Node, personas: Mapping[str, Persona]) -> str | None:
        """What the client first says at `node`, as written (placeholders unfilled): its first
        variant, or the default client's words for the objection it raises; None when neither."""
        if node.lines:
            return node.lines[0]
        client = personas.get(self.personas[0])
        if node.raises is None or client is None:
            return None
        words = client.objections.get(node.raises, ())
        return words[0] if words else None
