"""Graph algorithms over a scenario: reachability, loops, and score extremes over all paths."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence

from trainer.content.scenario.model import Ending, Node, Outcome, Reply, Scenario


def successors(scenario: Scenario) -> dict[str, list[str]]:
    return {
        node_id: [reply.target for reply in node.replies]
        for node_id, node in scenario.nodes.items()
    }


def reachable(scenario: Scenario) -> set[str]:
    """Every node a call can get to from the start, ignoring guards."""
    return _closure({scenario.start}, successors(scenario))


def _closure(starts: set[str], edges: Mapping[str, list[str]]) -> set[str]:
    """Every node reachable from `starts` along `edges`, the starts included."""
    seen = set(starts)
    stack = list(starts)
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


Values = Mapping[str, float]
EndingValues = Mapping[str, float | None]  # None: this ending may not close a path for that key


def path_extremes(
    scenario: Scenario,
    keys: Sequence[str],
    reply_values: Callable[[Reply], Values],
    ending_values: Callable[[Ending], EndingValues],
    usable: Callable[[Reply], bool] = lambda reply: True,
) -> dict[str, tuple[float, float]]:
    """For each key, the lowest and highest total over calls from the start to an ending.

    A reply's value counts once per call, so inside a loop every reply can be collected (or
    skipped) before leaving it; condensing loops makes this a shortest and a longest path on a
    DAG, linear in the size of the graph. Replies for which `usable` is false are left out; a
    key with no path to an ending is missing from the result.
    """
    return extremes_from(scenario, keys, reply_values, ending_values, usable)(scenario.start)


def extremes_from(
    scenario: Scenario,
    keys: Sequence[str],
    reply_values: Callable[[Reply], Values],
    ending_values: Callable[[Ending], EndingValues],
    usable: Callable[[Reply], bool] = lambda reply: True,
) -> Callable[[str], dict[str, tuple[float, float]]]:
    """`path_extremes` from any node: the graph is condensed and walked once, then each node's
    extremes are a look-up (a caller asking about many nodes pays the walk once)."""
    offered = {
        node_id: [reply for reply in node.replies if usable(reply)]
        for node_id, node in scenario.nodes.items()
    }
    edges = {node_id: [reply.target for reply in replies] for node_id, replies in offered.items()}
    components = strongly_connected(edges)
    component_of = {node: number for number, members in enumerate(components) for node in members}
    wanted = dict.fromkeys(keys)
    # Per component, each key's [lowest, highest] total from it to an ending; a key with no
    # path to an ending from the component is missing.
    extremes: list[dict[str, list[float]]] = []
    for number, members in enumerate(components):  # sinks first
        inside_low = dict.fromkeys(keys, 0.0)
        inside_high = dict.fromkeys(keys, 0.0)
        leaving: dict[str, list[float]] = {}  # per key, the best [low, high] of leaving it
        for member in members:
            node = scenario.nodes[member]
            if node.ending is not None:
                values = ending_values(node.ending)
                for key in keys:
                    value = values.get(key, 0.0)
                    if value is not None:
                        _widen(leaving, key, value, value)
            for reply in offered[member]:
                gains = reply_values(reply)
                target = component_of[reply.target]
                if target == number:
                    # A gain of 0 changes neither sum: only the keys the reply gives count.
                    for key, gain in gains.items():
                        if key in wanted:
                            if gain < 0.0:
                                inside_low[key] += gain
                            elif gain > 0.0:
                                inside_high[key] += gain
                    continue
                for key, (low, high) in extremes[target].items():
                    gain = gains.get(key, 0.0)
                    _widen(leaving, key, gain + low, gain + high)
        extremes.append(
            {
                key: [inside_low[key] + low, inside_high[key] + high]
                for key, (low, high) in leaving.items()
            }
        )

    def from_node(node_id: str) -> dict[str, tuple[float, float]]:
        found = extremes[component_of[node_id]]
        return {key: (found[key][0], found[key][1]) for key in keys if key in found}

    return from_node


def _widen(found: dict[str, list[float]], key: str, low: float, high: float) -> None:
    """Take [low, high] into the lowest and highest seen for `key`."""
    seen = found.get(key)
    if seen is None:
        found[key] = [low, high]
        return
    if low < seen[0]:
        seen[0] = low
    if high > seen[1]:
        seen[1] = high


def scored_skills(scenario: Scenario) -> set[str]:
    """Every skill some reply or ending of the scenario gives points in."""
    skills: set[str] = set()
    for node in scenario.nodes.values():
        for reply in node.replies:
            skills.update(reply.points)
        if node.ending is not None:
            skills.update(node.ending.points)
    return skills


def skill_maxima(scenario: Scenario, critical: Collection[str] = ()) -> dict[str, float]:
    """The most points each skill can earn on one call that reaches the goal honestly.

    Only calls that end in a success outcome without a reply tagged with one of `critical`
    count: a skill's best is what a passing call can earn, so a trainee is not measured
    against points that only a failed or non-compliant call collects. A scenario whose goal
    cannot be reached that way is measured over every call instead. Guards are ignored,
    which can only overstate what is reachable, never understate it.
    """
    keys = sorted(scored_skills(scenario))
    banned = frozenset(critical)

    def successful(ending: Ending) -> dict[str, float | None]:
        if ending.outcome not in scenario.success:
            return dict.fromkeys(keys)
        return {key: ending.points.get(key, 0.0) for key in keys}

    extremes = path_extremes(
        scenario,
        keys,
        lambda reply: reply.points,
        successful,
        lambda reply: banned.isdisjoint(reply.tags),
    )
    if not extremes:
        extremes = path_extremes(scenario, keys, lambda reply: reply.points, lambda e: e.points)
    return {skill: high for skill, (_, high) in extremes.items() if high > 0}


def nearest_ending(
    scenario: Scenario, node_id: str, outcome: Outcome, speaker: str | None
) -> Ending | None:
    """The ending with `outcome` said by `speaker` (None: the client) that is fewest replies
    away from `node_id`, or any such ending when none is reachable; None when there is none."""

    def matches(node: Node) -> bool:
        return (
            node.ending is not None and node.ending.outcome is outcome and node.speaker == speaker
        )

    seen = {node_id}
    frontier = [node_id]
    while frontier:
        for current in frontier:
            if matches(scenario.nodes[current]):
                return scenario.nodes[current].ending
        following = []
        for current in frontier:
            for reply in scenario.nodes[current].replies:
                if reply.target not in seen:
                    seen.add(reply.target)
                    following.append(reply.target)
        frontier = following
    return next((node.ending for node in scenario.nodes.values() if matches(node)), None)


def reverse_reachable(scenario: Scenario, targets: set[str]) -> set[str]:
    """Every node from which one of `targets` can be reached."""
    incoming: dict[str, list[str]] = {node_id: [] for node_id in scenario.nodes}
    for node_id, node in scenario.nodes.items():
        for reply in node.replies:
            incoming[reply.target].append(node_id)
    return _closure(targets, incoming)


def weak_replies(scenario: Scenario) -> frozenset[str]:
    """The keys of the replies a mentor should see chosen less: those whose points sum below
    zero (a mistake the author marked), and those earning none at a node where another reply
    earns some (a chance missed). Replies that earn points, and nodes where none does, are not
    weak."""
    weak: set[str] = set()
    for node in scenario.nodes.values():
        best = max((sum(reply.points.values()) for reply in node.replies), default=0.0)
        for reply in node.replies:
            earned = sum(reply.points.values())
            if earned < 0 or (earned == 0 and best > 0):
                weak.add(reply.key)
    return frozenset(weak)
