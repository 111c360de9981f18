"""The JSON Schema of every kind of content file, from each kind's shape, for `trainer schema`."""

from __future__ import annotations

from trainer.content.catalogue import CATALOGUE
from trainer.content.conversation_tests import TESTS
from trainer.content.persona import PERSONA
from trainer.content.programme import PROGRAMME
from trainer.content.quiz.shape import QUIZ
from trainer.content.rubric import RUBRIC
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


def all_kinds() -> dict[str, Obj]:
    """Every kind of content file and its shape, typed-line files included."""
    return dict(_KIND_SHAPES)


def json_schema(kind: str) -> JSON:
    """The JSON Schema of one kind of content file."""
    shape = _KIND_SHAPES[kind]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://trainer.invalid/schema/{kind}.schema.json",
        "title": f"trainer {kind}",
        **shape.schema(),
    }
