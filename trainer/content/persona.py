"""Personas (kind: persona): the scripted clients a trainee calls, their meters and their lines."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from trainer.content.frozen import frozen_map
from trainer.content.shapes import Choice, Id, MapOf, Number, Obj, Text, Variants, file_kind
from trainer.content.suggest import suggestion
from trainer.errors import Location

if TYPE_CHECKING:
    import yaml

    from trainer.content.context import Reader

# ---------------------------------------------------------------------------------------------
# Model


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

    @property
    def approach(self) -> str:
        """How to handle a client of this temperament, as a trainee can act on it."""
        return _APPROACHES[self]


_APPROACHES = {
    Temperament.CHOLERIC: "Quick-tempered and short of time: be brief and concrete, stay calm, "
    "never argue back.",
    Temperament.SANGUINE: "Lively and talkative: enjoy the chat, then steer back to the point and "
    "pin down a next step.",
    Temperament.PHLEGMATIC: "Calm and slow to decide: give facts and time, and do not push for an "
    "answer today.",
    Temperament.MELANCHOLIC: "Cautious and easily worried: reassure with specifics and confirm "
    "every promise in writing.",
}


MeterEffects = Mapping[Meter, int]


@dataclass(frozen=True, slots=True)
class OffScriptLines:
    """How a persona answers one kind of off-script line: what they say, how their meters move."""

    lines: tuple[str, ...] = ()
    effects: MeterEffects = field(default_factory=frozen_map)


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
# Shape

METERS = tuple(meter.value for meter in Meter)
EFFECTS = MapOf(
    "Meter changes, e.g. {patience: -25}.", Number(whole=True, minimum=-100, maximum=100), METERS
)
PERSONA_METERS = Obj(
    "Starting values, 0 to 100.",
    required={meter: Number(whole=True, minimum=0, maximum=100) for meter in METERS},
)
PERSONA_LINES = Obj(
    required={
        "fallback": Variants(
            "Said when a typed reply is not understood. Lines asking who is calling are not "
            "used once the trainee has introduced themselves."
        ),
        "hang_up": Variants("Said when patience runs out."),
    },
    optional={
        "ask_more": Variants("Said when typed words carry nothing to answer yet ('ok', 'so')."),
    },
)
OFF_SCRIPT_REACTION = Obj(
    "The persona's answer to one kind of off-script line.",
    optional={
        "lines": Variants("What the client says."),
        "effects": EFFECTS,
    },
)
OFF_SCRIPT = Obj(
    "How the persona answers lines that are off the script; each kind has a sensible default.",
    optional={
        "rude": OFF_SCRIPT_REACTION,
        "pushy": OFF_SCRIPT_REACTION,
        "small_talk": OFF_SCRIPT_REACTION,
        "offer": OFF_SCRIPT_REACTION,
        "goodbye": OFF_SCRIPT_REACTION,
        "repeat": OFF_SCRIPT_REACTION,
        "wrong_fact": Obj(
            "The persona's query of a wrong figure in typed words (the figure said leads it).",
            optional={"lines": Variants("What the client says."), "effects": EFFECTS},
        ),
    },
)
PERSONA = Obj(
    "A scripted client.",
    required={
        "kind": file_kind("persona"),
        "id": Id(),
        "name": Text(),
        "role": Text(),
        "company": Text(),
        "client_type": Choice("What kind of client.", tuple(kind.value for kind in ClientType)),
        "temperament": Choice(values=tuple(kind.value for kind in Temperament)),
        "brief": Text("What the trainee reads before the call."),
        "meters": PERSONA_METERS,
        "lines": PERSONA_LINES,
    },
    optional={
        "wants": Text("What the client wants, in one line."),
        "reactions": MapOf("Reply tag to meter changes.", EFFECTS),
        "objections": MapOf("Objection id to the client's words.", Variants()),
        "off_script": OFF_SCRIPT,
    },
)


# ---------------------------------------------------------------------------------------------
# Parser


def read_effects(reader: Reader, node: yaml.Node, what: str) -> MeterEffects:
    """Meter changes, e.g. `{patience: -25}`, as replies and reactions give them."""
    effects: dict[Meter, int] = {}
    for key, key_node, value in reader.entries(node, what):
        meter = reader.choice(key_node, f"meter in {what}", Meter)
        amount = reader.integer(value, f"the change to {key}", -100, 100)
        if meter is not None and amount is not None:
            effects[meter] = amount
    return frozen_map(effects)


def parse_persona(
    reader: Reader, root: yaml.Node, tags: Mapping[str, str] | None
) -> Persona | None:
    """The persona in one file; `tags` are those its reactions may name (None: not checked)."""
    fields = reader.mapping(root, "the persona", PERSONA)
    if fields is None:
        return None
    persona_id = reader.identifier(fields["id"], "the persona id") if "id" in fields else None
    texts = {
        key: reader.string(fields[key], key) if key in fields else None
        for key in ("name", "role", "company", "brief")
    }
    wants = reader.string(fields["wants"], "wants") if "wants" in fields else ""
    client_type = (
        reader.choice(fields["client_type"], "client_type", ClientType)
        if "client_type" in fields
        else None
    )
    temperament = (
        reader.choice(fields["temperament"], "temperament", Temperament)
        if "temperament" in fields
        else None
    )
    meters = _persona_meters(reader, fields.get("meters"))
    reactions: dict[str, MeterEffects] = {}
    tag_locations: dict[str, Location] = {}
    for tag, key_node, value in reader.entries(fields.get("reactions"), "reactions"):
        if tags is not None and tag not in tags:
            reader.error(
                key_node, f"tag '{tag}' is not declared in the rubric{suggestion(tag, tags)}"
            )
            continue
        reactions[tag] = read_effects(reader, value, f"the reaction to '{tag}'")
        tag_locations[tag] = reader.loc(key_node)
    fallback, hang_up, ask_more = _persona_lines(reader, fields.get("lines"))
    off_script = _off_script(reader, fields.get("off_script"))
    objections: dict[str, tuple[str, ...]] = {}
    objection_locations: dict[str, Location] = {}
    for objection, key_node, value in reader.entries(fields.get("objections"), "objections"):
        if reader.identifier(key_node, "objection id") is None:
            continue
        words = reader.variants(value, f"objection '{objection}'")
        if words is not None:
            objections[objection] = words
            objection_locations[objection] = reader.loc(key_node)
    required = (persona_id, client_type, temperament, meters, fallback, hang_up, *texts.values())
    if any(value is None for value in required):
        return None
    assert persona_id and client_type and temperament and meters and fallback and hang_up
    return Persona(
        id=persona_id,
        name=texts["name"] or "",
        role=texts["role"] or "",
        company=texts["company"] or "",
        client_type=client_type,
        temperament=temperament,
        wants=wants or "",
        brief=texts["brief"] or "",
        meters=meters,
        reactions=frozen_map(reactions),
        fallback_lines=fallback,
        hang_up_lines=hang_up,
        objections=frozen_map(objections),
        path=reader.path,
        location=reader.loc(root),
        tag_locations=frozen_map(tag_locations),
        objection_locations=frozen_map(objection_locations),
        ask_more_lines=ask_more,
        off_script=frozen_map(off_script),
    )


def _persona_meters(reader: Reader, node: yaml.Node | None) -> dict[Meter, int] | None:
    if node is None:
        return None
    fields = reader.mapping(node, "meters", PERSONA_METERS)
    if fields is None:
        return None
    meters = {
        Meter(key): reader.integer(value, f"the starting {key}", 0, 100)
        for key, value in fields.items()
    }
    if len(meters) != len(Meter) or any(value is None for value in meters.values()):
        return None
    if meters[Meter.PATIENCE] == 0:
        reader.error(
            fields["patience"], "starting patience must be above 0, or the client hangs up at once"
        )
        return None
    return {meter: value for meter, value in meters.items() if value is not None}


def _persona_lines(
    reader: Reader, node: yaml.Node | None
) -> tuple[tuple[str, ...] | None, tuple[str, ...] | None, tuple[str, ...]]:
    if node is None:
        return None, None, ()
    fields = reader.mapping(node, "lines", PERSONA_LINES)
    if fields is None:
        return None, None, ()
    ask_more = (
        reader.variants(fields["ask_more"], "the ask-more line") if "ask_more" in fields else None
    )
    fallback = (
        reader.variants(fields["fallback"], "the fallback line") if "fallback" in fields else None
    )
    hang_up = (
        reader.variants(fields["hang_up"], "the hang-up line") if "hang_up" in fields else None
    )
    return fallback, hang_up, ask_more or ()


def _off_script(reader: Reader, node: yaml.Node | None) -> dict[str, OffScriptLines]:
    if node is None:
        return {}
    fields = reader.mapping(node, "off_script", OFF_SCRIPT)
    if fields is None:
        return {}
    reactions: dict[str, OffScriptLines] = {}
    for kind, value in fields.items():
        entry = reader.mapping(value, f"off_script {kind}", OFF_SCRIPT_REACTION)
        if entry is None:
            continue
        lines = reader.variants(entry["lines"], f"the {kind} lines") if "lines" in entry else ()
        effects = (
            read_effects(reader, entry["effects"], f"the {kind} effects")
            if "effects" in entry
            else frozen_map()
        )
        reactions[kind] = OffScriptLines(lines or (), effects)
    return reactions
