"""The shape of every content file, declared once: the parsers take their keys from here and
`trainer schema` turns it into JSON Schema for editors."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from trainer.content.models import ClientType, Meter, Outcome, Temperament

JSON = dict[str, Any]
ID_PATTERN = "^[a-z][a-z0-9_-]*$"


@dataclass(frozen=True)
class Shape:
    description: str = ""

    def schema(self) -> JSON:
        raise NotImplementedError

    def _described(self, schema: JSON) -> JSON:
        return {**schema, "description": self.description} if self.description else schema


@dataclass(frozen=True)
class Text(Shape):
    def schema(self) -> JSON:
        return self._described({"type": "string", "minLength": 1})


@dataclass(frozen=True)
class Id(Shape):
    pattern: str = ID_PATTERN

    def schema(self) -> JSON:
        return self._described({"type": "string", "pattern": self.pattern})


@dataclass(frozen=True)
class Number(Shape):
    minimum: float | None = None
    maximum: float | None = None
    whole: bool = False

    def schema(self) -> JSON:
        schema: JSON = {"type": "integer" if self.whole else "number"}
        if self.minimum is not None:
            schema["minimum"] = self.minimum
        if self.maximum is not None:
            schema["maximum"] = self.maximum
        return self._described(schema)


@dataclass(frozen=True)
class Flag(Shape):
    def schema(self) -> JSON:
        return self._described({"type": "boolean"})


@dataclass(frozen=True)
class Choice(Shape):
    values: tuple[str, ...] = ()

    def schema(self) -> JSON:
        return self._described({"enum": list(self.values)})


@dataclass(frozen=True)
class Scalar(Shape):
    """A number, a text or true/false (variables and their values)."""

    def schema(self) -> JSON:
        return self._described({"type": ["number", "string", "boolean"]})


@dataclass(frozen=True)
class Variants(Shape):
    """One text, or a list of alternative texts."""

    def schema(self) -> JSON:
        text = {"type": "string", "minLength": 1}
        return self._described({"anyOf": [text, {"type": "array", "items": text, "minItems": 1}]})


@dataclass(frozen=True)
class ListOf(Shape):
    item: Shape = field(default_factory=Text)
    single_allowed: bool = False  # a single item may be written without the list

    def schema(self) -> JSON:
        listed = {"type": "array", "items": self.item.schema()}
        if self.single_allowed:
            return self._described({"anyOf": [self.item.schema(), listed]})
        return self._described(listed)


@dataclass(frozen=True)
class MapOf(Shape):
    """A mapping with free keys (ids) to values of one shape."""

    value: Shape = field(default_factory=Text)
    keys: tuple[str, ...] | None = None  # when the keys come from a closed set

    def schema(self) -> JSON:
        schema: JSON = {"type": "object", "additionalProperties": self.value.schema()}
        if self.keys is not None:
            schema["propertyNames"] = {"enum": list(self.keys)}
        return self._described(schema)


@dataclass(frozen=True)
class OneOf(Shape):
    options: tuple[Shape, ...] = ()

    def schema(self) -> JSON:
        return self._described({"anyOf": [option.schema() for option in self.options]})


@dataclass(frozen=True)
class Obj(Shape):
    """A mapping with known keys; any other key is an error."""

    required: dict[str, Shape] = field(default_factory=dict)
    optional: dict[str, Shape] = field(default_factory=dict)

    @cached_property
    def required_keys(self) -> tuple[str, ...]:
        return tuple(self.required)

    @cached_property
    def optional_keys(self) -> tuple[str, ...]:
        return tuple(self.optional)

    def schema(self) -> JSON:
        properties = {
            name: shape.schema() for name, shape in {**self.required, **self.optional}.items()
        }
        schema: JSON = {"type": "object", "properties": properties, "additionalProperties": False}
        if self.required:
            schema["required"] = list(self.required)
        return self._described(schema)


def _kind(name: str) -> Choice:
    return Choice("What this file is.", (name,))


METERS = tuple(meter.value for meter in Meter)
EFFECTS = MapOf(
    "Meter changes, e.g. {patience: -25}.", Number(whole=True, minimum=-100, maximum=100), METERS
)
POINTS = MapOf("Rubric skill to points (may be negative).", Number(minimum=-100, maximum=100))

SKILL = Obj(
    "A skill replies are scored on.",
    required={
        "name": Text("Shown on the scorecard."),
        "weight": Number("How much the skill counts in the total.", minimum=0),
        "description": Text(),
        "levels": MapOf(
            "Lowest percent of each band (from 0) to what that level looks like.", Text()
        ),
    },
    optional={"must_pass": Number("A call cannot pass below this percent.", 0, 100)},
)
RUBRIC = Obj(
    "The skills every call is scored on.",
    required={
        "kind": _kind("rubric"),
        "pass_mark": Number("Percent of the weighted score needed to pass.", 0, 100),
        "skills": MapOf("Skill id to skill.", SKILL),
        "tags": MapOf("Tag id to a one-line description.", Text()),
    },
    optional={
        "critical": MapOf(
            "Tags that fail a call whatever its score (compliance breaches), each to the reason "
            "the trainee reads, in plain words.",
            Text(),
        ),
    },
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
    },
)
PERSONA = Obj(
    "A scripted client.",
    required={
        "kind": _kind("persona"),
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

REPLY = Obj(
    "What the trainee can say.",
    required={"text": Text(), "to": Id("The node it leads to.")},
    optional={
        "id": Id("Unique within the node; defaults to the reply's number."),
        "tags": ListOf("Rubric tags.", Id(), single_allowed=True),
        "points": POINTS,
        "effects": EFFECTS,
        "note": Text("The coach's comment."),
        "keywords": ListOf("Words that identify this reply in typed text.", Text()),
        "examples": ListOf("How a trainee might say this reply in their own words.", Text()),
        "when": Text("A guard condition, e.g. trust >= 50 and not offered_discount."),
        "set": MapOf("Variables to set.", Scalar()),
        "counters": Id("The objection this reply answers."),
    },
)
ENDING = Obj(
    required={"outcome": Choice(values=tuple(outcome.value for outcome in Outcome))},
    optional={"points": POINTS, "note": Text()},
)
NODE = Obj(
    "One moment of the call.",
    optional={
        "say": Variants("The client's line."),
        "speaker": Id("A role from cast."),
        "raises": Id("An objection id of the persona."),
        "hint": Text(),
        "replies": ListOf(item=REPLY),
        "ending": ENDING,
    },
)
SCENARIO = Obj(
    "One conversation.",
    required={
        "kind": _kind("scenario"),
        "id": Id(),
        "title": Text(),
        "stage": Number("Programme stage.", 2, 4, whole=True),
        "personas": ListOf(
            "Who the client can be; the first is the default.", Id(), single_allowed=True
        ),
        "goal": Text(),
        "success": ListOf(
            "Outcomes that reach the goal.", Choice(values=tuple(o.value for o in Outcome))
        ),
        "start": Id(),
        "nodes": MapOf("Node id to node.", NODE),
    },
    optional={
        "exam": Flag("True for the final exam."),
        "cast": MapOf("Role to persona id.", Id()),
        "pass_mark": Number(minimum=0, maximum=100),
        "match_threshold": Number("How sure free-text matching must be.", 1, 100),
        "shuffle_replies": Flag("Offer replies in a seeded order (default true)."),
        "variables": MapOf("Variable to its starting value.", Scalar()),
    },
)

TITLED = Obj(required={"title": Text(), "text": Text()})
COMPANY = Obj(
    required={"name": Text(), "about": Text()},
    optional={
        "policies": ListOf(item=TITLED),
        "tools": ListOf(item=TITLED),
        "clients": ListOf(item=TITLED),
    },
)
OPTION = Obj(required={"for": Text("The client's setup."), "offer": Text("What fits it.")})
PRODUCT = Obj(
    required={
        "id": Id(pattern="^[a-z0-9][a-z0-9._-]*$"),
        "name": Text(),
        "category": Text(),
        "summary": Text(),
        "packaging": Text(),
        "conditions": Text("Conditions of use."),
        "conditions_published": Text("Where the client can read them."),
        "unit": Text(),
        "characteristics": ListOf(item=Text()),
        "differs": ListOf("How it differs from competitors' products.", Text()),
        "delivery_days": Number("Days from our warehouse.", minimum=0, whole=True),
        "out_of_stock_days": Number("Days when it must be ordered.", minimum=0, whole=True),
        "price": Number(minimum=0),
    },
    optional={
        "options": ListOf("Compatible equipment options.", OPTION),
        "in_stock": Flag(),
        "substitutes": ListOf(
            "Products to offer when it is out of stock.", Id(pattern="^[a-z0-9][a-z0-9._-]*$")
        ),
    },
)
VOLUME_DISCOUNT = Obj(
    required={
        "min_quantity": Number(minimum=1, whole=True),
        "percent": Number(minimum=0, maximum=100),
    }
)
DEFERRED_PAYMENT = Obj(
    required={
        "days": Number(minimum=1, whole=True),
        "surcharge_percent": Number(minimum=0, maximum=100),
        "minimum_order": Number(minimum=0),
    }
)
CATALOGUE = Obj(
    "The company and what it sells.",
    required={
        "kind": _kind("catalogue"),
        "company": COMPANY,
        "products": ListOf(item=PRODUCT),
        "currency": Text(),
    },
    optional={
        "volume_discounts": ListOf(item=VOLUME_DISCOUNT),
        "deferred_payment": ListOf(item=DEFERRED_PAYMENT),
    },
)

SCORE_RANGE = Obj(
    optional={"min": Number(minimum=0, maximum=100), "max": Number(minimum=0, maximum=100)}
)
EXPECT = Obj(
    optional={
        "outcome": Choice(values=tuple(o.value for o in Outcome)),
        "passed": Flag(),
        "score": SCORE_RANGE,
        "path": ListOf("Nodes visited, in order.", Id()),
        "note": Text("A fragment of some coach note."),
    }
)
TYPED_REPLY = Obj(required={"say": Text("Words typed by the trainee.")})
CONVERSATION_TEST = Obj(
    required={
        "name": Text(),
        "replies": ListOf(item=OneOf("A reply id, or {say: typed words}.", (Id(), TYPED_REPLY))),
        "expect": EXPECT,
    },
    optional={"persona": Id(), "seed": Number(minimum=0, whole=True)},
)
TESTS = Obj(
    "Conversation tests of one scenario.",
    required={"kind": _kind("test"), "scenario": Id(), "tests": ListOf(item=CONVERSATION_TEST)},
)

CORE_KINDS: dict[str, Obj] = {
    "rubric": RUBRIC,
    "persona": PERSONA,
    "scenario": SCENARIO,
    "catalogue": CATALOGUE,
    "test": TESTS,
}


def all_kinds() -> dict[str, Obj]:
    """Every kind of content file and its shape, the quiz and programme ones included."""
    # quiz.py and programme.py build on the shapes here, so they are imported on demand.
    from trainer.content.programme import PROGRAMME
    from trainer.content.quiz import QUIZ
    from trainer.content.typed import TYPED

    return {**CORE_KINDS, "quiz": QUIZ, "programme": PROGRAMME, "typed": TYPED}


def json_schema(kind: str) -> JSON:
    """The JSON Schema of one kind of content file."""
    shape = all_kinds()[kind]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://trainer.invalid/schema/{kind}.schema.json",
        "title": f"trainer {kind}",
        **shape.schema(),
    }
