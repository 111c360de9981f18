"""Draw a scenario's conversation graph as Mermaid or Graphviz DOT text.

A node shows its id and the client's first words (the objection's words for a node that raises
one); an arrow shows the reply's number and id, its tags, and the effects that matter: points,
meter changes, variables set, the objection it counters, and its condition.
"""

from __future__ import annotations

import re
import textwrap

from trainer.content.content_set import ContentSet
from trainer.content.scenario.model import Node, Outcome, Reply, Scenario

OUTCOME_COLOURS = {
    Outcome.DEAL: "#2e7d32",
    Outcome.APPLICATION: "#558b2f",
    Outcome.MEETING: "#1565c0",
    Outcome.CALLBACK: "#f9a825",
    Outcome.LOST: "#c62828",
    Outcome.HUNG_UP: "#6a1b9a",
}
FIRST_WORDS = 48  # characters of the client's line a node shows
WRAP = 26  # characters a label line holds, so the drawing stays narrow
_UNSAFE = re.compile(r"[^A-Za-z0-9_]")


def reply_label(reply: Reply) -> str:
    """`1 intro [introduction] +2 first_impression`: number, id, tags and points."""
    parts = [f"{reply.number} {reply.id}"]
    if reply.tags:
        parts.append(f"[{', '.join(reply.tags)}]")
    parts.extend(f"{points:+g} {skill}" for skill, points in reply.points.items())
    if reply.condition is not None:
        parts.append(f"if {reply.condition.source}")
    return " ".join(parts)


def edge_lines(reply: Reply) -> list[str]:
    """An arrow's label, line by line: who, what it scores, what it changes, when."""
    head = [f"{reply.number} {reply.id}"]
    tags = f"[{', '.join(reply.tags)}]" if reply.tags else ""
    if tags and len(head[0]) + 1 + len(tags) <= WRAP:
        head = [f"{head[0]} {tags}"]
    elif tags:
        head.extend(textwrap.wrap(tags, WRAP))
    scored = [f"{points:+g} {skill}" for skill, points in reply.points.items()]
    scored += [f"{meter.value} {change:+d}" for meter, change in reply.effects.items()]
    changed = [f"{name} = {_value(value)}" for name, value in reply.sets.items()]
    if reply.counters:
        changed.append(f"counters {reply.counters}")
    lines = [*head, *_pack(scored, ", "), *_pack(changed, "; ")]
    if reply.condition is not None:
        lines.extend(textwrap.wrap(f"if {reply.condition.source}", WRAP))
    return lines


def node_lines(scenario: Scenario, node_id: str, content: ContentSet | None = None) -> list[str]:
    """A node's label, line by line: its id (and outcome), then the client's first words."""
    node = scenario.nodes[node_id]
    head = f"{node_id}: {node.ending.outcome.value}" if node.ending else node_id
    words = _first_words(scenario, node, content)
    if len(words) > FIRST_WORDS:
        words = words[: FIRST_WORDS - 1].rsplit(" ", 1)[0] + "…"
    return [head, *textwrap.wrap(f"“{words}”", WRAP)] if words else [head]


def mermaid(scenario: Scenario, content: ContentSet | None = None) -> str:
    """A Mermaid flowchart; endings are coloured by outcome."""
    lines = ["flowchart TD"]
    for node_id, node in scenario.nodes.items():
        name = _mermaid_id(node_id)
        label = "<br/>".join(_mermaid_text(line) for line in node_lines(scenario, node_id, content))
        lines.append(f'    {name}(["{label}"])' if node.ending else f'    {name}["{label}"]')
    for reply in scenario.replies():
        label = "<br/>".join(_mermaid_text(line) for line in edge_lines(reply))
        lines.append(f'    {_mermaid_id(reply.node)} -->|"{label}"| {_mermaid_id(reply.target)}')
    for outcome, colour in OUTCOME_COLOURS.items():
        members = [
            _mermaid_id(node_id)
            for node_id, node in scenario.nodes.items()
            if node.ending is not None and node.ending.outcome is outcome
        ]
        if members:
            style = outcome.value.replace("-", "_")
            lines.append(f"    classDef {style} fill:{colour},color:{text_colour(colour)}")
            lines.append(f"    class {','.join(members)} {style}")
    lines.append(f"    style {_mermaid_id(scenario.start)} stroke-width:3px")
    return "\n".join(lines) + "\n"


def dot(scenario: Scenario, content: ContentSet | None = None) -> str:
    """A Graphviz digraph, top to bottom with narrow labels; endings are coloured by outcome."""
    lines = [
        f"digraph {_dot_quote(scenario.id)} {{",
        "    rankdir=TB; nodesep=0.35; ranksep=0.55;",
        '    node [shape=box, style="rounded", fontname="Helvetica", fontsize=10];',
        '    edge [fontname="Helvetica", fontsize=8, color="#555555"];',
    ]
    for node_id, node in scenario.nodes.items():
        label = _dot_label(node_lines(scenario, node_id, content))
        if node.ending is not None:
            colour = OUTCOME_COLOURS[node.ending.outcome]
            lines.append(
                f"    {_dot_quote(node_id)} [label={label}, shape=ellipse, style=filled, "
                f'fillcolor="{colour}", fontcolor="{text_colour(colour)}"];'
            )
        else:
            width = ", penwidth=3" if node_id == scenario.start else ""
            lines.append(f"    {_dot_quote(node_id)} [label={label}{width}];")
    for reply in scenario.replies():
        lines.append(
            f"    {_dot_quote(reply.node)} -> {_dot_quote(reply.target)} "
            f"[label={_dot_label(edge_lines(reply))}];"
        )
    lines.append("}")
    return "\n".join(lines) + "\n"


def text_colour(fill: str) -> str:
    """Black or white, whichever contrasts more with `fill` (`#rrggbb`), as WCAG measures it."""
    channels = [int(fill[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    on_white = 1.05 / (luminance + 0.05)
    on_black = (luminance + 0.05) / 0.05
    return "#000000" if on_black > on_white else "#ffffff"


def _first_words(scenario: Scenario, node: Node, content: ContentSet | None) -> str:
    line = scenario.first_line(node, content.personas if content is not None else {})
    if line is not None:
        return " ".join(line.split())
    return f"(raises {node.raises})" if node.raises else ""


def _pack(items: list[str], separator: str) -> list[str]:
    """Items on as few lines of about `WRAP` characters as fit, never splitting one."""
    lines: list[str] = []
    for item in items:
        if lines and len(lines[-1]) + len(separator) + len(item) <= WRAP:
            lines[-1] += separator + item
        else:
            if lines and separator.strip():
                lines[-1] += separator.rstrip()
            lines.append(item)
    return lines


def _value(value: object) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


def _mermaid_id(node_id: str) -> str:
    return "n_" + _UNSAFE.sub("_", node_id)


def _mermaid_text(text: str) -> str:
    return text.replace('"', "#quot;")


def _dot_label(lines: list[str]) -> str:
    """Lines as one DOT string, each left-aligned (`\\l`), quotes and backslashes escaped."""
    escaped = [line.replace("\\", "\\\\").replace('"', '\\"') for line in lines]
    return '"' + "\\l".join(escaped) + '\\l"'


def _dot_quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
