"""Draw a scenario's conversation graph as Mermaid or Graphviz DOT text."""

from __future__ import annotations

import re

from trainer.content.scenario.model import Outcome, Reply, Scenario

OUTCOME_COLOURS = {
    Outcome.DEAL: "#2e7d32",
    Outcome.APPLICATION: "#558b2f",
    Outcome.MEETING: "#1565c0",
    Outcome.CALLBACK: "#f9a825",
    Outcome.LOST: "#c62828",
    Outcome.HUNG_UP: "#6a1b9a",
}
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


def mermaid(scenario: Scenario) -> str:
    """A Mermaid flowchart; endings are coloured by outcome."""
    lines = ["flowchart TD"]
    for node_id, node in scenario.nodes.items():
        name = _mermaid_id(node_id)
        if node.ending is not None:
            lines.append(f'    {name}(["{_mermaid_text(node_id)}: {node.ending.outcome.value}"])')
        else:
            lines.append(f'    {name}["{_mermaid_text(node_id)}"]')
    for reply in scenario.replies():
        label = _mermaid_text(reply_label(reply))
        lines.append(f'    {_mermaid_id(reply.node)} -->|"{label}"| {_mermaid_id(reply.target)}')
    for outcome, colour in OUTCOME_COLOURS.items():
        members = [
            _mermaid_id(node_id)
            for node_id, node in scenario.nodes.items()
            if node.ending is not None and node.ending.outcome is outcome
        ]
        if members:
            style = outcome.value.replace("-", "_")
            lines.append(f"    classDef {style} fill:{colour},color:#ffffff")
            lines.append(f"    class {','.join(members)} {style}")
    lines.append(f"    style {_mermaid_id(scenario.start)} stroke-width:3px")
    return "\n".join(lines) + "\n"


def dot(scenario: Scenario) -> str:
    """A Graphviz digraph; endings are coloured by outcome."""
    lines = [f"digraph {_dot_quote(scenario.id)} {{", "    rankdir=TB;", "    node [shape=box];"]
    for node_id, node in scenario.nodes.items():
        if node.ending is not None:
            colour = OUTCOME_COLOURS[node.ending.outcome]
            label = f"{node_id}\\n{node.ending.outcome.value}"
            lines.append(
                f"    {_dot_quote(node_id)} [label={_dot_quote(label, raw=True)}, "
                f'shape=ellipse, style=filled, fillcolor="{colour}", fontcolor="white"];'
            )
        else:
            width = ", penwidth=3" if node_id == scenario.start else ""
            lines.append(f"    {_dot_quote(node_id)} [label={_dot_quote(node_id)}{width}];")
    for reply in scenario.replies():
        lines.append(
            f"    {_dot_quote(reply.node)} -> {_dot_quote(reply.target)} "
            f"[label={_dot_quote(reply_label(reply))}];"
        )
    lines.append("}")
    return "\n".join(lines) + "\n"


def _mermaid_id(node_id: str) -> str:
    return "n_" + _UNSAFE.sub("_", node_id)


def _mermaid_text(text: str) -> str:
    return text.replace('"', "#quot;")


def _dot_quote(text: str, raw: bool = False) -> str:
    escaped = text.replace("\\", "\\\\") if not raw else text
    return '"' + escaped.replace('"', '\\"') + '"'
