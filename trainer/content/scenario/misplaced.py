"""Nodes written outside `nodes:` (a node moved to column 1): one error naming the node and the
fix, instead of an unknown key and an error for every reply that goes to it."""

from __future__ import annotations

import yaml

from trainer.content.context import Reader
from trainer.content.scenario import shape

_NODE_KEYS = frozenset((*shape.NODE.required_keys, *shape.NODE.optional_keys))


def set_aside(reader: Reader, root: yaml.Node) -> tuple[yaml.Node, set[str]]:
    """`root` without the node-like entries at its top level, each reported where it starts,
    and the ids of the nodes they hold (which then exist, for the replies that go to them)."""
    if not isinstance(root, yaml.MappingNode):
        return root, set()
    known = {*shape.SCENARIO.required_keys, *shape.SCENARIO.optional_keys}
    nodes_key = next(
        (key for key, _ in root.value if isinstance(key, yaml.ScalarNode) and key.value == "nodes"),
        None,
    )
    kept: list[tuple[yaml.Node, yaml.Node]] = []
    hidden: set[str] = set()
    for key, value in root.value:
        name = key.value if isinstance(key, yaml.ScalarNode) else None
        if not isinstance(name, str) or name in known or not _looks_like_node(value):
            kept.append((key, value))
            continue
        hidden.add(name)
        # Nodes after it, indented under it, came along: they are not missing either.
        hidden.update(
            str(inner.value)
            for inner, inner_value in value.value
            if isinstance(inner, yaml.ScalarNode) and _looks_like_node(inner_value)
        )
        column = ""
        if nodes_key is not None:
            column = f" to column {nodes_key.start_mark.column + 3}"
        reader.error(
            key,
            f"'{name}' looks like a node, but it is not indented under 'nodes:', so it is read "
            f"as a key of the scenario: indent it and the lines under it{column}, like the other "
            "nodes",
        )
    if len(kept) == len(root.value):
        return root, hidden
    return yaml.MappingNode(root.tag, kept, root.start_mark, root.end_mark), hidden


def _looks_like_node(value: yaml.Node) -> bool:
    if not isinstance(value, yaml.MappingNode):
        return False
    keys = {key.value for key, _ in value.value if isinstance(key, yaml.ScalarNode)}
    return bool(keys & {"say", "replies", "ending", "raises"}) and keys <= _NODE_KEYS | {
        str(key.value)
        for key, inner in value.value
        if isinstance(key, yaml.ScalarNode) and _looks_like_node(inner)
    }
