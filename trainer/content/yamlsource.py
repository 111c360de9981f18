"""Safe, bounded YAML reading that keeps the line and column of every value."""

from __future__ import annotations

import contextlib
import gc
import os
import re
import stat
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any, ClassVar, TypeVar

import yaml

from trainer.content.shapes import Obj
from trainer.content.suggest import closest, suggestion
from trainer.errors import ContentError, Location

# The C loader is 8x faster than the pure-Python one; composing keeps every node's position.
_BaseLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_RESOLVED_LIMIT = 50_000  # distinct short scalars remembered; content repeats most of them


class _Loader(_BaseLoader):  # type: ignore[misc]
    """The safe loader, remembering how each short plain scalar resolves.

    Even the C loader resolves every scalar's tag with Python regular expressions, about a
    third of the parse time; content files repeat the same keys and words over and over.
    """

    _resolved: ClassVar[dict[tuple[str, tuple[bool, bool]], str]] = {}  # shared by every file

    def resolve(self, kind: type, value: str, implicit: tuple[bool, bool]) -> str:
        if kind is not yaml.ScalarNode or len(value) > 40:
            return str(super().resolve(kind, value, implicit))
        key = (value, implicit)
        tag = self._resolved.get(key)
        if tag is None:
            tag = str(super().resolve(kind, value, implicit))
            if len(self._resolved) < _RESOLVED_LIMIT:
                self._resolved[key] = tag
        return tag


MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_EXPANDED_NODES = 200_000
MAX_FLOW_DEPTH = 100
IDENTIFIER = re.compile(r"^[a-z][a-z0-9_-]*$")
_BRACKETS = re.compile(r"[\[\]{}]")
# C0 and C1 controls but tab and newline: escape sequences must never reach a terminal.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

_N = TypeVar("_N", int, float)
_E = TypeVar("_E", bound=Enum)

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"


class Severity(Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with the content, located as precisely as the check allows."""

    location: Location
    message: str
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        prefix = "warning: " if self.severity is Severity.WARNING else ""
        return f"{self.location}: {prefix}{self.message}"

    def as_error(self) -> ContentError:
        return ContentError(self.location, self.message)


def node_location(path: Path, node: yaml.Node) -> Location:
    mark = node.start_mark
    return Location(path, mark.line + 1, mark.column + 1)


def compose(text: str, path: Path) -> yaml.Node | None:
    """Parse `text` into a YAML node tree, refusing input built to exhaust the machine."""
    _check_flow_depth(text, path)
    try:
        root: yaml.Node | None = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = Location(path, mark.line + 1, mark.column + 1) if mark else Location(path)
        problem = error.problem or error.context or "not valid YAML"
        raise ContentError(where, f"YAML syntax error: {problem}") from error
    except yaml.reader.ReaderError as error:
        # A character YAML refuses (NUL, a control, U+FFFE): say which, and where.
        character = error.character
        code = ord(character) if isinstance(character, str) else int(character)
        raise ContentError(
            _position(text, path, error.position),
            f"the character U+{code:04X} is not allowed in a content file "
            f"({error.reason}); remove it",
        ) from error
    except yaml.YAMLError as error:
        raise ContentError(Location(path), f"YAML error: {error}") from error
    if root is not None and "&" in text:  # without anchors there are no aliases to expand
        _check_expanded_size(root, path)
    return root


def _position(text: str, path: Path, offset: int) -> Location:
    line_start = text.rfind("\n", 0, offset) + 1
    return Location(path, text.count("\n", 0, offset) + 1, offset - line_start + 1)


def declared_kind(text: str, path: Path) -> str | None:
    """The scalar under the `kind` key of the document's top mapping, read off the parser's
    events as far as that key only (no node tree is built).

    None when the events do not tell: not a mapping, no `kind`, an alias or a syntax error on
    the way; composing the file then says what is wrong. Nesting too deep raises ContentError.
    """
    _check_flow_depth(text, path)
    parser = _Loader(text)
    depth = 0
    position = 0  # nodes seen so far in the top mapping: keys at even positions, values at odd
    after_kind = False  # the key just seen was `kind`
    try:
        while parser.check_event():
            event = parser.get_event()
            if isinstance(event, yaml.CollectionStartEvent):
                if depth == 0 and not isinstance(event, yaml.MappingStartEvent):
                    return None
                if depth == 1 and after_kind:
                    return None  # `kind:` is given a list or a mapping
                depth += 1
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
                if depth <= 1:
                    position += 1
                if depth == 0:
                    return None  # the whole top mapping, and no `kind`
            elif depth == 1 and isinstance(event, yaml.AliasEvent):
                return None
            elif depth == 1 and isinstance(event, yaml.ScalarEvent):
                if position % 2 == 1 and after_kind:
                    return str(event.value)
                after_kind = position % 2 == 0 and event.value == "kind"
                position += 1
            elif depth == 0 and isinstance(event, yaml.ScalarEvent | yaml.AliasEvent):
                return None
    except yaml.YAMLError:
        return None
    finally:
        parser.dispose()
    return None


def read_text(path: Path, shown_as: Path) -> str:
    """The file's text, refusing anything but a regular file of hand-written size.

    A FIFO would block the open or the read forever and a device (a symlink to /dev/zero)
    reports size 0 and never ends, so the file is opened without blocking, its type checked
    on the open descriptor (after every symlink is followed), and at most the cap read.
    """
    megabytes = MAX_FILE_BYTES // (1024 * 1024)
    limit = f"content files are limited to {megabytes} MB"
    try:
        descriptor = os.open(path, _READ_FLAGS)
    except OSError as error:
        raise ContentError(Location(shown_as), f"cannot read file: {_reason(error)}") from error
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            raise ContentError(
                Location(shown_as), f"{_file_type(status.st_mode)}, not a file; only files are read"
            )
        if status.st_size > MAX_FILE_BYTES:
            raise ContentError(
                Location(shown_as), f"file is {status.st_size / 1e6:.1f} MB; {limit}"
            )
        with os.fdopen(descriptor, "rb", closefd=False) as file:
            data = file.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise ContentError(Location(shown_as), f"cannot read file: {_reason(error)}") from error
    finally:
        os.close(descriptor)
    if len(data) > MAX_FILE_BYTES:  # the file grew after it was measured
        raise ContentError(Location(shown_as), f"file is over {megabytes} MB; {limit}")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        good = data[: error.start].decode("utf-8")
        raise ContentError(
            _position(good, shown_as, len(good)), "file is not UTF-8 text"
        ) from error
    # Universal newlines, as reading in text mode gives: the same text (and digest) on any OS.
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


# Never block on a FIFO, never become its controlling terminal, never pass the descriptor on;
# the flags a platform lacks (Windows has neither FIFOs nor terminals as files) are left out.
_READ_FLAGS = os.O_RDONLY
for _flag in ("O_NONBLOCK", "O_NOCTTY", "O_CLOEXEC", "O_BINARY"):
    _READ_FLAGS |= getattr(os, _flag, 0)


def _reason(error: OSError) -> str:
    return error.strerror or type(error).__name__


def _file_type(mode: int) -> str:
    for check, name in (
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    ):
        if check(mode):
            return name
    return "a special file"


_gc_lock = threading.Lock()
_gc_pauses = 0  # callers inside `cyclic_gc_paused`; the collector resumes when none is left
_gc_resume = False  # whether the collector ran before the first of them paused it


@contextlib.contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a content set is read and checked.

    Node trees and models are hundreds of thousands of objects, none of them garbage: each
    full collection walks them all again, which made checking grow with the square of the
    size (20k nodes: 4.4 s, 2.0 s paused). Cyclic garbage made meanwhile waits till after.
    """
    global _gc_pauses, _gc_resume
    with _gc_lock:
        if _gc_pauses == 0:
            _gc_resume = gc.isenabled()
            gc.disable()
        _gc_pauses += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_pauses -= 1
            if _gc_pauses == 0 and _gc_resume:
                gc.enable()


def _check_flow_depth(text: str, path: Path) -> None:
    # libyaml's composer recurses per nesting level and crashes the interpreter on very deep
    # flow collections ([[[[...), so bound the depth before handing the text over.
    if text.count("[") + text.count("{") <= MAX_FLOW_DEPTH:
        return
    depth = 0
    for match in _BRACKETS.finditer(text):
        depth += 1 if match.group() in "[{" else -1
        if depth > MAX_FLOW_DEPTH:
            line = text.count("\n", 0, match.start()) + 1
            raise ContentError(
                Location(path, line), f"nesting is deeper than {MAX_FLOW_DEPTH} levels"
            )


def _check_expanded_size(root: yaml.Node, path: Path) -> None:
    """Refuse alias bombs: documents whose aliases expand to far more nodes than they hold."""
    sizes: dict[int, int] = {}
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        if id(node) in sizes:
            continue
        children = _children(node)
        if not children_done and children:
            stack.append((node, True))
            stack.extend((child, False) for child in children if id(child) not in sizes)
            continue
        total = 1 + sum(sizes.get(id(child), 0) for child in children)
        if total > MAX_EXPANDED_NODES:
            raise ContentError(
                node_location(path, node),
                f"document expands to more than {MAX_EXPANDED_NODES:,} values through "
                "aliases; refusing it (a YAML alias bomb?)",
            )
        sizes[id(node)] = total


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


class Reader:
    """Reads typed values out of one file's node tree, recording a located problem for each fault.

    Every method returns None when the value is unusable, after recording why, so a parser can
    go on and report every problem in the file.
    """

    def __init__(self, path: Path, problems: list[Problem]) -> None:
        self.path = path
        self.problems = problems

    def loc(self, node: yaml.Node) -> Location:
        return node_location(self.path, node)

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
        else:
            required = tuple(shape)
        known = (*required, *optional)
        entries = self.entries(node, what)
        fields: dict[str, yaml.Node] = {}
        suggested: set[str] = set()
        for key, key_node, value in entries:
            if key not in known:
                self.error(key_node, f"unknown key '{key}' in {what}{suggestion(key, known)}")
                # A likely typo of a required key already says what to fix; no second report.
                suggested.add(closest(key, known) or "")
                continue
            fields[key] = value
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
            key = str(key_node.value)
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
        construct = _CONSTRUCTOR.yaml_constructors.get(node.tag)
        return construct(_CONSTRUCTOR, node) if construct else str(node.value)

    def string(self, node: yaml.Node, what: str, *, empty_ok: bool = False) -> str | None:
        if not isinstance(node, yaml.ScalarNode) or node.tag != _STR:
            self.error(node, f"{what} must be text")
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
        return self._in_range(node, what, int(self.scalar(node)), low, high)

    def number(
        self, node: yaml.Node, what: str, low: float | None = None, high: float | None = None
    ) -> float | None:
        if not isinstance(node, yaml.ScalarNode) or node.tag not in (_INT, _FLOAT):
            self.error(node, f"{what} must be a number")
            return None
        return self._in_range(node, what, float(self.scalar(node)), low, high)

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


# Scalar constructors keep no state, so one shared constructor serves every file.
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
