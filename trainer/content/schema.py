"""The JSON Schema of every kind of content file, from each kind's shape, for `trainer schema`.

With the content in use (`ContentIds`) the schemas also list its ids, so an editor completes
persona ids, tags, skills, objections, scenario, quiz and product ids, and flags a typo in one
while it is typed. Node ids are offered as suggestions (`examples`) rather than a closed list:
JSON Schema cannot tie a reply's `to:` to the nodes of its own file, and a closed list of the
set's nodes would flag the node being written.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Literal

from trainer.content.catalogue import CATALOGUE
from trainer.content.content_set import ContentSet
from trainer.content.conversation_tests import TESTS
from trainer.content.persona import PERSONA
from trainer.content.programme import PROGRAMME
from trainer.content.quiz.shape import QUIZ
from trainer.content.rubric import RUBRIC, known_tags
from trainer.content.scenario.shape import SCENARIO
from trainer.content.shapes import JSON, Obj
from trainer.content.typed import TYPED

_KIND_SHAPES: dict[str, Obj] = {
    "rubric": RUBRIC,
    "persona": PERSONA,
    "scenario": SCENARIO,
    "catalogue": CATALOGUE,
    "test": TESTS,
    "quiz": QUIZ,
    "programme": PROGRAMME,
    "typed": TYPED,
}

IdKind = Literal[
    "persona", "tag", "skill", "objection", "scenario", "exam", "node", "quiz", "product"
]
# How the ids apply: a value one of them, the keys of a mapping, or a value suggested only.
Use = Literal["value", "keys", "suggested"]

_NODE = "properties/nodes/additionalProperties/properties"
_REPLY = f"{_NODE}/replies/items/properties"
_TEST = "properties/tests/items/properties"
_EXAM = "properties/stages/properties/exam/properties"
_SOURCE = "properties/items/items/properties/source/anyOf"

# Where each kind's schema takes ids of the content in use. A test checks that every path
# exists, so a change of shape that moves one cannot leave the ids silently unapplied.
ID_PATHS: dict[str, tuple[tuple[str, IdKind, Use], ...]] = {
    "scenario": (
        ("properties/personas/anyOf/0", "persona", "value"),
        ("properties/personas/anyOf/1/items", "persona", "value"),
        ("properties/cast/additionalProperties", "persona", "value"),
        ("properties/start", "node", "suggested"),
        (f"{_NODE}/raises", "objection", "value"),
        (f"{_REPLY}/to", "node", "suggested"),
        (f"{_REPLY}/tags/anyOf/0", "tag", "value"),
        (f"{_REPLY}/tags/anyOf/1/items", "tag", "value"),
        (f"{_REPLY}/points", "skill", "keys"),
        (f"{_REPLY}/counters", "objection", "value"),
        (f"{_NODE}/ending/properties/points", "skill", "keys"),
    ),
    "persona": (("properties/reactions", "tag", "keys"),),
    "test": (
        ("properties/scenario", "scenario", "value"),
        (f"{_TEST}/persona", "persona", "value"),
        (f"{_TEST}/expect/properties/path/items", "node", "suggested"),
    ),
    "typed": (
        ("properties/scenario", "scenario", "value"),
        ("properties/lines/items/properties/at", "node", "suggested"),
    ),
    "programme": (
        ("properties/stages/properties/introduction/properties/quiz", "quiz", "value"),
        ("properties/stages/properties/product/properties/quiz", "quiz", "value"),
        (f"{_EXAM}/scenario", "exam", "value"),
        (f"{_EXAM}/scenarios/items", "exam", "value"),
    ),
    "quiz": (
        (f"{_SOURCE}/0/properties/product", "product", "value"),
        (f"{_SOURCE}/1/items/properties/product", "product", "value"),
    ),
}


@dataclass(frozen=True, slots=True)
class ContentIds:
    """The ids a content set defines, by kind, sorted."""

    ids: dict[IdKind, tuple[str, ...]]

    @classmethod
    def of(cls, content: ContentSet) -> ContentIds:
        scenarios = content.scenarios.values()
        products = content.catalogue.products if content.catalogue is not None else {}
        found: dict[IdKind, set[str]] = {
            "persona": set(content.personas),
            "tag": set(known_tags(content.rubric) or {}),
            "skill": set(content.rubric.skills),
            "objection": {o for persona in content.personas.values() for o in persona.objections},
            "scenario": set(content.scenarios),
            "exam": {scenario.id for scenario in scenarios if scenario.exam},
            "node": {node for scenario in scenarios for node in scenario.nodes},
            "quiz": set(content.quizzes),
            "product": set(products),
        }
        return cls({kind: tuple(sorted(values)) for kind, values in found.items()})


def all_kinds() -> dict[str, Obj]:
    """Every kind of content file and its shape, typed-line files included."""
    return dict(_KIND_SHAPES)


def json_schema(kind: str, ids: ContentIds | None = None) -> JSON:
    """The JSON Schema of one kind of content file; with `ids`, the content's ids in it."""
    shape = _KIND_SHAPES[kind]
    schema: JSON = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://trainer.invalid/schema/{kind}.schema.json",
        "title": f"trainer {kind}",
        **shape.schema(),
    }
    if ids is None:
        return schema
    schema = copy.deepcopy(schema)
    for path, id_kind, use in ID_PATHS.get(kind, ()):
        values = list(ids.ids[id_kind])
        if not values:  # none defined yet: a closed empty list would refuse every value
            continue
        target = at_path(schema, path)
        if use == "value":
            target["enum"] = values
        elif use == "keys":
            target["propertyNames"] = {"enum": values}
        else:
            target["examples"] = values
    return schema


def at_path(schema: JSON, path: str) -> JSON:
    """The sub-schema at a `/`-separated path of keys and list indexes."""
    node: object = schema
    for step in path.split("/"):
        node = node[int(step)] if isinstance(node, list) else node[step]  # type: ignore[index]
    assert isinstance(node, dict), path
    return node
