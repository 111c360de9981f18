"""The shape of a scenario file: the keys its parser accepts, and its JSON Schema for editors."""

from __future__ import annotations

from trainer.content.persona import EFFECTS
from trainer.content.scenario.model import CallType, Outcome
from trainer.content.shapes import (
    Choice,
    Flag,
    Id,
    ListOf,
    MapOf,
    Number,
    Obj,
    Scalar,
    Text,
    Variants,
    file_kind,
)

POINTS = MapOf("Rubric skill to points (may be negative).", Number(minimum=-100, maximum=100))

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
        "on_goodbye": Id(
            "Where the trainee's goodbye leads from here, e.g. the next call of a block of "
            "short calls; without it a goodbye ends the call."
        ),
    },
)
SCENARIO = Obj(
    "One conversation.",
    required={
        "kind": file_kind("scenario"),
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
        "call_type": Choice(
            "What kind of call it practises; the programme can require one of each kind.",
            values=tuple(call_type.value for call_type in CallType),
        ),
        "cast": MapOf("Role to persona id.", Id()),
        "pass_mark": Number(minimum=0, maximum=100),
        "match_threshold": Number("How sure free-text matching must be.", 1, 100),
        "shuffle_replies": Flag("Offer replies in a seeded order (default true)."),
        "variables": MapOf("Variable to its starting value.", Scalar()),
    },
)
