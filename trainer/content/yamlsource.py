"""Safe, bounded YAML reading: a file's node tree with the line and column of every value, and
its declared kind (the text itself comes from `files.read_text`)."""

from __future__ import annotations

import itertools
import re
from pathlib import Path
from typing import ClassVar

import yaml

from trainer.content import syntax
from trainer.content.files import text_position
from trainer.errors import ContentError, Location

# The C loader is 8x faster than the pure-Python one; composing keeps every node's position.
_BaseLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_RESOLVED_LIMIT = 50_000  # distinct short plain scalars remembered; content repeats most of them
_RESOLVED_LONGEST = 40  # longer plain scalars are texts, seldom repeated: resolved, not kept
_STR_TAG = "tag:yaml.org,2002:str"
_COLLECTION_TAGS: dict[type, str] = {
    yaml.SequenceNode: "tag:yaml.org,2002:seq",
    yaml.MappingNode: "tag:yaml.org,2002:map",
}


class _Loader(_BaseLoader):  # type: ignore[misc]
    """The safe loader, with the three hooks the composer calls for every node made cheap.

    Even the C composer calls back into Python around each node: to resolve its tag, with
    regular expressions, and to enter and leave it for path resolvers, which the safe loader
    never has. Quoted scalars are text and collections take their default tags, so only plain
    scalars are resolved, each distinct short one once (content repeats the same keys and
    words over and over); entering and leaving do nothing. Together that is about a third of
    composing. The tags are those the safe loader gives: `tests/content` compares them.
    """

    _resolved: ClassVar[dict[str, str]] = {}  # plain scalar -> tag, shared by every file

    def resolve(self, kind: type, value: str, implicit: tuple[bool, bool]) -> str:
        if kind is not yaml.ScalarNode:
            return _COLLECTION_TAGS[kind]
        if not implicit[0]:  # quoted, or a block text: the safe loader reads it as text
            return _STR_TAG
        tag = self._resolved.get(value)
        if tag is None:
            tag = str(super().resolve(kind, value, implicit))
            if len(value) <= _RESOLVED_LONGEST and len(self._resolved) < _RESOLVED_LIMIT:
                self._resolved[value] = tag
        return tag

    def descend_resolver(self, current_node: object, current_index: object) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None


MAX_EXPANDED_NODES = 200_000
MAX_FLOW_DEPTH = 100
_BRACKETS = re.compile(r"[\[\]{}]")
# Where a tag may start: "!" at a line's start or after a space, a colon, a dash or a bracket.
_TAG_HINT = re.compile(r"(?:^|[\s:\-\[{,])!", re.M)
# YAML's own tags (the core schema's and the other types the safe loader knows).
_YAML_TAG_NAMES = "str int float bool null seq map timestamp binary set omap pairs merge value"
_YAML_TAGS = frozenset(f"tag:yaml.org,2002:{name}" for name in _YAML_TAG_NAMES.split(" "))
_NOT_BRACKET_BYTES = bytes(byte for byte in range(256) if byte not in b"[]{}")
_BRACKET_STEPS = [1 if byte in b"[{" else -1 for byte in range(256)]  # indexed by byte


def node_location(path: Path, node: yaml.Node) -> Location:
    mark = node.start_mark
    return Location(path, mark.line + 1, mark.column + 1)


def compose(text: str, path: Path) -> yaml.Node | None:
    """Parse `text` into a YAML node tree, refusing input built to exhaust the machine."""
    _check_flow_depth(text, path)
    try:
        root: yaml.Node | None = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        plain = syntax.explain(text, error)
        if plain is not None:
            raise ContentError(Location(path, plain[0], plain[1]), plain[2]) from error
        mark = error.problem_mark or error.context_mark
        where = Location(path, mark.line + 1, mark.column + 1) if mark else Location(path)
        problem = error.problem or error.context or "not valid YAML"
        raise ContentError(where, f"YAML syntax error: {problem}") from error
    except yaml.reader.ReaderError as error:
        # A character YAML refuses (NUL, a control, U+FFFE): say which, and where.
        character = error.character
        code = ord(character) if isinstance(character, str) else int(character)
        raise ContentError(
            text_position(text, path, error.position),
            f"the character U+{code:04X} is not allowed in a content file "
            f"({error.reason}); remove it",
        ) from error
    except yaml.YAMLError as error:
        raise ContentError(Location(path), f"YAML error: {error}") from error
    if root is not None and "&" in text:  # without anchors there are no aliases to expand
        _check_expanded_size(root, path)
    if root is not None and _TAG_HINT.search(text):  # a tag is written "!" after a separator
        _check_tags(root, path)
    return root


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


def _check_flow_depth(text: str, path: Path) -> None:
    # libyaml's composer recurses per nesting level and crashes the interpreter on very deep
    # flow collections ([[[[...), so bound the depth before handing the text over.
    if text.count("[") + text.count("{") <= MAX_FLOW_DEPTH:
        return
    # The deepest point, counted in C: content with many short lists and mappings would
    # otherwise pay a Python step for each bracket. In UTF-8 no other character has a byte
    # that is a bracket, so the brackets are the bytes left once all others are deleted.
    brackets = text.encode("utf-8", "surrogatepass").translate(None, _NOT_BRACKET_BYTES)
    steps = map(_BRACKET_STEPS.__getitem__, brackets)
    if max(itertools.accumulate(steps), default=0) <= MAX_FLOW_DEPTH:
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


def _check_tags(root: yaml.Node, path: Path) -> None:
    """Refuse an explicit tag other than YAML's own (`!!python/object/apply:...`, `!custom`):
    the safe loader would never run one, but the author should hear why, not "unknown kind"."""
    stack = [root]
    seen: set[int] = set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if node.tag not in _YAML_TAGS:
            raise ContentError(
                node_location(path, node),
                f"YAML tags such as '{_written(node.tag)}' are not allowed in content files; "
                "remove the tag",
            )
        stack.extend(_children(node))


def _written(tag: str) -> str:
    """A tag as its author wrote it: `!!python/...` for YAML's own prefix."""
    prefix = "tag:yaml.org,2002:"
    return "!!" + tag.removeprefix(prefix) if tag.startswith(prefix) else tag


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []
