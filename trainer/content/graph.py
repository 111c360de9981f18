"""Graph analysis of a scenario: reachability, dead ends and the best score each skill can reach."""

from __future__ import annotations

from collections.abc import Mapping

from trainer.content.models import Rubric, Scenario
from trainer.content.yamlsource import Problem, Severity
from trainer.errors import Location


def successors(scenario: Scenario) -> dict[str, list[str]]:
    return {
        node_id: [reply.target for reply in node.replies]
        for node_id, node in scenario.nodes.items()
    }


def reachable(scenario: Scenario) -> set[str]:
    """Every node a call can get to from the start, ignoring guards."""
    edges = successors(scenario)
    seen = {scenario.start}
    stack = [scenario.start]
    while stack:
        for target in edges[stack.pop()]:
            if target not in seen:
                seen.add(target)
                stack.append(target)
    return seen


def strongly_connected(edges: Mapping[str, list[str]]) -> list[list[str]]:
    """Tarjan's components, iteratively, in reverse topological order (sinks first)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[list[str]] = []
    counter = 0
    for root in edges:
        if root in index:
            continue
        work = [(root, 0)]
        while work:
            node, child_position = work.pop()
            if child_position == 0:
                index[node] = low[node] = counter
                counter += 1
                stack.append(node)
                on_stack.add(node)
            children = edges[node]
            recursed = False
            for position in range(child_position, len(children)):
                child = children[position]
                if child not in index:
                    work.append((node, position + 1))
                    work.append((child, 0))
                    recursed = True
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            if recursed:
                continue
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                components.append(component)
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return components


def skill_maxima(scenario: Scenario) -> dict[str, float]:
    """The most points each skill can earn on any one call through the scenario.

    A reply's points count once per call, so inside a loop every positive reply can be collected
    before leaving it; condensing loops makes this a longest path on a DAG. Guards are ignored,
    which can only overstate what is reachable.
    """
    edges = successors(scenario)
    components = strongly_connected(edges)
    component_of = {node: number for number, members in enumerate(components) for node in members}
    skills = {
        skill
        for node in scenario.nodes.values()
        for points in [*(r.points for r in node.replies), node.ending.points if node.ending else {}]
        for skill in points
    }
    maxima: dict[str, float] = {}
    for skill in skills:
        best: dict[int, float] = {}
        for number, members in enumerate(components):  # sinks first
            inside = 0.0
            leaving = [float("-inf")]
            for member in members:
                node = scenario.nodes[member]
                if node.ending is not None:
                    leaving.append(node.ending.points.get(skill, 0.0))
                for reply in node.replies:
                    gain = reply.points.get(skill, 0.0)
                    target = component_of[reply.target]
                    if target == number:
                        inside += max(gain, 0.0)
                    else:
                        leaving.append(gain + best[target])
            best[number] = inside + max(leaving)
        top = best[component_of[scenario.start]]
        if top > 0:
            maxima[skill] = top
    return maxima


def analyse(scenario: Scenario, rubric: Rubric | None) -> list[Problem]:
    """Structural problems of one scenario: unreachable nodes, dead ends, unreachable goals."""
    problems: list[Problem] = []
    where = scenario.location or Location(scenario.path)
    seen = reachable(scenario)
    for node_id, node in scenario.nodes.items():
        if node_id not in seen:
            problems.append(
                Problem(
                    node.location or where,
                    f"node '{node_id}' can never be reached from '{scenario.start}'",
                    Severity.WARNING,
                )
            )
    ends = {node_id for node_id, node in scenario.nodes.items() if node.ending}
    can_end = _reverse_reachable(scenario, ends)
    for node_id in sorted(seen - can_end, key=list(scenario.nodes).index):
        node = scenario.nodes[node_id]
        problems.append(
            Problem(
                node.location or where,
                f"no ending can be reached from node '{node_id}': a call that gets there never ends",
            )
        )
    goals = {n for n in ends & seen if scenario.nodes[n].ending.outcome in scenario.success}  # type: ignore[union-attr]
    if not goals:
        outcomes = ", ".join(sorted(outcome.value for outcome in scenario.success))
        problems.append(Problem(where, f"no reachable ending has a success outcome ({outcomes})"))
    if rubric is not None and not skill_maxima(scenario):
        problems.append(
            Problem(where, "no reply or ending earns points: the call cannot be scored")
        )
    return problems


def _reverse_reachable(scenario: Scenario, targets: set[str]) -> set[str]:
    incoming: dict[str, list[str]] = {node_id: [] for node_id in scenario.nodes}
    for node_id, node in scenario.nodes.items():
        for reply in node.replies:
            incoming[reply.target].append(node_id)
    seen = set(targets)
    stack = list(targets)
    while stack:
        for source in incoming[stack.pop()]:
            if source not in seen:
                seen.add(source)
                stack.append(source)
    return seen
