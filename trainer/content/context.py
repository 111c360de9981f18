"""The parse context every kind's parser works in: a Reader over one file's YAML nodes that
returns typed values and records a located Problem for each fault it finds."""

from __future__ import annotations

import re
from collections.abc import Container, Iterable
from enum import Enum
from pathlib import Path
from typing import Any, TypeVar

import yaml

from trainer.content.problems import Problem, Severity, first_error
from trainer.content.shapes import Obj
from trainer.content.suggest import closest, suggestion
from trainer.errors import Location

IDENTIFIER = re.compile(r"^[a-z][a-z0-9_-]*$")
# C0 and C1 controls but tab and newline: escape sequences must never reach a terminal.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

_N = TypeVar("_N", int, float)
_E = TypeVar("_E", bound=Enum)

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"


class Reader:
    """Reads typed values out of one file's node tree, recording a located problem for each fault.

    Every method returns None when the value is unusable, after recording why, so a parser can
    go on and report every problem in the file.
    """

    def __init__(self, path: Path, problems: list[Problem]) -> None:
        self.path = path
        self.problems = problems

    def loc(self, node: yaml.Node) -> Location:
        mark = node.start_mark
        return Location(self.path, mark.line + 1, mark.column + 1)

    def loc_within(self, node: yaml.Node, offset: int) -> Location:
        """The location `offset` characters into a scalar's text, when it sits on one line."""
        style = getattr(node, "style", None)
        location = self.loc(node)
        if style not in (None, "", "'", '"') or "\n" in str(node.value):
            return location  # block or folded text: columns inside it cannot be mapped back
        return location.shifted(offset + (1 if style in ("'", '"') else 0))

    def error(self, where: yaml.Node | Location, message: str) -> None:
        location = where if isinstance(where, Location) else self.loc(where)
        self.problems.append(Problem(location, message))

    def warn(self, where: yaml.Node | Location, message: str) -> None:
        location = where if isinstance(where, Location) else self.loc(where)
        self.problems.append(Problem(location, message, Severity.WARNING))

    def mapping(
        self,
        node: yaml.Node,
        what: str,
        shape: Obj | Iterable[str],
        optional: Iterable[str] = (),
    ) -> dict[str, yaml.Node] | None:
        """The mapping's keys to value nodes; unknown, duplicate and missing keys are problems."""
        if not isinstance(node, yaml.MappingNode):
            self.error(node, f"{what} must be a mapping of keys to values")
            return None
        if isinstance(shape, Obj):
            required, optional = shape.required_keys, shape.optional_keys
            # The shape's own dicts answer "is this key known" without building a tuple.
            required_map: Container[str] = shape.required
            optional_map: Container[str] = shape.optional
        else:
            required = tuple(shape)
            optional = tuple(optional)
            required_map, optional_map = required, optional
        # One pass over the entries (this runs for every mapping of every file), reporting
        # what `entries` reports as it goes and the unknown keys after it, as `entries` would.
        fields: dict[str, yaml.Node] = {}
        unknown: dict[str, yaml.ScalarNode] = {}
        for key_node, value in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == _NULL:
                self.error(key_node, f"keys in {what} must be plain names")
                continue
            key = key_node.value
            if key in fields or key in unknown:
                self.error(key_node, f"duplicate key '{key}' in {what}")
            elif key in required_map or key in optional_map:
                fields[key] = value
            else:
                unknown[key] = key_node
        suggested: set[str] = set()
        for key, key_node in unknown.items():
            known = (*required, *optional)
            self.error(key_node, f"unknown key '{key}' in {what}{suggestion(key, known)}")
            # A likely typo of a required key already says what to fix; no second report.
            suggested.add(closest(key, known) or "")
        for key in required:
            if key not in fields and key not in suggested:
                self.error(node, f"{what} is missing the required key '{key}'")
        return fields

    def entries(
        self, node: yaml.Node | None, what: str
    ) -> list[tuple[str, yaml.ScalarNode, yaml.Node]]:
        """(key, key node, value node) for a mapping with plain keys; duplicates are reported.

        A missing node (None) has no entries; a node that is not a mapping is reported.
        """
        if node is None:
            return []
        if not isinstance(node, yaml.MappingNode):
            self.error(node, f"{what} must be a mapping of keys to values")
            return []
        seen: set[str] = set()
        result: list[tuple[str, yaml.ScalarNode, yaml.Node]] = []
        for key_node, value in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == _NULL:
                self.error(key_node, f"keys in {what} must be plain names")
                continue
            key = key_node.value  # a scalar's value is its text
            if key in seen:
                self.error(key_node, f"duplicate key '{key}' in {what}")
                continue
            seen.add(key)
            result.append((key, key_node, value))
        return result

    def sequence(self, node: yaml.Node, what: str) -> list[yaml.Node] | None:
        if not isinstance(node, yaml.SequenceNode):
            self.error(node, f"{what} must be a list")
            return None
        return list(node.value)

    def scalar(self, node: yaml.Node) -> Any:
        """The Python value of a scalar node (str, int, float, bool or None)."""
        if node.tag == _STR:
            return str(node.value)
        if node.tag == _INT and isinstance(node, yaml.ScalarNode):
            return _whole(node)
        construct = _CONSTRUCTOR.yaml_constructors.get(node.tag)
        return construct(_CONSTRUCTOR, node) if construct else str(node.value)

    def string(self, node: yaml.Node, what: str, *, empty_ok: bool = False) -> str | None:
        if not isinstance(node, yaml.ScalarNode) or node.tag != _STR:
            self.error(node, f"{what} must be text{_why_not_text(node)}")
            return None
        text = str(node.value).strip()
        if not text and not empty_ok:
            self.error(node, f"{what} must not be empty")
            return None
        control = _CONTROL.search(text)
        if control is not None:
            code = f"U+{ord(control.group()):04X}"
            self.error(
                self.loc_within(node, control.start()),
                f"{what} contains the control character {code}, which would reach a "
                "trainee's terminal as a command; remove it",
            )
            return None
        return text

    def identifier(self, node: yaml.Node, what: str) -> str | None:
        if not isinstance(node, yaml.ScalarNode) or node.tag not in (_STR, _INT):
            self.error(node, f"{what} must be an id")
            return None
        text = str(node.value)
        if not IDENTIFIER.match(text):
            self.error(
                node,
                f"{what} '{text}' is not a valid id: use lower-case letters, digits, '_' and '-',"
                " starting with a letter",
            )
            return None
        return text

    def integer(
        self, node: yaml.Node, what: str, low: int | None = None, high: int | None = None
    ) -> int | None:
        if not isinstance(node, yaml.ScalarNode) or node.tag != _INT:
            self.error(node, f"{what} must be a whole number")
            return None
        value = _whole(node)
        if (low is None or value >= low) and (high is None or value <= high):
            return value
        return self._in_range(node, what, value, low, high)

    def number(
        self, node: yaml.Node, what: str, low: float | None = None, high: float | None = None
    ) -> float | None:
        if not isinstance(node, yaml.ScalarNode) or node.tag not in (_INT, _FLOAT):
            self.error(node, f"{what} must be a number")
            return None
        value = float(self.scalar(node))
        if (low is None or value >= low) and (high is None or value <= high):
            return value
        return self._in_range(node, what, value, low, high)

    def _in_range(
        self, node: yaml.Node, what: str, value: _N, low: float | None, high: float | None
    ) -> _N | None:
        if (low is not None and value < low) or (high is not None and value > high):
            bounds = (
                f"from {low:g} to {high:g}"
                if low is not None and high is not None
                else (f"at least {low:g}" if low is not None else f"at most {high:g}")
            )
            self.error(node, f"{what} must be {bounds}, not {value:g}")
            return None
        return value

    def boolean(self, node: yaml.Node, what: str) -> bool | None:
        if not isinstance(node, yaml.ScalarNode) or node.tag != _BOOL:
            self.error(node, f"{what} must be true or false")
            return None
        return bool(self.scalar(node))

    def choice(self, node: yaml.Node, what: str, enum: type[_E]) -> _E | None:
        values = [member.value for member in enum]
        if not isinstance(node, yaml.ScalarNode) or node.value not in values:
            shown = node.value if isinstance(node, yaml.ScalarNode) else "this"
            self.error(
                node,
                f"{what} '{shown}' is not one of: {', '.join(values)}"
                f"{suggestion(str(shown), values)}",
            )
            return None
        return enum(node.value)

    def variants(self, node: yaml.Node, what: str) -> tuple[str, ...] | None:
        """Text given as one string or a list of alternative strings."""
        if isinstance(node, yaml.SequenceNode):
            if not node.value:
                self.error(node, f"{what} needs at least one variant")
                return None
            texts = [self.string(item, f"each variant of {what}") for item in node.value]
            if any(text is None for text in texts):
                return None
            return tuple(text for text in texts if text is not None)
        text = self.string(node, what)
        return (text,) if text is not None else None

    def id_list(self, node: yaml.Node, what: str) -> list[tuple[str, yaml.Node]]:
        """A list of ids (or a single id), each with its node for later reference checks."""
        items = node.value if isinstance(node, yaml.SequenceNode) else [node]
        result = []
        for item in items:
            value = self.identifier(item, f"each entry of {what}")
            if value is not None:
                result.append((value, item))
        return result

    def strings(self, node: yaml.Node, what: str) -> tuple[str, ...]:
        """A list of texts; each faulty entry is reported and left out."""
        items = self.sequence(node, what) or []
        texts = (self.string(item, f"each entry of {what}") for item in items)
        return tuple(text for text in texts if text)


def _whole(node: yaml.ScalarNode) -> int:
    """The value of a scalar YAML resolved as a whole number."""
    text = str(node.value)
    # Plain decimals, signed or not, directly; YAML 1.1 also reads 017 (octal),
    # 0x1F, 0b101, 1_000 and 1:30 (sexagesimal), which its own constructor handles.
    digits = text[1:] if text[:1] in ("-", "+") else text
    if digits.isascii() and digits.isdigit() and (digits[0] != "0" or len(digits) == 1):
        return int(text)
    return int(_CONSTRUCTOR.construct_yaml_int(node))


def _why_not_text(node: yaml.Node) -> str:
    """What YAML read instead of text, and the quoting that makes it text."""
    if not isinstance(node, yaml.ScalarNode):
        return ""
    if node.tag == _NULL:
        return ": nothing is written here"
    read_as = {_BOOL: "a yes/no value", _INT: "a number", _FLOAT: "a number"}.get(node.tag)
    if read_as is None:
        return ""
    value = str(node.value)
    return f'; YAML reads {value} as {read_as}: put it in quotes to make it text, "{value}"'


# Scalar constructors keep no state, so one shared constructor serves every file.
_CONSTRUCTOR = yaml.constructor.SafeConstructor()

# Problem, Severity and first_error live in `problems`, which a set read back from the cache
# uses without PyYAML; the parsers and checks keep finding them here.
__all__ = ["IDENTIFIER", "Problem", "Reader", "Severity", "first_error"]
