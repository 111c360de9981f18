"""The building blocks of a content file's shape: each kind declares its shape with them once, its
parser takes its keys from it and `trainer schema` turns it into JSON Schema for editors."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

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


def file_kind(name: str) -> Choice:
    """The `kind:` key that says what a content file is."""
    return Choice("What this file is.", (name,))
