"""Typed, immutable models of the content a trainer writes; raw YAML never leaves `content/`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, TypeVar

from trainer.content.conditions import Expr, Guard, Value
from trainer.content.suggest import suggestion
from trainer.errors import Location, TrainerError

if TYPE_CHECKING:
    from trainer.content.programme import Programme
    from trainer.content.quiz import Quiz

BUILTIN_TAGS = {"unclear": "A typed reply the client could not understand."}


# A guard name per objection: `answered_price` once a reply that counters "price" was taken.
ANSWERED_PREFIX = "answered_"


class Meter(StrEnum):
    PATIENCE = "patience"
    TRUST = "trust"
    INTEREST = "interest"


METER_MIN, METER_MAX = 0, 100


class ClientType(StrEnum):
    ADVICE = "advice"
    DECIDING = "deciding"
    PARTNERSHIP = "partnership"
    KEY_ACCOUNT = "key-account"
    VIP = "vip"
    GATEKEEPER = "gatekeeper"

    @property
    def label(self) -> str:
        return _CLIENT_TYPE_LABELS[self]


_CLIENT_TYPE_LABELS = {
    ClientType.ADVICE: "wants professional advice",
    ClientType.DECIDING: "wants help deciding",
    ClientType.PARTNERSHIP: "wants long-term cooperation",
    ClientType.KEY_ACCOUNT: "key account",
    ClientType.VIP: "VIP client",
    ClientType.GATEKEEPER: "gatekeeper",
}


class Temperament(StrEnum):
    CHOLERIC = "choleric"
    SANGUINE = "sanguine"
    PHLEGMATIC = "phlegmatic"
    MELANCHOLIC = "melancholic"


class Outcome(StrEnum):
    DEAL = "deal"
    APPLICATION = "application"
    MEETING = "meeting"
    CALLBACK = "callback"
    LOST = "lost"
    HUNG_UP = "hung-up"


MeterEffects = Mapping[Meter, int]
Points = Mapping[str, float]


def frozen_map(items: dict | None = None) -> Mapping:  # type: ignore[type-arg]
    return MappingProxyType(dict(items or {}))


# ---------------------------------------------------------------------------------------------
# Rubric


@dataclass(frozen=True, slots=True)
class Skill:
    id: str
    name: str
    weight: float
    description: str
    levels: tuple[tuple[float, str], ...]  # (lowest percent of the band, description), ascending
    must_pass: float | None = None
    location: Location | None = None

    def level(self, percent: float) -> str:
        """The description of the band that `percent` falls in."""
        chosen = self.levels[0][1]
        for floor, description in self.levels:
            if percent >= floor:
                chosen = description
        return chosen


@dataclass(frozen=True, slots=True)
class Rubric:
    pass_mark: float
    skills: Mapping[str, Skill]
    tags: Mapping[str, str]
    location: Location | None = None
    # Tags that fail a call whatever its score, each with the reason the trainee reads.
    critical: Mapping[str, str] = field(default_factory=frozen_map)


# ---------------------------------------------------------------------------------------------
# Personas


@dataclass(frozen=True, slots=True)
class OffScriptLines:
    """How a persona answers one kind of off-script line: what they say, how their meters move."""

    lines: tuple[str, ...] = ()
    effects: MeterEffects = field(default_factory=frozen_map)


# The kinds of off-script line a persona can answer in character (trainer.engine.offscript).
OFF_SCRIPT_KINDS = ("rude", "pushy", "small_talk", "offer", "goodbye", "repeat")


@dataclass(frozen=True, slots=True)
class Persona:
    id: str
    name: str
    role: str
    company: str
    client_type: ClientType
    temperament: Temperament
    wants: str
    brief: str
    meters: Mapping[Meter, int]
    reactions: Mapping[str, MeterEffects]
    fallback_lines: tuple[str, ...]
    hang_up_lines: tuple[str, ...]
    objections: Mapping[str, tuple[str, ...]]
    path: Path
    location: Location | None = None
    tag_locations: Mapping[str, Location] = field(default_factory=frozen_map)
    objection_locations: Mapping[str, Location] = field(default_factory=frozen_map)
    ask_more_lines: tuple[str, ...] = ()  # said when typed words carry nothing to answer yet
    off_script: Mapping[str, OffScriptLines] = field(default_factory=frozen_map)

    @property
    def first_name(self) -> str:
        return self.name.split()[0]


# ---------------------------------------------------------------------------------------------
# Scenarios


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
    target_location: Location | None = None

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
    location: Location | None = None
    persona_locations: tuple[Location, ...] = ()

    def replies(self) -> list[Reply]:
        return [reply for node in self.nodes.values() for reply in node.replies]


# ---------------------------------------------------------------------------------------------
# Catalogue


@dataclass(frozen=True, slots=True)
class TitledText:
    title: str
    text: str


@dataclass(frozen=True, slots=True)
class EquipmentOption:
    setup: str
    offer: str


@dataclass(frozen=True, slots=True)
class Product:
    id: str
    name: str
    category: str
    summary: str
    characteristics: tuple[str, ...]
    differs: tuple[str, ...]
    packaging: str
    options: tuple[EquipmentOption, ...]
    conditions: str
    conditions_published: str
    delivery_days: int
    out_of_stock_days: int
    in_stock: bool
    substitutes: tuple[str, ...]
    price: float
    unit: str
    location: Location | None = None


@dataclass(frozen=True, slots=True)
class VolumeDiscount:
    min_quantity: int
    percent: float


@dataclass(frozen=True, slots=True)
class DeferredPayment:
    days: int
    surcharge_percent: float
    minimum_order: float


@dataclass(frozen=True, slots=True)
class Company:
    name: str
    about: str
    policies: tuple[TitledText, ...] = ()
    tools: tuple[TitledText, ...] = ()
    clients: tuple[TitledText, ...] = ()


@dataclass(frozen=True, slots=True)
class Catalogue:
    company: Company
    products: Mapping[str, Product]
    volume_discounts: tuple[VolumeDiscount, ...]
    deferred_payment: tuple[DeferredPayment, ...]
    currency: str
    path: Path

    def discount_for(self, quantity: int) -> float:
        """The volume discount in percent for an order of `quantity` items."""
        percent = 0.0
        for tier in self.volume_discounts:
            if quantity >= tier.min_quantity:
                percent = max(percent, tier.percent)
        return percent


# ---------------------------------------------------------------------------------------------
# Conversation tests


@dataclass(frozen=True, slots=True)
class ScriptedReply:
    """One step of a conversation test: a reply id, or words typed by the trainee."""

    reply_id: str | None = None
    typed: str | None = None
    location: Location | None = None


@dataclass(frozen=True, slots=True)
class Expectation:
    outcome: Outcome | None = None
    passed: bool | None = None
    score_min: float | None = None
    score_max: float | None = None
    path: tuple[str, ...] | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class ConversationTest:
    name: str
    scenario: str
    persona: str | None
    seed: int
    replies: tuple[ScriptedReply, ...]
    expect: Expectation
    location: Location | None = None


# ---------------------------------------------------------------------------------------------
# The whole set


@dataclass(frozen=True, slots=True)
class ContentSet:
    root: Path
    rubric: Rubric
    personas: Mapping[str, Persona]
    scenarios: Mapping[str, Scenario]
    catalogue: Catalogue | None
    tests: tuple[ConversationTest, ...] = ()
    quizzes: Mapping[str, Quiz] = field(default_factory=frozen_map)
    programme: Programme | None = None

    def scenario(self, scenario_id: str) -> Scenario:
        return lookup(self.scenarios, scenario_id, "scenario")

    def persona(self, persona_id: str) -> Persona:
        return lookup(self.personas, persona_id, "persona")


_T = TypeVar("_T")


def lookup(items: Mapping[str, _T], key: str, what: str) -> _T:
    """`items[key]`, or an error naming the closest known id and listing the others."""
    if key in items:
        return items[key]
    known = ", ".join(sorted(items)) or "none"
    raise TrainerError(f"no {what} '{key}'{suggestion(key, items)}; known {what}s: {known}")
